"""The letter's template (``resources/letters/letter.html``) in the letter's language,
from the one Jinja2 environment factory of the documents (``documents.engine.templates``:
autoescaped, translated, bidi filters, the language's typography) plus ``data_uri`` for
the logo and the signature."""

from __future__ import annotations

import base64

from jinja2 import Template

from siec_desk.documents.engine.templates import document_environment
from siec_desk.documents.letters.content import Image, LetterContent

TEMPLATE_NAME = "letter.html"


def data_uri(image: Image) -> str:
    return f"data:{image.mime};base64,{base64.b64encode(image.data).decode('ascii')}"


def template(language: str) -> Template:
    env = document_environment(
        "letters", language, typography=True, filters=(("data_uri", data_uri),)
    )
    return env.get_template(TEMPLATE_NAME)


def render_html(content: LetterContent) -> str:
    return template(content.language).render(c=content)
