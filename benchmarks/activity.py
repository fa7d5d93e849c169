"""SIEC Desk activity benchmarks on a large demo database made by the app's generator.

Usage: ``.venv/bin/python benchmarks/activity.py [--db FILE] [--consultations 1000000]``
(``--db``: an existing database, or where to keep the one built for the next run)

- the monthly dashboard: everything the Activity page loads for a month (key figures with
  both comparisons, the 12-month trend, breakdowns by mode, theme, act level and advisor),
  median and worst of 5 warm runs (goal ≤ 150 ms on 1M consultations);
- a year report (all the report's figures and breakdowns for 12 months; goal ≤ 1 s);
- beside each: the process's CPU time (all threads) and the 1-minute load average;
- producing the monthly report's PDF and XLSX.
Prints the figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy import text

from siec_desk.documents.activity_report.compose import BREAKDOWNS as REPORT_BREAKDOWNS
from siec_desk.documents.activity_report.pdf import render_report_pdf
from siec_desk.documents.activity_report.xlsx import report_workbook
from siec_desk.domain.activity_period import month, year
from siec_desk.services.activity.dashboard import WORKERS, load_dashboard
from siec_desk.services.activity.loading import BREAKDOWNS
from siec_desk.services.app import AppContext, open_app
from siec_desk.services.centre import CentreService
from siec_desk.services.demo import DemoOptions, generate_demo
from siec_desk.storage.database import open_database


def build(path: Path, consultations: int) -> AppContext:
    db = open_database(path)
    CentreService(db).set_up("Centre de démonstration", "FR", "fr", "Conseillère")
    db.close()
    ctx = open_app(path)
    started = time.perf_counter()
    generate_demo(
        ctx,
        DemoOptions(households=consultations // 3, consultations=consultations, seed=11, years=10),
    )
    print(
        f"demo database: {consultations:,} consultations in {time.perf_counter() - started:.0f} s"
    )
    return ctx


def timed(work: Callable[[], object], runs: int = 5) -> tuple[float, float]:
    median, worst, _cpu = timed_with_cpu(work, runs)
    return median, worst


def timed_with_cpu(work: Callable[[], object], runs: int = 5) -> tuple[float, float, float]:
    """Wall-clock median and worst, and the median CPU time of the whole process (all
    threads): on a busy shared machine the CPU figure moves much less than the wall."""
    work()  # warm: SQLite page cache, statements compiled
    times, cpu = [], []
    for _ in range(runs):
        started, used = time.perf_counter(), time.process_time()
        work()
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - used) * 1000)
    return statistics.median(times), max(times), statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path)
    parser.add_argument("--consultations", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "a.sqlite3"
        ctx = open_app(path) if path.exists() else build(path, args.consultations)
        with ctx.db.read() as session:
            total = session.execute(text("SELECT count(*) FROM consultations")).scalar_one()
        last = month(date.today()).previous()
        stats = ctx.stats

        print(
            f"{total:,} consultations; month {last.code()}: "
            f"{stats.summary(last).consultations:,} consultations; "
            f"load average {_load()} (wall-clock figures depend on it)"
        )
        for workers in (1, WORKERS):
            median, worst, cpu = timed_with_cpu(
                lambda w=workers: load_dashboard(stats, last, BREAKDOWNS, 12, w)
            )
            print(
                f"monthly dashboard, {workers} connection(s): median {median:.0f} ms, "
                f"worst {worst:.0f} ms (goal ≤ 150 ms); CPU {cpu:.0f} ms; load {_load()}"
            )
        whole_year = year(date.today().year - 1)
        median, worst, cpu = timed_with_cpu(lambda: ctx.reports.monthly(whole_year, "fr"), runs=3)
        print(
            f"year report {whole_year.code()} (figures, trend, {len(REPORT_BREAKDOWNS)} "
            f"breakdowns): median {median:.0f} ms, worst {worst:.0f} ms (goal ≤ 1 s); "
            f"CPU {cpu:.0f} ms; load {_load()}"
        )
        content = ctx.reports.monthly(last, "fr")
        median, _worst = timed(lambda: ctx.reports.monthly(last, "fr"), runs=3)
        print(f"monthly report content: median {median:.0f} ms")
        for language in ("fr", "ar"):
            content = ctx.reports.monthly(last, language)
            started = time.perf_counter()
            rendered = render_report_pdf(content)
            first = time.perf_counter() - started
            pdf_median, _w = timed(lambda c=content: render_report_pdf(c), runs=3)
            xlsx_median, _w = timed(lambda c=content: report_workbook(c), runs=3)
            print(
                f"report {language}: PDF {rendered.pages} pages, first {first:.2f} s, "
                f"warm median {pdf_median:.0f} ms; XLSX median {xlsx_median:.0f} ms"
            )
        print(f"load average at the end: {_load()}")
        ctx.close()


def _load() -> str:
    """The 1-minute load average: on a shared 2-core machine, the figures' context."""
    return f"{os.getloadavg()[0]:.2f}" if hasattr(os, "getloadavg") else "unknown"


if __name__ == "__main__":
    main()
