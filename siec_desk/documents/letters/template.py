"""The Jinja2 environment of letters: autoescaped, translated in the letter's language,
with filters that keep left-to-right values readable inside Arabic text."""

from __future__ import annotations

import base64
import re
import unicodedata
from functools import lru_cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template, select_autoescape
from markupsafe import Markup, escape

from siec_desk.core.formatting import isolate_ltr_runs, typeset
from siec_desk.core.formatting import ltr as ltr_text
from siec_desk.core.i18n import translations_for
from siec_desk.core.paths import resource_path
from siec_desk.documents.letters.content import Image, LetterContent

TEMPLATE_NAME = "letter.html"
_BLANK_LINES = re.compile(r"\n\s*\n")


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


def data_uri(image: Image) -> str:
    return f"data:{image.mime};base64,{base64.b64encode(image.data).decode('ascii')}"


@lru_cache(maxsize=4)
def environment(language: str) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(resource_path("letters"))),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    translations = translations_for(language)

    def gettext(message: str) -> str:  # the template's own texts get the same treatment
        return str(finalize(translations.gettext(message), language))

    def ngettext(singular: str, plural: str, n: int) -> str:
        return str(finalize(translations.ngettext(singular, plural, n), language))

    env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
    typeset_filters(env, language)
    env.filters.update(data_uri=data_uri)
    return env


def typeset_filters(env: Environment, language: str) -> None:
    """The filters and the finalizer shared by the printed documents (letters, rights
    export) for *language*: LTR values isolated, typography of the language, and
    ``colon`` (":" as the language prints it after a label in markup)."""
    env.filters.update(
        ltr=ltr,
        bidi=lambda value: bidi(value, language),
        paragraphs=lambda value: paragraphs(value, language),
    )
    env.globals["colon"] = "\u00a0:" if language == "fr" else ":"
    env.finalize = lambda value: finalize(value, language)


def finalize(value: object, language: str = "ar") -> object:
    """Every plain text a template prints keeps its numbers, references and e-mails in
    reading order inside Arabic, and the typography of its language (filters that return
    markup have done it already)."""
    if isinstance(value, str) and not isinstance(value, Markup):
        if language == "ar":
            value = isolate_ltr_runs(value)
        return typeset(value, language)
    return value


def template(language: str) -> Template:
    return environment(language).get_template(TEMPLATE_NAME)


def render_html(content: LetterContent) -> str:
    return template(content.language).render(c=content)
