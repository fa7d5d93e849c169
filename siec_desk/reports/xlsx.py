"""The monthly report as an Excel workbook (openpyxl): a summary sheet, the 12-month trend
and one sheet per breakdown; numbers stored as numbers, headers frozen, right-to-left
sheets for Arabic."""

from __future__ import annotations

import io
import re
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from siec_desk.documents.safe_cells import append
from siec_desk.formatting import currency_digits
from siec_desk.i18n import _, language_override
from siec_desk.reports.content import ReportContent

_HEADER_FILL = PatternFill("solid", fgColor="E8F5E9")
_BOLD = Font(bold=True)
_FORMATS = {
    "count": "#,##0",
    "hours": "#,##0.0",
    "share": "0%",
    "kwh": '#,##0" kWh"',
    "co2": '#,##0" kg"',
    "money": "#,##0",
}
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def _sheet_title(text: str, used: set[str]) -> str:
    title = _BAD_SHEET_CHARS.sub(" ", text)[:31].strip() or "Sheet"
    base, n = title, 2
    while title in used:
        suffix = f" ({n})"
        title = base[: 31 - len(suffix)] + suffix
        n += 1
    used.add(title)
    return title


def _header(ws: Worksheet, values: list[str], rtl: bool) -> None:
    append(ws, values)
    for cell in ws[1]:
        cell.font = _BOLD
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    ws.freeze_panes = "B2"
    ws.sheet_view.rightToLeft = rtl


def _widths(ws: Worksheet, first: int = 40, others: int = 16) -> None:
    for index in range(1, ws.max_column + 1):
        ws.column_dimensions[get_column_letter(index)].width = first if index == 1 else others


def report_workbook(report: ReportContent) -> bytes:
    with language_override(report.language):
        return _build(report)


def _build(report: ReportContent) -> bytes:
    rtl = report.direction == "rtl"
    minor = Decimal(10) ** currency_digits(report.currency)
    book = Workbook()
    used: set[str] = set()
    summary = book.active
    assert summary is not None
    summary.title = _sheet_title(_("Summary"), used)
    _header(
        summary,
        [_("Indicator"), report.period_label, _("Previous period"), _("Same period last year")],
        rtl,
    )
    for figure in report.figures:
        values = [figure.current, figure.previous, figure.year_before]
        if figure.unit == "money":
            values = [None if v is None else float(Decimal(v) / minor) for v in values]
        append(summary, [figure.label, *values])
        for cell in summary[summary.max_row][1:]:
            cell.number_format = _FORMATS.get(figure.unit, "#,##0.0")
            if figure.unit == "money":
                cell.number_format = f'#,##0" {report.currency}"'
    append(summary, [])
    append(summary, [report.centre_name])
    append(summary, [_("Produced on {date}").format(date=report.generated_on)])
    _widths(summary, 52, 20)

    trend = book.create_sheet(_sheet_title(_("Last 12 months"), used))
    _header(trend, [_("Month"), _("Consultations"), _("Households")], rtl)
    for month in report.trend:
        append(trend, [month.label, month.consultations, month.households])
    _widths(trend, 18, 16)

    for breakdown in report.breakdowns:
        ws = book.create_sheet(_sheet_title(breakdown.title, used))
        _header(
            ws,
            [
                breakdown.title,
                _("Consultations"),
                _("Households"),
                _("Hours"),
                _("kWh/year recommended"),
                _("Money/year recommended ({currency})").format(currency=report.currency),
                _("CO₂ kg/year recommended"),
            ],
            rtl,
        )
        for row in breakdown.rows:
            append(
                ws,
                [
                    row.label,
                    row.consultations,
                    row.households,
                    round(row.duration_min / 60, 1),
                    round(row.kwh),
                    float(Decimal(row.money_minor) / minor),
                    round(row.co2_kg),
                ],
            )
            cells = ws[ws.max_row]
            for cell, fmt in zip(
                cells[1:], ("#,##0", "#,##0", "#,##0.0", "#,##0", "#,##0", "#,##0"), strict=True
            ):
                cell.number_format = fmt
        _widths(ws)
    book.properties.title = f"{report.title} — {report.period_label}"
    book.properties.creator = report.centre_name
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
