"""Everything a period's dashboard shows, computed with the engine's queries in parallel.

The queries are independent reads; SQLite (WAL) and PostgreSQL serve them on separate
connections at once, and the sqlite3 driver releases the GIL while a query runs, so on
two cores the dashboard takes about 60 % of the time of running them one after another.
The result types are plain data (``domain.activity_results``).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from concurrent.futures import ThreadPoolExecutor

from siec_desk.domain.activity_period import Period, last_months, month
from siec_desk.domain.activity_results import Comparison, Dashboard
from siec_desk.services.activity.engine import ActivityStats

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
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="stats") as pool:
        current = pool.submit(stats.summary, period)
        previous = pool.submit(stats.summary, period.previous())
        # For a year, the previous period is the year before: computed once.
        earlier = period.year_before()
        year_before = (
            previous if earlier == period.previous() else pool.submit(stats.summary, earlier)
        )
        # One task per month: small tasks keep both connections busy to the end.
        trend = [
            pool.submit(stats.trend, m, 1) for m in last_months(month(period.end), trend_months)
        ]
        groups = {
            code: pool.submit(stats.indicators, period, (code,), None, breakdown_parts)
            for code in breakdowns
        }
        return Dashboard(
            comparison=Comparison(
                period, current.result(), previous.result(), year_before.result()
            ),
            trend=[point for future in trend for point in future.result()],
            breakdowns={code: future.result() for code, future in groups.items()},
        )
