"""The rights PDF: the shared HTML-to-PDF engine and bundled fonts, a small Jinja2 template.

The template only lays out text already translated and formatted (``rights.compose``).
"""

from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from siec_desk.core.paths import resource_path
from siec_desk.documents.engine.pdf import RenderedPdf, html_to_pdf
from siec_desk.documents.letters.template import typeset_filters
from siec_desk.documents.rights.content import RightsContent

TEMPLATE = "export.html"
STYLESHEET = ("rights", "rights.css")


@lru_cache(maxsize=4)
def _environment(language: str) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(resource_path("rights"))),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    typeset_filters(env, language)
    return env


def rights_html(content: RightsContent) -> str:
    return _environment(content.language).get_template(TEMPLATE).render(c=content)


def render_rights_pdf(content: RightsContent) -> RenderedPdf:
    return html_to_pdf(
        rights_html(content), STYLESHEET, base=("rights",), identifier=content.identifier
    )
