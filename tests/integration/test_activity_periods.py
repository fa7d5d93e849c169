"""The Activity figures, computed faster (issue 22: covering indexes, medians from
histograms, statements in parallel): on random consultations, the dashboard equals a
straightforward recomputation in Python, period by period, and the engine's own
one-period answers."""

from __future__ import annotations

import statistics
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, insert
from testkit.databases import Databases

from siec_desk.domain.activity_period import Period, last_months, month
from siec_desk.domain.activity_results import Indicators, TrendPoint
from siec_desk.services.activity.dashboard import load_dashboard
from siec_desk.services.activity.engine import PARTS, ActivityStats
from siec_desk.services.app import AppContext, open_app
from siec_desk.services.centre import CentreService
from siec_desk.storage.database import open_database
from siec_desk.storage.models import (
    Consultation,
    ConsultationOrientation,
    ConsultationTheme,
    Household,
    RecommendedMeasure,
)

pytestmark = pytest.mark.both_backends

MARCH = month(date(2025, 3, 1))
TODAY = date(2025, 3, 15)  # the current month: only follow-ups due before today are late
#: February 2024 makes households "returning"; March 2024 is the year before.
MONTHS = (date(2024, 2, 1), date(2024, 3, 1), date(2025, 1, 1), date(2025, 2, 1), MARCH.start)
MODES = ("phone", "walk_in")


@dataclass(frozen=True)
class Row:
    month: date
    day: int
    household: int | None
    minutes: int
    mode: str
    themes: frozenset[str]
    follow_up: tuple[int, str, int | None] | None  # (days after, status, done days after)
    outcome: tuple[int, str] | None  # (days after, status)
    measures: tuple[tuple[int, int, str], ...]  # (kWh, money, status)

    @property
    def at(self) -> datetime:
        return datetime.combine(self.month.replace(day=self.day), datetime.min.time()).replace(
            hour=9 + self.day % 10, minute=59 if self.day == 28 else 0
        )


rows_strategy = st.lists(
    st.builds(
        Row,
        st.sampled_from(MONTHS),
        st.integers(1, 28),
        st.one_of(st.none(), st.integers(0, 7)),
        st.integers(0, 90),
        st.sampled_from(MODES),
        st.frozensets(st.sampled_from(("heating", "insulation")), min_size=1),
        st.one_of(
            st.none(),
            st.tuples(
                st.integers(0, 40),
                st.sampled_from(("pending", "done", "cancelled")),
                st.one_of(st.none(), st.integers(0, 20)),
            ),
        ),
        st.one_of(
            st.none(),
            st.tuples(st.integers(0, 40), st.sampled_from(("decided", "done", "abandoned"))),
        ),
        st.lists(
            st.tuples(
                st.integers(0, 5000),
                st.integers(-500, 90000),
                st.sampled_from(("recommended", "done")),
            ),
            max_size=2,
        ).map(tuple),
    ),
    max_size=60,
)


@pytest.fixture(scope="module")
def centre(module_db: Databases) -> Iterator[AppContext]:
    target = module_db("periods")
    db = open_database(target)
    CentreService(db).set_up("Centre", "FR", "fr", "Conseillère")
    db.close()
    ctx = open_app(target)
    yield ctx
    ctx.close()


def _fill(ctx: AppContext, rows: list[Row]) -> None:
    with ctx.db.write() as session:
        for model in (
            ConsultationOrientation, RecommendedMeasure, ConsultationTheme, Consultation, Household
        ):  # fmt: skip
            session.execute(delete(model))
        session.execute(
            insert(Household),
            [
                {"id": h + 1, "last_name": f"N{h}", "country": "FR", "search_text": ""}
                for h in range(8)
            ],
        )
        for n, row in enumerate(rows, start=1):
            start = row.at.date()
            follow_up = row.follow_up
            session.execute(
                insert(Consultation).values(
                    id=n,
                    household_id=None if row.household is None else row.household + 1,
                    occurred_at=row.at,
                    duration_min=row.minutes,
                    mode=row.mode,
                    act="advice",
                    follow_up_due=follow_up and start + timedelta(days=follow_up[0]),
                    follow_up_status=follow_up and follow_up[1],
                    follow_up_done_on=(
                        start + timedelta(days=follow_up[2])
                        if follow_up and follow_up[2] is not None
                        else None
                    ),
                    outcome_status=row.outcome and row.outcome[1],
                    outcome_recorded_on=row.outcome and start + timedelta(days=row.outcome[0]),
                )
            )
            session.execute(
                insert(ConsultationTheme), [{"consultation_id": n, "theme": t} for t in row.themes]
            )
            for priority, (kwh, money, status) in enumerate(row.measures):
                session.execute(
                    insert(RecommendedMeasure).values(
                        consultation_id=n, measure_code="led_lighting", priority=priority,
                        parameters={}, kwh_per_year=float(kwh), money_per_year_minor=money,
                        currency="EUR", co2_kg_per_year=float(kwh // 10),
                        parameter_set_version="test", assumptions=[], status=status,
                    )
                )  # fmt: skip


def _median(values: list[float]) -> float | None:
    return float(statistics.median(values)) if values else None


def _due(row: Row) -> date:
    assert row.follow_up is not None
    return row.at.date() + timedelta(days=row.follow_up[0])


def _recount(rows: list[Row], period: Period, today: date) -> Indicators:
    """The figures of *period*, counted one consultation at a time."""
    inside = [r for r in rows if period.starts_at <= r.at < period.ends_before]
    people = {r.household for r in inside if r.household is not None}
    returning = {r.household for r in rows if r.household in people and r.at < period.starts_at}
    due = [
        r
        for r in rows
        if r.follow_up and r.follow_up[1] != "cancelled"
        and period.contains(r.at.date() + timedelta(days=r.follow_up[0]))
    ]  # fmt: skip
    as_of = min(today, period.end + timedelta(days=1))
    done = [r for r in due if r.follow_up and r.follow_up[1] == "done"]
    late = [
        r for r in due if r not in done and r.at.date() + timedelta(days=r.follow_up[0]) < as_of
    ]  # type: ignore[index]
    recorded = [
        r for r in rows if r.outcome and period.contains(r.at.date() + timedelta(days=r.outcome[0]))
    ]
    advised = [m for r in inside for m in r.measures]
    carried = [m for r in recorded for m in r.measures if m[2] == "done"]
    return replace(
        Indicators(),
        consultations=len(inside),
        households=len(people),
        new_households=len(people - returning),
        anonymous=sum(1 for r in inside if r.household is None),
        duration_total_min=sum(r.minutes for r in inside),
        duration_median_min=_median([r.minutes for r in inside]),
        follow_ups_due=len(due),
        follow_ups_done=len(done),
        follow_ups_overdue=len(late),
        follow_up_delay_median_days=_median(
            [r.follow_up[2] for r in done if r.follow_up and r.follow_up[2] is not None]
        ),
        outcomes_recorded=len(recorded),
        outcomes_decided=sum(1 for r in recorded if r.outcome and r.outcome[1] == "decided"),
        outcomes_done=sum(1 for r in recorded if r.outcome and r.outcome[1] == "done"),
        outcomes_abandoned=sum(1 for r in recorded if r.outcome and r.outcome[1] == "abandoned"),
        measures_recommended=len(advised),
        kwh_recommended=float(sum(m[0] for m in advised)),
        money_recommended_minor=sum(m[1] for m in advised),
        co2_recommended_kg=float(sum(m[0] // 10 for m in advised)),
        measures_done=len(carried),
        kwh_done=float(sum(m[0] for m in carried)),
        money_done_minor=sum(m[1] for m in carried),
        co2_done_kg=float(sum(m[0] // 10 for m in carried)),
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows_strategy)
def test_the_compared_periods_counted_together_equal_a_recount(
    centre: AppContext, rows: list[Row]
) -> None:
    _fill(centre, rows)
    stats = ActivityStats(centre.db, today=lambda: TODAY)
    board = load_dashboard(stats, MARCH, ("mode",), trend_months=14, breakdown_parts=PARTS)
    compared = board.comparison
    for period, got in (
        (MARCH, compared.current),
        (MARCH.previous(), compared.previous),
        (MARCH.year_before(), compared.year_before),
    ):
        assert got == _recount(rows, period, TODAY), period.code()
        assert got == stats.summary(period)  # the one-period statements agree
    assert board.trend == [
        TrendPoint(
            m,
            sum(1 for r in rows if m.starts_at <= r.at < m.ends_before),
            len({r.household for r in rows if m.starts_at <= r.at < m.ends_before} - {None}),
        )
        for m in last_months(MARCH, 14)
    ]
    for mode in MODES:
        expected = _recount([r for r in rows if r.mode == mode], MARCH, TODAY)
        got = board.breakdowns["mode"].get((mode,), Indicators())
        # "new" looks at every earlier consultation of the household, whatever its mode
        assert replace(got, new_households=0) == replace(expected, new_households=0)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows_strategy)
def test_new_households_per_group_and_filtered_equal_a_recount(
    centre: AppContext, rows: list[Row]
) -> None:
    """New households are counted once per household of the period (issue 22), in
    every group and under a filter: those with a consultation of the group in the
    period and none at all (whatever its mode) before the period."""
    _fill(centre, rows)
    stats = ActivityStats(centre.db, today=lambda: TODAY)
    grouped = stats.indicators(MARCH, ("mode",), parts=("new_households",))
    # The whole centre's households: counted by the key figures' statement alone, or
    # by the new households' statement when both run.
    people = {r.household for r in rows if MARCH.starts_at <= r.at < MARCH.ends_before}
    for parts in (("activity",), ("activity", "new_households"), ("new_households",)):
        assert stats.indicators(MARCH, (), parts=parts)[()].households == len(people - {None})
    for mode in MODES:
        inside = {
            r.household
            for r in rows
            if r.mode == mode and MARCH.starts_at <= r.at < MARCH.ends_before
        }
        before = {r.household for r in rows if r.at < MARCH.starts_at}
        expected = len(inside - before - {None})
        assert grouped.get((mode,), Indicators()).new_households == expected, mode
        filtered = stats.indicators(MARCH, (), {"mode": mode}, parts=("new_households",))
        assert filtered[()].new_households == expected, mode
