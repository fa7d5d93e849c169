"""The agenda's day and week views fold follow-ups and events into one order
(:func:`siec_desk.domain.agenda.merged`): nothing lost, by day, untimed first, then by
time, and at the same time the event before the follow-up."""

from __future__ import annotations

from datetime import date, time
from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from siec_desk.domain.agenda import AgendaEvent, AgendaRow, merged

DAYS = st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 1, 10))
TIMES = st.none() | st.times().map(lambda t: time(t.hour, t.minute))


def _row(i: int, day: date, at: time | None) -> AgendaRow:
    return AgendaRow(
        i, None, "", None, day, at, "call_back", None, "planned", None, None, None, 0, 1
    )


def _event(i: int, day: date, at: time | None) -> AgendaEvent:
    return AgendaEvent(i, day, at, None, "stand_fair", None, None, None, 0)


def _when(entry: AgendaRow | AgendaEvent) -> tuple[date, time | None]:
    return (entry.day, entry.at) if isinstance(entry, AgendaEvent) else (entry.due, entry.at)


@given(st.lists(st.tuples(DAYS, TIMES), max_size=12), st.lists(st.tuples(DAYS, TIMES), max_size=12))
def test_merged_keeps_everything_in_the_agendas_order(
    follow_ups: list[tuple[date, time | None]], events: list[tuple[date, time | None]]
) -> None:
    rows = [_row(i, d, t) for i, (d, t) in enumerate(follow_ups)]
    found = [_event(i, d, t) for i, (d, t) in enumerate(events)]
    entries = merged(rows, found)
    assert sorted(map(id, entries)) == sorted(map(id, [*rows, *found]))
    keys = [(d, t is not None, t or time.min) for d, t in map(_when, entries)]
    assert keys == sorted(keys)
    for before, after in pairwise(entries):
        if _when(before) == _when(after) and isinstance(after, AgendaEvent):
            assert isinstance(before, AgendaEvent)  # the event first at the same time
