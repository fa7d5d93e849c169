"""SIEC Desk letter benchmarks, on a demo database made by the app's own generator.

Usage: ``.venv/bin/python benchmarks/letters.py [--country MA] [--letters 100]``

- warm render: one letter rendered again and again in a warm process (median, p95), for
  the shortest letter of the demo data (one page) and a typical one;
- first letter in a fresh process: ``siec-desk letter ID --out FILE`` from start to exit,
  and the first render alone inside a fresh interpreter;
- batch: N letters rendered by a pool of 1 then 2 worker processes (spawned and warmed
  inside the timing, as ``siec-desk letters`` does), and the speed-up.
Prints the figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, select

from siec_desk.documents.letters.pool import RenderPool
from siec_desk.documents.letters.render import render_pdf
from siec_desk.services.app import AppContext, open_app
from siec_desk.services.centre import CentreService
from siec_desk.services.demo import DemoOptions, generate_demo
from siec_desk.services.letter_types import LetterRequest
from siec_desk.storage.database import open_database
from siec_desk.storage.models import Consultation, RecommendedMeasure


def build(path: Path, country: str, households: int) -> AppContext:
    db = open_database(path)
    CentreService(db).set_up("Centre de démonstration", country, "fr", "Conseillère")
    db.close()
    ctx = open_app(path)
    generate_demo(ctx, DemoOptions(households=households, seed=7))
    return ctx


def letter_consultations(ctx: AppContext) -> list[tuple[int, int]]:
    """(consultation id, number of measures) of consultations that can have a letter."""
    with ctx.db.read() as session:
        rows = session.execute(
            select(Consultation.id, func.count(RecommendedMeasure.id))
            .join(RecommendedMeasure, RecommendedMeasure.consultation_id == Consultation.id)
            .where(Consultation.household_id.is_not(None))
            .group_by(Consultation.id)
            .order_by(Consultation.id)
        ).all()
    return [(int(cid), int(n)) for cid, n in rows]


def warm(ctx: AppContext, consultation_id: int, runs: int) -> tuple[float, float, int]:
    content = ctx.letters.compose(LetterRequest(consultation_id))
    render_pdf(content)  # warm-up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        rendered = render_pdf(content)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))], rendered.pages


def fresh_process(db: Path, consultation_id: int, out: Path) -> tuple[float, float]:
    """(whole `siec-desk letter` command, first render alone in a fresh interpreter), s."""
    env = dict(os.environ, SIEC_DESK_HOME=str(out.parent / "home"))
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "siec_desk",
            "--db",
            str(db),
            "letter",
            str(consultation_id),
            "--out",
            str(out),
        ],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    command = time.perf_counter() - started
    code = (
        "import time,sys\n"
        "from siec_desk.services.app import open_app\n"
        "from siec_desk.services.letter_types import LetterRequest\n"
        f"ctx = open_app({str(db)!r})\n"
        f"content = ctx.letters.compose(LetterRequest({consultation_id}))\n"
        "t = time.perf_counter()\n"
        "from siec_desk.documents.letters.render import render_pdf\n"
        "render_pdf(content)\n"
        "print(time.perf_counter() - t)\n"
    )
    first = float(
        subprocess.run(
            [sys.executable, "-c", code], check=True, env=env, capture_output=True, text=True
        ).stdout.strip()
    )
    return command, first


def batch(ctx: AppContext, ids: list[int], workers: int) -> float:
    """Letters per second, pool start-up included."""
    contents = [(cid, ctx.letters.compose(LetterRequest(cid))) for cid in ids]
    started = time.perf_counter()
    with RenderPool(workers) as pool:
        done = sum(1 for _ in pool.render_all(contents))
    return done / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--country", default="MA", choices=["FR", "MA", "TN"])
    parser.add_argument("--letters", type=int, default=100)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    print(f"CPU cores available: {len(os.sched_getaffinity(0))}")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.sqlite3"
        ctx = build(db, args.country, max(200, args.letters))
        candidates = letter_consultations(ctx)
        shortest = min(candidates, key=lambda c: (c[1], c[0]))
        typical = sorted(candidates, key=lambda c: c[1])[len(candidates) // 2]
        for label, (cid, n) in (("one-page", shortest), ("typical", typical)):
            median, p95, pages = warm(ctx, cid, args.runs)
            print(
                f"warm render, {label} letter ({n} measures, {pages} page(s)): "
                f"median {median:.0f} ms, p95 {p95:.0f} ms (goal ≤ 250 ms)"
            )
        command, first = fresh_process(db, typical[0], Path(tmp) / "one.pdf")
        print(
            f"first letter in a fresh process: whole command {command:.2f} s, "
            f"first render {first:.2f} s"
        )
        ids = [cid for cid, _n in candidates][: args.letters]
        one = batch(ctx, ids, 1)
        two = batch(ctx, ids, 2)
        print(
            f"batch of {len(ids)} letters: 1 process {one:.1f} letters/s, "
            f"2 processes {two:.1f} letters/s, speed-up {two / one:.2f}× (goal ≥ 1.7×)"
        )
        ctx.close()


if __name__ == "__main__":
    main()
