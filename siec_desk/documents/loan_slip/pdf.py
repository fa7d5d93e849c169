"""The loan slip PDF (the shared HTML-to-PDF engine, ``resources/loan_slip``)."""

from __future__ import annotations

from siec_desk.documents.engine.pdf import RenderedPdf, html_to_pdf
from siec_desk.documents.engine.templates import document_environment
from siec_desk.documents.loan_slip.content import LoanSlipContent

TEMPLATE = "loan_slip.html"
STYLESHEET = ("loan_slip", "loan_slip.css")


def loan_slip_html(content: LoanSlipContent) -> str:
    env = document_environment("loan_slip", content.language, typography=True)
    return env.get_template(TEMPLATE).render(c=content)


def render_loan_slip_pdf(content: LoanSlipContent) -> RenderedPdf:
    return html_to_pdf(
        loan_slip_html(content), STYLESHEET, base=("loan_slip",), identifier=content.identifier
    )
