"""Crash trials: real writer processes killed with SIGKILL at random moments, then checked.

Shared by ``tests/integration/test_crash_safety.py`` (a few trials) and
``benchmarks/crash_stress.py`` (hundreds). A :class:`Series` is one database and the
acknowledgement logs of every writer that ever wrote to it; each trial starts writers
on it, kills them, and verifies the database against all the logs (POSIX only).

Trial kinds:

* ``single``: one writer, killed.
* ``pair``: two writers at once; either one is killed while the other finishes a fixed
  number of saves (it must not be blocked by the dead one's lock), or both are killed.
* ``backup``: ``siec-desk db backup`` runs while a writer writes (sometimes the backup
  itself is killed); the writer is killed; a backup file, if there is one, must be a
  valid database holding every save acknowledged before the backup started.
"""

from __future__ import annotations

import os
import random
import select
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from siec_desk.domain.household_records import HouseholdInput
from siec_desk.services.app import open_app
from testkit.crash_verify import Verdict, verify
from testkit.crash_writer import read_log

ROOT = Path(__file__).resolve().parents[2]
KINDS = ("single", "pair", "backup")
READY_TIMEOUT = 60.0
FINISH_TIMEOUT = 120.0


def child_env(home: Path) -> dict[str, str]:
    """The environment of writer and CLI processes: this checkout, an isolated home."""
    env = dict(os.environ, SIEC_DESK_HOME=str(home), LANG="C", LANGUAGE="C", LC_ALL="C")
    env.pop("SIEC_DESK_DB", None)
    paths = [str(ROOT / "tests"), str(ROOT), env.get("PYTHONPATH", "")]
    env["PYTHONPATH"] = os.pathsep.join(p for p in paths if p)
    return env


class WriterProcess:
    def __init__(self, series: Series, name: str, seed: int, count: int = 0) -> None:
        self.name = name
        self.count = count
        self.log = series.folder / f"{name}.log"
        self.errors = series.folder / f"{name}.err"
        with self.errors.open("w") as err:
            self.proc = subprocess.Popen(
                [
                    *(sys.executable, "-m", "testkit.crash_writer", "--db", str(series.db)),
                    *("--log", str(self.log), "--writer", name, "--seed", str(seed)),
                    *("--count", str(count)),
                ],
                stdout=subprocess.PIPE,
                stderr=err,
                env=series.env,
                text=True,
            )

    def wait_ready(self) -> bool:
        assert self.proc.stdout is not None
        ready, _w, _x = select.select([self.proc.stdout], [], [], READY_TIMEOUT)
        return bool(ready) and self.proc.stdout.readline().strip() == "ready"

    def kill(self) -> None:
        """SIGKILL: no clean-up of any kind, like a crash or a power cut of the process."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def finish(self) -> None:
        try:
            self.proc.wait(FINISH_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.kill()

    def problems(self, *, killed: bool) -> list[str]:
        """What went wrong with the process itself (it must die only by our hand)."""
        if self.proc.stdout is not None:
            self.proc.stdout.close()
        expected = -signal.SIGKILL if killed else 0
        if self.proc.returncode == expected:
            return []
        tail = self.errors.read_text(errors="replace").strip().splitlines()[-3:]
        return [f"writer {self.name} exited with {self.proc.returncode}: {' | '.join(tail)}"]

    def acks(self) -> list[dict[str, Any]]:
        return read_log(self.log)[0]

    def torn(self) -> bool:
        return read_log(self.log)[1]


@dataclass
class TrialResult:
    kind: str
    kills: int
    acknowledged: int  # consultations acknowledged during this trial
    unacknowledged: int  # committed during this trial, the writer killed before its ack
    torn_logs: int  # acknowledgement logs whose last line the kill tore
    verdict: Verdict
    save_ms: list[float] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.verdict.ok and not self.problems


class Series:
    """One database, written by many writer processes over many trials."""

    def __init__(self, folder: Path, households: int = 3) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.db = folder / "centre.sqlite3"
        self.env = child_env(folder / "home")
        self.unacknowledged = 0
        ctx = open_app(self.db)
        try:
            for i in range(households):
                ctx.households.create(
                    HouseholdInput(first_name="Pool", last_name=f"Household {i}", surface_m2=80)
                )
        finally:
            ctx.close()

    def acks(self) -> list[dict[str, Any]]:
        return [a for log in sorted(self.folder.glob("*.log")) for a in read_log(log)[0]]

    def writer(self, name: str, seed: int, count: int = 0) -> WriterProcess:
        return WriterProcess(self, name, seed, count)

    def verify(self) -> Verdict:
        return verify(self.db, self.acks())

    # -- trials ------------------------------------------------------------------------
    def trial(self, kind: str, number: int, rng: random.Random, max_delay: float) -> TrialResult:
        run = {"single": self._single, "pair": self._pair, "backup": self._backup}[kind]
        writers, kills, problems = run(number, rng, max_delay)
        acks = [a for w in writers for a in w.acks() if a["kind"] == "consultation"]
        verdict = self.verify()
        unacknowledged, self.unacknowledged = (
            verdict.unacknowledged - self.unacknowledged,
            verdict.unacknowledged,
        )
        return TrialResult(
            kind=kind,
            kills=kills,
            acknowledged=len(acks),
            unacknowledged=unacknowledged,
            torn_logs=sum(w.torn() for w in writers),
            verdict=verdict,
            save_ms=[a["ms"] for a in acks],
            problems=problems,
        )

    def _started(self, writers: list[WriterProcess]) -> list[str]:
        return [f"writer {w.name} never became ready" for w in writers if not w.wait_ready()]

    def _single(
        self, number: int, rng: random.Random, max_delay: float
    ) -> tuple[list[WriterProcess], int, list[str]]:
        writer = self.writer(f"t{number}", rng.randrange(2**31))
        problems = self._started([writer])
        time.sleep(rng.uniform(0, max_delay))
        writer.kill()
        return [writer], 1, problems + writer.problems(killed=True)

    def _pair(
        self, number: int, rng: random.Random, max_delay: float
    ) -> tuple[list[WriterProcess], int, list[str]]:
        both = rng.random() < 0.5
        count = 0 if both else rng.randint(50, 200)
        victim = self.writer(f"t{number}a", rng.randrange(2**31))
        other = self.writer(f"t{number}b", rng.randrange(2**31), count)
        problems = self._started([victim, other])
        time.sleep(rng.uniform(0, max_delay))
        victim.kill()
        if both:
            time.sleep(rng.uniform(0, max_delay))
            other.kill()
        else:
            other.finish()
        problems += victim.problems(killed=True) + other.problems(killed=both)
        saved = sum(a["kind"] == "consultation" for a in other.acks())
        if not both and saved != count:
            problems.append(f"writer {other.name} acknowledged {saved} saves, not {count}")
        return [victim, other], 2 if both else 1, problems

    def _backup(
        self, number: int, rng: random.Random, max_delay: float
    ) -> tuple[list[WriterProcess], int, list[str]]:
        writer = self.writer(f"t{number}", rng.randrange(2**31))
        problems = self._started([writer])
        time.sleep(rng.uniform(0, max_delay / 2))
        before = self.acks()  # committed before the backup starts: must be in it
        out = self.folder / f"backup-t{number}.sqlite3"
        backup = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "siec_desk",
                "--db",
                str(self.db),
                "db",
                "backup",
                "--out",
                str(out),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=self.env,
            text=True,
        )
        kill_backup = rng.random() < 0.25
        if kill_backup:
            time.sleep(rng.uniform(0, 1.0))
            backup.send_signal(signal.SIGKILL)
        time.sleep(rng.uniform(0, max_delay))
        writer.kill()
        _out, err = backup.communicate(timeout=FINISH_TIMEOUT)
        problems += writer.problems(killed=True)
        finished = backup.returncode == 0
        if not finished and not (kill_backup and backup.returncode == -signal.SIGKILL):
            problems.append(f"backup exited with {backup.returncode}: {err.strip()}")
        if finished and not out.exists():
            problems.append("backup reported success but wrote no file")
        if out.exists():
            check = verify(out, before, acks_complete=False)
            problems += [f"backup: {p}" for p in check.problems]
        return [writer], 2 if kill_backup else 1, problems
