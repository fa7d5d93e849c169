"""The monthly report as a PDF: same fonts and engine as the letters."""

from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from siec_desk.documents.pdf import RenderedPdf, html_to_pdf
from siec_desk.formatting import format_number
from siec_desk.i18n import translations_for
from siec_desk.letters.template import bidi, ltr
from siec_desk.paths import resource_path
from siec_desk.reports import charts
from siec_desk.reports.content import ReportContent

STYLESHEET = ("reports", "report.css")


@lru_cache(maxsize=4)
def _environment(language: str) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(resource_path("reports"))),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_translations(translations_for(language), newstyle=True)  # type: ignore[attr-defined]
    env.filters.update(ltr=ltr, bidi=bidi)
    return env


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
