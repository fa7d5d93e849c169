"""The services the GUI and the command line share instead of opening databases themselves
(issue 17): a centre made sure of, the restore flow without Qt, the coordinator's database
opened for one piece of work, the latest record, and the maintenance bound in the context."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from siec_desk.core.errors import DatabaseError, NewerSchemaError, SiecError
from siec_desk.domain.household_records import HouseholdInput
from siec_desk.services.app import AppContext, CentreSetup, ensure_centre, open_app
from siec_desk.services.latest import latest_changed
from siec_desk.services.maintenance import RestoreResult
from siec_desk.services.network.opening import open_coordinator
from siec_desk.services.restore import (
    damaged_database,
    reapplied_lines,
    reapplied_text,
    restore_file,
)
from siec_desk.services.targets import sqlite_path

MOROCCAN = CentreSetup(
    "Espace Info Énergie Rabat", "MA", "ar", "Salma Bennani", network_code="RBT-1"
)


def _centres(path: Path) -> list[tuple[str, str]]:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT name, country FROM centres").fetchall()
    finally:
        con.close()


def test_a_new_database_gets_the_centre_it_is_asked_for(tmp_path: Path) -> None:
    path = tmp_path / "new" / "centre.sqlite3"
    asked: list[int] = []

    def ask() -> CentreSetup:
        asked.append(1)
        return MOROCCAN

    centre = ensure_centre(path, ask, create_parent=True)
    assert centre is not None and (centre.name, centre.country) == (MOROCCAN.name, "MA")
    assert asked == [1]
    again = ensure_centre(path, ask)  # a centre exists: nothing is asked again
    assert again == centre and asked == [1]
    assert _centres(path) == [(MOROCCAN.name, "MA")]


def test_cancelling_the_first_run_writes_no_centre(tmp_path: Path) -> None:
    path = tmp_path / "centre.sqlite3"
    assert ensure_centre(path, lambda: None) is None
    assert _centres(path) == []  # created and migrated, but no centre: asked again next time


def test_a_bad_centre_is_refused_and_nothing_written(tmp_path: Path) -> None:
    path = tmp_path / "centre.sqlite3"
    with pytest.raises(SiecError):
        ensure_centre(path, lambda: CentreSetup("", "MA", "ar"))
    assert _centres(path) == []


def test_sqlite_path_of_a_file_and_of_a_server(tmp_path: Path) -> None:
    assert sqlite_path(str(tmp_path / "c.sqlite3")) == tmp_path / "c.sqlite3"
    assert sqlite_path(f"sqlite:///{tmp_path / 'd.sqlite3'}") == tmp_path / "d.sqlite3"
    assert sqlite_path("postgresql+psycopg://siec@db.example/centre") is None


def test_a_sound_locked_or_newer_database_is_not_offered_a_restore(
    ctx: AppContext, db_path: Path
) -> None:
    ctx.maintenance.backup()
    assert damaged_database(str(db_path), NewerSchemaError("newer")) is None
    assert damaged_database(str(db_path), DatabaseError("cannot open")) is None  # sound file
    assert damaged_database("postgresql+psycopg://siec@db.example/c", DatabaseError("x")) is None


def test_what_a_restore_erased_again_is_said_once_for_the_gui_and_the_cli() -> None:
    nothing = RestoreResult(Path("safety.sqlite3"))
    assert reapplied_lines(nothing) == [] and reapplied_text(nothing) == ""
    two = RestoreResult(Path("safety.sqlite3"), reapplied=(3, 9))
    assert reapplied_lines(two) == [
        "2 households erased since this backup was taken were erased again."
    ]
    assert reapplied_text(two) == "\n\n" + reapplied_lines(two)[0]


def test_restore_file_restores_and_a_refused_file_says_nothing_was_restored(
    ctx: AppContext, db_path: Path, tmp_path: Path
) -> None:
    ctx.households.create(HouseholdInput(first_name="Marie", last_name="Curie"))
    backup = ctx.maintenance.backup(tmp_path / "saved.sqlite3")
    ctx.households.create(HouseholdInput(first_name="Pierre", last_name="Curie"))
    ctx.close()
    result = restore_file(backup, str(db_path), lambda: open_app(db_path))
    assert result.safety.exists()
    restored = open_app(db_path)
    try:
        assert [h.display_name for h in restored.households.page(0, 10)] == ["Marie Curie"]
    finally:
        restored.close()
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a backup")
    with pytest.raises(DatabaseError, match="Nothing was restored"):
        restore_file(junk, str(db_path), lambda: open_app(db_path))


def test_the_latest_changed_record(ctx: AppContext) -> None:
    assert latest_changed(ctx, "household") is None
    assert latest_changed(ctx, "consultation") is None
    first = ctx.households.create(HouseholdInput(first_name="A", last_name="Un"))
    second = ctx.households.create(HouseholdInput(first_name="B", last_name="Deux"))
    assert latest_changed(ctx, "household") in (first, second)
    assert latest_changed(ctx, "household") == max(first, second)  # same instant: newest id


def test_maintenance_in_the_context_follows_the_chosen_backup_folder(
    ctx: AppContext, db_path: Path, tmp_path: Path
) -> None:
    assert ctx.maintenance.path == Path(db_path) and ctx.location
    stick = tmp_path / "stick"
    stick.mkdir()
    ctx.maintenance.use_backup_folder(stick)
    assert ctx.maintenance.backup().parent == stick
    ctx.maintenance.use_backup_folder(None)
    assert ctx.maintenance.backup().parent == Path(db_path).parent / "backups"


def test_a_missing_network_database_is_refused_when_it_must_exist(tmp_path: Path) -> None:
    path = tmp_path / "network.sqlite3"
    with pytest.raises(SiecError, match="does not exist"), open_coordinator(path, must_exist=True):
        pass
    assert not path.exists()
    with open_coordinator(path) as coordinator:
        assert coordinator.summary().empty
    assert path.exists()
    with open_coordinator(path, must_exist=True) as coordinator:
        assert coordinator.summary().empty
