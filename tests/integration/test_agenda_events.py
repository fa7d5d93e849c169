"""The centre's events in the agenda (issue 19 point 1): the events of a range of days,
past and planned, with their participants summed, in one query; of one advisor when the
agenda is filtered; in the agenda's order (all day first, then by time)."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from sqlalchemy import event

from siec_desk.domain.event_records import EventInput
from siec_desk.services.app import AppContext

pytestmark = pytest.mark.both_backends

TODAY = date.today()


def _event(ctx: AppContext, day: date, **fields: object) -> int:
    values: dict[str, object] = {"occurred_on": day, "event_type": "stand_fair", **fields}
    return ctx.events.add(EventInput(**values))  # type: ignore[arg-type]


def test_the_events_of_a_range_past_and_planned_in_the_agendas_order(ctx: AppContext) -> None:
    salma = ctx.centres.add_advisor("Salma Idrissi").id
    yassine = ctx.centres.add_advisor("Yassine Alaoui").id
    past = _event(
        ctx, TODAY - timedelta(days=1), event_type="school_visit", title="Visite école",
        commune="Chefchaouen", audiences={"pupils_students": 45, "professionals": 3},
        advisor_ids=(salma,),
    )  # fmt: skip
    timed = _event(ctx, TODAY + timedelta(days=3), starts_at=time(9, 30), advisor_ids=(yassine,))
    all_day = _event(ctx, TODAY + timedelta(days=3), event_type="mobile_desk", place="Souk")
    _event(ctx, TODAY + timedelta(days=20))  # outside the range
    found = ctx.agenda.events(TODAY - timedelta(days=2), TODAY + timedelta(days=7))
    assert [e.event_id for e in found] == [past, all_day, timed]
    school = found[0]
    assert (school.participants, school.title, school.commune) == (
        48,
        "Visite école",
        "Chefchaouen",
    )
    assert school.is_past(TODAY) and not found[2].is_past(TODAY)
    assert (found[1].at, found[1].place, found[1].participants) == (None, "Souk", 0)
    assert found[2].at == time(9, 30)
    mine = ctx.agenda.events(TODAY - timedelta(days=2), TODAY + timedelta(days=7), advisor_id=salma)
    assert [e.event_id for e in mine] == [past]


def test_the_events_of_a_range_are_one_query_whatever_their_number(ctx: AppContext) -> None:
    advisor = ctx.centres.add_advisor("Salma Idrissi").id
    for days in range(1, 16):
        _event(
            ctx, TODAY + timedelta(days=days), audiences={"general_public": days},
            advisor_ids=(advisor,),
        )  # fmt: skip
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(ctx.db.engine, "before_cursor_execute", count)
    try:
        found = ctx.agenda.events(TODAY, TODAY + timedelta(days=30), advisor_id=advisor)
    finally:
        event.remove(ctx.db.engine, "before_cursor_execute", count)
    assert len(found) == 15
    assert sum(e.participants for e in found) == sum(range(1, 16))
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 1
