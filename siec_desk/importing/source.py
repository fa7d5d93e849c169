"""A spreadsheet read into memory: its rows with their line numbers, and its header row.

Line numbers are what the user sees: the line of the file for CSV (a record spanning
several lines gets its first line), the row number of the sheet for XLSX. Blank rows and
rows that repeat the header (sheets pasted one under the other) are skipped and counted.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import cached_property
from pathlib import Path

from siec_desk.domain.normalise import fold
from siec_desk.i18n import _
from siec_desk.importing.problems import ImportFileError

Cell = str | int | float | bool | datetime | date | time | None

CSV_SUFFIXES = frozenset({".csv", ".txt", ".tsv"})
XLSX_SUFFIXES = frozenset({".xlsx", ".xlsm"})
#: Rows searched for the header (title lines may sit above it).
HEADER_SEARCH = 30


@dataclass
class SourceTable:
    """Every row of one sheet; ``rows`` holds (line number, cells)."""

    path: Path
    kind: str  # "csv" or "xlsx"
    rows: list[tuple[int, list[Cell]]]
    sha256: str
    sheet: str | None = None
    sheets: list[str] = field(default_factory=list)
    encoding: str | None = None
    delimiter: str | None = None
    #: Day 0 of the workbook's serial dates (1899-12-30, or 1904-01-01 for old Mac files).
    epoch: date = date(1899, 12, 30)

    @cached_property
    def width(self) -> int:
        return max((len(cells) for _line, cells in self.rows), default=0)


def is_blank(cells: Sequence[Cell]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def cell_text(cell: Cell) -> str:
    """A cell as the user sees it, trimmed ("" when empty); 3.0 shows as 3."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "1" if cell else "0"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime):
        return cell.isoformat(sep=" ", timespec="minutes") if cell.time() else str(cell.date())
    return str(cell).strip()


def header_texts(table: SourceTable, header_line: int) -> list[str]:
    """The header cells of *header_line*, padded to the table's width."""
    cells = next((c for line, c in table.rows if line == header_line), [])
    texts = [" ".join(cell_text(c).split()) for c in cells]
    return texts + [""] * (table.width - len(texts))


def candidate_header_lines(table: SourceTable) -> list[int]:
    """Lines where a header may be: the first non-blank rows of the sheet."""
    lines = [line for line, cells in table.rows if not is_blank(cells)]
    return lines[:HEADER_SEARCH]


@dataclass
class RowCounts:
    blank: int = 0
    repeated_headers: int = 0


def data_rows(
    table: SourceTable, header_line: int, counts: RowCounts | None = None
) -> Iterator[tuple[int, list[Cell]]]:
    """The rows after the header, without blank rows and repeats of the header."""
    counts = counts if counts is not None else RowCounts()
    texts = header_texts(table, header_line)
    named = [(i, texts[i], fold(texts[i])) for i in range(len(texts)) if fold(texts[i])]
    need = max(1, round(0.8 * len(named)))
    for line, cells in table.rows:
        if line <= header_line:
            continue
        if is_blank(cells):
            counts.blank += 1
            continue
        if named and _repeats_header(cells, named, need):
            counts.repeated_headers += 1
            continue
        yield line, cells


def _repeats_header(cells: Sequence[Cell], named: list[tuple[int, str, str]], need: int) -> bool:
    """At least *need* cells hold their column's header (folded: "NOM" repeats "Nom")."""
    allowed_misses = len(named) - need
    misses = 0
    for i, text, folded in named:
        cell = cells[i] if i < len(cells) else None
        same = isinstance(cell, str) and (
            cell == text or (abs(len(cell) - len(text)) <= 3 and fold(cell) == folded)
        )
        if not same:
            misses += 1
            if misses > allowed_misses:
                return False
    return True


def read_source(
    path: Path,
    *,
    sheet: str | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
) -> SourceTable:
    """Read *path* (CSV or XLSX) whole; a translated error when it cannot be read."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise ImportFileError(_("The file {path} does not exist.").format(path=path))
    if suffix in XLSX_SUFFIXES:
        from siec_desk.importing.read_xlsx import read_xlsx

        return read_xlsx(path, sheet)
    if suffix in CSV_SUFFIXES:
        from siec_desk.importing.read_csv import read_csv

        return read_csv(path, encoding=encoding, delimiter=delimiter)
    if suffix in {".xls", ".ods"}:
        raise ImportFileError(
            _(
                "{name}: this spreadsheet format cannot be read. Save it as .xlsx or .csv "
                "(File ▸ Save as) and import that file."
            ).format(name=path.name)
        )
    raise ImportFileError(_("{name}: choose a .csv or .xlsx file.").format(name=path.name))
