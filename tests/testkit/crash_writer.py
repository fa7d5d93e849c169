"""A writer process for the crash-safety tests: saves consultations until it is killed.

Run as ``python -m testkit.crash_writer --db FILE --log FILE --writer NAME --seed N``
with ``tests/`` on ``PYTHONPATH``. It opens the database through ``open_app`` (the
start-up path of the GUI and the CLI), prints ``ready``, then loops: now and then a new
household, then a consultation (a household sometimes, 1–3 themes, 0–3 measures), each
saved through the services. Once a save has returned, one JSON line saying what was
saved is appended to the acknowledgement log and fsync'ed: a line in the log is a save
the application reported as done. The consultation's commune also carries a digest of
its own content, so the verifier can tell a complete row from a half-written one even
when the process died before acknowledging it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

from siec_desk.domain.codes import ContactMode, Theme
from siec_desk.domain.consultation_records import ConsultationInput, MeasureChoice
from siec_desk.domain.household_records import HouseholdInput
from siec_desk.domain.savings_applicability import overlap_in
from siec_desk.services.app import AppContext, open_app

TAG = "crash"
MODES = [m.value for m in ContactMode]
THEMES = [t.value for t in Theme]


def digest(
    writer: str,
    seq: int,
    household_id: int | None,
    mode: str,
    themes: list[str],
    measures: list[str],
    duration: int,
) -> str:
    """A short checksum of one consultation's content (themes sorted, measures in order)."""
    content = [writer, seq, household_id, mode, sorted(themes), list(measures), duration]
    return hashlib.sha256(json.dumps(content).encode()).hexdigest()[:16]


def commune_tag(writer: str, seq: int, check: str) -> str:
    return f"{TAG} {writer}-{seq} {check}"


def parse_tag(commune: str | None) -> tuple[str, int, str] | None:
    """(writer, seq, digest) from a commune written by this program, else None."""
    parts = (commune or "").split(" ")
    if len(parts) != 3 or parts[0] != TAG or "-" not in parts[1]:
        return None
    writer, _sep, seq = parts[1].rpartition("-")
    return writer, int(seq), parts[2]


def read_log(path: Path) -> tuple[list[dict[str, Any]], bool]:
    """(acknowledged records, whether a torn last line was ignored).

    Only the last line may be torn (the process was killed while writing it); every
    newline-terminated line must be whole JSON.
    """
    if not path.exists():
        return [], False
    *lines, tail = path.read_bytes().split(b"\n")
    return [json.loads(line) for line in lines], bool(tail)


class AckLog:
    """Append-only, one fsync'ed line per acknowledged save."""

    def __init__(self, path: Path) -> None:
        self.fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)

    def append(self, record: dict[str, Any]) -> None:
        # Two writes, so that a kill can tear a line as a buffered writer would.
        os.write(self.fd, json.dumps(record, sort_keys=True).encode())
        os.write(self.fd, b"\n")
        os.fsync(self.fd)


class Writer:
    def __init__(self, ctx: AppContext, name: str, seed: int, log: AckLog) -> None:
        self.ctx = ctx
        self.name = name
        self.rng = random.Random(seed)
        self.log = log
        self.seq = 0
        self.households = [h.id for h in ctx.households.page(0, 10_000)]
        country = ctx.centre.country
        self.measures = sorted(
            code for code, m in ctx.reference.measures.items() if country in m.countries
        )

    def new_household(self) -> None:
        self.seq += 1
        last_name = f"Crash {self.name}-{self.seq}"
        household_id = self.ctx.households.create(
            HouseholdInput(
                first_name="Test",
                last_name=last_name,
                commune="Aubagne",
                household_size=self.rng.randint(1, 6),
                surface_m2=self.rng.randint(20, 200),
                heating_energy="natural_gas",
                construction_period="1948_1974",
            )
        )
        self.households.append(household_id)
        self.log.append(
            {
                "kind": "household",
                "writer": self.name,
                "seq": self.seq,
                "id": household_id,
                "last_name": last_name,
            }
        )

    def consultation(self) -> None:
        rng = self.rng
        self.seq += 1
        household_id = (
            rng.choice(self.households) if self.households and rng.random() < 0.5 else None
        )
        mode = rng.choice(MODES)
        themes = sorted(rng.sample(THEMES, rng.randint(1, 3)))
        measures = rng.sample(self.measures, rng.randint(0, 3)) if household_id else []
        if overlap_in(measures):  # an advisor keeps one of two overlapping measures
            measures.remove(overlap_in(measures)[-1])  # type: ignore[index]
        duration = rng.randint(1, 120)
        check = digest(self.name, self.seq, household_id, mode, themes, measures, duration)
        started = time.perf_counter()
        consultation_id = self.ctx.consultations.add(
            ConsultationInput(
                mode=mode,
                themes=tuple(themes),
                household_id=household_id,
                duration_min=duration,
                commune=commune_tag(self.name, self.seq, check),
                measures=tuple(MeasureChoice(code) for code in measures),
            )
        )
        self.log.append(
            {
                "kind": "consultation",
                "writer": self.name,
                "seq": self.seq,
                "id": consultation_id,
                "household_id": household_id,
                "mode": mode,
                "themes": themes,
                "measures": measures,
                "duration": duration,
                "digest": check,
                "ms": round((time.perf_counter() - started) * 1000, 2),
            }
        )

    def run(self, count: int) -> None:
        """*count* consultations (0: until killed)."""
        done = 0
        while count == 0 or done < count:
            if self.rng.random() < 0.1:
                self.new_household()
            self.consultation()
            done += 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--log", type=Path, required=True)
    parser.add_argument("--writer", required=True, help="a name unique in the database")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--count", type=int, default=0, help="consultations; 0 = until killed")
    args = parser.parse_args(argv)
    ctx = open_app(args.db)
    try:
        writer = Writer(ctx, args.writer, args.seed, AckLog(args.log))
        print("ready", flush=True)
        writer.run(args.count)
    finally:
        ctx.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
