"""The network report as an Excel workbook: a summary sheet (with the legend), then the
figures by centre, by country and by month, the files imported, and every export table
summed over the centres. Laid out by :mod:`siec_desk.documents.engine.xlsx`: counts and amounts
are numbers, each currency in its own column (named in the header), months and days are
dates; an incomplete figure keeps its number, shown with its mark ("≥ 1,234") by its
number format and an orange fill; a figure every centre hid is an empty grey cell with a
note and a figure no centre has an empty cell, so that sums and formulas skip them;
headers frozen and repeated on printed pages; right-to-left sheets in Arabic."""

from __future__ import annotations

from typing import Any

from siec_desk.core.formatting import currency_digits
from siec_desk.core.i18n import _, language_override
from siec_desk.documents.engine.xlsx import (
    BOLD,
    COUNT,
    INCOMPLETE_FILL,
    Book,
    Hidden,
    Month,
    Sheet,
    money_format,
)
from siec_desk.documents.network_report.content import Grid, NetworkReportContent, Shown
from siec_desk.domain.network_results import MONEY
from siec_desk.network.export.display import measure_title, suppressed_mark


def hidden_cells_note() -> str:
    return _(
        "In this workbook a figure every centre hid is an empty grey cell (its note reads "
        "“{mark}”) and a figure no centre has is an empty cell, so that sums and formulas "
        "skip them."
    ).format(mark=suppressed_mark())


def _number_format(entry: Shown) -> str:
    if entry.unit:
        pattern = money_format(currency_digits(entry.unit))
    else:
        pattern = "#,##0.00" if isinstance(entry.number, float) else COUNT
    if entry.bound == "at_least":
        return f'"≥ "{pattern}'
    if entry.bound == "partial":
        return f'{pattern}" + ?"'
    return pattern


def _value(entry: Shown, hidden: Hidden) -> Any:
    if entry.number is not None:
        return entry.number
    if entry.incomplete:
        return hidden
    if entry.day is not None:
        return entry.day
    return entry.text if entry.text not in ("", "—") else None


def _columns(grid: Grid) -> list[tuple[int, str]]:
    """The grid's columns as (entry index, currency): a column holding amounts in several
    currencies becomes one column per currency."""
    result: list[tuple[int, str]] = []
    for index in range(len(grid.headers) - 1):
        units = list(dict.fromkeys(es[index].unit for _n, es in grid.rows if es[index].unit))
        result.extend((index, unit) for unit in units or [""])
    return result


def _grid(sheet: Sheet, grid: Grid, hidden: Hidden) -> None:
    sheet.title(grid.title)
    if grid.note:
        sheet.paragraph(grid.note, span=min(len(grid.headers), 6))
    columns = _columns(grid)
    headers = [grid.headers[0]]
    for index, unit in columns:
        headers.append(measure_title(MONEY, unit) if unit else grid.headers[index + 1])
    sheet.header(headers)
    months = grid.row_months or ("",) * len(grid.rows)
    for month, (name, entries) in zip(months, grid.rows, strict=True):
        label: Any = Month.of(month) if month else name
        values: list[Any] = [label]
        formats: list[str | None] = [None]
        for index, unit in columns:
            entry = entries[index]
            shown = entry if entry.unit == unit or entry.number is None else None
            values.append(None if shown is None else _value(shown, hidden))
            formats.append(_number_format(entry) if entry.number is not None else None)
        row = sheet.row(values, formats)
        if name in (_("Total"), _("Network")):
            sheet.ws.cell(row, 1).font = BOLD
        for column, (index, unit) in enumerate(columns, start=2):
            entry = entries[index]
            if entry.unit != unit and entry.number is not None:
                continue
            cell = sheet.ws.cell(row, column)
            if entry.incomplete and entry.number is not None:
                cell.fill = INCOMPLETE_FILL
            if entry.total:
                cell.font = BOLD
    sheet.finish(first=34)


def _fact(value: str) -> Any:
    return int(value) if value.isdigit() else value


def network_workbook(report: NetworkReportContent) -> bytes:
    with language_override(report.language):
        book = Book(rtl=report.direction == "rtl", locale=report.locale)
        grids = (report.by_centre, report.by_country, report.by_month, report.imports)
        # events and people reached and the before/after table (format 3 files) last,
        # after the export tables
        last = tuple(g for g in (report.reach, report.before_after) if g is not None)
        summary, *sheets = book.sheets(
            [
                _("Summary"),
                *(grid.title for grid in grids),
                *((f"{n:02d}", grid.title) for n, grid in enumerate(report.details, start=1)),
                *(grid.title for grid in last),
            ]
        )
        summary.title(report.title)
        summary.row([_("Produced on"), report.generated or report.generated_on])
        summary.blank()
        for name, value in report.facts:
            row = summary.row([name, _fact(value)])
            summary.ws.cell(row, 1).font = BOLD
            if len(value) > 30:
                summary.wrap(row, 2, span=2)
        summary.blank()
        for line in (*report.legend, hidden_cells_note()):
            summary.paragraph(line, span=3)
        summary.finish({1: 34, 2: 30, 3: 30}, first=34)
        hidden = Hidden(
            _("{mark}: every centre concerned hid this figure.").format(mark=suppressed_mark())
        )
        for sheet, grid in zip(sheets, (*grids, *report.details, *last), strict=True):
            _grid(sheet, grid, hidden)
        return book.save(title=report.title)
