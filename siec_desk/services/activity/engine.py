"""Activity statistics: a handful of GROUP BY queries per request, whatever the size of
the database; no Python loop over consultations. Dialect-neutral (SQLite, PostgreSQL)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import replace
from datetime import date, timedelta
from functools import partial
from typing import Any

from sqlalchemy import ColumnElement, FromClause, and_, case, exists, func, literal, select
from sqlalchemy.orm import aliased

from siec_desk.core.errors import FieldError, ValidationError
from siec_desk.core.i18n import _
from siec_desk.domain.activity_dimensions import DIMENSIONS, HOUSEHOLD, ORIENTATION, THEME
from siec_desk.domain.activity_period import Period, last_months
from siec_desk.domain.activity_results import Comparison, Indicators, TrendPoint
from siec_desk.services.activity.attestations import attestations_issued
from siec_desk.services.activity.sql import days_between, row_number_and_count
from siec_desk.storage.database import Database
from siec_desk.storage.models import (
    Consultation,
    ConsultationOrientation,
    ConsultationTheme,
    Household,
    RecommendedMeasure,
)

C = Consultation.__table__
H = Household.__table__
T = ConsultationTheme.__table__
R = ConsultationOrientation.__table__  # referrals (orientations)
M = RecommendedMeasure.__table__

Key = tuple[Any, ...]
Filters = Mapping[str, Any]


def _check(by: Sequence[str], where: Filters) -> None:
    unknown = [d for d in (*by, *where) if d not in DIMENSIONS]
    if unknown:
        raise ValidationError(
            [
                FieldError("by", _("Unknown grouping “{value}”.").format(value=code))
                for code in unknown
            ]
        )
    if len(by) > 2:
        raise ValidationError([FieldError("by", _("Group by one or two criteria at most."))])


def in_period(period: Period) -> ColumnElement[bool]:
    """Consultations of *period* (the condition every activity query starts from)."""
    return and_(C.c.occurred_at >= period.starts_at, C.c.occurred_at < period.ends_before)


def _column(code: str) -> ColumnElement[Any]:
    dim = DIMENSIONS[code]
    table = {HOUSEHOLD: H, THEME: T, ORIENTATION: R}.get(dim.source, C)
    return table.c[dim.column]


def _source(by: Sequence[str], where: Filters) -> FromClause:
    used = {DIMENSIONS[d].source for d in (*by, *where)}
    source: FromClause = C
    if HOUSEHOLD in used:
        source = source.outerjoin(H, H.c.id == C.c.household_id)
    if THEME in used:
        source = source.join(T, T.c.consultation_id == C.c.id)
    if ORIENTATION in used:
        source = source.join(R, R.c.consultation_id == C.c.id)
    return source


def _filters(where: Filters) -> list[ColumnElement[bool]]:
    return [
        _column(code).is_(None) if value is None else _column(code) == value
        for code, value in where.items()
    ]


#: The groups of figures :meth:`ActivityStats.indicators` can compute (all by default).
PARTS = (
    "activity",  # consultations, households, anonymous contacts, total duration
    "new_households",
    "duration_median",
    "follow_ups",
    "follow_up_delay",
    "outcomes",
    "recommended",
    "done",
)


class ActivityStats:
    def __init__(self, db: Database, today: Callable[[], date] = date.today) -> None:
        self.db = db
        self.today = today

    # -- public ------------------------------------------------------------------------
    def indicators(
        self,
        period: Period,
        by: Sequence[str] = (),
        where: Filters | None = None,
        parts: Collection[str] = PARTS,
    ) -> dict[Key, Indicators]:
        """Indicators per group (key: the values of *by*, in order); ``()`` when not grouped.

        *parts* (see :data:`PARTS`) limits the work to the figures a caller shows; the
        figures of the parts left out keep their defaults (0 or None).
        """
        where = dict(where or {})
        _check(by, where)
        unknown = set(parts) - set(PARTS)
        if unknown:
            raise ValueError(f"unknown indicator parts: {sorted(unknown)}")
        groups = [_column(d) for d in by]
        queries = [
            q
            for part, q in (
                ("activity", partial(self._activity, with_new="new_households" in parts)),
                ("duration_median", self._duration_median),
                ("follow_ups", self._follow_ups),
                ("follow_up_delay", self._follow_up_delay),
                ("outcomes", self._outcomes),
                ("recommended", self._recommended),
                ("done", self._done),
            )
            if part in parts or (part == "activity" and "new_households" in parts)
        ]
        values: dict[Key, dict[str, Any]] = {}
        with self.db.read() as session:
            for query in queries:
                for row in session.execute(query(period, by, where, groups)).mappings():
                    key = tuple(row[f"g{i}"] for i in range(len(by)))
                    values.setdefault(key, {}).update(
                        {k: v for k, v in row.items() if not k.startswith("g")}
                    )
        return {key: _indicators(v) for key, v in values.items()}

    def summary(self, period: Period, where: Filters | None = None) -> Indicators:
        found = self.indicators(period, (), where).get((), Indicators())
        if where:  # attestations are counted for the whole centre only
            return found
        return replace(found, attestations_issued=attestations_issued(self.db, period))

    def compare(self, period: Period, where: Filters | None = None) -> Comparison:
        return Comparison(
            period,
            self.summary(period, where),
            self.summary(period.previous(), where),
            self.summary(period.year_before(), where),
        )

    def trend(self, period: Period, months: int = 12) -> list[TrendPoint]:
        """Consultations and distinct households per month, the last *months* months up to
        the month of ``period.start`` (one query, month buckets as CASE bounds)."""
        buckets = last_months(period, months)
        bucket = case(
            *[(C.c.occurred_at < b.ends_before, i) for i, b in enumerate(buckets)],
            else_=literal(None),
        ).label("bucket")
        inner = (
            select(bucket, C.c.id, C.c.household_id)
            .where(
                C.c.occurred_at >= buckets[0].starts_at,
                C.c.occurred_at < buckets[-1].ends_before,
            )
            .subquery()
        )
        query = select(
            inner.c.bucket,
            func.count(inner.c.id),
            func.count(func.distinct(inner.c.household_id)),
        ).group_by(inner.c.bucket)
        with self.db.read() as session:
            counts = {row[0]: (row[1], row[2]) for row in session.execute(query)}
        return [TrendPoint(b, *counts.get(i, (0, 0))) for i, b in enumerate(buckets)]

    def consultation_ids(
        self, period: Period, where: Filters | None = None, limit: int = 5000
    ) -> list[int]:
        """The consultations behind a figure (drill-down), most recent first."""
        where = dict(where or {})
        _check((), where)
        query = (
            select(C.c.id)
            .select_from(_source((), where))
            .where(in_period(period), *_filters(where))
            .distinct()
            .order_by(C.c.id.desc())
            .limit(limit)
        )
        with self.db.read() as session:
            return [int(i) for i in session.scalars(query)]

    # -- the queries ------------------------------------------------------------------
    @staticmethod
    def _grouped(columns: list[Any], groups: list[Any]) -> list[Any]:
        return [g.label(f"g{i}") for i, g in enumerate(groups)] + columns

    def _activity(
        self,
        period: Period,
        by: Sequence[str],
        where: Filters,
        groups: list[Any],
        *,
        with_new: bool = True,
    ) -> Any:
        # One row per consultation in every source (a theme or orientation filter or
        # grouping keeps one such row per consultation), so plain counts and sums are
        # exact: no DISTINCT.
        columns = [
            func.count(C.c.id).label("consultations"),
            func.count(func.distinct(C.c.household_id)).label("households"),
            func.count(case((C.c.household_id.is_(None), C.c.id))).label("anonymous"),
            func.coalesce(func.sum(C.c.duration_min), 0).label("duration_total_min"),
        ]
        if with_new:  # one index probe per consultation: the costliest figure here
            earlier = aliased(Consultation)
            seen_before = exists().where(
                earlier.household_id == C.c.household_id, earlier.occurred_at < period.starts_at
            )
            first_time = case((and_(C.c.household_id.is_not(None), ~seen_before), C.c.household_id))
            columns.append(func.count(func.distinct(first_time)).label("new_households"))
        return (
            select(*self._grouped(columns, groups))
            .select_from(_source(by, where))
            .where(in_period(period), *_filters(where))
            .group_by(*groups)
        )

    def _median(
        self,
        value: Any,
        conditions: list[Any],
        name: str,
        by: Sequence[str],
        where: Filters,
        groups: list[Any],
    ) -> Any:
        number, count = row_number_and_count(value, groups)
        inner = (
            select(
                *[g.label(f"g{i}") for i, g in enumerate(groups)],
                value.label("v"),
                number.label("rn"),
                count.label("n"),
            )
            .select_from(_source(by, where))
            .where(*conditions, *_filters(where))
            .subquery()
        )
        keys = [inner.c[f"g{i}"] for i in range(len(groups))]
        return (
            select(*keys, func.avg(inner.c.v).label(name))
            .where(inner.c.rn.in_([(inner.c.n + 1) // 2, (inner.c.n + 2) // 2]))
            .group_by(*keys)
        )

    def _duration_median(
        self, period: Period, by: Sequence[str], where: Filters, groups: list[Any]
    ) -> Any:
        return self._median(
            C.c.duration_min, [in_period(period)], "duration_median_min", by, where, groups
        )

    def _due_in(self, period: Period) -> ColumnElement[bool]:
        return and_(
            C.c.follow_up_status.is_not(None),
            C.c.follow_up_due >= period.start,
            C.c.follow_up_due <= period.end,
        )

    def _follow_ups(
        self, period: Period, by: Sequence[str], where: Filters, groups: list[Any]
    ) -> Any:
        as_of = min(self.today(), period.end + timedelta(days=1))
        done = C.c.follow_up_status == "done"
        columns = [
            func.count(C.c.id).label("follow_ups_due"),
            func.count(case((done, C.c.id))).label("follow_ups_done"),
            func.count(case((and_(~done, C.c.follow_up_due < as_of), C.c.id))).label(
                "follow_ups_overdue"
            ),
        ]
        return (
            select(*self._grouped(columns, groups))
            .select_from(_source(by, where))
            .where(self._due_in(period), *_filters(where))
            .group_by(*groups)
        )

    def _follow_up_delay(
        self, period: Period, by: Sequence[str], where: Filters, groups: list[Any]
    ) -> Any:
        return self._median(
            days_between(C.c.occurred_at, C.c.follow_up_done_on),
            [
                self._due_in(period),
                C.c.follow_up_status == "done",
                C.c.follow_up_done_on.is_not(None),
            ],
            "follow_up_delay_median_days",
            by,
            where,
            groups,
        )

    def _outcomes(
        self, period: Period, by: Sequence[str], where: Filters, groups: list[Any]
    ) -> Any:
        def status(code: str) -> Any:
            return func.count(case((C.c.outcome_status == code, C.c.id)))

        columns = [
            func.count(C.c.id).label("outcomes_recorded"),
            status("decided").label("outcomes_decided"),
            status("done").label("outcomes_done"),
            status("abandoned").label("outcomes_abandoned"),
        ]
        return (
            select(*self._grouped(columns, groups))
            .select_from(_source(by, where))
            .where(
                C.c.outcome_recorded_on >= period.start,
                C.c.outcome_recorded_on <= period.end,
                *_filters(where),
            )
            .group_by(*groups)
        )

    def _measure_sums(self, prefix: str, count_name: str) -> list[Any]:
        return [
            func.count(M.c.id).label(count_name),
            func.coalesce(func.sum(M.c.kwh_per_year), 0).label(f"kwh_{prefix}"),
            func.coalesce(func.sum(M.c.money_per_year_minor), 0).label(f"money_{prefix}_minor"),
            func.coalesce(func.sum(M.c.co2_kg_per_year), 0).label(f"co2_{prefix}_kg"),
        ]

    def _recommended(
        self, period: Period, by: Sequence[str], where: Filters, groups: list[Any]
    ) -> Any:
        return (
            select(
                *self._grouped(self._measure_sums("recommended", "measures_recommended"), groups)
            )
            .select_from(_source(by, where).join(M, M.c.consultation_id == C.c.id))
            .where(in_period(period), *_filters(where))
            .group_by(*groups)
        )

    def _done(self, period: Period, by: Sequence[str], where: Filters, groups: list[Any]) -> Any:
        return (
            select(*self._grouped(self._measure_sums("done", "measures_done"), groups))
            .select_from(_source(by, where).join(M, M.c.consultation_id == C.c.id))
            .where(
                M.c.status == "done",
                C.c.outcome_recorded_on >= period.start,
                C.c.outcome_recorded_on <= period.end,
                *_filters(where),
            )
            .group_by(*groups)
        )


_INTEGERS = {"money_recommended_minor", "money_done_minor", "duration_total_min"}


def _indicators(values: dict[str, Any]) -> Indicators:
    clean: dict[str, Any] = {}
    for name, value in values.items():
        if value is None:
            continue
        if name in _INTEGERS:
            clean[name] = int(value)
        elif name.endswith("_median_min") or name.endswith("_median_days"):
            clean[name] = float(value)
        elif isinstance(value, (int, float)) or hasattr(value, "__float__"):
            clean[name] = value if isinstance(value, int) else float(value)
    return replace(Indicators(), **clean)
