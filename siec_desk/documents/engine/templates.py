"""The one Jinja2 environment factory of every printed document (letters, rights export,
activity report, network report), with the filters that keep left-to-right values
readable inside Arabic text.

:func:`document_environment` gives the templates of ``resources/<folder>``: autoescaped,
strict (an unknown name is an error), ``{% trans %}`` in the document's language, the
bidi filters (``ltr``, ``bidi``, ``paragraphs``, the ``colon`` global) and, in Arabic, a
``finalize`` that isolates the left-to-right runs of every printed text
(:func:`~siec_desk.core.formatting.isolate_ltr_runs`). With ``typography=True`` (letters,
rights export) every text also gets its language's typography (French no-break spaces,
curly apostrophes), the template's own translated texts included.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from siec_desk.core.formatting import isolate_ltr_runs, typeset
from siec_desk.core.formatting import ltr as ltr_text
from siec_desk.core.i18n import translations_for
from siec_desk.core.paths import resource_path

_BLANK_LINES = re.compile(r"\n\s*\n")

#: Extra filters a document adds: ``(name, function)`` pairs (hashable, for the cache).
Filters = tuple[tuple[str, Callable[..., Any]], ...]


def ltr(value: object) -> Markup:
    """A value that always reads left to right (phone, e-mail, reference, web address)."""
    text = str(value or "")
    # The isolates inside the span survive where markup does not: a running footer takes
    # the text only (CSS string-set), and would reverse "2026-008987" in Arabic.
    return Markup('<span dir="ltr">{}</span>').format(ltr_text(text)) if text else Markup("")


def direction_of(text: str) -> str:
    """'rtl' if the first strong character is Arabic/Hebrew, else 'ltr'."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


def bidi(value: object, language: str = "") -> Markup:
    """A value of either script (a name, a street) in its own direction, as typed (no
    typography: "N'Diaye" stays as the household spells it)."""
    del language  # the same in every language
    text = str(value or "")
    if not text:
        return Markup("")
    return Markup('<span dir="{}">{}</span>').format(direction_of(text), isolate_ltr_runs(text))


def block_direction(text: str) -> str:
    """The direction of a paragraph of free text: its script when it has only one (a
    legal text typed in Latin letters inside an Arabic letter keeps its final full stop on
    the right), else its first letter's."""
    kinds = {unicodedata.bidirectional(char) for char in text}
    if "L" not in kinds:
        return "rtl" if kinds & {"R", "AL"} else ""
    if not kinds & {"R", "AL"}:
        return "ltr"
    return direction_of(text)


def paragraphs(value: object, language: str = "") -> Markup:
    """Free text typed by the advisor: blank lines make paragraphs, newlines line breaks;
    each paragraph in its own direction."""
    text = str(value or "").strip()
    blocks = [b for b in _BLANK_LINES.split(text) if b.strip()]
    out = []
    for block in blocks:
        lines = Markup("<br>").join(
            escape(typeset(isolate_ltr_runs(line), language)) for line in block.splitlines()
        )
        direction = block_direction(block)
        if direction:
            out.append(Markup('<p dir="{}">{}</p>').format(direction, lines))
        else:
            out.append(Markup("<p>{}</p>").format(lines))
    return Markup("").join(out)


def finalize(value: object, language: str = "ar") -> object:
    """Every plain text a template prints keeps its numbers, references and e-mails in
    reading order inside Arabic, and the typography of its language (filters that return
    markup have done it already)."""
    if isinstance(value, str) and not isinstance(value, Markup):
        if language == "ar":
            value = isolate_ltr_runs(value)
        return typeset(value, language)
    return value


@lru_cache(maxsize=16)
def document_environment(
    folder: str, language: str, *, typography: bool = False, filters: Filters = ()
) -> Environment:
    """The templates of ``resources/<folder>`` in *language* (see the module doc);
    *filters*: the document's own filters, added to the shared ones."""
    env = Environment(
        loader=FileSystemLoader(str(resource_path(folder))),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    translations = translations_for(language)
    env.filters.update(
        ltr=ltr,
        bidi=lambda value, _language="": bidi(value, language),
        paragraphs=lambda value, _language="": paragraphs(value, language),
    )
    env.filters.update(dict(filters))
    env.globals["colon"] = "\u00a0:" if language == "fr" else ":"
    if typography:

        def gettext(message: str) -> str:  # the template's own texts get the same treatment
            return str(finalize(translations.gettext(message), language))

        def ngettext(singular: str, plural: str, n: int) -> str:
            return str(finalize(translations.ngettext(singular, plural, n), language))

        env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
        env.finalize = lambda value: finalize(value, language)
    else:
        env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
        if language == "ar":  # isolates only where the text runs right to left
            env.finalize = finalize
    return env
