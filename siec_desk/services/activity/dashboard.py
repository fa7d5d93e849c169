"""Everything a period's dashboard shows, computed with the engine's queries in parallel.

One task per statement (a group of figures of one period, see
:meth:`ActivityStats.figures_of`), the 12-month trend one statement per month, each breakdown
one statement per part. They are independent reads: SQLite (WAL) and PostgreSQL serve
them on separate connections at once, and the sqlite3 driver releases the GIL while a
query runs. (Counting the three compared periods in one statement, a CASE per period,
was measured slower on SQLite: its OR of three ranges reads the rows through the table.)
The result types are plain data (``domain.activity_results``).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from typing import Any

from siec_desk.domain.activity_period import Period, last_months, month
from siec_desk.domain.activity_results import Comparison, Dashboard, Indicators
from siec_desk.services.activity.attestations import attestations_issued
from siec_desk.services.activity.engine import (
    PARTS,
    ActivityStats,
    Key,
    Values,
    indicators_from,
    statements_of,
)

WORKERS = 2


def load_dashboard(
    stats: ActivityStats,
    period: Period,
    breakdowns: Sequence[str],
    trend_months: int = 12,
    workers: int = WORKERS,
    breakdown_parts: Collection[str] = ("activity",),
) -> Dashboard:
    """Key figures with both comparisons, the trend up to the period's last month, and
    one breakdown per dimension code in *breakdowns*, limited to *breakdown_parts*
    (see :data:`~siec_desk.services.activity.engine.PARTS`)."""
    db = stats.db
    if db.engine.dialect.name == "sqlite" and db.path is None:
        workers = 1  # an in-memory database is one connection: no sharing across threads
    compared = [period, period.previous(), period.year_before()]
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="stats") as pool:
        # The costliest first, so that both connections stay busy to the end.
        groups = {
            code: [
                pool.submit(stats.figures_of, [period], (code,), None, _parts(name, parts))
                for name in statements_of(parts)
            ]
            for code, parts in ((c, breakdown_parts) for c in breakdowns)
        }
        summary = [
            pool.submit(stats.figures_of, [p], (), None, _parts(name, PARTS))
            for name in statements_of(PARTS)
            for p in dict.fromkeys(compared)  # a year's previous period is the year before
        ]
        attested = {p: pool.submit(attestations_issued, db, p) for p in dict.fromkeys(compared)}
        trend = [  # one task per month: small tasks keep both connections busy
            pool.submit(stats.trend, m, 1) for m in last_months(month(period.end), trend_months)
        ]
        figures: dict[Period, dict[str, object]] = {p: {} for p in compared}
        for future in summary:
            for p, found in future.result().items():
                figures[p].update(found.get((), {}))
        current, previous, year_before = (
            replace(indicators_from(figures[p]), attestations_issued=attested[p].result())
            for p in compared
        )
        return Dashboard(
            comparison=Comparison(period, current, previous, year_before),
            trend=[point for future in trend for point in future.result()],
            breakdowns={code: _merged(futures) for code, futures in groups.items()},
        )


def _parts(statement: str, parts: Collection[str]) -> tuple[str, ...]:
    """The parts among *parts* one statement computes."""
    if statement == "activity":
        return tuple(p for p in ("activity", "new_households") if p in parts)
    return (statement,)


def _merged(futures: list[Future[dict[Period, Values]]]) -> dict[Key, Indicators]:
    merged: dict[Key, dict[str, Any]] = {}
    for future in futures:
        for values in future.result().values():
            for key, found in values.items():
                merged.setdefault(key, {}).update(found)
    return {key: indicators_from(found) for key, found in merged.items()}
