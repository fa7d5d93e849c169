"""The SQL behind the activity figures: one GROUP BY statement per group of figures.

Each statement reads only the columns its figures need: with the covering indexes of
migration 0018 they never touch the consultations or measures tables themselves (their
rows carry notes, addresses and JSON). Medians are read as histograms (value, count)
— a few hundred rows, since durations and delays are whole minutes and days — and
taken in Python (:func:`median_of`) instead of numbering every row with a window
function.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, case, exists, func, literal_column, select

from siec_desk.domain.activity_period import Period
from siec_desk.services.activity.source import C, Filters, M, _filters, _source, in_period
from siec_desk.services.activity.sql import days_between

Groups = list[ColumnElement[Any]]
Query = Callable[[Period, Sequence[str], Filters, Groups], Any]
#: The statements that return a histogram (columns ``v`` and ``n``), and their figure.
MEDIANS = {
    "duration_median": "duration_median_min",
    "follow_up_delay": "follow_up_delay_median_days",
}


def grouped(
    columns: list[Any],
    groups: Groups,
    by: Sequence[str],
    where: Filters,
    conditions: list[Any],
    *,
    measures: bool = False,
) -> Any:
    """``SELECT g0…, columns … GROUP BY g0…`` over the source of *by* and *where*."""
    source = _source(by, where)
    if measures:
        source = source.join(M, M.c.consultation_id == C.c.id)
    return (
        select(*[g.label(f"g{i}") for i, g in enumerate(groups)], *columns)
        .select_from(source)
        .where(*conditions, *_filters(where))
        .group_by(*groups)
    )


def activity(
    period: Period,
    by: Sequence[str],
    where: Filters,
    groups: Groups,
    *,
    households_apart: bool = False,
) -> Any:
    """Consultations, households, anonymous contacts, total duration. With
    *households_apart* (the caller also runs :func:`new_households`), the whole
    centre's households are left to that statement, which lists them anyway."""
    # One row per consultation in every source (a theme or orientation filter or
    # grouping keeps one such row per consultation), so plain counts and sums are
    # exact: no DISTINCT.
    columns = [
        func.count(C.c.id).label("consultations"),
        func.count(case((C.c.household_id.is_(None), C.c.id))).label("anonymous"),
        func.coalesce(func.sum(C.c.duration_min), 0).label("duration_total_min"),
    ]
    if by or where or not households_apart:
        columns.append(func.count(func.distinct(C.c.household_id)).label("households"))
    return grouped(columns, groups, by, where, [in_period(period)])


def households_of(period: Period) -> Any:
    """The households with a consultation in *period*, one row each (``household_id``).

    ``household_id + 0`` keeps SQLite on the period's range of the date index instead of
    reading the whole household index in order, and the rows are grouped by a sort
    rather than counted into a DISTINCT b-tree (cheaper on SQLite, see :func:`trend_point`)."""
    household = (C.c.household_id + literal_column("0")).label("household_id")
    return select(household).where(in_period(period), household.is_not(None)).group_by(household)


def trend_point(period: Period) -> Any:
    """Consultations and households of *period* (SQLite): the households listed by
    :func:`households_of`, a sort, where ``count(DISTINCT …)`` fills a b-tree (measured
    on 1M consultations: 12 months 51 ms instead of 72 of the database's CPU)."""
    consultations = select(func.count(C.c.id)).where(in_period(period)).scalar_subquery()
    listed = households_of(period).subquery("listed")
    return select(consultations, select(func.count()).select_from(listed).scalar_subquery())


def trend_point_counted(period: Period) -> Any:
    """:func:`trend_point` by ``count(DISTINCT …)`` (PostgreSQL: measured 6 ms a month on
    1M consultations, where the listing in a subquery took up to 20)."""
    return select(func.count(C.c.id), func.count(func.distinct(C.c.household_id))).where(
        in_period(period)
    )


def _seen_before(period: Period, household: Any) -> Any:
    """*household* has a consultation before *period*: one probe of the
    (household_id, occurred_at) index."""
    earlier = C.alias("earlier")
    return exists().where(
        earlier.c.household_id == household, earlier.c.occurred_at < period.starts_at
    )


def first_timers(period: Period) -> Any:
    """The households of *period* with no consultation before it, one row each: each
    of :func:`households_of` is looked up once, one probe per household instead of one
    per consultation (measured on 1M consultations, SQLite: a month 21 ms instead of 53,
    a year 82 ms instead of 188; PostgreSQL: even, within the noise of a busy machine)."""
    listed = households_of(period).subquery("listed")
    return select(listed.c.household_id).where(~_seen_before(period, listed.c.household_id))


def new_households(period: Period, by: Sequence[str], where: Filters, groups: Groups) -> Any:
    """Households whose first consultation is in *period* (per group: those with a
    consultation of the group in the period; their earlier consultations count whatever
    their group)."""
    if not by and not where:  # the whole centre: its households are counted on the way
        listed = households_of(period).subquery("listed")
        first_time = ~_seen_before(period, listed.c.household_id)
        return select(
            func.count().label("households"),
            func.count(case((first_time, literal_column("1")))).label("new_households"),
        ).select_from(listed)
    columns = [func.count(func.distinct(C.c.household_id)).label("new_households")]
    conditions = [in_period(period), C.c.household_id.in_(first_timers(period))]
    return grouped(columns, groups, by, where, conditions)


def histogram(
    value: Any, conditions: list[Any], by: Sequence[str], where: Filters, groups: Groups
) -> Any:
    """How many rows have each *value*, per group (a median's input)."""
    return (
        select(
            *[g.label(f"g{i}") for i, g in enumerate(groups)],
            value.label("v"),
            func.count().label("n"),
        )
        .select_from(_source(by, where))
        .where(*conditions, *_filters(where))
        .group_by(*groups, value)
    )


def median_of(counts: Iterable[tuple[Any, int]]) -> float | None:
    """The median of values given with their counts: the middle value, or the mean of
    the two middle ones (what ``percentile_cont(0.5)`` gives)."""
    ordered = sorted((v, n) for v, n in counts if n)
    total = sum(n for _v, n in ordered)
    if not total:
        return None
    wanted = sorted({(total + 1) // 2, (total + 2) // 2})  # 1-based ranks
    found: list[float] = []
    seen = 0
    for value, n in ordered:
        seen += n
        while wanted and wanted[0] <= seen:
            found.append(float(value))
            wanted.pop(0)
    return sum(found) / len(found)


def duration_median(period: Period, by: Sequence[str], where: Filters, groups: Groups) -> Any:
    return histogram(C.c.duration_min, [in_period(period)], by, where, groups)


def due_in(period: Period) -> ColumnElement[bool]:
    return and_(
        C.c.follow_up_status.is_not(None),
        C.c.follow_up_status != "cancelled",  # called off: neither due nor overdue
        C.c.follow_up_due >= period.start,
        C.c.follow_up_due <= period.end,
    )


def follow_ups(today: date) -> Query:
    def query(period: Period, by: Sequence[str], where: Filters, groups: Groups) -> Any:
        as_of = min(today, period.end + timedelta(days=1))
        done = C.c.follow_up_status == "done"
        columns = [
            func.count(C.c.id).label("follow_ups_due"),
            func.count(case((done, C.c.id))).label("follow_ups_done"),
            func.count(case((and_(~done, C.c.follow_up_due < as_of), C.c.id))).label(
                "follow_ups_overdue"
            ),
        ]
        return grouped(columns, groups, by, where, [due_in(period)])

    return query


def follow_up_delay(period: Period, by: Sequence[str], where: Filters, groups: Groups) -> Any:
    return histogram(
        days_between(C.c.occurred_at, C.c.follow_up_done_on),
        [due_in(period), C.c.follow_up_status == "done", C.c.follow_up_done_on.is_not(None)],
        by,
        where,
        groups,
    )


def outcomes(period: Period, by: Sequence[str], where: Filters, groups: Groups) -> Any:
    def status(code: str) -> Any:
        return func.count(case((C.c.outcome_status == code, C.c.id)))

    columns = [
        func.count(C.c.id).label("outcomes_recorded"),
        status("decided").label("outcomes_decided"),
        status("done").label("outcomes_done"),
        status("abandoned").label("outcomes_abandoned"),
    ]
    return grouped(columns, groups, by, where, [_recorded_in(period)])


def _recorded_in(period: Period) -> ColumnElement[bool]:
    return and_(C.c.outcome_recorded_on >= period.start, C.c.outcome_recorded_on <= period.end)


def _measure_sums(prefix: str, count_name: str) -> list[Any]:
    return [
        func.count(M.c.id).label(count_name),
        func.coalesce(func.sum(M.c.kwh_per_year), 0).label(f"kwh_{prefix}"),
        func.coalesce(func.sum(M.c.money_per_year_minor), 0).label(f"money_{prefix}_minor"),
        func.coalesce(func.sum(M.c.co2_kg_per_year), 0).label(f"co2_{prefix}_kg"),
    ]


def recommended(period: Period, by: Sequence[str], where: Filters, groups: Groups) -> Any:
    columns = _measure_sums("recommended", "measures_recommended")
    return grouped(columns, groups, by, where, [in_period(period)], measures=True)


def done(period: Period, by: Sequence[str], where: Filters, groups: Groups) -> Any:
    columns = _measure_sums("done", "measures_done")
    conditions = [M.c.status == "done", _recorded_in(period)]
    return grouped(columns, groups, by, where, conditions, measures=True)
