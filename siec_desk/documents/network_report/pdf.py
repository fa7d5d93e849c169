"""The network report as a PDF: the same engine and fonts as the letters and the monthly
report, template ``resources/network/report.html``; charts are SVG shapes (text stays in
HTML: see ``reports/charts.py``).

A network of more than :data:`CENTRE_LIST_LIMIT` centres gets the national document
(issue 22: 500 centres laid out in a few seconds): the network and country figures and
every merged table, without the lists of one line per centre (by centre, events by
centre, files imported), which stay in the workbook; one line says so and where."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from babel.lists import format_list
from jinja2 import Environment
from markupsafe import Markup, escape

from siec_desk.core.formatting import format_number, isolate_ltr_runs, ltr
from siec_desk.core.i18n import _, language_override, ngettext, pgettext
from siec_desk.documents.engine import charts
from siec_desk.documents.engine.pdf import RenderedPdf, html_to_pdf
from siec_desk.documents.engine.templates import bidi, direction_of, document_environment
from siec_desk.documents.network_report.content import Grid, NetworkReportContent
from siec_desk.documents.network_report.layout import PrintedGrid, print_layout

STYLESHEET = ("network", "report.css")
#: Font sizes of the tables (points, report.css): the summary tables, the detail tables.
SUMMARY_PT = {"ar": 8.5}
DETAIL_PT = 6.5
CHART_PT = 34 / 25.4 * 72
PALETTE = ("#2e7d32", "#1565c0", "#ef6c00", "#6a1b9a")
#: Above this many centres, the PDF leaves the lists of one line per centre to the workbook.
CENTRE_LIST_LIMIT = 40


def lists_centres(report: NetworkReportContent) -> bool:
    """Does the PDF list every centre (a network of at most CENTRE_LIST_LIMIT centres)?"""
    return len(report.by_centre.rows) <= CENTRE_LIST_LIMIT


def centre_list_note(report: NetworkReportContent) -> str:
    """The one line of a large network's PDF saying where each centre's figures are."""
    count = len(report.by_centre.rows)
    sheets = [report.by_centre.title]
    if report.reach is not None:
        sheets.append(report.reach.title)
    sheets.append(report.imports.title)
    with language_override(report.language):
        return ngettext(
            "This network has {count} centre: the figures of each centre and the list of "
            "files imported are only in the workbook (XLSX) of this report, sheets {sheets}.",
            "This network has {count} centres: the figures of each centre and the list of "
            "files imported are only in the workbook (XLSX) of this report, sheets {sheets}.",
            count,
        ).format(
            count=format_number(count, report.locale),
            sheets=format_list(
                [pgettext("sheet name quoted", "“{name}”").format(name=n) for n in sheets],
                locale=report.locale,
            ),
        )


def printed_facts(report: NetworkReportContent) -> list[tuple[str, str]]:
    """The summary's facts as the PDF prints them: a large network's CO₂ conventions
    counted by country (``conventions``), not every centre's code (in the workbook)."""
    if lists_centres(report) or not report.co2_counts:
        return report.facts
    with language_override(report.language):
        name = _("CO₂ conventions")
    return [(n, report.co2_counts if n == name else v) for n, v in report.facts]


def stacked_columns(
    grid: Grid, series: int, rtl: bool, width: int = 680, height: int = 130, alt: str = ""
) -> Markup:
    """One column per row of *grid* (a month), stacked by its first *series* entries (the
    countries), oldest first from the start side; *alt*: the chart in words (PDF /Alt)."""
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
        f'role="img" aria-label="{escape(alt)}">'
        + str(charts.title(alt))
        + f'<line x1="0" y1="{height}" x2="{width}" y2="{height}" stroke="#999"/>'
        + "".join(shapes)
        + "</svg>"
    )


def _environment(language: str) -> Environment:
    return document_environment("network", language)


def numeric_columns(grid: Grid) -> list[bool]:
    """For each column after the labels: does it hold numbers only (aligned to the end,
    header included)?"""
    columns = len(grid.headers) - 1
    return [
        bool(grid.rows)
        and all(
            entries[i].number is not None or entries[i].incomplete or entries[i].text == "—"
            for _n, entries in grid.rows
        )
        for i in range(columns)
    ]


def label_markup(rtl: bool) -> Callable[[object], Markup]:
    """How a row label or header prints: in an Arabic report always right to left (place
    names in Latin script and codes are isolated inside it: ``network.display``), in a
    French or English one in the direction of its first letter."""
    if not rtl:

        def in_ltr(value: object) -> Markup:
            # Left-to-right text in a left-to-right report needs no span of its own (a
            # box less per cell: 500 centres); a name in Arabic script keeps its span.
            text = str(value or "")
            if direction_of(text) == "rtl":
                return bidi(text)
            return Markup(escape(isolate_ltr_runs(text)))

        return in_ltr

    def in_rtl(value: object) -> Markup:
        text = str(value or "")
        return (
            Markup('<span dir="rtl">{}</span>').format(isolate_ltr_runs(text))
            if text
            else Markup("")
        )

    return in_rtl


def printed_grids(report: NetworkReportContent) -> dict[str, list[PrintedGrid]]:
    """Every table of *report* as printed: none wider than the page. A large network
    (:func:`lists_centres`) prints no list of centres: events and people reached by
    country and for the network only (the reach grid's rows after its centres')."""
    size = SUMMARY_PT.get(report.language, 8.0)
    every = lists_centres(report)
    reach = report.reach
    if reach is not None and not every:
        reach = replace(reach, rows=reach.rows[len(report.by_centre.rows) :])
    return {
        "by_country": print_layout(report.by_country, size),
        "by_centre": print_layout(report.by_centre, size, extra_pt=CHART_PT) if every else [],
        "by_month": print_layout(report.by_month, size),
        "imports": print_layout(report.imports, size) if every else [],
        "before_after": (
            print_layout(report.before_after, size) if report.before_after is not None else []
        ),
        "reach": print_layout(reach, size) if reach is not None else [],
        "details": [
            part for grid in report.details for part in print_layout(grid, DETAIL_PT, True)
        ],
    }


def network_report_html(report: NetworkReportContent) -> str:
    # In the report's language: a table cut in parts is titled while the template renders
    # ("(partie 1 sur 2)"), in the document worker whose own language may be another.
    with language_override(report.language):
        return _html(report)


def _html(report: NetworkReportContent) -> str:
    rtl = report.direction == "rtl"
    countries = len(report.by_month.headers) - 3  # month, countries…, network, centres
    centre_values = [entries[1].number or 0 for _n, entries in report.by_centre.rows]
    largest = max(centre_values, default=0) or 1
    return (
        _environment(report.language)
        .get_template("report.html")
        .render(
            r=report,
            printed=printed_grids(report),
            facts=printed_facts(report),
            centre_note="" if lists_centres(report) else centre_list_note(report),
            # A number reads left to right: isolated in Arabic (LRI … PDI, no span: a box
            # less per cell), as it is in French and English.
            number=lambda text: Markup(escape(ltr(text) if rtl else text)),
            numeric=numeric_columns,
            label=label_markup(rtl),
            columns=stacked_columns(
                report.by_month,
                countries,
                rtl,
                alt=f"{report.by_month.title}. "
                + "; ".join(f"{name}: {e[countries].text}" for name, e in report.by_month.rows),
            ),
            palette=PALETTE,
            country_names=report.by_month.headers[1 : 1 + countries],
            bar=lambda value: charts.bar((value or 0) / largest, rtl, alt=str(value or 0)),
        )
    )


def render_network_pdf(report: NetworkReportContent) -> RenderedPdf:
    return html_to_pdf(
        network_report_html(report),
        STYLESHEET,
        base=("network",),
        identifier=f"network-{report.generated_on}",
    )
