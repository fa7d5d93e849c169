"""The monthly report as a PDF: same fonts and engine as the letters."""

from __future__ import annotations

from jinja2 import Environment
from markupsafe import Markup

from siec_desk.core.formatting import format_number
from siec_desk.core.i18n import _, language_override, ngettext
from siec_desk.documents.activity_report.content import ReportContent
from siec_desk.documents.engine import charts
from siec_desk.documents.engine.pdf import RenderedPdf, html_to_pdf
from siec_desk.documents.engine.templates import document_environment

STYLESHEET = ("reports", "report.css")


def _environment(language: str) -> Environment:
    return document_environment("reports", language)


def trend_summary(report: ReportContent) -> str:
    """The 12-month chart in words (its /Alt in the tagged PDF), in the report's language."""
    with language_override(report.language):
        months = "; ".join(
            _("{month}: consultations {consultations}, households {households}").format(
                month=m.label, consultations=m.consultations, households=m.households
            )
            for m in report.trend
        )
        return _("Chart of the last 12 months. {months}").format(months=months)


def bar_text(report: ReportContent, consultations: int) -> str:
    """A breakdown row's bar in words (the row's consultations)."""
    with language_override(report.language):
        return ngettext("{n} consultation", "{n} consultations", consultations).format(
            n=format_number(consultations, report.locale)
        )


def report_html(report: ReportContent) -> str:
    rtl = report.direction == "rtl"

    def bar(share: float, consultations: int = 0) -> Markup:
        return charts.bar(share, rtl, alt=bar_text(report, consultations))

    return (
        _environment(report.language)
        .get_template("monthly.html")
        .render(
            r=report,
            columns=charts.columns(
                [(m.consultations, m.households) for m in report.trend],
                rtl,
                alt=trend_summary(report),
            ),
            bar=bar,
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
