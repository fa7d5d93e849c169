"""What an events import did, or would do (the dry run), as data and as translated lines:
the counts, one line per refused row (its line and reasons) and per skipped duplicate.
The command and the dialog print these same lines. Pure."""

from __future__ import annotations

from dataclasses import dataclass

from siec_desk.core.formatting import format_number
from siec_desk.core.i18n import _, ngettext
from siec_desk.importing.events_rows import RefusedRow, SkippedRow
from siec_desk.texts.audit import list_separator


@dataclass(frozen=True)
class EventImportReport:
    dry_run: bool
    rows: int
    new: int  # imported, or to import (dry run)
    duplicates: tuple[SkippedRow, ...]
    rejected: tuple[RefusedRow, ...]
    blank_rows: int
    repeated_headers: int
    file_sha256: str
    source: dict[str, object]
    event_ids: tuple[int, ...] = ()

    def as_json(self) -> dict[str, object]:
        return {
            "dry_run": self.dry_run,
            "rows": self.rows,
            "new": self.new,
            "duplicates": [
                {"line": d.line, "event_id": d.event_id, "first_line": d.first_line}
                for d in self.duplicates
            ],
            "rejected_rows": len(self.rejected),
            "rejected": [{"line": r.line, "reason": r.reason} for r in self.rejected],
            "blank_rows": self.blank_rows,
            "repeated_headers": self.repeated_headers,
            "event_ids": list(self.event_ids),
            "file_sha256": self.file_sha256,
            "source": self.source,
        }


def summary_line(report: EventImportReport, locale: str) -> str:
    """ "12 events imported, 2 already recorded (skipped), 1 row refused." or, dry run,
    "… would be imported …"."""
    n = report.new
    if report.dry_run:
        head = ngettext("{n} event would be imported", "{n} events would be imported", n)
    else:
        head = ngettext("{n} event imported", "{n} events imported", n)
    skipped = len(report.duplicates)
    refused = len(report.rejected)
    parts = [
        head.format(n=format_number(n, locale)),
        ngettext(
            "{n} already recorded (skipped)", "{n} already recorded (skipped)", skipped
        ).format(n=format_number(skipped, locale)),
        ngettext("{n} row refused", "{n} rows refused", refused).format(
            n=format_number(refused, locale)
        ),
    ]
    return list_separator().join(parts) + "."


def refused_line(row: RefusedRow) -> str:
    return _("Line {line}: refused: {reason}").format(line=row.line, reason=row.reason)


def skipped_line(row: SkippedRow) -> str:
    if row.event_id is not None:
        return _(
            "Line {line}: skipped: event {id} has the same date, type, commune and title."
        ).format(line=row.line, id=row.event_id)
    return _(
        "Line {line}: skipped: the same event (date, type, commune and title) as line {first}."
    ).format(line=row.line, first=row.first_line)


def detail_lines(report: EventImportReport) -> list[str]:
    """One line per refused or skipped row, in the file's order."""
    lines = [(r.line, refused_line(r)) for r in report.rejected]
    lines += [(s.line, skipped_line(s)) for s in report.duplicates]
    return [text for _line, text in sorted(lines, key=lambda pair: pair[0])]
