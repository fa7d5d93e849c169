"""The agenda's plain records and day arithmetic, pure: a follow-up as the agenda lists
it (:class:`AgendaRow`), the state an action changes and its undo restores
(:class:`FollowUpState`), the groups of the "Upcoming" list and the next working day a
new follow-up is proposed for (D5). The queries and actions are ``services/agenda.py``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, time, timedelta
from enum import StrEnum

from siec_desk.domain.codes import CLOSED_FOLLOW_UP


class AgendaStatus(StrEnum):
    """Which follow-ups a list shows (``followup list --status``)."""

    OPEN = "open"  # neither done nor cancelled, whatever their date
    DUE = "due"  # open and due today or earlier
    UPCOMING = "upcoming"  # open and due after today
    DONE = "done"
    CANCELLED = "cancelled"
    ALL = "all"


class Bucket(StrEnum):
    """The groups of the "Upcoming" list, in their order."""

    OVERDUE = "overdue"
    TODAY = "today"
    NEXT_7_DAYS = "next_7_days"
    LATER = "later"


#: How far ahead "next 7 days" reaches, from tomorrow.
WEEK = timedelta(days=7)


@dataclass(frozen=True)
class AgendaRow:
    """One follow-up, with what is needed to call back: the household's name and phone
    (E.164, shown in national format), the planned action and its kind."""

    consultation_id: int
    household_id: int | None
    household_name: str
    phone: str | None
    due: date
    at: time | None  # None: any time that day (listed first)
    kind: str
    action: str | None
    status: str
    note: str | None
    advisor_id: int | None
    advisor_name: str | None
    postponed: int
    version: int

    @property
    def closed(self) -> bool:
        return self.status in CLOSED_FOLLOW_UP

    def bucket(self, today: date) -> Bucket:
        if self.due < today:
            return Bucket.OVERDUE
        if self.due == today:
            return Bucket.TODAY
        return Bucket.NEXT_7_DAYS if self.due <= today + WEEK else Bucket.LATER

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.consultation_id,
            "household_id": self.household_id,
            "household": self.household_name,
            "phone": self.phone,
            "due": self.due.isoformat(),
            "time": self.at.strftime("%H:%M") if self.at else None,
            "kind": self.kind,
            "action": self.action,
            "status": self.status,
            "note": self.note,
            "advisor_id": self.advisor_id,
            "advisor": self.advisor_name,
            "postponed": self.postponed,
            "version": self.version,
        }


@dataclass(frozen=True)
class FollowUpState:
    """What mark-done, postpone and cancel change: restored as it was by an undo."""

    consultation_id: int
    status: str | None
    due: date | None
    at: time | None
    note: str | None
    done_on: date | None
    postponed: int | None


@dataclass(frozen=True)
class FollowUpChange:
    """An action's result: the state before it (for the undo) and the consultation's
    version after it (the undo's version check)."""

    previous: FollowUpState
    version: int


def next_working_day(day: date) -> date:
    """The first Monday-to-Friday day after *day* (a follow-up's proposed date)."""
    day += timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def sort_key(row: AgendaRow) -> tuple[date, bool, time, int]:
    """Day first; in a day, untimed follow-ups at the top, then by time."""
    return (row.due, row.at is not None, row.at or time.min, row.consultation_id)


@dataclass(frozen=True)
class AgendaEvent:
    """An event of the register as the agenda's day and week views show it beside the
    follow-ups: when (no time: all day), its type, title (or place), commune, and the
    participants counted (shown for past events only)."""

    event_id: int
    day: date
    at: time | None
    duration_min: int | None
    event_type: str
    title: str | None
    place: str | None
    commune: str | None
    participants: int

    def is_past(self, today: date) -> bool:
        return self.day < today

    def bucket(self, today: date) -> Bucket:
        """The "Upcoming" group of a planned event (as a follow-up's)."""
        if self.day < today:
            return Bucket.OVERDUE
        if self.day == today:
            return Bucket.TODAY
        return Bucket.NEXT_7_DAYS if self.day <= today + WEEK else Bucket.LATER


def event_sort_key(event: AgendaEvent) -> tuple[date, bool, time, int]:
    """As :func:`sort_key`: day first, all-day events at the top, then by time."""
    return (event.day, event.at is not None, event.at or time.min, event.event_id)


def entry_key(entry: AgendaRow | AgendaEvent) -> tuple[date, bool, time, bool, int]:
    """Follow-ups and events of a list or a day's column in one order: by day, untimed
    first, then by time; at the same time, the event first."""
    if isinstance(entry, AgendaEvent):
        return (entry.day, entry.at is not None, entry.at or time.min, False, entry.event_id)
    return (entry.due, entry.at is not None, entry.at or time.min, True, entry.consultation_id)


def merged(
    rows: Iterable[AgendaRow], events: Iterable[AgendaEvent]
) -> list[AgendaRow | AgendaEvent]:
    """Follow-ups and events in one list, in :func:`entry_key`'s order."""
    entries: list[AgendaRow | AgendaEvent] = [*rows, *events]
    return sorted(entries, key=entry_key)
