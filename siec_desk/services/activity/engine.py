"""Activity statistics: a handful of GROUP BY queries per request, whatever the size of
the database; no Python loop over consultations. Dialect-neutral (SQLite, PostgreSQL).

The SQL is in :mod:`~siec_desk.services.activity.queries`; :meth:`ActivityStats.figures_of`
runs it and returns raw figures, which the dashboard runs statement by statement on
parallel connections."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import replace
from datetime import date
from functools import partial
from typing import Any

from sqlalchemy import select

from siec_desk.core.errors import FieldError, ValidationError
from siec_desk.core.i18n import _
from siec_desk.domain.activity_dimensions import DIMENSIONS
from siec_desk.domain.activity_period import Period, last_months
from siec_desk.domain.activity_results import Comparison, Indicators, TrendPoint
from siec_desk.services.activity import queries
from siec_desk.services.activity.attestations import attestations_issued
from siec_desk.services.activity.queries import MEDIANS, Query, median_of
from siec_desk.services.activity.source import (
    C,
    Filters,
    H,
    Key,
    M,
    R,
    T,
    _column,
    _filters,
    _source,
    in_period,
)
from siec_desk.storage.database import Database

__all__ = [  # with the tables and conditions of ``source``, the engine's vocabulary
    "PARTS",
    "STATEMENTS",
    "ActivityStats",
    "C",
    "Filters",
    "H",
    "Key",
    "M",
    "R",
    "T",
    "Values",
    "_column",
    "_filters",
    "_source",
    "in_period",
    "indicators_from",
    "statements_of",
    "with_attestations",
]


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
#: The statements behind the parts: one each ("new_households" was part of "activity",
#: one index probe per consultation; it is now its own statement, one probe per household).
STATEMENTS = PARTS

Values = dict[Key, dict[str, Any]]


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
        return self.indicators_of([period], by, where, parts)[period]

    def indicators_of(
        self,
        periods: Sequence[Period],
        by: Sequence[str] = (),
        where: Filters | None = None,
        parts: Collection[str] = PARTS,
    ) -> dict[Period, dict[Key, Indicators]]:
        """:meth:`indicators` of each of *periods*."""
        found = self.figures_of(periods, by, where, parts)
        return {p: {k: indicators_from(v) for k, v in found[p].items()} for p in found}

    def figures_of(
        self,
        periods: Sequence[Period],
        by: Sequence[str] = (),
        where: Filters | None = None,
        parts: Collection[str] = PARTS,
    ) -> dict[Period, Values]:
        """The raw figures behind :meth:`indicators_of` (see :func:`indicators_from`)."""
        where = dict(where or {})
        _check(by, where)
        unknown = set(parts) - set(PARTS)
        if unknown:
            raise ValueError(f"unknown indicator parts: {sorted(unknown)}")
        groups = [_column(d) for d in by]
        found: dict[Period, Values] = {p: {} for p in periods}
        with self.db.read() as session:
            for period in found:
                for name, build in self._statements(parts):
                    rows = session.execute(build(period, by, where, groups)).mappings()
                    if name in MEDIANS:
                        _fold_median(found[period], rows, len(by), MEDIANS[name])
                        continue
                    for row in rows:
                        key = tuple(row[f"g{i}"] for i in range(len(by)))
                        found[period].setdefault(key, {}).update(
                            {k: v for k, v in row.items() if not k.startswith("g")}
                        )
        return found

    def summary(self, period: Period, where: Filters | None = None) -> Indicators:
        return self.summaries([period], where)[period]

    def summaries(
        self, periods: Sequence[Period], where: Filters | None = None
    ) -> dict[Period, Indicators]:
        """:meth:`summary` of each of *periods*."""
        found = self.indicators_of(periods, (), where)
        return {
            p: with_attestations(self.db, p, found[p].get((), Indicators()), where) for p in found
        }

    def compare(self, period: Period, where: Filters | None = None) -> Comparison:
        found = self.summaries([period, period.previous(), period.year_before()], where)
        return Comparison(
            period, found[period], found[period.previous()], found[period.year_before()]
        )

    def trend(self, period: Period, months: int = 12) -> list[TrendPoint]:
        """Consultations and distinct households per month, the last *months* months up to
        the month of ``period.start``: one statement per month, each a range of the
        (occurred_at, household_id) index (measured on 1M consultations: less than half
        the time of one statement sorting twelve months into CASE buckets)."""
        points = []
        sqlite = self.db.engine.dialect.name == "sqlite"
        with self.db.read() as session:
            for m in last_months(period, months):
                query = queries.trend_point(m) if sqlite else queries.trend_point_counted(m)
                found, distinct = session.execute(query).one()
                points.append(TrendPoint(m, int(found), int(distinct)))
        return points

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

    # -- the statements ---------------------------------------------------------------
    def _statements(self, parts: Collection[str]) -> list[tuple[str, Query]]:
        """The query builders of *parts*, in the order of :data:`STATEMENTS`."""
        chosen = statements_of(parts)
        every: dict[str, Query] = {
            "activity": partial(queries.activity, households_apart="new_households" in parts),
            "new_households": queries.new_households,
            "duration_median": queries.duration_median,
            "follow_ups": queries.follow_ups(self.today()),
            "follow_up_delay": queries.follow_up_delay,
            "outcomes": queries.outcomes,
            "recommended": queries.recommended,
            "done": queries.done,
        }
        return [(name, every[name]) for name in chosen]


def statements_of(parts: Collection[str]) -> list[str]:
    """The statements (:data:`STATEMENTS`) that compute *parts*."""
    return [name for name in STATEMENTS if name in parts]


def _fold_median(found: Values, rows: Iterable[Any], width: int, name: str) -> None:
    """Each group's median of a histogram statement's rows (``g…``, ``v``, ``n``)."""
    counts: dict[Key, list[tuple[Any, int]]] = {}
    for row in rows:
        key = tuple(row[f"g{i}"] for i in range(width))
        counts.setdefault(key, []).append((row["v"], int(row["n"])))
    for key, histogram in counts.items():
        found.setdefault(key, {})[name] = median_of(histogram)


def with_attestations(
    db: Database, period: Period, found: Indicators, where: Filters | None
) -> Indicators:
    if where:  # attestations are counted for the whole centre only
        return found
    return replace(found, attestations_issued=attestations_issued(db, period))


_INTEGERS = {"money_recommended_minor", "money_done_minor", "duration_total_min"}


def indicators_from(values: dict[str, Any]) -> Indicators:
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
