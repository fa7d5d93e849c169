"""The network report as a PDF: the same engine and fonts as the letters and the monthly
report, template ``resources/network/report.html``; charts are SVG shapes (text stays in
HTML: see ``reports/charts.py``)."""

from __future__ import annotations

from jinja2 import Environment
from markupsafe import Markup

from siec_desk.documents.pdf import RenderedPdf, html_to_pdf
from siec_desk.documents.templates import document_environment
from siec_desk.network_report.content import Grid, NetworkReportContent
from siec_desk.reports import charts

STYLESHEET = ("network", "report.css")
PALETTE = ("#2e7d32", "#1565c0", "#ef6c00", "#6a1b9a")


def stacked_columns(
    grid: Grid, series: int, rtl: bool, width: int = 680, height: int = 130
) -> Markup:
    """One column per row of *grid* (a month), stacked by its first *series* entries (the
    countries), oldest first from the start side."""
    stacks = [[e.number or 0 for e in entries[:series]] for _name, entries in grid.rows]
    top = max((sum(s) for s in stacks), default=0) or 1
    slot = width / max(1, len(stacks))
    shapes = []
    for i, stack in enumerate(stacks):
        index = len(stacks) - 1 - i if rtl else i
        left = index * slot + slot * 0.2
        base = float(height)
        for j, value in enumerate(stack):
            h = value / top * (height - 2)
            base -= h
            shapes.append(
                f'<rect x="{left:.1f}" y="{base:.1f}" width="{slot * 0.6:.1f}" '
                f'height="{h:.1f}" fill="{PALETTE[j % len(PALETTE)]}"/>'
            )
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="columns" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" preserveAspectRatio="none" '
        'role="img" aria-hidden="true">'
        f'<line x1="0" y1="{height}" x2="{width}" y2="{height}" stroke="#999"/>'
        + "".join(shapes)
        + "</svg>"
    )


def _environment(language: str) -> Environment:
    return document_environment("network", language)


def network_report_html(report: NetworkReportContent) -> str:
    rtl = report.direction == "rtl"
    countries = len(report.by_month.headers) - 3  # month, countries…, network, centres
    centre_values = [entries[1].number or 0 for _n, entries in report.by_centre.rows]
    largest = max(centre_values, default=0) or 1
    return (
        _environment(report.language)
        .get_template("report.html")
        .render(
            r=report,
            columns=stacked_columns(report.by_month, countries, rtl),
            palette=PALETTE,
            country_names=report.by_month.headers[1 : 1 + countries],
            bar=lambda value: charts.bar((value or 0) / largest, rtl),
        )
    )


def render_network_pdf(report: NetworkReportContent) -> RenderedPdf:
    return html_to_pdf(
        network_report_html(report),
        STYLESHEET,
        base=("network",),
        identifier=f"network-{report.generated_on}",
    )
