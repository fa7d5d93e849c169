"""The agenda's pure rules: a follow-up action needs a day (D5), a time needs a day, the
kind defaults to a call-back, times of day typed as advisors type them, the upcoming
groups and the next working day."""

from __future__ import annotations

import itertools
from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from siec_desk.core.errors import ValidationError
from siec_desk.domain.agenda import AgendaRow, Bucket, next_working_day, sort_key
from siec_desk.domain.consultation_records import ConsultationInput
from siec_desk.domain.consultation_rules import parse_clock, validate_consultation

NOW = datetime(2026, 12, 7, 10, 0)


def _valid(**follow_up: object) -> object:
    data = ConsultationInput(mode="phone", themes=("heating",), household_id=1, **follow_up)  # type: ignore[arg-type]
    return validate_consultation(data, True, NOW)


def test_an_action_without_a_day_is_refused_in_one_line() -> None:
    with pytest.raises(ValidationError) as caught:
        _valid(follow_up_action="envoyer les formulaires")
    assert [(e.field, e.message) for e in caught.value.errors] == [
        ("follow_up_due", "A follow-up action needs a date: give one or clear the action.")
    ]


def test_a_time_without_a_day_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        _valid(follow_up_time=time(9, 0))
    assert [e.field for e in caught.value.errors] == ["follow_up_time"]


def test_the_kind_is_a_call_back_unless_said_and_only_with_a_follow_up() -> None:
    due = NOW.date() + timedelta(days=3)
    planned = _valid(follow_up_due=due, follow_up_time=time(14, 30))
    assert (planned.follow_up_kind, planned.follow_up_time) == ("call_back", time(14, 30))  # type: ignore[attr-defined]
    assert _valid(follow_up_due=due, follow_up_kind="visit").follow_up_kind == "visit"  # type: ignore[attr-defined]
    assert _valid().follow_up_kind is None  # type: ignore[attr-defined]
    with pytest.raises(ValidationError):
        _valid(follow_up_due=due, follow_up_kind="lunch")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("14:30", time(14, 30)), ("9:05", time(9, 5)), ("14h30", time(14, 30)),
     ("14H", time(14, 0)), ("8", time(8, 0)), (" 07.45 ", time(7, 45))],
)  # fmt: skip
def test_times_as_advisors_type_them(text: str, expected: time) -> None:
    assert parse_clock(text) == expected


@pytest.mark.parametrize(
    "text", ["", "24:00", "12:60", "1230", "12:5", "midi", "-1:00", "12:30:00"]
)
def test_what_is_not_a_time_is_one_line(text: str) -> None:
    with pytest.raises(ValueError, match="not a time of day") as caught:
        parse_clock(text)
    assert "\n" not in str(caught.value)


@given(st.times())
def test_every_time_written_as_hh_mm_reads_back(moment: time) -> None:
    assert parse_clock(moment.strftime("%H:%M")) == moment.replace(second=0, microsecond=0)


def _row(due: date, at: time | None, ident: int) -> AgendaRow:
    return AgendaRow(ident, 1, "A", None, due, at, "call_back", None, "to_call_back", None,
                     None, None, 0, 1)  # fmt: skip


@given(st.lists(st.tuples(st.integers(-20, 20), st.none() | st.times()), max_size=30))
def test_groups_fold_every_row_once_in_day_order_untimed_first(
    items: list[tuple[int, time | None]],
) -> None:
    today = date(2026, 12, 7)
    rows = sorted(
        (_row(today + timedelta(days=d), at, i) for i, (d, at) in enumerate(items)), key=sort_key
    )
    buckets = [r.bucket(today) for r in rows]
    assert buckets == sorted(buckets, key=list(Bucket).index)  # groups in order, each once
    for a, b in itertools.pairwise(rows):
        if a.due == b.due and a.at is not None:
            assert b.at is not None and b.at >= a.at  # untimed first, then by time
    assert sum(r.bucket(today) is Bucket.NEXT_7_DAYS for r in rows) == sum(
        1 for d, _at in items if 1 <= d <= 7
    )


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)))
def test_the_next_working_day_is_the_first_weekday_after(day: date) -> None:
    found = next_working_day(day)
    assert found > day and found.weekday() < 5
    assert all((day + timedelta(days=n)).weekday() >= 5 for n in range(1, (found - day).days))
