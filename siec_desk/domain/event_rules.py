"""The events register's rules, pure: :func:`validate_event` checks an event against the
field registry (``domain/fields.py`` ``EVENT``) and the rules of the record; and
:func:`count_events` sums a period's events (the Activity page and the monthly report
count with it, so their figures are the same sums).

Rules: a known type; a date from :data:`EARLIEST_DATE` to one year ahead (events are
planned); a duration from 1 to 1440 minutes; from 0 to :data:`PARTICIPANTS_MAX`
participants per audience, each audience once; a past event (up to today) has at least
one audience with participants: a planned one may have none yet. The service adds what
needs the database: the advisors exist.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, time, timedelta

from siec_desk.core.i18n import _
from siec_desk.domain.event_records import EventFigures, EventInput, EventRecord
from siec_desk.domain.fields import EVENT as F
from siec_desk.domain.fields import Record, columns
from siec_desk.domain.validation import Checker, check_field

PARTICIPANTS_MAX = 100_000
#: The ``events`` table's own columns an advisor sets (compared to audit a change).
EVENT_COLUMNS = columns(Record.EVENT)
EARLIEST_DATE = date(2000, 1, 1)
#: How far ahead an event may be planned.
PLANNED_AHEAD = timedelta(days=366)


@dataclass(frozen=True)
class ValidEvent:
    occurred_on: date
    event_type: str
    starts_at: time | None
    duration_min: int | None
    title: str | None
    commune: str | None
    postal_code: str | None
    place: str | None
    partners: str | None
    notes: str | None
    audiences: dict[str, int]  # only audiences given, in code order
    themes: tuple[str, ...]
    advisor_ids: tuple[int, ...]

    def columns(self) -> dict[str, object]:
        """The values of the ``events`` table's own columns."""
        return {name: getattr(self, name) for name in EVENT_COLUMNS}


def validate_event(data: EventInput, *, today: date) -> ValidEvent:
    """*data* checked completely, or ``ValidationError`` naming every problem."""
    check = Checker()
    event_type = check_field(check, F["event_type"], data.event_type, required=True)
    occurred_on = data.occurred_on
    if occurred_on is None:
        check.add("occurred_on", _("This field is required."))
    else:
        check.date_not_before("occurred_on", occurred_on, EARLIEST_DATE)
        if occurred_on > today + PLANNED_AHEAD:
            check.add("occurred_on", _("An event can be planned at most one year ahead."))
    duration = check_field(check, F["duration_min"], data.duration_min)
    texts = {
        name: check_field(check, F[name], getattr(data, name))
        for name in ("title", "commune", "postal_code", "place", "partners", "notes")
    }
    refused = len(check.errors)
    audiences = _audiences(check, data.audiences)
    refused = len(check.errors) - refused  # a wrong count says enough on its own
    past = occurred_on is not None and occurred_on <= today
    if past and not refused and not any(audiences.values()):
        check.add(
            "audiences",
            _("Give the number of participants of at least one audience for a past event."),
        )
    themes = [check_field(check, F["themes"], t) for t in data.themes]
    check.raise_if_any()
    assert occurred_on is not None and event_type is not None
    return ValidEvent(
        occurred_on=occurred_on,
        event_type=str(event_type),
        starts_at=data.starts_at.replace(second=0, microsecond=0) if data.starts_at else None,
        duration_min=duration,
        **texts,
        audiences=audiences,
        themes=tuple(dict.fromkeys(t for t in themes if t)),
        advisor_ids=tuple(dict.fromkeys(data.advisor_ids)),
    )


def _audiences(check: Checker, given: Mapping[str, int]) -> dict[str, int]:
    found: dict[str, int] = {}
    for code, count in given.items():
        audience = check_field(check, F["audiences"], code)
        if audience is None:
            continue
        number = check.int_range("audiences", count, 0, PARTICIPANTS_MAX, required=True)
        if number is not None:
            found[str(audience)] = number
    return dict(sorted(found.items()))


def count_events(events: Iterable[EventRecord], households_reached: int = 0) -> EventFigures:
    """The figures of *events*: how many by type, participants by audience and in all.
    *households_reached*: the distinct households of the consultations linked to them
    (counted by the service, which sees the consultations)."""
    by_type: Counter[str] = Counter()
    people: Counter[str] = Counter()
    for event in events:
        by_type[event.event_type] += 1
        for audience, count in event.audiences.items():
            people[audience] += count
    return EventFigures(
        events=sum(by_type.values()),
        participants=sum(people.values()),
        by_type=dict(sorted(by_type.items())),
        participants_by_audience={a: n for a, n in sorted(people.items()) if n},
        households_reached=households_reached,
    )
