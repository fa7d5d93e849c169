"""The frozen bundle against a source install: size and start-up time.

Usage: ``.venv/bin/python benchmarks/bundle.py [--bundle dist/siec-desk] [--runs 5]
[--compressed]`` (build the bundle first: ``bash packaging/build_bundle.sh``).

- size: the bundle folder (Python, Qt, Pango and every library included), and what the
  same runtime packages occupy in the virtual environment (without Python itself and the
  system libraries a source install takes from the distribution); with --compressed, the
  size of the .tar.gz to download;
- start-up, median of --runs fresh processes each, frozen and from source:
  ``--version``; the main window shown and idle (``SIEC_DESK_QUIT_WHEN_READY``, Today, on a
  1,000-household demo database); ``screenshot --view today`` (start, render, write a PNG).
"""

from __future__ import annotations

import argparse
import gzip
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
MB = 1024 * 1024


def folder_size(path: Path) -> int:
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def compressed_size(path: Path) -> int:
    class Counter:
        size = 0

        def write(self, data: bytes) -> int:
            self.size += len(data)
            return len(data)

        def flush(self) -> None:
            pass

    counter = Counter()
    with (
        gzip.GzipFile(fileobj=counter, mode="wb") as gz,
        tarfile.open(fileobj=gz, mode="w|") as tar,
    ):  # type: ignore[arg-type]
        tar.add(path, arcname=path.name)
    return counter.size


def runtime_packages_size() -> int:
    """Installed files of siec-desk's runtime dependencies, recursively (no extras)."""
    seen: set[str] = set()
    todo = ["siec-desk"]
    total = 0
    while todo:
        name = todo.pop().lower().replace("_", "-")
        if name in seen:
            continue
        seen.add(name)
        dist = metadata.distribution(name)
        if name != "siec-desk":
            for file in dist.files or []:
                located = Path(str(dist.locate_file(file)))
                if located.is_file():
                    total += located.stat().st_size
        for raw in dist.requires or []:
            req = Requirement(raw)
            if req.marker is None or req.marker.evaluate({"extra": ""}):
                todo.append(req.name)
    return total


def timed(command: list[str], env: dict[str, str], ready: bool) -> float:
    """Seconds until the process exits or, with *ready*, prints ``ready``."""
    started = time.perf_counter()
    if not ready:
        subprocess.run(command, env=env, check=True, capture_output=True, timeout=120)
        return time.perf_counter() - started
    proc = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    assert proc.stdout is not None
    elapsed = None
    for line in proc.stdout:
        if line.strip() == "ready":
            elapsed = time.perf_counter() - started
            break
    proc.wait(timeout=120)
    if elapsed is None:
        raise SystemExit(f"{command[0]} never said ready")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "siec-desk")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--compressed", action="store_true", help="also measure the .tar.gz")
    args = parser.parse_args()
    frozen = args.bundle.resolve() / "siec-desk"
    if not frozen.is_file():
        print(f"no bundle at {args.bundle}: run bash packaging/build_bundle.sh", file=sys.stderr)
        return 1

    print(f"bundle folder:            {folder_size(frozen.parent) / MB:7.1f} MB")
    if args.compressed:
        print(f"bundle .tar.gz:           {compressed_size(frozen.parent) / MB:7.1f} MB")
    print(
        f"source, runtime packages: {runtime_packages_size() / MB:7.1f} MB (+ Python, system libs)"
    )

    from desk import remember  # pre-answers the advisor question, opens on Today

    with tempfile.TemporaryDirectory(prefix="siec-bench-") as tmp:
        home, db = Path(tmp) / "home", Path(tmp) / "bench.sqlite3"
        env = dict(os.environ, SIEC_DESK_HOME=str(home), QT_QPA_PLATFORM="offscreen")
        subprocess.run(
            [str(frozen), "--db", str(db), "demo", "--households", "1000", "--seed", "1"],
            env=env,
            check=True,
            capture_output=True,
        )
        remember(home, db, "today")
        png = str(Path(tmp) / "today.png")
        commands = {"frozen": [str(frozen)], "source": [sys.executable, "-m", "siec_desk"]}
        print(f"\nstart-up, median of {args.runs} runs   frozen   source")
        rows = (
            ("--version", ["--version"], False, env),
            (
                "window shown and idle",
                ["--db", str(db)],
                True,
                {**env, "SIEC_DESK_QUIT_WHEN_READY": "1"},
            ),
            (
                "screenshot --view today",
                ["--db", str(db), "screenshot", "--view", "today", "--out", png],
                False,
                env,
            ),
        )
        for label, extra, ready, run_env in rows:
            samples: dict[str, list[float]] = {kind: [] for kind in commands}
            for _ in range(args.runs):  # interleaved, so load changes hit both alike
                for kind, command in commands.items():
                    samples[kind].append(timed([*command, *extra], run_env, ready))
            frozen_s, source_s = (statistics.median(samples[k]) for k in ("frozen", "source"))
            print(f"{label:<32} {frozen_s:6.2f} s {source_s:6.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
