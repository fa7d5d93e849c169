"""What the Activity page loads on the DB thread: figures of a period, and the
consultations behind one of them (drill-down). Plain data, no Qt."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from siec_desk.domain.activity_period import Period, month, quarter, year
from siec_desk.domain.activity_results import Comparison, Indicators, TrendPoint
from siec_desk.domain.consultation_records import ConsultationSummary
from siec_desk.services.activity.dashboard import load_dashboard
from siec_desk.services.app import AppContext

#: The breakdowns shown as charts and tables, in tab order.
BREAKDOWNS = ("mode", "theme", "act", "orientation", "advisor")
TREND_MONTHS = 12
#: Follow-ups are set when the consultation is logged, due at most this long after it.
FOLLOW_UP_REACH = timedelta(days=366)


@dataclass(frozen=True)
class ActivityData:
    period: Period
    comparison: Comparison
    trend: list[TrendPoint]
    breakdowns: dict[str, dict[tuple[Any, ...], Indicators]]
    advisors: dict[int, str]


@dataclass(frozen=True)
class Drill:
    """The consultations behind a figure: those of *period* matching *where*; ``only``
    narrows further ("anonymous") or switches to follow-ups due in the period."""

    title: str
    period: Period
    where: dict[str, Any] = field(default_factory=dict)
    only: str | None = None  # None | "anonymous" | "follow_ups"


def load_activity(app: AppContext, period: Period) -> ActivityData:
    figures = load_dashboard(app.stats, period, BREAKDOWNS, TREND_MONTHS)
    return ActivityData(
        period=period,
        comparison=figures.comparison,
        trend=figures.trend,
        breakdowns=figures.breakdowns,
        advisors={a.id: a.display_name for a in app.centres.advisors()},
    )


def drill_rows(app: AppContext, drill: Drill) -> list[ConsultationSummary]:
    """Summaries of the consultations behind *drill*, newest first.

    The consultation service has no "summaries of these ids" call: the period's
    summaries are read in one query and kept when the engine's drill-down lists them.
    """
    period = drill.period
    if drill.only == "follow_ups":
        rows = app.consultations.between(period.start - FOLLOW_UP_REACH, period.end)
        return [
            r
            for r in rows
            if r.follow_up_status is not None
            and r.follow_up_due is not None
            and period.contains(r.follow_up_due)
        ]
    rows = app.consultations.between(period.start, period.end)
    if drill.where:
        wanted = set(app.stats.consultation_ids(period, drill.where))
        rows = [r for r in rows if r.id in wanted]
    if drill.only == "anonymous":
        rows = [r for r in rows if r.household_id is None]
    return rows


def last_complete_month(today: date) -> Period:
    return month(today.replace(day=1) - timedelta(days=1))


def next_period(period: Period) -> Period:
    after = period.end + timedelta(days=1)
    if period.kind == "month":
        return month(after)
    if period.kind == "quarter":
        return quarter(after)
    if period.kind == "year":
        return year(after.year)
    return Period(after, period.end + timedelta(days=period.days))


def of_kind(kind: str, period: Period) -> Period:
    """The period of *kind* containing the start of *period* (custom keeps the dates)."""
    if kind == "month":
        return month(period.start)
    if kind == "quarter":
        return quarter(period.start)
    if kind == "year":
        return year(period.start.year)
    return Period(period.start, period.end)
