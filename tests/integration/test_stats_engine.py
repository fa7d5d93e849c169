"""Every activity indicator on a small hand-built centre, answers worked out by hand.

March 2024 (a leap year, so February ends on the 29th):
  #1 H1 2024-02-29 23:59 walk_in  30 min  heating      (February: makes H1 "returning")
  #2 H1 2024-03-01 00:00 phone    20 min  heating, insulation; follow-up due 03-10, done 03-12
  #3 H2 2024-03-15 10:00 home_visit 60 min insulation; follow-up due 03-31, never done
  #4 —  2024-03-31 23:59 phone     5 min  heating      (anonymous)
  #5 H3 2024-04-01 00:00 walk_in  15 min  heating      (April)
  #6 H2 2024-03-20 09:00 walk_in  45 min  windows
Outcomes: #1 "done" recorded 2024-03-05 (its LED measure done); #3 "abandoned" recorded
2024-03-20; #6 "decided" recorded 2024-04-02 (April).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from testkit.activity import march_2024_centre
from testkit.databases import Databases

from siec_desk.core.errors import ValidationError
from siec_desk.domain.activity_period import Period, month, parse_period, quarter, year
from siec_desk.services.activity.engine import ActivityStats
from siec_desk.services.app import AppContext

pytestmark = pytest.mark.both_backends

MARCH = month(date(2024, 3, 1))


@pytest.fixture(scope="module")
def centre(module_db: Databases) -> Iterator[tuple[AppContext, dict[int, int]]]:
    ctx, ids = march_2024_centre(module_db("stats"))
    yield ctx, ids
    ctx.close()


def _measures(ctx: AppContext, consultation_ids: list[int]) -> list:  # type: ignore[type-arg]
    return [m for i in consultation_ids for m in ctx.consultations.get(i).measures]


def test_march_indicators_match_the_hand_count(centre) -> None:  # type: ignore[no-untyped-def]
    ctx, ids = centre
    stats = ActivityStats(ctx.db, today=lambda: date(2026, 11, 24))
    got = stats.summary(MARCH)
    assert (
        got.consultations,
        got.households,
        got.new_households,
        got.returning_households,
        got.anonymous,
    ) == (4, 2, 1, 1, 1)
    assert got.duration_total_min == 20 + 60 + 5 + 45
    assert got.duration_median_min == (20 + 45) / 2
    assert (got.follow_ups_due, got.follow_ups_done, got.follow_ups_overdue) == (2, 1, 1)
    assert got.follow_up_delay_median_days == 11  # 1 March → 12 March
    assert (
        got.outcomes_recorded,
        got.outcomes_decided,
        got.outcomes_done,
        got.outcomes_abandoned,
    ) == (2, 0, 1, 1)
    assert got.acted_share == 0.5
    recommended = _measures(ctx, [ids[2], ids[3], ids[6]])
    assert got.measures_recommended == 4 == len(recommended)
    assert got.kwh_recommended == pytest.approx(sum(m.kwh_per_year for m in recommended))
    assert got.money_recommended_minor == sum(m.money_per_year_minor for m in recommended)
    assert got.co2_recommended_kg == pytest.approx(sum(m.co2_kg_per_year for m in recommended))
    [done] = _measures(ctx, [ids[1]])
    assert (got.measures_done, got.kwh_done, got.money_done_minor) == (
        1,
        pytest.approx(done.kwh_per_year),
        done.money_per_year_minor,
    )


def test_follow_up_not_yet_due_is_not_overdue(centre) -> None:  # type: ignore[no-untyped-def]
    ctx, _ids = centre
    stats = ActivityStats(ctx.db, today=lambda: date(2024, 3, 20))
    got = stats.summary(MARCH)
    assert (got.follow_ups_due, got.follow_ups_done, got.follow_ups_overdue) == (2, 1, 0)


def test_grouped_by_mode_and_by_theme(centre) -> None:  # type: ignore[no-untyped-def]
    ctx, _ids = centre
    stats = ActivityStats(ctx.db)
    by_mode = stats.indicators(MARCH, ("mode",))
    assert {k: (v.consultations, v.households, v.anonymous) for k, v in by_mode.items()} == {
        ("phone",): (2, 1, 1),
        ("home_visit",): (1, 1, 0),
        ("walk_in",): (1, 1, 0),
    }
    by_theme = stats.indicators(MARCH, ("theme",))
    assert {k: v.consultations for k, v in by_theme.items()} == {
        ("heating",): 2,
        ("insulation",): 2,
        ("windows",): 1,
    }
    assert by_theme[("insulation",)].duration_total_min == 80
    two = stats.indicators(MARCH, ("tenure", "mode"))
    assert two[("private_tenant", "home_visit")].consultations == 1
    assert two[(None, "phone")].anonymous == 1  # anonymous contacts have no tenure


def test_filters_and_drill_down(centre) -> None:  # type: ignore[no-untyped-def]
    ctx, ids = centre
    stats = ActivityStats(ctx.db)
    assert stats.summary(MARCH, {"theme": "insulation"}).consultations == 2
    assert stats.consultation_ids(MARCH, {"mode": "phone"}) == [ids[4], ids[2]]
    assert stats.consultation_ids(MARCH, {"theme": "heating", "mode": "phone"}) == [ids[4], ids[2]]


def test_period_edges_and_comparisons(centre) -> None:  # type: ignore[no-untyped-def]
    ctx, _ids = centre
    stats = ActivityStats(ctx.db)
    comparison = stats.compare(MARCH)
    assert comparison.previous.consultations == 1  # 29 February 23:59 belongs to February
    assert comparison.year_before.consultations == 0
    assert stats.summary(month(date(2024, 4, 1))).consultations == 1  # 1 April 00:00
    assert stats.summary(Period(date(2024, 2, 29), date(2024, 3, 1))).consultations == 2
    assert stats.summary(quarter(date(2024, 2, 10))).consultations == 5
    assert stats.summary(year(2024)).consultations == 6
    trend = stats.trend(MARCH, 3)
    assert [(p.period.code(), p.consultations, p.households) for p in trend] == [
        ("2024-01", 0, 0),
        ("2024-02", 1, 1),
        ("2024-03", 4, 2),
    ]


def test_periods_parse_and_shift() -> None:
    assert parse_period("2024-02").end == date(2024, 2, 29)
    assert parse_period("2023-02").end == date(2023, 2, 28)
    assert parse_period("2024-Q1") == quarter(date(2024, 3, 31))
    assert parse_period("2024").previous() == year(2023)
    assert month(date(2024, 1, 1)).previous() == month(date(2023, 12, 1))
    leap = Period(date(2024, 2, 29), date(2024, 2, 29))
    assert leap.year_before() == Period(date(2023, 2, 28), date(2023, 2, 28))
    custom = Period(date(2024, 3, 1), date(2024, 3, 10))
    assert custom.previous() == Period(date(2024, 2, 20), date(2024, 2, 29))
    for bad in ("2024-13", "24-03", "2024-02-30..2024-03-01", "march"):
        with pytest.raises(ValidationError):
            parse_period(bad)


def test_unknown_grouping_is_refused_clearly(centre) -> None:  # type: ignore[no-untyped-def]
    ctx, _ids = centre
    with pytest.raises(ValidationError) as caught:
        ActivityStats(ctx.db).indicators(MARCH, ("colour",))
    assert "colour" in str(caught.value)


def test_parts_compute_only_what_is_asked(centre) -> None:  # type: ignore[no-untyped-def]
    ctx, _ids = centre
    stats = ActivityStats(ctx.db, today=lambda: date(2026, 11, 24))
    light = stats.indicators(MARCH, ("mode",), parts=("activity",))
    full = stats.indicators(MARCH, ("mode",))
    assert {k: v.consultations for k, v in light.items()} == {
        ("phone",): 2,
        ("home_visit",): 1,
        ("walk_in",): 1,
    }
    assert {k: (v.consultations, v.households) for k, v in light.items()} == {
        k: (v.consultations, v.households) for k, v in full.items()
    }
    # Figures of parts left out keep their defaults, rather than wrong numbers.
    assert all(v.new_households == 0 and v.duration_median_min is None for v in light.values())
    with pytest.raises(ValueError):
        stats.indicators(MARCH, (), parts=("everything",))


def test_dashboard_in_parallel_equals_the_queries_one_by_one(centre) -> None:  # type: ignore[no-untyped-def]
    from siec_desk.services.activity.dashboard import load_dashboard

    ctx, _ids = centre
    stats = ActivityStats(ctx.db, today=lambda: date(2026, 11, 24))
    board = load_dashboard(stats, MARCH, ("mode", "theme"), trend_months=3, workers=2)
    assert board.comparison == stats.compare(MARCH)
    assert board.trend == stats.trend(MARCH, 3)
    assert [p.consultations for p in board.trend] == [0, 1, 4]  # January, February, March
    assert {k: v.consultations for k, v in board.breakdowns["theme"].items()} == {
        ("heating",): 2,
        ("insulation",): 2,
        ("windows",): 1,
    }
