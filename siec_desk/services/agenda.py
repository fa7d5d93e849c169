"""The agenda: follow-ups for a range of days in one query (with the household's name and
phone and the advisor's name, no query per row), and what an advisor does to one: mark
it done (with a call-result note), postpone it, cancel it (with a note), and undo any of
these (:meth:`AgendaService.restore`). Every action checks the consultation's version
when given one (a change saved in between is refused, :class:`ConflictError`), writes
nothing on a wrong input, and is audited by field name, never with the note.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time
from typing import Any

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from siec_desk.core.i18n import _
from siec_desk.domain import audit_codes as a
from siec_desk.domain.agenda import (
    AgendaEvent,
    AgendaRow,
    AgendaStatus,
    FollowUpChange,
    FollowUpState,
    sort_key,
)
from siec_desk.domain.codes import CLOSED_FOLLOW_UP, FollowUpKind, FollowUpStatus
from siec_desk.domain.fields import CONSULTATION as F
from siec_desk.domain.validation import Checker, check_field
from siec_desk.services.agenda_events import agenda_events
from siec_desk.services.audit import AuditService
from siec_desk.services.centre import CentreInfo
from siec_desk.services.conflicts import conflict_error
from siec_desk.storage.database import Database
from siec_desk.storage.models import Advisor, Consultation, Household
from siec_desk.storage.sessions import get_row

C = Consultation
_STATE_FIELDS = {
    "follow_up_status": "status",
    "follow_up_due": "due",
    "follow_up_time": "at",
    "follow_up_note": "note",
    "follow_up_done_on": "done_on",
    "follow_up_postponed": "postponed",
}
#: Columns compared to audit an action (by name, never with their values).
_AUDITED = (*_STATE_FIELDS, "follow_up_action", "follow_up_kind")


def _where(status: AgendaStatus, today: date) -> ColumnElement[bool]:
    is_open = and_(C.follow_up_status.is_not(None), C.follow_up_status.not_in(CLOSED_FOLLOW_UP))
    return {
        AgendaStatus.OPEN: is_open,
        AgendaStatus.DUE: and_(is_open, C.follow_up_due <= today),
        AgendaStatus.UPCOMING: and_(is_open, C.follow_up_due > today),
        AgendaStatus.DONE: C.follow_up_status == FollowUpStatus.DONE.value,
        AgendaStatus.CANCELLED: C.follow_up_status == FollowUpStatus.CANCELLED.value,
        AgendaStatus.ALL: C.follow_up_status.is_not(None),
    }[status]


def _state(c: Consultation) -> FollowUpState:
    return FollowUpState(
        consultation_id=c.id,
        status=c.follow_up_status,
        due=c.follow_up_due,
        at=c.follow_up_time,
        note=c.follow_up_note,
        done_on=c.follow_up_done_on,
        postponed=c.follow_up_postponed,
    )


class AgendaService:
    def __init__(self, db: Database, centre: CentreInfo, audit: AuditService) -> None:
        self.db = db
        self.centre = centre
        self.audit = audit

    # -- reading ---------------------------------------------------------------------
    def rows(
        self,
        start: date | None = None,
        end: date | None = None,
        *,
        status: AgendaStatus | str = AgendaStatus.OPEN,
        advisor_id: int | None = None,
        today: date | None = None,
        limit: int | None = None,
    ) -> list[AgendaRow]:
        """Follow-ups due from *start* to *end* inclusive (either open-ended), of
        *status* (against *today*), of one advisor or all; by day, untimed first, then by
        time. One query."""
        today = today or date.today()
        query = (
            select(
                C.id,
                C.household_id,
                Household.first_name,
                Household.last_name,
                Household.phone,
                C.follow_up_due,
                C.follow_up_time,
                C.follow_up_kind,
                C.follow_up_action,
                C.follow_up_status,
                C.follow_up_note,
                C.advisor_id,
                Advisor.display_name,
                C.follow_up_postponed,
                C.version,
            )
            .outerjoin(Household, Household.id == C.household_id)
            .outerjoin(Advisor, Advisor.id == C.advisor_id)
            .where(_where(AgendaStatus(status), today), C.follow_up_due.is_not(None))
            .order_by(C.follow_up_due, C.follow_up_time.is_not(None), C.follow_up_time, C.id)
        )
        query = query.where(*_range_filters(start, end, advisor_id))
        if limit is not None:
            query = query.limit(limit)
        with self.db.read() as session:
            found = [_row(r) for r in session.execute(query).all()]
        return sorted(found, key=sort_key)  # the same order on every backend

    def count(
        self,
        start: date | None = None,
        end: date | None = None,
        *,
        status: AgendaStatus | str = AgendaStatus.OPEN,
        advisor_id: int | None = None,
        today: date | None = None,
    ) -> int:
        """How many follow-ups :meth:`rows` would give without a limit (the agenda says
        "the first 1,000 of 1,234" rather than hiding the rest)."""
        today = today or date.today()
        query = select(func.count(C.id)).where(
            _where(AgendaStatus(status), today),
            C.follow_up_due.is_not(None),
            *_range_filters(start, end, advisor_id),
        )
        with self.db.read() as session:
            return int(session.execute(query).scalar_one())

    def upcoming(
        self, today: date | None = None, *, advisor_id: int | None = None, limit: int = 5
    ) -> list[AgendaRow]:
        """The next open follow-ups due after *today* (Today's "Next follow-ups")."""
        today = today or date.today()
        return self.rows(
            status=AgendaStatus.UPCOMING, advisor_id=advisor_id, today=today, limit=limit
        )

    def events(self, start: date, end: date, *, advisor_id: int | None = None) -> list[AgendaEvent]:
        """The centre's events from *start* to *end* for the day and week views (and
        the next 7 days of "Upcoming"): see :func:`agenda_events`. One query."""
        return agenda_events(self.db, start, end, advisor_id=advisor_id)

    def state(self, consultation_id: int) -> tuple[FollowUpState, int]:
        """A follow-up's state and its consultation's version."""
        with self.db.read() as session:
            c = self._get(session, consultation_id)
            return _state(c), c.version

    # -- actions ---------------------------------------------------------------------
    def mark_done(
        self,
        consultation_id: int,
        note: str | None = None,
        *,
        expected_version: int | None = None,
        on: date | None = None,
    ) -> FollowUpChange:
        """Done, on *on* (today), with the call result's *note* (optional)."""
        cleaned = self._note(note)

        def change(c: Consultation) -> None:
            c.follow_up_status = FollowUpStatus.DONE.value
            c.follow_up_done_on = on or date.today()
            c.follow_up_note = cleaned

        return self._act(consultation_id, expected_version, change)

    def cancel(
        self, consultation_id: int, note: str | None = None, *, expected_version: int | None = None
    ) -> FollowUpChange:
        """Called off, with why (optional): no longer due, kept in the history."""
        cleaned = self._note(note)

        def change(c: Consultation) -> None:
            c.follow_up_status = FollowUpStatus.CANCELLED.value
            c.follow_up_note = cleaned

        return self._act(consultation_id, expected_version, change)

    def postpone(
        self,
        consultation_id: int,
        to: date,
        at: time | None = None,
        *,
        expected_version: int | None = None,
        today: date | None = None,
    ) -> FollowUpChange:
        """Put off to the day *to* (today or later), at *at* or any time that day."""
        if to < (today or date.today()):
            check = Checker()
            check.add("follow_up_due", _("Postpone to today or a later day."))
            check.raise_if_any()

        def change(c: Consultation) -> None:
            c.follow_up_due = to
            c.follow_up_time = at
            c.follow_up_postponed = (c.follow_up_postponed or 0) + 1

        return self._act(consultation_id, expected_version, change)

    def plan(
        self,
        consultation_id: int,
        due: date,
        at: time | None = None,
        kind: str | None = None,
        action: str | None = None,
    ) -> FollowUpChange:
        """Plan (or re-plan) a consultation's follow-up for the day *due* at *at*; *kind*
        and *action* replace the current ones when given. The rules are the
        consultation's (:func:`validate_consultation`): a household, a day not before
        the consultation's. A closed follow-up opens again."""
        check = Checker()
        checked_kind = check_field(check, F["follow_up_kind"], kind)
        checked_action = check_field(check, F["follow_up_action"], action)
        check.raise_if_any()

        def change(c: Consultation) -> None:
            check = Checker()
            if c.household_id is None:
                check.add("follow_up_due", _("A follow-up needs an identified household."))
            elif due < c.occurred_at.date():
                check.add("follow_up_due", _("The follow-up cannot be before the consultation."))
            check.raise_if_any()
            c.follow_up_due, c.follow_up_time = due, at
            c.follow_up_kind = checked_kind or c.follow_up_kind or FollowUpKind.CALL_BACK.value
            c.follow_up_action = checked_action or c.follow_up_action
            if c.follow_up_status is None or c.follow_up_status in CLOSED_FOLLOW_UP:
                c.follow_up_status = FollowUpStatus.TO_CALL_BACK.value
                c.follow_up_done_on = None

        return self._act(consultation_id, None, change, must_be_open=False)

    def restore(self, previous: FollowUpState, *, expected_version: int | None) -> int:
        """Undo: the follow-up as it was before an action (its status, day, time, note,
        done date and count of postponements), refused if the consultation changed since
        (*expected_version*: its version after the action). The new version."""

        def change(c: Consultation) -> None:
            for column, attribute in _STATE_FIELDS.items():
                setattr(c, column, getattr(previous, attribute))

        return self._act(
            previous.consultation_id, expected_version, change, must_be_open=False
        ).version

    # -- inside ----------------------------------------------------------------------
    @staticmethod
    def _get(session: Session, consultation_id: int) -> Consultation:
        return get_row(session, C, consultation_id, _("Consultation {id} not found."))

    @staticmethod
    def _note(note: str | None) -> str | None:
        check = Checker()
        cleaned: str | None = check_field(check, F["follow_up_note"], note)
        check.raise_if_any()
        return cleaned or None

    def _act(
        self,
        consultation_id: int,
        expected_version: int | None,
        change: Callable[[Consultation], None],
        *,
        must_be_open: bool = True,
    ) -> FollowUpChange:
        country = self.centre.country
        try:
            with self.db.write() as session:
                c = self._get(session, consultation_id)
                if expected_version is not None and c.version != expected_version:
                    raise conflict_error(session, a.CONSULTATION, consultation_id, country)
                if must_be_open:
                    self._check_open(c)
                before = _state(c)
                values = {column: getattr(c, column) for column in _AUDITED}
                change(c)
                session.flush()
                changed = [column for column in _AUDITED if values[column] != getattr(c, column)]
                if changed:
                    self.audit.record_in(
                        session,
                        a.UPDATE,
                        a.CONSULTATION,
                        c.id,
                        household_id=c.household_id,
                        fields=changed,
                    )
                return FollowUpChange(before, c.version)
        except StaleDataError as exc:  # another save won the race for the same version
            with self.db.read() as session:
                raise conflict_error(session, a.CONSULTATION, consultation_id, country) from exc

    @staticmethod
    def _check_open(c: Consultation) -> None:
        check = Checker()
        if c.follow_up_status is None or c.follow_up_due is None:
            check.add("follow_up_status", _("This consultation has no follow-up planned."))
        elif c.follow_up_status in CLOSED_FOLLOW_UP:
            check.add("follow_up_status", _("This follow-up is already done or cancelled."))
        check.raise_if_any()


def _row(r: Any) -> AgendaRow:
    return AgendaRow(
        consultation_id=r[0],
        household_id=r[1],
        household_name=" ".join(p for p in (r[2], r[3]) if p),
        phone=r[4],
        due=r[5],
        at=r[6],
        kind=r[7] or FollowUpKind.CALL_BACK.value,
        action=r[8],
        status=r[9],
        note=r[10],
        advisor_id=r[11],
        advisor_name=r[12],
        postponed=r[13] or 0,
        version=r[14],
    )


def _range_filters(
    start: date | None, end: date | None, advisor_id: int | None
) -> list[ColumnElement[bool]]:
    found: list[ColumnElement[bool]] = []
    if start is not None:
        found.append(C.follow_up_due >= start)
    if end is not None:
        found.append(C.follow_up_due <= end)
    if advisor_id is not None:
        found.append(C.advisor_id == advisor_id)
    return found
