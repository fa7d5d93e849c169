"""Importing events from a centre's own sheet (``event import``, Events ▸ Import events…).

Steps, shared by the command and the dialog: read the sheet and guess its columns
(``importing/events_sheet.py``), read and check every row with the register's one rule
(``importing/events_rows.py`` → ``validate_event``), then skip the events already recorded
(same date, type, commune and title, in the database or higher in the file). The dry run
writes nothing. The import plans again inside one write transaction (the database may
have changed) and writes every valid, new event there, each audited as an added one
(``create`` on ``event``), plus one ``import`` event on ``event`` with the counts and the
file's name and SHA-256: a row is imported whole or refused whole, and a failure writes
nothing. See ``docs/import.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from siec_desk.domain import audit_codes as a
from siec_desk.importing.events_report import EventImportReport
from siec_desk.importing.events_rows import (
    EventKey,
    EventRow,
    collect_rows,
    event_key,
    split_duplicates,
)
from siec_desk.importing.events_sheet import EventSheet
from siec_desk.services.app import AppContext
from siec_desk.services.events import apply_event
from siec_desk.storage.models import Event


@dataclass(frozen=True)
class _Plan:
    report: EventImportReport
    new: tuple[EventRow, ...]


def _recorded(session: Session, rows: list[EventRow]) -> dict[EventKey, int]:
    """The key → id of the events recorded between the file's first and last dates."""
    if not rows:
        return {}
    days = [r.event.occurred_on for r in rows]
    query = select(Event.id, Event.occurred_on, Event.event_type, Event.commune, Event.title)
    query = query.where(Event.occurred_on.between(min(days), max(days)))
    return {
        event_key(day, kind, commune, title): int(event_id)
        for event_id, day, kind, commune, title in session.execute(query.order_by(Event.id))
    }


class EventImportService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def _plan(self, session: Session, sheet: EventSheet, today: date) -> _Plan:
        # the walk checks that the file is still the one scanned (size, time, SHA-256)
        rows = collect_rows(sheet.table, sheet.header_line, sheet.columns, today=today)
        new, skipped = split_duplicates(rows.valid, _recorded(session, rows.valid))
        report = EventImportReport(
            dry_run=True,
            rows=len(rows.valid) + len(rows.refused),
            new=len(new),
            duplicates=tuple(skipped),
            rejected=tuple(rows.refused),
            blank_rows=rows.blank,
            repeated_headers=rows.repeated_headers,
            file_sha256=sheet.table.sha256,
            source=sheet.as_json(),
        )
        return _Plan(report, tuple(new))

    def check(self, sheet: EventSheet, *, today: date | None = None) -> EventImportReport:
        """The dry run: what the import would do; nothing is written."""
        with self.ctx.db.read() as session:
            return self._plan(session, sheet, today or date.today()).report

    def run(self, sheet: EventSheet, *, today: date | None = None) -> EventImportReport:
        """Import every valid, new row in one transaction, each event audited."""
        with self.ctx.db.write() as session:
            plan = self._plan(session, sheet, today or date.today())
            ids: list[int] = []
            for row in plan.new:
                record = _new_event(row)
                session.add(record)
                session.flush()
                ids.append(record.id)
                self.ctx.audit.record_in(
                    session, a.CREATE, a.EVENT, record.id, fields=_filled(row), imported=True
                )
            report = plan.report
            self.ctx.audit.record_in(
                session,
                a.IMPORT,
                a.EVENT,
                None,
                rows=report.rows,
                created_events=len(ids),
                duplicates=len(report.duplicates),
                rejected_rows=len(report.rejected),
                file_name=sheet.table.path.name,
                file_format=sheet.table.kind,
                file_sha256=sheet.table.sha256,
            )
        return replace(report, dry_run=False, event_ids=tuple(ids))


def _new_event(row: EventRow) -> Event:
    """The rows of a valid event, filled as ``EventService.add`` fills them."""
    record = Event()
    apply_event(record, row.event)
    return record


def _filled(row: EventRow) -> list[str]:
    """The fields an added event's audit names (as ``EventService.add``)."""
    event = row.event
    names = [name for name, value in event.columns().items() if value is not None]
    names += [name for name in ("audiences", "themes") if getattr(event, name)]
    return sorted(names)
