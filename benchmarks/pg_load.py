"""SIEC Desk on PostgreSQL under load: several advisors saving at once, a manager's
dashboard refreshing meanwhile.

Usage: ``.venv/bin/python benchmarks/pg_load.py [--writers 5] [--per-writer 1000]
[--shared 3] [--edit-every 10] [--no-reader] [--url postgresql+psycopg://…]``

Without ``--url`` a private server is started from the machine's PostgreSQL binaries
(``tests/testkit/postgres.py``), with the server's durable defaults (fsync on), on a
Unix socket only, and removed at the end. Each writer *process* saves
``--per-writer`` consultations through the services, as the app does, and every
``--edit-every`` saves opens one of ``--shared`` households that all writers edit, and
saves a change to it half that many saves later, with the version it read: a
``ConflictError`` there is counted, then the writer saves again over the version the
error names (the GUI's "Overwrite with mine"). One reader process loads the activity
dashboard (``load_dashboard``) over and over until the writers are done (it keeps about
one core busy on its own: ``--no-reader`` measures the writers without it).

Verified at the end: every consultation acknowledged is in the database (tagged per
writer and number), no other one is, and each shared household's version equals one
plus the number of successful edits (no update lost silently). Prints throughput,
save latency (p50/p95/p99) with the goal (issue 22: p95 ≤ 30 ms) and the 1-minute load
average beside it, conflicts, dashboards loaded; and, figures that do not depend on the
machine's load, the statements each consultation save and household edit sends (counted
by a ``before_cursor_execute`` listener; BEGIN and COMMIT come on top, one round trip
each) and the writer's own CPU time per save; exits 1 if a check failed.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import statistics
import sys
import time
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from testkit.contexts import make_ctx  # noqa: E402
from testkit.postgres import PostgresServer, unavailable_reason  # noqa: E402

from siec_desk.core.errors import ConflictError  # noqa: E402
from siec_desk.domain.consultation_records import ConsultationInput  # noqa: E402
from siec_desk.domain.household_records import HouseholdInput  # noqa: E402
from siec_desk.services.app import open_app  # noqa: E402

THEMES = ("heating", "insulation", "windows", "solar_pv", "eco_gestures")
MODES = ("walk_in", "phone", "email", "home_visit")


@dataclass
class WriterResult:
    writer: int
    saved: list[int] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    edits: int = 0
    conflicts: int = 0
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    save_cpu: float = 0.0  # the writer's CPU time spent in saves (time.process_time)
    save_statements: int = 0
    edit_statements: int = 0


#: Issue 22's goal for a save's 95th percentile with 5 writers.
GOAL_P95_MS = 30.0


def _load() -> str:
    return f"{os.getloadavg()[0]:.2f}" if hasattr(os, "getloadavg") else "?"


class _StatementCount:
    """Statements sent on *engine* (a listener; BEGIN and COMMIT are not statements)."""

    def __init__(self, engine: Any) -> None:
        from sqlalchemy import event

        self.count = 0
        event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, *_args: Any) -> None:
        self.count += 1


def _writer(
    url: str, writer: int, count: int, shared: list[int], every: int, start: Any, out: Any
) -> None:
    ctx = open_app(url)
    advisor = ctx.centres.add_advisor(f"Conseiller {writer}").id
    ctx.audit.act_as(advisor)
    result = WriterResult(writer)
    statements = _StatementCount(ctx.db.engine)
    opened = None
    start.wait()
    began = time.perf_counter()
    for number in range(count):
        household = shared[number % len(shared)] if number % 3 == 0 else None
        data = ConsultationInput(
            mode=MODES[number % len(MODES)],
            themes=(THEMES[(writer + number) % len(THEMES)],),
            household_id=household,
            act="advice" if household else "info",
            occurred_at=datetime.now().replace(second=0, microsecond=0),
            duration_min=5 + number % 40,
            notes=f"w{writer}-n{number}" if household else None,
            commune=f"w{writer}-n{number}",
            advisor_id=advisor,
        )
        sent, cpu = statements.count, time.process_time()
        t0 = time.perf_counter()
        try:
            result.saved.append(ctx.consultations.add(data))
        except Exception as exc:  # counted and reported: the run then fails
            result.errors.append(f"save {number}: {exc!r}")
        result.latencies.append(time.perf_counter() - t0)
        result.save_cpu += time.process_time() - cpu
        result.save_statements += statements.count - sent
        if every and number % every == 0:  # a household form is opened…
            opened = ctx.households.get(shared[(number // every) % len(shared)])
        if every and number % every == every // 2:  # …and saved a few consultations later
            sent = statements.count
            _edit(ctx, opened, writer, number, result)
            result.edit_statements += statements.count - sent
    result.seconds = time.perf_counter() - began
    ctx.close()
    out.put(result)


def _edit(ctx: Any, opened: Any, writer: int, number: int, result: WriterResult) -> None:
    """Save a household others edit too, with the version read when it was opened."""
    household = opened.summary.id
    change = HouseholdInput(
        last_name=opened.summary.last_name, commune=f"w{writer}-e{number}", household_size=3
    )
    version = opened.version
    for _attempt in range(20):
        try:
            ctx.households.update(household, change, version, overwrite=version != opened.version)
            result.edits += 1
            return
        except ConflictError as conflict:
            result.conflicts += 1
            version = conflict.current_version
        except Exception as exc:
            result.errors.append(f"edit {number}: {exc!r}")
            return
    result.errors.append(f"edit {number}: still conflicting after 20 attempts")


def _reader(url: str, start: Any, stop: Any, out: Any) -> None:
    from siec_desk.domain.activity_period import year
    from siec_desk.services.activity.dashboard import load_dashboard

    ctx = open_app(url)
    times: list[float] = []
    errors: list[str] = []
    start.wait()
    while not stop.is_set():
        t0 = time.perf_counter()
        try:
            load_dashboard(ctx.stats, year(date.today().year), ("mode", "theme", "act"))
        except Exception as exc:
            errors.append(repr(exc))
        times.append(time.perf_counter() - t0)
    ctx.close()
    out.put((times, errors))


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def run(
    url: str, writers: int, per_writer: int, shared_count: int, every: int, reading: bool = True
) -> bool:
    ctx = make_ctx(url, "FR")
    shared = [
        ctx.households.create(HouseholdInput(first_name="Partagé", last_name=f"Foyer {n}"))
        for n in range(shared_count)
    ]
    before = {h: ctx.households.get(h).version for h in shared}
    ctx.close()

    spawn = mp.get_context("spawn")
    start = spawn.Barrier(writers + 1 + (1 if reading else 0))
    stop = spawn.Event()
    results: Any = spawn.Queue()
    reads: Any = spawn.Queue()
    processes = [
        spawn.Process(target=_writer, args=(url, w, per_writer, shared, every, start, results))
        for w in range(writers)
    ]
    readers = [spawn.Process(target=_reader, args=(url, start, stop, reads))] if reading else []
    for process in [*processes, *readers]:
        process.start()
    start.wait()
    load_before = _load()
    began = time.perf_counter()
    done = [results.get(timeout=1800) for _ in processes]
    wall = time.perf_counter() - began
    load_after = _load()
    stop.set()
    dashboard_times, read_errors = reads.get(timeout=600) if reading else ([], [])
    hung = []
    for process in [*processes, *readers]:
        process.join(timeout=60)
        if process.is_alive():
            hung.append(process.pid)
            process.kill()

    saves = [lat for r in done for lat in r.latencies]
    saved = sum(len(r.saved) for r in done)
    edits = sum(r.edits for r in done)
    conflicts = sum(r.conflicts for r in done)
    errors = [e for r in done for e in r.errors] + read_errors
    print(
        f"writers: {writers} processes × {per_writer} consultations, "
        f"reader: {'1 (dashboard)' if reading else 'none (--no-reader)'}"
    )
    print(f"load average (1 min): {load_before} at the start, {load_after} at the end")
    print(f"wall time: {wall:.1f} s; throughput: {saved / wall:.0f} saves/s")
    print(
        "save latency: p50 {:.1f} ms, p95 {:.1f} ms (goal ≤ {:.0f} ms), p99 {:.1f} ms, "
        "max {:.1f} ms".format(
            *(1000 * _quantile(saves, q) for q in (0.5, 0.95)),
            GOAL_P95_MS,
            *(1000 * _quantile(saves, q) for q in (0.99, 1.0)),
        )
    )
    print(f"household edits: {edits} saved, {conflicts} conflicts surfaced (then overwritten)")
    attempts = edits + conflicts
    per_save = sum(r.save_statements for r in done) / max(1, len(saves))
    cpu_ms = 1000 * sum(r.save_cpu for r in done) / max(1, len(saves))
    per_edit = sum(r.edit_statements for r in done) / max(1, attempts)
    print(
        f"per save, whatever the load: {per_save:.1f} statements, writer CPU {cpu_ms:.2f} ms; "
        f"per household edit attempt: {per_edit:.1f} statements"
    )
    if dashboard_times:
        print(
            f"dashboards loaded meanwhile: {len(dashboard_times)}, "
            f"median {1000 * statistics.median(dashboard_times):.0f} ms, "
            f"p95 {1000 * _quantile(dashboard_times, 0.95):.0f} ms"
        )
    return _verify(url, done, shared, before, edits, errors, hung)


def _verify(
    url: str,
    done: list[WriterResult],
    shared: list[int],
    before: dict[int, int],
    edits: int,
    errors: list[str],
    hung: list[int],
) -> bool:
    from sqlalchemy import func, select

    from siec_desk.storage.models import Consultation

    ctx = open_app(url)
    with ctx.db.read() as session:
        tags = dict(session.execute(select(Consultation.id, Consultation.commune)).all())
        total = session.scalar(select(func.count()).select_from(Consultation))
    versions = {h: ctx.households.get(h).version for h in shared}
    ctx.close()
    acknowledged = {i for r in done for i in r.saved}
    expected_tags = {f"w{r.writer}-n{n}" for r in done for n in range(len(r.latencies))}
    lost = acknowledged - set(tags)
    extra = set(tags) - acknowledged
    bumps = sum(versions[h] - before[h] for h in shared)
    checks = {
        "every acknowledged save is stored": not lost,
        "nothing stored that was not acknowledged": not extra,
        "each save stored once, tagged by writer": sorted(tags.values()) == sorted(expected_tags),
        "consultation count": total == len(acknowledged),
        "every edit bumped the version once (no lost update)": bumps == edits,
        "no error, no deadlock": not errors,
        "every process finished": not hung,
    }
    for name, ok in checks.items():
        print(f"  {'ok ' if ok else 'FAIL'} {name}")
    for error in errors[:10]:
        print(f"    {error}")
    return all(checks.values())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=5)
    parser.add_argument("--per-writer", type=int, default=1000)
    parser.add_argument("--shared", type=int, default=3, help="households every writer edits")
    parser.add_argument("--edit-every", type=int, default=10)
    parser.add_argument(
        "--no-reader",
        action="store_true",
        help="no dashboard reader: the writers alone (to tell its share of the machine)",
    )
    parser.add_argument("--url", help="an existing, empty PostgreSQL database instead")
    args = parser.parse_args()
    options = (args.writers, args.per_writer, args.shared, args.edit_every, not args.no_reader)
    if args.url:
        return 0 if run(args.url, *options) else 1
    reason = unavailable_reason()
    if reason:
        print(f"cannot start a private PostgreSQL server: {reason}", file=sys.stderr)
        return 1
    with PostgresServer(settings=()) as server:  # durable defaults: fsync on
        ok = run(server.create_database("load"), *options)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
