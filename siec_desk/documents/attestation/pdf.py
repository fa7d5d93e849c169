"""The attestation PDF (the shared HTML-to-PDF engine, ``resources/attestation``), and the
"archived" kind: an attestation already issued is shown again from its archived file, so
a reprint is the very same document."""

from __future__ import annotations

from dataclasses import dataclass

from siec_desk.documents.attestation.content import AttestationContent
from siec_desk.documents.engine.pdf import RenderedPdf, html_to_pdf
from siec_desk.documents.engine.templates import document_environment

TEMPLATE = "attestation.html"
STYLESHEET = ("attestation", "attestation.css")


@dataclass(frozen=True)
class ArchivedPdf:
    """An archived document's bytes, shown again as they are."""

    pdf: bytes
    pages: int


def attestation_html(content: AttestationContent) -> str:
    env = document_environment("attestation", content.language, typography=True)
    return env.get_template(TEMPLATE).render(c=content)


def render_attestation_pdf(content: AttestationContent) -> RenderedPdf:
    return html_to_pdf(
        attestation_html(content), STYLESHEET, base=("attestation",), identifier=content.identifier
    )


def archived_pdf(content: ArchivedPdf) -> RenderedPdf:
    return RenderedPdf(pdf=content.pdf, pages=content.pages, warnings=())
