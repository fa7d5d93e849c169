"""The Jinja2 environment of letters: autoescaped, translated in the letter's language,
with filters that keep left-to-right values readable inside Arabic text."""

from __future__ import annotations

import base64
import re
import unicodedata
from functools import lru_cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template, select_autoescape
from markupsafe import Markup, escape

from siec_desk.formatting import isolate_ltr_runs
from siec_desk.formatting import ltr as ltr_text
from siec_desk.i18n import translations_for
from siec_desk.letters.content import Image, LetterContent
from siec_desk.paths import resource_path

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


def bidi(value: object) -> Markup:
    """A value of either script (a name, a street) in its own direction."""
    text = str(value or "")
    if not text:
        return Markup("")
    return Markup('<span dir="{}">{}</span>').format(direction_of(text), isolate_ltr_runs(text))


def paragraphs(value: object) -> Markup:
    """Free text typed by the advisor: blank lines make paragraphs, newlines line breaks."""
    text = str(value or "").strip()
    blocks = [b for b in _BLANK_LINES.split(text) if b.strip()]
    return Markup("").join(
        Markup("<p>{}</p>").format(
            Markup("<br>").join(escape(isolate_ltr_runs(line)) for line in b.splitlines())
        )
        for b in blocks
    )


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
    env.install_gettext_translations(translations_for(language), newstyle=True)  # type: ignore[attr-defined]
    env.filters.update(ltr=ltr, bidi=bidi, paragraphs=paragraphs, data_uri=data_uri)
    if language == "ar":  # isolates only where the text runs right to left
        env.finalize = finalize
    return env


def finalize(value: object) -> object:
    """Every plain text a template prints keeps its numbers, references and e-mails in
    reading order inside Arabic (filters that return markup have done it already)."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return isolate_ltr_runs(value)
    return value


def template(language: str) -> Template:
    return environment(language).get_template(TEMPLATE_NAME)


def render_html(content: LetterContent) -> str:
    return template(content.language).render(c=content)
