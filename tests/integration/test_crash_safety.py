"""Crash safety: writer processes killed with SIGKILL mid-work never damage the database.

A few trials of what ``benchmarks/crash_stress.py`` runs hundreds of times: real
processes save consultations through the services and are killed at random (seeded)
moments; the database, reopened as the app opens it, must pass its integrity checks and
hold every acknowledged save, complete, and nothing half-written
(``tests/testkit/crash_*.py``).
"""

from __future__ import annotations

import random
import sqlite3
import sys
from pathlib import Path

import pytest
from testkit.crash_trials import Series
from testkit.crash_writer import parse_tag, read_log

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and select() on pipes: POSIX"),
]


def test_killed_writers_leave_every_acknowledged_save_and_nothing_half_written(
    tmp_path: Path,
) -> None:
    series = Series(tmp_path / "series")
    rng = random.Random(20240611)
    kinds = ["single", "pair", "backup", "single", "pair", "single", "backup", "single", "pair"]
    results = [series.trial(kind, n, rng, max_delay=0.4) for n, kind in enumerate(kinds, 1)]
    failures = [
        f"trial {n} ({r.kind}): {r.problems + r.verdict.problems}"
        for n, r in enumerate(results, 1)
        if not r.ok
    ]
    assert not failures, "\n".join(failures)
    assert sum(r.kills for r in results) >= len(kinds)
    assert all(r.acknowledged > 0 for r in results), "every trial saved before its kill"
    assert results[-1].verdict.acknowledged == sum(r.acknowledged for r in results)


def test_two_writers_at_once_lose_nothing(tmp_path: Path) -> None:
    series = Series(tmp_path / "series")
    writers = [series.writer(name, seed, count=100) for name, seed in (("a", 1), ("b", 2))]
    assert all(w.wait_ready() for w in writers)
    for w in writers:
        w.finish()
    assert [w.problems(killed=False) for w in writers] == [[], []]
    verdict = series.verify()
    assert verdict.ok, verdict.problems
    assert verdict.acknowledged == verdict.found == 200
    assert verdict.unacknowledged == 0
    db = sqlite3.connect(series.db)
    communes = [parse_tag(c) for (c,) in db.execute("SELECT commune FROM consultations")]
    db.close()
    assert sorted(tag[0] for tag in communes if tag) == ["a"] * 100 + ["b"] * 100


def test_the_verifier_notices_lost_changed_and_half_written_saves(tmp_path: Path) -> None:
    """The crash tests pass only because the database is right, not because the check is blind."""
    series = Series(tmp_path / "series")
    writer = series.writer("w", seed=3, count=10)
    assert writer.wait_ready()
    writer.finish()
    assert series.verify().ok
    first, second, third = [a["id"] for a in writer.acks() if a["kind"] == "consultation"][:3]
    db = sqlite3.connect(series.db)
    with db:
        db.execute("DELETE FROM consultation_themes WHERE consultation_id = ?", (first,))
        db.execute("UPDATE consultations SET duration_min = 999 WHERE id = ?", (second,))
        db.execute("DELETE FROM consultation_themes WHERE consultation_id = ?", (third,))
        db.execute("DELETE FROM recommended_measures WHERE consultation_id = ?", (third,))
        db.execute("DELETE FROM consultations WHERE id = ?", (third,))
    db.close()
    problems = "\n".join(series.verify().problems)
    assert "1 consultations without themes" in problems
    assert f"consultation {first} is half-written" in problems
    assert f"consultation {second}:" in problems and "999" in problems
    assert f"acknowledged consultation {third} is missing" in problems


def test_a_torn_last_acknowledgement_line_is_ignored_but_a_torn_middle_is_not(
    tmp_path: Path,
) -> None:
    log = tmp_path / "w.log"
    log.write_bytes(b'{"kind": "household", "id": 1}\n{"kind": "consul')
    assert read_log(log) == ([{"kind": "household", "id": 1}], True)
    log.write_bytes(b'{"kind": "hou\n{"kind": "household", "id": 1}\n')
    with pytest.raises(ValueError):
        read_log(log)
