"""The network report as an Excel workbook: a summary sheet (with the legend), then the
figures by centre, by country and by month, the files imported, and every export table
summed over the centres. Numbers are numbers; an incomplete figure keeps its number, shown
with its mark ("≥ 1,234") by its number format and an orange fill; headers frozen;
right-to-left sheets in Arabic."""

from __future__ import annotations

import io
import re

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from siec_desk.documents.safe_cells import append, set_value
from siec_desk.i18n import _, language_override
from siec_desk.network_report.content import Grid, NetworkReportContent, Shown

_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=13)
_HEADER_FILL = PatternFill("solid", fgColor="E8F5E9")
_INCOMPLETE_FILL = PatternFill("solid", fgColor="FFE0B2")
_HIDDEN_FILL = PatternFill("solid", fgColor="DDDDDD")
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


def _number_format(entry: Shown) -> str:
    digits = isinstance(entry.number, float)
    pattern = "#,##0.00" if digits else "#,##0"
    if entry.bound == "at_least":
        return f'"≥ "{pattern}'
    if entry.bound == "partial":
        return f'{pattern}" + ?"'
    return pattern


def _write_cell(ws: Worksheet, row: int, column: int, entry: Shown) -> None:
    cell = ws.cell(row, column)
    if entry.number is None:
        set_value(cell, entry.text)
        if entry.incomplete:
            cell.fill = _HIDDEN_FILL
            cell.alignment = Alignment(horizontal="center")
    else:
        cell.value = entry.number
        cell.number_format = _number_format(entry)
        if entry.incomplete:
            cell.fill = _INCOMPLETE_FILL
    if entry.total:
        cell.font = _BOLD


def _grid(ws: Worksheet, grid: Grid, freeze: bool) -> None:
    append(ws, [grid.title])
    ws.cell(ws.max_row, 1).font = _TITLE
    if grid.note:
        append(ws, [grid.note])
    append(ws, grid.headers)
    header_row = ws.max_row
    for cell in ws[header_row]:
        cell.font = _BOLD
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    if freeze:
        ws.freeze_panes = ws.cell(header_row + 1, 2)
    for name, entries in grid.rows:
        append(ws, [name])
        row = ws.max_row
        if name == _("Total") or name == _("Network"):
            ws.cell(row, 1).font = _BOLD
        for offset, entry in enumerate(entries, start=2):
            _write_cell(ws, row, offset, entry)


def _widths(ws: Worksheet) -> None:
    for index in range(1, ws.max_column + 1):
        ws.column_dimensions[get_column_letter(index)].width = 30 if index == 1 else 15


def network_workbook(report: NetworkReportContent) -> bytes:
    rtl = report.direction == "rtl"
    with language_override(report.language):
        book = Workbook()
        used: set[str] = set()
        summary = book.active
        assert summary is not None
        summary.title = _sheet_title(_("Summary"), used)
        summary.sheet_view.rightToLeft = rtl
        append(summary, [report.title])
        summary["A1"].font = _TITLE
        append(summary, [_("Produced on {date}").format(date=report.generated_on)])
        append(summary, [])
        for name, value in report.facts:
            append(summary, [name, value])
            summary.cell(summary.max_row, 1).font = _BOLD
        append(summary, [])
        for line in report.legend:
            append(summary, [line])
            cell = summary.cell(summary.max_row, 1)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            summary.merge_cells(
                start_row=summary.max_row, start_column=1, end_row=summary.max_row, end_column=4
            )
            summary.row_dimensions[summary.max_row].height = 32
        summary.column_dimensions["A"].width = 34
        for column in "BCD":
            summary.column_dimensions[column].width = 24
        for grid in (report.by_centre, report.by_country, report.by_month, report.imports):
            ws = book.create_sheet(_sheet_title(grid.title, used))
            ws.sheet_view.rightToLeft = rtl
            _grid(ws, grid, freeze=True)
            _widths(ws)
        for number, grid in enumerate(report.details, start=1):
            ws = book.create_sheet(_sheet_title(f"{number:02d} {grid.title}", used))
            ws.sheet_view.rightToLeft = rtl
            _grid(ws, grid, freeze=True)
            _widths(ws)
        book.properties.title = report.title
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()
