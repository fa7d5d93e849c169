"""Everything a period's dashboard shows, computed with the engine's queries in parallel.

One task per statement (a group of figures of one period, see
:meth:`ActivityStats.figures_of`; the key figures and the new households share one, see
:func:`_tasks`), the 12-month trend one statement per month (the compared months taken
from their key figures), each breakdown one statement per part.
They are independent reads: SQLite (WAL) and PostgreSQL serve them on separate
connections at once, and the sqlite3 driver releases the GIL while a
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
from siec_desk.domain.activity_results import Comparison, Dashboard, Indicators, TrendPoint
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
                pool.submit(stats.figures_of, [period], (code,), None, task)
                for task in _tasks(parts)
            ]
            for code, parts in ((c, breakdown_parts) for c in breakdowns)
        }
        summary = [
            pool.submit(stats.figures_of, [p], (), None, task)
            for task in _tasks(PARTS)
            for p in dict.fromkeys(compared)  # a year's previous period is the year before
        ]
        attested = {p: pool.submit(attestations_issued, db, p) for p in dict.fromkeys(compared)}
        # One task per month (small tasks keep both connections busy), except the months
        # compared above: their key figures count the same consultations and households.
        months = last_months(month(period.end), trend_months)
        trend = {m: pool.submit(stats.trend, m, 1) for m in months if m not in compared}
        figures: dict[Period, dict[str, object]] = {p: {} for p in compared}
        for future in summary:
            for p, found in future.result().items():
                figures[p].update(found.get((), {}))
        key_figures = {
            p: replace(indicators_from(figures[p]), attestations_issued=attested[p].result())
            for p in compared
        }
        current, previous, year_before = (key_figures[p] for p in compared)
        return Dashboard(
            comparison=Comparison(period, current, previous, year_before),
            trend=[
                trend[m].result()[0]
                if m in trend
                else TrendPoint(m, key_figures[m].consultations, key_figures[m].households)
                for m in months
            ],
            breakdowns={code: _merged(futures) for code, futures in groups.items()},
        )


def _tasks(parts: Collection[str]) -> list[tuple[str, ...]]:
    """The parts of each task: one statement each, except the key figures and the new
    households, one task: the new households' statement counts the households on the
    way (it lists them), so the key figures' statement need not (measured on 1M
    consultations: 8 ms less a month, 47 ms less a year)."""
    tasks: list[tuple[str, ...]] = [(name,) for name in statements_of(parts)]  # one part each
    if ("activity",) in tasks and ("new_households",) in tasks:
        tasks.remove(("new_households",))
        tasks[tasks.index(("activity",))] = ("activity", "new_households")
    return tasks


def _merged(futures: list[Future[dict[Period, Values]]]) -> dict[Key, Indicators]:
    merged: dict[Key, dict[str, Any]] = {}
    for future in futures:
        for values in future.result().values():
            for key, found in values.items():
                merged.setdefault(key, {}).update(found)
    return {key: indicators_from(found) for key, found in merged.items()}
