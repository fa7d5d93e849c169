"""The rights PDF: the shared HTML-to-PDF engine and bundled fonts, a small Jinja2 template
(from the documents' one environment factory, with the language's typography).

The template only lays out text already translated and formatted (``rights.compose``).
"""

from __future__ import annotations

from siec_desk.documents.engine.pdf import RenderedPdf, html_to_pdf
from siec_desk.documents.engine.templates import document_environment
from siec_desk.documents.rights.content import RightsContent

TEMPLATE = "export.html"
STYLESHEET = ("rights", "rights.css")


def rights_html(content: RightsContent) -> str:
    env = document_environment("rights", content.language, typography=True)
    return env.get_template(TEMPLATE).render(c=content)


def render_rights_pdf(content: RightsContent) -> RenderedPdf:
    return html_to_pdf(
        rights_html(content), STYLESHEET, base=("rights",), identifier=content.identifier
    )
