"""The network coordinator at scale: 500 centres' yearly exports merged (issue 22 point 4).

Usage: ``.venv/bin/python benchmarks/network.py [--centres 500] [--files DIR] [--jobs 2]``

1. Makes ``--centres`` centre databases with the app's own demo generator: 60 % French,
   25 % Moroccan, 15 % Tunisian, 40 to 400 households each (a small ALEC to a regional
   one), two years of history, each with its own seed and network code; then writes each
   centre's export of the last whole year (2025: twelve months, threshold k = 5) with the
   app's own network export (the suppression is the real one). The files are kept in
   ``--files DIR`` (default: a directory beside this script, ignored by git) and reused
   next time when the count matches.
2. Times, on a new network database:
   - ``network import`` of every file (goal ≤ 10 s),
   - ``network summary`` (goal ≤ 1 s, warm),
   - the network report: XLSX (goal ≤ 5 s) and PDF rendered in the document worker, as the
     GUI and the CLI do (goal ≤ 5 s, spawning the worker included).

``--import-only``: time only the import and the summary (the import's line also gives
its CPU seconds, storing in this process and reading ahead in the worker, and the load
average).

``--network-db PATH``: time only the report on a network database that already holds the
files (made once with ``siec-desk network import … --network-db PATH``); the report's
lines also give the CPU seconds (the worker's for the PDF) and the load average, since
wall-clock time on a shared machine is an upper bound.

Prints the figures beside their goals; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path

DEFAULT_FILES = Path(__file__).resolve().parent / ".network-files"
YEAR = 2025
THRESHOLD = 5
COUNTRIES = (("FR", "fr", 0.60), ("MA", "ar", 0.25), ("TN", "fr", 0.15))


def centre_plan(index: int) -> tuple[str, str, int]:
    """(country, language, households) of centre *index*: fixed by the index alone."""
    rng = random.Random(index)
    draw, cumulative = rng.random(), 0.0
    country, language = COUNTRIES[-1][:2]
    for code, lang, share in COUNTRIES:
        cumulative += share
        if draw < cumulative:
            country, language = code, lang
            break
    return country, language, rng.randint(40, 400)


def make_centre_file(index: int, out_dir: str) -> tuple[str, float]:
    """One centre's database made and exported; returns (file name, seconds)."""
    from siec_desk.services.app import CentreSetup, ensure_centre, open_app
    from siec_desk.services.demo import DemoOptions, generate_demo
    from siec_desk.services.network.export_options import ExportOptions

    started = time.perf_counter()
    country, language, households = centre_plan(index)
    code = f"{country}-{index:04d}"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "centre.sqlite3"
        setup = CentreSetup(f"Centre {code}", country, language, "Conseiller", None, code)
        ensure_centre(path, lambda: setup)
        ctx = open_app(path)
        try:
            generate_demo(
                ctx,
                DemoOptions(
                    households=households, seed=index + 1, years=2, until=date(2026, 1, 31)
                ),
            )
            options = ExportOptions(date(YEAR, 1, 1), date(YEAR, 12, 1), THRESHOLD)
            document = ctx.network_export.build(options)
            target = Path(out_dir) / f"{code}-{YEAR}.json"
            ctx.network_export.write(document, target)
        finally:
            ctx.close()
    return target.name, time.perf_counter() - started


def centre_files(count: int, out_dir: Path, jobs: int) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    existing = sorted(out_dir.glob(f"*-{YEAR}.json"))
    if len(existing) == count:
        print(f"centre files: {count} reused from {out_dir}")
        return existing
    for stale in existing:
        stale.unlink()
    started = time.perf_counter()
    seconds: list[float] = []
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for done, (_name, took) in enumerate(
            pool.map(make_centre_file, range(count), [str(out_dir)] * count), start=1
        ):
            seconds.append(took)
            if done % 50 == 0:
                print(f"  {done}/{count} centres made", flush=True)
    files = sorted(out_dir.glob(f"*-{YEAR}.json"))
    size = sum(f.stat().st_size for f in files)
    print(
        f"centre files: {len(files)} made in {time.perf_counter() - started:.0f} s "
        f"({statistics.median(seconds):.1f} s per centre, median; {size / 1e6:.1f} MB in all)"
    )
    return files


def timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def line(what: str, seconds: float, goal: float) -> None:
    verdict = "met" if seconds <= goal else f"NOT met ({seconds / goal:.1f}× the goal)"
    print(f"{what:<44} {seconds * 1000:>9.0f} ms   goal ≤ {goal * 1000:.0f} ms   {verdict}")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def report_part(network: Path, language: str = "fr") -> None:
    """The network report of *network*: XLSX here (as ``network report`` does), PDF in
    the document worker as the GUI does (spawn included); CPU seconds and load beside."""
    from siec_desk.documents.engine.worker import render_in_process
    from siec_desk.services.network.opening import open_coordinator, pdf_report_job

    xlsx: list[bytes] = []
    with open_coordinator(network, must_exist=True) as coordinator:
        cpu = time.process_time()
        took = timed(lambda: xlsx.append(coordinator.report("xlsx", language)))
        line("network report XLSX", took, 5.0)
        print(f"{'':<44} cpu {time.process_time() - cpu:.2f} s, load {os.getloadavg()[0]:.2f}")
    pdf_sizes: list[int] = []
    pdf_pages: list[int] = []

    def pdf() -> None:
        rendered = render_in_process(pdf_report_job(network, language))
        pdf_sizes.append(len(rendered.pdf))
        pdf_pages.append(rendered.pages)

    cpu, child = time.process_time(), _children_cpu()
    line("network report PDF (worker, spawn included)", timed(pdf), 5.0)
    worker = _children_cpu() - child
    print(
        f"{'':<44} cpu {time.process_time() - cpu:.2f} s here (content) + "
        f"{worker:.2f} s worker ({pdf_pages[0]} pages, "
        f"{worker / pdf_pages[0] * 1000:.0f} ms a page), load {os.getloadavg()[0]:.2f}"
    )
    print(f"report sizes: XLSX {len(xlsx[0]) / 1e3:.0f} kB, PDF {pdf_sizes[0] / 1e3:.0f} kB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--centres", type=int, default=500)
    parser.add_argument("--files", type=Path, default=DEFAULT_FILES)
    parser.add_argument("--jobs", type=int, default=2, help="processes making centre files")
    parser.add_argument(
        "--network-db", type=Path, help="time only the report of this network database"
    )
    parser.add_argument(
        "--import-only", action="store_true", help="time only the import (and the summary)"
    )
    args = parser.parse_args()
    if args.network_db:
        report_part(args.network_db)
        return

    from siec_desk.services.network.opening import open_coordinator

    files = centre_files(args.centres, args.files, args.jobs)
    countries = {f.name[:2] for f in files}
    print(f"network: {len(files)} centres ({', '.join(sorted(countries))}), 12 months each")
    with tempfile.TemporaryDirectory() as tmp:
        network = Path(tmp) / "network.sqlite3"
        with open_coordinator(network) as coordinator:
            outcomes: list[object] = []
            cpu, child = time.process_time(), _children_cpu()
            took = timed(lambda: outcomes.extend(coordinator.import_files(files)))
            refused = sum(1 for o in outcomes if not getattr(o, "ok", False))
            line(f"network import ({len(files)} files, {refused} refused)", took, 10.0)
            print(
                f"{'':<44} cpu {time.process_time() - cpu:.2f} s storing here + "
                f"{_children_cpu() - child:.2f} s reading ahead (worker), "
                f"load {os.getloadavg()[0]:.2f}"
            )
            coordinator.summary()  # warm
            line("network summary (warm)", timed(coordinator.summary), 1.0)
        if not args.import_only:
            report_part(network)


if __name__ == "__main__":
    main()
