"""One way to lay out the workbooks SIEC Desk writes (the activity report, the centre's
network export, the coordinator's network report), so that each is a real spreadsheet:

- **sheet titles** whole and unique within Excel's 31 characters
  (:func:`siec_desk.documents.engine.sheet_titles.sheet_titles`);
- **values typed**: counts and amounts are numbers, right-aligned in both directions (so
  units digits line up in Arabic sheets too), months are dates (the first day of the month)
  shown as month and year, days are dates; text is written by
  :func:`siec_desk.documents.engine.safe_cells.set_value` (never a formula) and, in Arabic sheets,
  isolated with :func:`siec_desk.core.formatting.isolate_ltr_runs` so codes and numbers inside it
  keep their order;
- **hidden figures** (suppressed for confidentiality) are *empty* cells on grey with a note:
  ``SUM()`` and ``+`` skip them; a number is never replaced by text;
- **layout**: header rows bold on green with the panes frozen below them, right-to-left
  sheets in Arabic, column widths from the contents, long notes wrapped over merged cells
  with the height they need;
- **print set-up**: A4, fit to the page width, landscape when the sheet is wide, the header
  rows repeated on every printed page.

Date formats carry the locale's Windows language id (``[$-40C]``), so Excel and LibreOffice
show French month names in a French file whatever the computer's language; Arabic month
names come from the spreadsheet program's own locale data.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from siec_desk.core.formatting import isolate_ltr_runs
from siec_desk.documents.engine.safe_cells import set_value
from siec_desk.documents.engine.sheet_titles import sheet_titles

BOLD = Font(name="Calibri", size=11, bold=True)  # the workbook's font, bold (not a serif)
TITLE_FONT = Font(name="Calibri", size=13, bold=True)
HEADER_FILL = PatternFill("solid", fgColor="E8F5E9")
HIDDEN_FILL = PatternFill("solid", fgColor="DDDDDD")
INCOMPLETE_FILL = PatternFill("solid", fgColor="FFE0B2")
COUNT = "#,##0"
DECIMAL_1 = "#,##0.0"
SHARE = "0%"

#: Windows language ids for date formats; a locale not listed gets the language's.
_LCIDS = {
    "fr_FR": 0x040C,
    "fr_MA": 0x380C,
    "fr_TN": 0x040C,  # Windows has no French (Tunisia)
    "fr": 0x040C,
    "ar_MA": 0x1801,
    "ar_TN": 0x1C01,
    "ar": 0x1801,
    "en_GB": 0x0809,
    "en": 0x0809,
}
_RIGHT_TO_LEFT = 2  # an alignment's reading order
_CHAR_WIDTH = 1.15  # column width units per character of the default font
_LINE_HEIGHT = 15.0  # points per wrapped line
_PORTRAIT_WIDTH = 95  # column width units that fit across an A4 portrait page


# -- values ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Month:
    """A calendar month, written as the date of its first day shown as month and year."""

    first_day: date

    @classmethod
    def of(cls, code: str) -> Month:
        """From "2026-07"."""
        year, number = (int(part) for part in code.split("-"))
        return cls(date(year, number, 1))


@dataclass(frozen=True)
class Hidden:
    """A figure not published: an empty cell on grey, *note* as the cell's comment."""

    note: str


def _lcid(locale: str) -> str:
    code = _LCIDS.get(locale) or _LCIDS.get(locale.split("_")[0], 0x0809)
    return f"[$-{code:X}]"


def month_format(locale: str) -> str:
    """ "[$-40C]mmm yyyy": "juil. 2026" in French."""
    return f"{_lcid(locale)}mmm yyyy"


def date_format(locale: str) -> str:
    """ "[$-40C]d mmmm yyyy": "7 décembre 2026" in French."""
    return f"{_lcid(locale)}d mmmm yyyy"


def money_format(digits: int) -> str:
    """Amounts with the currency's minor digits (3 for TND)."""
    return COUNT + ("." + "0" * digits if digits else "")


def _two_lines(text: str) -> int:
    """The width of *text* wrapped over two lines at most, cut between words."""
    words = text.split()
    if len(words) < 2:
        return len(text)
    return min(
        max(len(" ".join(words[:cut])), len(" ".join(words[cut:]))) for cut in range(1, len(words))
    )


# -- sheets ------------------------------------------------------------------------------
@dataclass
class Sheet:
    """A worksheet being written row after row."""

    ws: Worksheet
    rtl: bool
    locale: str
    header_rows: list[int] = field(default_factory=list)
    #: Cells whose text wraps, as (row, column, merged columns): heights set by finish().
    wrapped: list[tuple[int, int, int]] = field(default_factory=list)
    frozen: bool = False
    last_row: int = 0  # the last row written

    def __post_init__(self) -> None:
        self.ws.sheet_view.rightToLeft = self.rtl

    def put(self, row: int, column: int, value: Any, number_format: str | None = None) -> Cell:
        """Write *value* typed: text (isolated in Arabic), number, date, month, hidden."""
        cell = self.ws.cell(row, column)
        if isinstance(value, Hidden):
            cell.fill = HIDDEN_FILL
            cell.comment = Comment(value.note, "SIEC Desk", width=260, height=110)
            return cell
        if isinstance(value, Month | datetime | date):
            day = value.first_day if isinstance(value, Month) else value
            set_value(cell, day)
            shown_as = month_format if isinstance(value, Month) else date_format
            cell.number_format = number_format or shown_as(self.locale)
            # A label column's month reads from the start of the line, a figure's from its
            # end; in Arabic the date's words read right to left (its reading order).
            side = "left" if column == 1 and not self.rtl else "right"
            cell.alignment = self.align(horizontal=side)
        elif isinstance(value, bool):  # not a number in a spreadsheet
            set_value(cell, str(value))
        elif isinstance(value, int | float):
            set_value(cell, value)
            cell.number_format = number_format or (COUNT if isinstance(value, int) else DECIMAL_1)
            cell.alignment = Alignment(horizontal="right")
        elif isinstance(value, str):
            set_value(cell, isolate_ltr_runs(value) if self.rtl else value)
            if self.rtl:
                cell.alignment = self.align()
        elif value is not None:
            raise TypeError(f"no spreadsheet cell for {type(value).__name__}")
        return cell

    def align(self, **options: Any) -> Alignment:
        """An alignment; in Arabic sheets text reads right to left whatever its first
        letter (a legend line starting with "≥ n" or a date starting with its day)."""
        return Alignment(readingOrder=_RIGHT_TO_LEFT if self.rtl else 0, **options)

    def row(
        self,
        values: Sequence[Any],
        formats: Sequence[str | None] = (),
        *,
        bold: bool = False,
    ) -> int:
        """Append a row; *formats*: number formats by column (None: the value's own)."""
        row = self.last_row = self.last_row + 1
        for column, value in enumerate(values, start=1):
            fmt = formats[column - 1] if column - 1 < len(formats) else None
            cell = self.put(row, column, value, fmt)
            if bold:
                cell.font = BOLD
        return row

    def blank(self) -> None:
        self.row([None])

    def title(self, text: str) -> int:
        row = self.row([text])
        self.ws.cell(row, 1).font = TITLE_FONT
        return row

    def header(self, values: Sequence[Any], *, freeze: bool = True) -> int:
        """A header row: bold on green, wrapped; the panes freeze below the first one and
        the header rows repeat on every printed page."""
        row = self.row(values)
        for cell in self.ws[row][: len(values)]:
            cell.font = BOLD
            cell.fill = HEADER_FILL
            horizontal = "right" if isinstance(cell.value, int | float | date) else None
            cell.alignment = self.align(wrap_text=True, vertical="center", horizontal=horizontal)
        self.header_rows.append(row)
        if freeze and not self.frozen:
            self.ws.freeze_panes = self.ws.cell(row + 1, 2)
            self.frozen = True
        return row

    def paragraph(self, text: str, span: int = 4) -> int:
        """A long line of text wrapped over *span* merged columns (its height is set when
        the widths are known, in :meth:`finish`)."""
        row = self.row([text])
        self.wrap(row, 1, span)
        return row

    def wrap(self, row: int, column: int, span: int = 1) -> None:
        """Let the text of a cell wrap (over *span* merged columns)."""
        self.ws.cell(row, column).alignment = self.align(wrap_text=True, vertical="top")
        if span > 1:
            self.ws.merge_cells(
                start_row=row, start_column=column, end_row=row, end_column=column + span - 1
            )
        self.wrapped.append((row, column, span))

    # -- finishing -----------------------------------------------------------------------
    def finish(self, widths: dict[int, float] | None = None, *, first: float = 42) -> None:
        """Column widths (from the contents unless given), paragraph heights, print set-up."""
        sizes = self._content_widths(first)
        sizes.update(widths or {})
        for column, size in sizes.items():
            self.ws.column_dimensions[get_column_letter(column)].width = size
        for row in self.header_rows:
            self._fit_header(row, sizes)
        for row, column, span in self.wrapped:
            room = sum(sizes.get(c, 10) for c in range(column, column + span)) / _CHAR_WIDTH
            text = str(self.ws.cell(row, column).value or "")
            lines = sum(max(1, math.ceil(len(part) * 1.1 / room)) for part in text.split("\n"))
            height = max(_LINE_HEIGHT * lines + 3, self.ws.row_dimensions[row].height or 0)
            self.ws.row_dimensions[row].height = height
        self._print_setup(sum(sizes.values()))

    def _fit_header(self, row: int, sizes: dict[int, float]) -> None:
        """A header row as high as its longest wrapped label; a label over numbers is
        right-aligned like them."""
        lines = 1
        for cell in self.ws[row]:
            if not isinstance(cell.value, str):
                continue
            column = int(cell.column)
            room = max(sizes.get(column, 10) / _CHAR_WIDTH - 1, 1)
            lines = max(lines, math.ceil(len(cell.value) / room))
            below = (self.ws.cell(r, column).value for r in range(row + 1, row + 40))
            if column > 1 and any(isinstance(v, int | float | date) for v in below):
                cell.alignment = self.align(wrap_text=True, vertical="center", horizontal="right")
        if lines > 1:
            self.ws.row_dimensions[row].height = _LINE_HEIGHT * min(lines, 4) + 2

    def _content_widths(self, first: float) -> dict[int, float]:
        paragraph_rows = {row for row, column, _span in self.wrapped if column == 1}
        title_rows = {
            row for row in range(1, self.ws.max_row + 1) if self.ws.cell(row, 1).font == TITLE_FONT
        }
        sizes: dict[int, float] = {}
        for row in self.ws.iter_rows():
            for cell in row:
                if cell.value is None or cell.row in paragraph_rows | title_rows:
                    continue
                if isinstance(cell.value, str):
                    length = len(cell.value)
                    if cell.row in self.header_rows:
                        length = round(_two_lines(cell.value) * 1.3)  # bold is wider
                elif isinstance(cell.value, date):
                    length = 12
                elif isinstance(cell.value, int | float):
                    length = len(f"{cell.value:,.0f}") + 3
                else:
                    length = 8
                column = int(cell.column)
                sizes[column] = max(sizes.get(column, 0), length * _CHAR_WIDTH + 2)
        for column in sizes:
            sizes[column] = min(max(sizes[column], 9), first if column == 1 else 30)
        return sizes

    def _print_setup(self, total_width: float) -> None:
        ws = self.ws
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.orientation = "landscape" if total_width > _PORTRAIT_WIDTH else "portrait"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0  # as many pages down as needed
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_margins.left = ws.page_margins.right = 0.5
        if self.header_rows:
            ws.print_title_rows = f"{self.header_rows[0]}:{self.header_rows[0]}"


class Book:
    """A workbook whose sheets are made all at once, so that their titles are whole and
    unique: ``Book(rtl, locale).sheets([...])``."""

    def __init__(self, *, rtl: bool, locale: str) -> None:
        self.book = Workbook()
        self.rtl, self.locale = rtl, locale
        self.made = False

    def sheets(self, titles: Sequence[str | tuple[str, str]]) -> list[Sheet]:
        assert not self.made, "a workbook's sheets are made once"
        self.made = True
        names = sheet_titles(titles)
        first = self.book.active
        assert first is not None
        first.title = names[0]
        made = [first, *(self.book.create_sheet(name) for name in names[1:])]
        return [Sheet(ws, self.rtl, self.locale) for ws in made]

    def save(self, *, title: str, creator: str = "SIEC Desk") -> bytes:
        self.book.properties.title = title
        self.book.properties.creator = creator
        out = io.BytesIO()
        self.book.save(out)
        return out.getvalue()
