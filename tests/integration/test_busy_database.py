"""A database another program keeps locked: a clear message, nothing saved, no crash.

Another process (a backup tool, a second SIEC Desk, a script) holds SQLite's write lock
with ``BEGIN IMMEDIATE`` for longer than the busy timeout, shortened here so the tests
do not wait the real 5 s.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from testkit.cli import Cli

from siec_desk.core.errors import DatabaseBusyError
from siec_desk.domain.consultation_records import ConsultationInput
from siec_desk.services.app import AppContext, open_app
from siec_desk.storage import engine

BUSY = "The database is busy (another program is writing to it). Try again in a moment."
CALL = ConsultationInput(mode="phone", themes=("heating",), commune="Gardanne")


@pytest.fixture
def short_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 200)


@pytest.fixture
def app(db_path: Path, short_busy_timeout: None) -> Iterator[AppContext]:
    ctx = open_app(db_path)
    yield ctx
    ctx.close()


@pytest.fixture
def other_program(db_path: Path) -> Iterator[sqlite3.Connection]:
    """Another program, in the middle of a long write."""
    connection = sqlite3.connect(db_path, isolation_level=None)
    connection.execute("BEGIN IMMEDIATE")
    yield connection
    if connection.in_transaction:
        connection.execute("ROLLBACK")
    connection.close()


def test_saving_while_another_program_writes_says_busy_and_saves_nothing(
    app: AppContext, other_program: sqlite3.Connection
) -> None:
    with pytest.raises(DatabaseBusyError) as caught:
        app.consultations.add(CALL)
    assert str(caught.value) == BUSY
    other_program.execute("ROLLBACK")
    assert app.consultations.between() == []
    app.consultations.add(CALL)  # once the other program is done, the same save works
    assert [c.commune for c in app.consultations.between()] == ["Gardanne"]


def test_reading_is_not_blocked_by_another_program_writing(app: AppContext, db_path: Path) -> None:
    app.consultations.add(CALL)
    connection = sqlite3.connect(db_path, isolation_level=None)
    connection.execute("BEGIN IMMEDIATE")
    connection.execute("DELETE FROM consultation_themes")
    connection.execute("DELETE FROM consultations")  # not committed: readers see the call
    try:
        assert [c.commune for c in app.consultations.between()] == ["Gardanne"]
    finally:
        connection.execute("ROLLBACK")
        connection.close()


def test_cli_says_busy_on_one_line_and_exits_1(
    db_path: Path, capsys: pytest.CaptureFixture[str], short_busy_timeout: None
) -> None:
    cli = Cli(db_path, capsys)
    assert cli("db", "check")[0] == 0  # creates the database
    connection = sqlite3.connect(db_path, isolation_level=None)
    connection.execute("BEGIN IMMEDIATE")
    try:
        code, out, err = cli("consultation", "add", "--mode", "phone", "--theme", "heating")
    finally:
        connection.execute("ROLLBACK")
        connection.close()
    assert (code, out, err) == (1, "", f"siec-desk: {BUSY}\n")
    assert cli.json("consultation", "list") == []
