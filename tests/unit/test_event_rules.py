"""The events register's rules (issue 19 point 1): one clear line per wrong field, a date
up to a year ahead, participants 0–100 000 per audience, a past event with people; and
the period's figures are plain sums of what was recorded (hypothesis)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from siec_desk.core.errors import ValidationError
from siec_desk.domain.codes import Audience, EventType
from siec_desk.domain.event_records import EventInput, EventRecord
from siec_desk.domain.event_rules import PARTICIPANTS_MAX, count_events, validate_event

TODAY = date(2026, 12, 7)


def _errors(data: EventInput) -> list[tuple[str, str]]:
    with pytest.raises(ValidationError) as caught:
        validate_event(data, today=TODAY)
    return [(e.field, e.message) for e in caught.value.errors]


def test_a_school_visit_is_kept_with_its_audiences_in_code_order() -> None:
    valid = validate_event(
        EventInput(
            TODAY, "school_visit", audiences={"professionals": 3, "pupils_students": 45},
            themes=("eco_gestures", "eco_gestures", "lighting"), title="  Visite   école ",
            duration_min=120, advisor_ids=(2, 2, 1),
        ),
        today=TODAY,
    )  # fmt: skip
    assert valid.audiences == {"professionals": 3, "pupils_students": 45}
    assert valid.themes == ("eco_gestures", "lighting")
    assert (valid.title, valid.duration_min, valid.advisor_ids) == ("Visite école", 120, (2, 1))


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (EventInput(None, "workshop", audiences={"general_public": 3}),
         [("occurred_on", "This field is required.")]),
        (EventInput(TODAY, None, audiences={"general_public": 3}),
         [("event_type", "This field is required.")]),
        (EventInput(TODAY, "fair", audiences={"general_public": 3}),
         [("event_type", "Unknown code “fair”.")]),
        (EventInput(TODAY + timedelta(days=400), "workshop"),
         [("occurred_on", "An event can be planned at most one year ahead.")]),
        (EventInput(TODAY, "workshop", duration_min=1441, audiences={"general_public": 3}),
         [("duration_min", "Must be between 1 and 1440.")]),
        (EventInput(TODAY, "workshop", audiences={"general_public": PARTICIPANTS_MAX + 1}),
         [("audiences", "Must be between 0 and 100000.")]),
        (EventInput(TODAY, "workshop", audiences={"general_public": -1}),
         [("audiences", "Must be between 0 and 100000.")]),
        (EventInput(TODAY, "workshop", audiences={"households": 3}),
         [("audiences", "Unknown code “households”.")]),
        (EventInput(TODAY - timedelta(days=1), "mobile_desk", audiences={"general_public": 0}),
         [("audiences", "Give the number of participants of at least one audience for a "
                        "past event.")]),
        (EventInput(TODAY, "workshop", title="x" * 201, audiences={"general_public": 3}),
         [("title", "Too long: at most 200 characters (201 given).")]),
    ],
)  # fmt: skip
def test_a_wrong_event_says_what_is_wrong(
    data: EventInput, expected: list[tuple[str, str]]
) -> None:
    assert _errors(data) == expected


def test_a_planned_event_may_have_no_participants_yet() -> None:
    planned = validate_event(EventInput(TODAY + timedelta(days=30), "training"), today=TODAY)
    assert planned.audiences == {}
    validate_event(EventInput(TODAY + timedelta(days=366), "stand_fair"), today=TODAY)


_audiences = st.dictionaries(
    st.sampled_from([a.value for a in Audience]), st.integers(0, PARTICIPANTS_MAX), max_size=7
)
_events = st.lists(
    st.tuples(st.sampled_from([t.value for t in EventType]), _audiences), max_size=40
)


def _record(i: int, kind: str, audiences: dict[str, int]) -> EventRecord:
    return EventRecord(
        id=i, occurred_on=TODAY, event_type=kind, starts_at=None, duration_min=None,
        title=None, commune=None, postal_code=None, place=None, partners=None, notes=None,
        audiences=audiences, themes=(), advisor_ids=(), participants=sum(audiences.values()),
    )  # fmt: skip


@given(_events)
def test_the_figures_are_the_sums_of_the_events(events: list[tuple[str, dict[str, int]]]) -> None:
    records = [_record(i, kind, audiences) for i, (kind, audiences) in enumerate(events)]
    figures = count_events(records, households_reached=2)
    assert figures.events == len(records) == sum(figures.by_type.values())
    assert figures.participants == sum(r.participants for r in records)
    assert figures.participants == sum(figures.participants_by_audience.values())
    for audience in Audience:
        expected = sum(r.audiences.get(audience.value, 0) for r in records)
        assert figures.participants_by_audience.get(audience.value, 0) == expected
    assert all(n > 0 for n in figures.participants_by_audience.values())
    assert figures.households_reached == 2


def test_a_planned_event_says_so_and_audiences_are_listed_with_their_people() -> None:
    from siec_desk.texts.event_text import audiences_text, event_cells

    planned = _record(1, "training", {})
    planned = EventRecord(**{**planned.__dict__, "occurred_on": TODAY + timedelta(days=9)})
    assert event_cells(planned, "en_GB", TODAY)[4] == "planned"
    held = _record(2, "school_visit", {"pupils_students": 45, "professionals": 3})
    assert event_cells(held, "en_GB", TODAY)[1:] == (
        "School or student visit", "School or student visit", "", "48"
    )  # fmt: skip
    assert audiences_text(held.audiences, "en_GB") == "Pupils and students: 45, Professionals: 3"
