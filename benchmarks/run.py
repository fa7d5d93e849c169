"""SIEC Desk Foundation benchmarks: demo generation, database size, search, durable saves.

Usage: ``.venv/bin/python benchmarks/run.py [--sizes 10000 100000] [--out DIR]``

For each size it builds a demo database with the app's own generator (3 consultations per
household), then measures household search over a few hundred realistic typed prefixes
(French without accents, Arabic without hamza or with variant letters, phone digits) and
the time to save a consultation with two measures (a durable commit). Prints the figures.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import select

from siec_desk.domain.consultation_records import ConsultationInput, MeasureChoice
from siec_desk.domain.normalise import fold
from siec_desk.services.app import AppContext, open_app
from siec_desk.services.centre import CentreService
from siec_desk.services.demo import DemoOptions, generate_demo
from siec_desk.storage.database import open_database
from siec_desk.storage.models import Household

_HAMZA_FREE = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ة": "ه", "ى": "ي"})


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def build(path: Path, households: int, country: str) -> tuple[AppContext, float]:
    db = open_database(path)
    CentreService(db).set_up("Benchmark centre", country, "fr", "Advisor")
    db.close()
    ctx = open_app(path)
    started = time.perf_counter()
    generate_demo(ctx, DemoOptions(households=households, seed=42))
    return ctx, time.perf_counter() - started


def _has_arabic(text: str | None) -> bool:
    return any("\u0600" <= c <= "\u06ff" for c in text or "")


def typed_queries(ctx: AppContext, n: int, rng: random.Random) -> list[str]:
    """Prefixes as an advisor types them: no accents, no hamza, partial words, phone digits.

    Half the queries come from Latin-script names, half from Arabic-script ones, drawn
    from the whole table.
    """
    total = ctx.households.count()
    with ctx.db.read() as session:
        rows = session.execute(
            select(Household.first_name, Household.last_name, Household.phone).where(
                Household.id.in_([rng.randrange(1, total + 1) for _ in range(40 * n)])
            )
        ).all()
    arabic = [r for r in rows if _has_arabic(r[1])][: n // 2]
    latin = [r for r in rows if r[1] and not _has_arabic(r[1])][: n - len(arabic)]
    queries = []
    for first, last, phone in arabic + latin:
        kind = rng.random()
        if phone and kind < 0.15:
            national = "0" + phone[-9:]
            queries.append(national[: rng.randrange(4, len(national) + 1)])
            continue
        typed = fold(last.translate(_HAMZA_FREE))
        query = typed[: rng.randrange(2, len(typed) + 1)]
        if first and kind > 0.8:
            query = f"{fold(first.translate(_HAMZA_FREE))[:3]} {query}"
        queries.append(query)
    rng.shuffle(queries)
    return queries


def bench_search(ctx: AppContext, queries: list[str]) -> dict[str, float]:
    for q in queries[:20]:
        ctx.households.search(q)  # warm the page cache
    timings, hits = [], 0
    for q in queries:
        started = time.perf_counter()
        found = ctx.households.search(q, limit=20)
        timings.append((time.perf_counter() - started) * 1000)
        hits += bool(found)
    return {
        "p50_ms": percentile(timings, 0.5),
        "p95_ms": percentile(timings, 0.95),
        "max_ms": max(timings),
        "found_share": hits / len(queries),
        "queries": len(queries),
    }


def bench_saves(ctx: AppContext, n: int, rng: random.Random) -> dict[str, float]:
    ids = [h.id for h in ctx.households.page(0, 500)]
    codes = [m.code for m in ctx.measures.catalogue()][:6]
    timings = []
    for _ in range(n):
        data = ConsultationInput(
            mode="walk_in",
            themes=("heating", "insulation"),
            household_id=rng.choice(ids),
            duration_min=30,
            measures=(MeasureChoice(codes[0]), MeasureChoice(codes[3])),
        )
        started = time.perf_counter()
        ctx.consultations.add(data)
        timings.append((time.perf_counter() - started) * 1000)
    return {"p50_ms": percentile(timings, 0.5), "p95_ms": percentile(timings, 0.95)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--country", default="FR", choices=["FR", "MA", "TN"])
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--saves", type=int, default=200)
    parser.add_argument("--out", type=Path, help="keep the databases in this folder")
    args = parser.parse_args()
    os.environ.setdefault("SIEC_DESK_HOME", tempfile.mkdtemp(prefix="siec-bench-home-"))
    folder = args.out or Path(tempfile.mkdtemp(prefix="siec-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(
        f"SIEC Desk benchmarks ({args.country}, Python {sys.version.split()[0]}, "
        f"{os.cpu_count()} cores)"
    )
    for size in args.sizes:
        path = folder / f"bench-{args.country}-{size}.sqlite3"
        path.unlink(missing_ok=True)
        ctx, seconds = build(path, size, args.country)
        rng = random.Random(size)
        search = bench_search(ctx, typed_queries(ctx, args.queries, rng))
        saves = bench_saves(ctx, args.saves, rng)
        ctx.close()
        mb = sum(p.stat().st_size for p in folder.glob(path.name + "*")) / 1e6
        print(f"\n{size:,} households, {3 * size:,} consultations")
        print(f"  demo generation        {seconds:8.1f} s")
        print(f"  database size          {mb:8.1f} MB")
        print(
            f"  search p50 / p95 / max {search['p50_ms']:6.2f} / {search['p95_ms']:.2f} / "
            f"{search['max_ms']:.2f} ms over {search['queries']} typed prefixes, half Arabic "
            f"({search['found_share']:.0%} found something)"
        )
        print(
            f"  consultation save      p50 {saves['p50_ms']:.1f} ms, p95 "
            f"{saves['p95_ms']:.1f} ms (durable commit, 2 measures)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
