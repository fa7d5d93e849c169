"""SIEC Desk crash-safety stress: writer processes killed with SIGKILL at random moments.

Usage: ``.venv/bin/python benchmarks/crash_stress.py [--trials 200] [--seed 1]
[--max-delay 0.6] [--trials-per-db 25] [--mix single=6,pair=3,backup=2] [--keep]``

Each trial starts real processes (``tests/testkit/crash_writer.py``) saving consultations
through the services, kills them after a random, seeded delay, and verifies the database
as the app reopens it: integrity OK, every acknowledged save present and complete,
nothing half-written (``tests/testkit/crash_verify.py``). Trial kinds and checks are
described in ``tests/testkit/crash_trials.py``. A fresh database is started every
``--trials-per-db`` trials, so kills land on small and larger files alike. POSIX only.
Prints the figures; exits 1 if any trial failed (its folder is then kept).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from testkit.crash_trials import KINDS, Series, TrialResult  # noqa: E402

from siec_desk.storage.engine import BUSY_TIMEOUT_MS  # noqa: E402


def parse_mix(text: str) -> dict[str, int]:
    mix = {}
    for part in text.split(","):
        kind, _sep, weight = part.partition("=")
        if kind not in KINDS:
            raise SystemExit(f"unknown trial kind {kind!r} (choose from {', '.join(KINDS)})")
        mix[kind] = int(weight or 1)
    return mix


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else 0.0


def report(results: list[TrialResult], seconds: float, args: argparse.Namespace) -> None:
    kinds = ", ".join(f"{k} {n}" for k, n in Counter(r.kind for r in results).items())
    failed = [r for r in results if not r.ok]
    per_trial = seconds / max(len(results), 1)
    print(
        f"SIEC Desk crash stress (Python {sys.version.split()[0]}, {os.cpu_count()} cores, "
        f"seed {args.seed}, max delay {args.max_delay:.2f} s, busy timeout {BUSY_TIMEOUT_MS} ms)"
    )
    print(f"  trials                     {len(results)} ({kinds})")
    print(f"  processes killed (SIGKILL) {sum(r.kills for r in results)}")
    print(f"  acknowledged saves         {sum(r.acknowledged for r in results)}")
    print(
        f"  committed, unacknowledged  {sum(r.unacknowledged for r in results)}"
        "  (in flight at the kill; checked complete)"
    )
    print(f"  torn acknowledgement lines {sum(r.torn_logs for r in results)}  (ignored)")
    for kind in KINDS:
        ms = [m for r in results if r.kind == kind for m in r.save_ms]
        if ms:
            print(
                f"  save time, {kind:<7}          median {statistics.median(ms):.1f} ms, "
                f"p99 {percentile(ms, 0.99):.1f} ms, max {max(ms):.1f} ms"
            )
    print(f"  failures                   {len(failed)}")
    print(f"  time taken                 {seconds:.1f} s ({per_trial:.2f} s per trial)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-delay", type=float, default=0.6, help="seconds after ready")
    parser.add_argument("--trials-per-db", type=int, default=25)
    parser.add_argument("--mix", type=parse_mix, default=parse_mix("single=6,pair=3,backup=2"))
    parser.add_argument("--keep", action="store_true", help="keep the databases and logs")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="siec-crash-"))
    os.environ["SIEC_DESK_HOME"] = str(work / "home")
    rng = random.Random(args.seed)
    kinds, weights = zip(*args.mix.items(), strict=True)
    results: list[TrialResult] = []
    series: Series | None = None
    started = time.perf_counter()
    for number in range(1, args.trials + 1):
        if series is None or (number - 1) % args.trials_per_db == 0:
            series = Series(work / f"db{(number - 1) // args.trials_per_db + 1}")
        kind = rng.choices(kinds, weights)[0]
        result = series.trial(kind, number, rng, args.max_delay)
        results.append(result)
        if not result.ok:
            print(f"trial {number} ({kind}) in {series.folder} FAILED:", file=sys.stderr)
            for problem in result.problems + result.verdict.problems:
                print(f"    {problem}", file=sys.stderr)
    report(results, time.perf_counter() - started, args)
    failed = any(not r.ok for r in results)
    if args.keep or failed:
        print(f"  kept in {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
