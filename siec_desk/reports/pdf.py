"""The monthly report as a PDF: same fonts and engine as the letters."""

from __future__ import annotations

from jinja2 import Environment

from siec_desk.documents.pdf import RenderedPdf, html_to_pdf
from siec_desk.documents.templates import document_environment
from siec_desk.formatting import format_number
from siec_desk.reports import charts
from siec_desk.reports.content import ReportContent

STYLESHEET = ("reports", "report.css")


def _environment(language: str) -> Environment:
    return document_environment("reports", language)


def report_html(report: ReportContent) -> str:
    rtl = report.direction == "rtl"
    return (
        _environment(report.language)
        .get_template("monthly.html")
        .render(
            r=report,
            columns=charts.columns([(m.consultations, m.households) for m in report.trend], rtl),
            bar=lambda share: charts.bar(share, rtl),
            number=lambda value, digits: format_number(value, report.locale, digits),
        )
    )


def render_report_pdf(report: ReportContent) -> RenderedPdf:
    return html_to_pdf(
        report_html(report),
        STYLESHEET,
        base=("reports",),
        identifier=f"{report.centre_name}-{report.period_code}",
    )
