"""A spreadsheet as a table: its rows with their line numbers, and its header row.

Line numbers are what the user sees: the line of the file for CSV (a record spanning
several lines gets its first line), the row number of the sheet for XLSX. Blank rows and
rows that repeat the header (sheets pasted one under the other) are skipped and counted.

The rows are not held in memory: reading a file scans it once (checking the limits of
``importing.limits``, keeping its first rows for the header search and the preview), and
every later walk over :class:`Rows` reads the file again, streamed. Each walk first checks
that the file is the one scanned (size, time) and, when it reaches the end, that its
content is (SHA-256): a file changed between the dry run and the import is refused.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from itertools import islice
from pathlib import Path
from typing import overload

from siec_desk.core.i18n import _, ngettext
from siec_desk.domain.normalise import fold
from siec_desk.importing import limits
from siec_desk.importing.problems import ImportFileError

Cell = str | int | float | bool | datetime | date | time | None
Row = tuple[int, list[Cell]]

CSV_SUFFIXES = frozenset({".csv", ".txt", ".tsv"})
XLSX_SUFFIXES = frozenset({".xlsx", ".xlsm"})
#: Rows searched for the header (title lines may sit above it).
HEADER_SEARCH = 30
#: Rows kept after the scan (header search, preview); more when blank rows come first.
HEAD_ROWS = 200
_HEAD_MAX = 5_000


@dataclass(frozen=True)
class FileState:
    """What a file was when it was scanned: a later walk must find it the same."""

    path: Path
    size: int
    mtime_ns: int
    sha256: str

    @classmethod
    def of(cls, path: Path) -> FileState:
        try:
            stat = path.stat()
            digest = hashlib.sha256()
            with path.open("rb") as fh:
                for block in iter(lambda: fh.read(1 << 20), b""):
                    digest.update(block)
        except OSError as exc:
            raise ImportFileError(
                _("{name} cannot be read: {reason}").format(name=path.name, reason=exc.strerror)
            ) from exc
        return cls(path, stat.st_size, stat.st_mtime_ns, digest.hexdigest())

    def _changed(self) -> ImportFileError:
        return ImportFileError(
            _("{name} changed since it was read: read it again.").format(name=self.path.name)
        )

    def check(self) -> None:
        """Refuse a file whose size or modification time changed."""
        try:
            stat = self.path.stat()
        except OSError as exc:
            raise self._changed() from exc
        if (stat.st_size, stat.st_mtime_ns) != (self.size, self.mtime_ns):
            raise self._changed()

    def check_content(self) -> None:
        """Refuse a file whose content changed (read whole: after a complete walk)."""
        self.check()
        if FileState.of(self.path).sha256 != self.sha256:
            raise self._changed()


class Rows(Sequence[Row]):
    """The rows of a sheet: the first ones kept in memory, the others read again from the
    file on each walk (``stream`` gives every row, line 1 first)."""

    def __init__(
        self,
        stream: Callable[[], Iterator[Row]],
        head: list[Row],
        total: int,
        last: Row | None,
        width: int = 0,
    ) -> None:
        self._stream = stream
        self.head = head
        self.total = total
        self.last = last
        self.width = width

    def __iter__(self) -> Iterator[Row]:
        return self._stream()

    def __len__(self) -> int:
        return self.total

    def __bool__(self) -> bool:
        return self.total > 0

    @overload
    def __getitem__(self, index: int) -> Row: ...

    @overload
    def __getitem__(self, index: slice) -> list[Row]: ...

    def __getitem__(self, index: int | slice) -> Row | list[Row]:
        if isinstance(index, slice):
            start, stop, step = index.indices(self.total)
            if stop <= len(self.head) or start >= stop:
                return self.head[start:stop:step]
            return list(islice(iter(self), start, stop, step))
        if index < 0:
            index += self.total
        if not 0 <= index < self.total:
            raise IndexError(index)
        if index < len(self.head):
            return self.head[index]
        if index == self.total - 1 and self.last is not None:
            return self.last
        return next(islice(iter(self), index, None))


def scan(path: Path, stream: Callable[[], Iterator[Row]]) -> Rows:
    """Walk every row once: refuse a sheet over the limits, keep its first rows."""
    head: list[Row] = []
    filled = 0
    total = 0
    width = 0
    last: Row | None = None
    for row in stream():
        line, cells = row
        total += 1
        if total > limits.MAX_ROWS:
            raise limits.too_many_rows(path)
        if len(cells) > width:
            if len(cells) > limits.MAX_COLUMNS:
                raise limits.too_many_columns(path, line)
            width = len(cells)
        if len(head) < _HEAD_MAX and (len(head) < HEAD_ROWS or filled < HEADER_SEARCH):
            head.append(row)
            filled += not is_blank(cells)
        last = row
    return Rows(stream, head, total, last, width)


@dataclass
class SourceTable:
    """One sheet of a file; ``rows`` gives (line number, cells), read from the file."""

    path: Path
    kind: str  # "csv" or "xlsx"
    rows: Rows
    sha256: str
    sheet: str | None = None
    sheets: list[str] = field(default_factory=list)
    encoding: str | None = None
    delimiter: str | None = None
    #: Day 0 of the workbook's serial dates (1899-12-30, or 1904-01-01 for old Mac files).
    epoch: date = date(1899, 12, 30)
    #: A mixed CSV: the encoding of its minority lines, the first of them, how many.
    other_encoding: str | None = None
    other_lines: tuple[int, ...] = ()
    other_count: int = 0

    @property
    def width(self) -> int:
        """Cells of the widest row."""
        return self.rows.width

    def notes(self) -> list[str]:
        """What the user should check about how the file was read (the dry run shows it)."""
        if not self.other_count or self.other_encoding is None:
            return []
        from siec_desk.importing.encodings import display_name

        shown = ", ".join(str(line) for line in self.other_lines)
        more = self.other_count - len(self.other_lines)
        if more > 0:
            shown += " " + ngettext("and {n} more", "and {n} more", more).format(n=more)
        return [
            ngettext(
                "Line {lines} is not in the file's encoding ({encoding}): it was read as "
                "{other}. Check the names on it.",
                "Lines {lines} are not in the file's encoding ({encoding}): they were read "
                "as {other}. Check the names on them.",
                self.other_count,
            ).format(
                lines=shown,
                encoding=display_name(self.encoding or ""),
                other=display_name(self.other_encoding),
            )
        ]


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
    cells = next((c for line, c in table.rows.head if line == header_line), None)
    if cells is None:  # a header row chosen further down
        cells = next((c for line, c in table.rows if line == header_line), [])
    texts = [" ".join(cell_text(c).split()) for c in cells]
    return texts + [""] * (table.width - len(texts))


def candidate_header_lines(table: SourceTable) -> list[int]:
    """Lines where a header may be: the first non-blank rows of the sheet."""
    lines = [line for line, cells in table.rows.head if not is_blank(cells)]
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
    """Scan *path* (CSV or XLSX); a translated error when it cannot be read or is over
    the limits (``importing.limits``)."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise ImportFileError(_("The file {path} does not exist.").format(path=path))
    if suffix in XLSX_SUFFIXES or suffix in CSV_SUFFIXES:
        limits.check_file_size(path)
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
