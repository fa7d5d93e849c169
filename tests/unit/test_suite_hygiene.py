"""Rules of the test suite itself (issue 17): no test waits a fixed time for the GUI, and a
fresh test database is a copy of the session's migrated template, the same as migrating."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from testkit.databases import fresh_sqlite

from siec_desk.storage.database import open_database
from siec_desk.storage.schema import HEAD_REVISION

TESTS = Path(__file__).resolve().parents[1]
FIXED_WAITS = re.compile(r"qtbot\.wait\(|QTest\.qWait\(|\btime\.sleep\(")


def test_no_gui_test_waits_a_fixed_time() -> None:
    """A fixed wait is a race on a busy machine: wait for a condition (``waitUntil``,
    ``waitSignal``), or deliver queued events (``sendPostedEvents``) for a negative check."""
    found = [
        f"{path.relative_to(TESTS)}:{number}"
        for path in sorted((TESTS / "ui").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if FIXED_WAITS.search(line)
    ]
    assert found == []


def _schema(path: Path) -> list[tuple[str, str]]:
    con = sqlite3.connect(path)
    try:
        rows = con.execute("SELECT name, sql FROM sqlite_master ORDER BY name").fetchall()
        return [(str(name), _constraints_sorted(str(sql))) for name, sql in rows]
    finally:
        con.close()


def _constraints_sorted(sql: str) -> str:
    """A table's SQL with its constraint lines in a fixed order: Alembic's batch mode
    (a table rebuilt on SQLite, e.g. by revision 0016) writes the foreign keys in an order
    that changes from one process to the next; the schema is the same."""
    head, sep, rest = sql.partition("\n\tCONSTRAINT ")
    if not sep:
        return sql
    body, close = rest.rsplit("\n)", 1)
    lines = sorted(line.rstrip(", ") for line in ("CONSTRAINT " + body).split("\n\t"))
    return head + "\n\t" + ",\n\t".join(lines) + "\n)" + close


def test_a_template_copy_is_a_freshly_migrated_private_database(tmp_path: Path) -> None:
    migrated = tmp_path / "migrated.sqlite3"
    open_database(migrated).close()
    copy = fresh_sqlite(tmp_path / "copy.sqlite3")
    assert _schema(copy) == _schema(migrated)
    con = sqlite3.connect(copy)
    try:
        assert con.execute("SELECT version_num FROM alembic_version").fetchall() == [
            (HEAD_REVISION,)
        ]
    finally:
        con.close()
    assert copy.stat().st_mode & 0o777 == migrated.stat().st_mode & 0o777 == 0o600
