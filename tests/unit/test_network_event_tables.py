"""The events-register and loans tables of the network export, on random events and loans:
no published entry from 1..k−1 events (or households), no participants entry dominated by
one event, no suppressed entry recoverable from its table's margins (exact elimination,
``testkit.network.determined``), and every published figure equal to an independent
recount of the raw rows."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from testkit.network import determined

from siec_desk.network.export.event_tables import (
    EventRow,
    LoanRow,
    MeetingRow,
    event_facts,
    loan_facts,
    month_end,
)
from siec_desk.network.export.suppression import DOMINANCE_SHARE, TOTAL
from siec_desk.network.export.tables import (
    REGISTER_GROUPS,
    TABLES,
    PublishedTable,
    build_tables,
)

MONTHS = ("2025-01", "2025-02", "2025-03")
SPECS = tuple(s for s in TABLES if s.group in REGISTER_GROUPS)
TYPES = ("stand_fair", "workshop", "school_visit")
AUDIENCES = ("general_public", "pupils_students", "professionals")
ITEMS = ("wattmeter", "thermal_camera")
PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

events_strategy = st.lists(
    st.tuples(
        st.sampled_from(MONTHS),
        st.sampled_from(TYPES),
        st.dictionaries(
            st.sampled_from(AUDIENCES),
            st.one_of(st.integers(0, 30), st.integers(200, 3000)),
            max_size=3,
        ),
        st.lists(st.integers(1, 25), max_size=4, unique=True),  # households met
    ),
    max_size=70,
)
loans_strategy = st.lists(
    st.tuples(
        st.integers(1, 30),  # household
        st.sampled_from(ITEMS),
        st.integers(-20, 85),  # out: days after 2025-01-01
        st.integers(1, 40),  # loan length
        st.one_of(st.none(), st.integers(0, 60)),  # returned: days after out
    ),
    max_size=80,
)


def _rows(
    raw_events: list[tuple[str, str, dict[str, int], list[int]]],
    raw_loans: list[tuple[int, str, int, int, int | None]],
) -> tuple[list[EventRow], list[MeetingRow], list[LoanRow]]:
    events = [EventRow(i, m, t, a) for i, (m, t, a, _h) in enumerate(raw_events, start=1)]
    meetings = [
        MeetingRow(h, i, m, t) for i, (m, t, _a, hs) in enumerate(raw_events, start=1) for h in hs
    ]
    start = date(2025, 1, 1)
    loans = [
        LoanRow(
            i,
            h,
            item,
            start + timedelta(days=out),
            start + timedelta(days=out + length),
            None if back is None else start + timedelta(days=out + back),
        )
        for i, (h, item, out, length, back) in enumerate(raw_loans, start=1)
    ]
    return events, meetings, loans


def _matches(dims: dict[str, str], row: str, column: str, spec_rows: str, spec_cols: str) -> bool:
    return (row == TOTAL or dims[spec_rows] == row) and (
        column == TOTAL or dims[spec_cols] == column
    )


Recount = tuple[dict[str, int], dict[str, set[int]], dict[int, int]]


def _recount(
    table: PublishedTable,
    row: str,
    column: str,
    events: list[EventRow],
    meetings: list[MeetingRow],
    loans: list[LoanRow],
) -> Recount:
    """(figures, contributors per measure, participants per event) of one entry, from the
    raw rows, without the module under test."""
    found: Recount = (dict.fromkeys(table.measures, 0), {m: set() for m in table.measures}, {})
    dims = _dims(table)
    if table.spec.group == "events":
        _events(found, events, row, column, dims)
    elif table.spec.group == "participants":
        _people(found, events, row, column, dims)
    elif table.spec.group == "households_met":
        for m in meetings:
            if _matches({"month": m.month, "event_type": m.event_type}, row, column, *dims):
                found[0]["households_met"] += 1
                found[1]["households_met"].add(m.household_id)
    else:
        _loans(found, loans, row, column, dims)
    return found


def _events(
    found: Recount, events: list[EventRow], row: str, column: str, dims: tuple[str, str]
) -> None:
    figures, behind, people = found
    for e in events:
        if _matches({"month": e.month, "event_type": e.event_type}, row, column, *dims):
            total = sum(e.audiences.values())
            figures["events"] += 1
            behind["events"].add(e.id)
            figures["participants"] += total
            if total:
                behind["participants"].add(e.id)
            people[e.id] = total


def _people(
    found: Recount, events: list[EventRow], row: str, column: str, dims: tuple[str, str]
) -> None:
    figures, behind, people = found
    for e in events:
        for audience, n in e.audiences.items():
            if n and _matches({"month": e.month, "audience": audience}, row, column, *dims):
                figures["participants"] += n
                behind["participants"].add(e.id)
                people[e.id] = people.get(e.id, 0) + n


def _loans(
    found: Recount, loans: list[LoanRow], row: str, column: str, dims: tuple[str, str]
) -> None:
    figures, behind, _people = found
    for loan in loans:
        for month in MONTHS:
            if not _matches({"month": month, "item_type": loan.item_type}, row, column, *dims):
                continue
            end = month_end(month)
            back = loan.returned_on
            flags = {
                "lent": loan.out_on.strftime("%Y-%m") == month,
                "returned": back is not None and back.strftime("%Y-%m") == month,
                "overdue": loan.out_on <= end
                and (back is None or back > end)
                and loan.due_on < end,
            }
            for measure, flag in flags.items():
                if flag:
                    figures[measure] += 1
                    behind[measure].add(loan.household_id)


def _dims(table: PublishedTable) -> tuple[str, str]:
    return table.spec.rows, table.spec.columns


@PROPERTY
@given(events_strategy, loans_strategy, st.integers(3, 6))
def test_events_and_loans_tables_are_protected_and_exact(raw_events, raw_loans, k) -> None:  # type: ignore[no-untyped-def]
    events, meetings, loans = _rows(raw_events, raw_loans)
    facts = event_facts(events, meetings)
    facts.update(loan_facts(loans, MONTHS))
    tables = build_tables(MONTHS, facts, k, SPECS)
    assert [t.spec.id for t in tables] == [
        "events_by_month_event_type",
        "participants_by_month_audience",
        "households_met_by_month_event_type",
        "loans_by_month_item_type",
    ]
    for table in tables:
        assert determined(table) == [], table.spec.id
        for (row, column), values in table.cells.items():
            figures, behind, people = _recount(table, row, column, events, meetings, loans)
            if values is None:
                assert any(figures.values()), "zeros are published"
                continue
            assert dict(values) == figures, (table.spec.id, row, column)
            for measure, value in values.items():
                assert value == 0 or len(behind[measure]) >= k, (table.spec.id, measure)
            if values.get("participants"):
                assert max(people.values()) <= DOMINANCE_SHARE * values["participants"]


def test_one_big_fair_does_not_reveal_itself() -> None:
    """Twelve events in March, one of them a fair of 3,000 people: the fair's type and the
    month's participants are hidden (dominance), the number of events is not."""
    events = [EventRow(i, "2025-03", "workshop", {"general_public": 10}) for i in range(1, 12)]
    events.append(EventRow(99, "2025-03", "stand_fair", {"general_public": 3000}))
    events += [EventRow(100 + i, "2025-02", "stand_fair", {"general_public": 5}) for i in range(12)]
    tables = build_tables(MONTHS, event_facts(events, []), 11, SPECS[:1])
    cells = tables[0].cells
    assert cells[("2025-03", "workshop")] == {"events": 11, "participants": 110}
    assert cells[("2025-03", "stand_fair")] is None  # one event
    assert cells[("2025-03", TOTAL)] is None  # the fair holds 96 % of March's people
    assert determined(tables[0]) == []


def test_planned_events_and_place_never_enter_the_facts() -> None:
    """Only what the rows carry is counted: the month, the type, people by audience."""
    assert set(EventRow.__dataclass_fields__) == {"id", "month", "event_type", "audiences"}
