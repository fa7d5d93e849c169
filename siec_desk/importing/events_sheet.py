"""An events sheet read: the file scanned by the import's readers (encodings, CSV
dialects, XLSX, size limits, workbook checks: ``importing/source.py``), its header row
(among the first non-blank rows, the one naming the most event columns) and the column
each header names, with the first rows for a preview. Pure: no database, no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from siec_desk.core.i18n import _
from siec_desk.importing.events_columns import guess_event_columns, recognised
from siec_desk.importing.problems import ImportFileError
from siec_desk.importing.source import (
    SourceTable,
    candidate_header_lines,
    cell_text,
    data_rows,
    header_texts,
    read_source,
)

PREVIEW_ROWS = 5


@dataclass(frozen=True)
class EventSheet:
    table: SourceTable
    header_line: int
    headers: tuple[str, ...]
    columns: tuple[str | None, ...]  # a target id of ``EVENT_TARGETS`` per column, or None
    preview: tuple[tuple[int, tuple[str, ...]], ...]  # (line, cells as shown)

    def as_json(self) -> dict[str, object]:
        t = self.table
        return {
            "file": t.path.name,
            "format": t.kind,
            "sheet": t.sheet,
            "encoding": t.encoding,
            "delimiter": t.delimiter,
            "header_row": self.header_line,
            "columns": [
                {"header": h, "field": c} for h, c in zip(self.headers, self.columns, strict=True)
            ],
        }


def read_event_sheet(path: Path, *, sheet: str | None = None) -> EventSheet:
    """Scan *path*; ``ImportFileError`` (one translated line) when it cannot be read, is
    over the limits, or names no date or no type column."""
    table = read_source(path, sheet=sheet)
    lines = candidate_header_lines(table)
    if not lines:
        raise ImportFileError(_("{name} holds no rows.").format(name=path.name))
    header_line = max(lines, key=lambda n: (recognised(header_texts(table, n)), -n))
    headers = header_texts(table, header_line)
    columns = guess_event_columns(headers)
    if "date" not in columns or "type" not in columns:
        raise ImportFileError(
            _(
                "{name}: no column of event dates or event types was recognised. Name the "
                "columns “Date” and “Type” (docs/import.md)."
            ).format(name=path.name)
        )
    preview = tuple(
        (line, tuple(cell_text(c) for c in cells))
        for line, cells in islice(data_rows(table, header_line), PREVIEW_ROWS)
    )
    return EventSheet(table, header_line, tuple(headers), tuple(columns), preview)
