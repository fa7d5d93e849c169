"""The events register (schema 0016): add, change, delete, get and list events; link a
consultation to the event where its household was met; the period's figures.

Every change is checked whole by :func:`~siec_desk.domain.event_rules.validate_event`
and audited in the same transaction (object ``event``, the field names, never values).
An event holds nothing personal; a household is tied to an event only through its
consultations (``consultations.event_id``), so erasing a household deletes those links
with its consultations and the event stays.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import Select, func, select, update
from sqlalchemy.orm import Session, selectinload

from siec_desk.core.errors import ConflictError
from siec_desk.core.i18n import _
from siec_desk.domain import audit_codes as a
from siec_desk.domain import validation as v
from siec_desk.domain.event_records import EventFigures, EventInput, EventRecord
from siec_desk.domain.event_rules import (
    EVENT_COLUMNS,
    ValidEvent,
    count_events,
    validate_event,
)
from siec_desk.services.audit import AuditService, changed_fields
from siec_desk.storage.base import utc_now
from siec_desk.storage.database import Database
from siec_desk.storage.models import (
    Advisor,
    Consultation,
    Event,
    EventAdvisor,
    EventAudience,
    EventTheme,
)
from siec_desk.storage.sessions import get_row


def _missing() -> str:
    return _("Event {id} not found.")


def event_record(row: Event, consultations: int = 0) -> EventRecord:
    audiences = {a_.audience: a_.participants for a_ in row.audiences}
    return EventRecord(
        id=row.id,
        occurred_on=row.occurred_on,
        event_type=row.event_type,
        starts_at=row.starts_at,
        duration_min=row.duration_min,
        title=row.title,
        commune=row.commune,
        postal_code=row.postal_code,
        place=row.place,
        partners=row.partners,
        notes=row.notes,
        audiences=audiences,
        themes=tuple(t.theme for t in row.themes),
        advisor_ids=tuple(x.advisor_id for x in row.advisors),
        participants=sum(audiences.values()),
        consultations=consultations,
        version=row.version,
    )


def _values(row: Event) -> dict[str, object]:
    values: dict[str, object] = {name: getattr(row, name) for name in EVENT_COLUMNS}
    values["audiences"] = sorted((x.audience, x.participants) for x in row.audiences)
    values["themes"] = sorted(t.theme for t in row.themes)
    values["advisors"] = sorted(x.advisor_id for x in row.advisors)
    return values


class EventService:
    def __init__(self, db: Database, audit: AuditService) -> None:
        self.db = db
        self.audit = audit

    # -- writing ---------------------------------------------------------------------
    def add(self, data: EventInput, *, today: date | None = None) -> int:
        """Store a new event; ``ValidationError`` (one line per field) and nothing
        written when anything is wrong."""
        valid = validate_event(data, today=today or date.today())
        with self.db.write() as session:
            self._check_advisors(session, valid)
            row = Event()
            apply_event(row, valid)
            session.add(row)
            session.flush()
            filled = sorted(k for k, value in _values(row).items() if value not in (None, []))
            self.audit.record_in(session, a.CREATE, a.EVENT, row.id, fields=filled)
            return row.id

    def update(
        self,
        event_id: int,
        data: EventInput,
        expected_version: int | None = None,
        *,
        today: date | None = None,
    ) -> None:
        """Replace the event's fields; with *expected_version*, refuse if someone saved
        it in between (:class:`ConflictError`)."""
        valid = validate_event(data, today=today or date.today())
        with self.db.write() as session:
            row = self._row(session, event_id)
            if expected_version is not None and row.version != expected_version:
                raise ConflictError(
                    _("This event was changed by someone else since you opened it."),
                    current_version=row.version,
                )
            self._check_advisors(session, valid)
            before = _values(row)
            apply_event(row, valid)
            fields = changed_fields(before, _values(row))
            if fields:  # the row itself is written, so its version counts every change
                row.updated_at = utc_now()
                session.flush()
                self.audit.record_in(session, a.UPDATE, a.EVENT, event_id, fields=fields)

    def delete(self, event_id: int) -> None:
        """Delete the event with its audiences, themes and advisors; the consultations
        that met their household there stay, no longer tied to it."""
        with self.db.write() as session:
            row = self._row(session, event_id)
            linked = session.scalar(select(func.count()).where(Consultation.event_id == event_id))
            session.execute(  # SET NULL, also where the database does not enforce it
                update(Consultation)
                .where(Consultation.event_id == event_id)
                .values(event_id=None)
                .execution_options(synchronize_session=False)
            )
            session.delete(row)
            self.audit.record_in(
                session, a.DELETE, a.EVENT, event_id, consultations=int(linked or 0)
            )

    def link(self, consultation_id: int, event_id: int | None) -> None:
        """Say that *consultation_id* met its household at *event_id* (None: at no
        event); audited on the consultation by field name."""
        with self.db.write() as session:
            consultation = get_row(
                session, Consultation, consultation_id, _("Consultation {id} not found.")
            )
            if event_id is not None:
                self._row(session, event_id)
            if consultation.event_id == event_id:
                return
            consultation.event_id = event_id
            self.audit.record_in(
                session,
                a.UPDATE,
                a.CONSULTATION,
                consultation_id,
                household_id=consultation.household_id,
                fields=["event_id"],
            )

    # -- reading ---------------------------------------------------------------------
    def get(self, event_id: int) -> EventRecord:
        with self.db.read() as session:
            row = self._row(session, event_id)
            linked = session.scalar(select(func.count()).where(Consultation.event_id == event_id))
            return event_record(row, int(linked or 0))

    def list(
        self,
        start: date | None = None,
        end: date | None = None,
        event_type: str | None = None,
        commune: str | None = None,
        limit: int | None = None,
    ) -> list[EventRecord]:
        """Events from *start* to *end* inclusive, newest first; of one type, in one
        commune (any case) when given."""
        query = _loaded()
        if start is not None:
            query = query.where(Event.occurred_on >= start)
        if end is not None:
            query = query.where(Event.occurred_on <= end)
        if event_type:
            query = query.where(Event.event_type == event_type)
        if commune:
            query = query.where(func.lower(Event.commune) == commune.strip().lower())
        query = query.order_by(Event.occurred_on.desc(), Event.id.desc())
        if limit is not None:
            query = query.limit(limit)
        with self.db.read() as session:
            rows = list(session.scalars(query))
            counts = _linked_counts(session, [r.id for r in rows])
            return [event_record(r, counts.get(r.id, 0)) for r in rows]

    def figures(self, start: date, end: date) -> EventFigures:
        """The period's events counted: see :func:`event_figures`."""
        return event_figures(self.db, start, end)

    # -- helpers ---------------------------------------------------------------------
    @staticmethod
    def _row(session: Session, event_id: int) -> Event:
        return get_row(session, Event, event_id, _missing())

    @staticmethod
    def _check_advisors(session: Session, valid: ValidEvent) -> None:
        check = v.Checker()
        for advisor_id in valid.advisor_ids:
            if session.get(Advisor, advisor_id) is None:
                check.add("advisors", _("Advisor {id} not found.").format(id=advisor_id))
        check.raise_if_any()


def apply_event(row: Event, valid: ValidEvent) -> None:
    """Put *valid* on *row*, new or loaded, keeping its unchanged child rows (the form,
    the command line and the events import)."""
    for name, value in valid.columns().items():
        setattr(row, name, value)
    kept = {x.audience: x for x in row.audiences}
    audiences = []
    for code, count in valid.audiences.items():
        item = kept.get(code) or EventAudience(audience=code)
        item.participants = count
        audiences.append(item)
    row.audiences = audiences
    themes = {t.theme: t for t in row.themes}
    row.themes = [themes.get(t) or EventTheme(theme=t) for t in valid.themes]
    advisors = {x.advisor_id: x for x in row.advisors}
    row.advisors = [advisors.get(i) or EventAdvisor(advisor_id=i) for i in valid.advisor_ids]


def _loaded() -> Select[Event]:
    """Events with their audiences, themes and advisors (one query each)."""
    return select(Event).options(
        selectinload(Event.audiences), selectinload(Event.themes), selectinload(Event.advisors)
    )


def _linked_counts(session: Session, event_ids: list[int]) -> dict[int, int]:
    if not event_ids:
        return {}
    rows = session.execute(
        select(Consultation.event_id, func.count())
        .where(Consultation.event_id.in_(event_ids))
        .group_by(Consultation.event_id)
    )
    return {int(event_id): int(n) for event_id, n in rows if event_id is not None}


def events_met(session: Session, event_ids: Iterable[int | None]) -> list[dict[str, object]]:
    """The events of *event_ids* (a household's consultations' links) for its rights
    export: date, type, title, place and commune, oldest first."""
    wanted = sorted({i for i in event_ids if i is not None})
    if not wanted:
        return []
    rows = session.scalars(
        select(Event).where(Event.id.in_(wanted)).order_by(Event.occurred_on, Event.id)
    )
    return [
        {
            "id": r.id,
            "occurred_on": r.occurred_on.isoformat(),
            "event_type": r.event_type,
            "title": r.title,
            "place": r.place,
            "commune": r.commune,
        }
        for r in rows
    ]


def event_figures(db: Database, start: date, end: date) -> EventFigures:
    """The events from *start* to *end* counted (:func:`count_events`: by type, people
    by audience) with the distinct households met through the consultations linked to
    them: the Activity page's and the monthly report's one count."""
    with db.read() as session:
        rows = session.scalars(_loaded().where(Event.occurred_on.between(start, end)))
        events = [event_record(r) for r in rows]
        reached = session.scalar(
            select(func.count(func.distinct(Consultation.household_id)))
            .join(Event, Event.id == Consultation.event_id)
            .where(Event.occurred_on.between(start, end))
            .where(Consultation.household_id.is_not(None))
        )
    return count_events(events, int(reached or 0))
