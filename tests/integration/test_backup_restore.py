"""Backups through the SQLite API and restores that always keep the current file first."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from siec_desk.core.errors import DatabaseError, NewerSchemaError
from siec_desk.domain.household_records import HouseholdInput
from siec_desk.services.app import AppContext, open_app
from siec_desk.services.maintenance import MaintenanceService


def _names(ctx: AppContext) -> list[str]:
    return [h.display_name for h in ctx.households.page(0, 100)]


def test_backup_then_restore_round_trips_the_data(
    ctx: AppContext, db_path: Path, tmp_path: Path
) -> None:
    ctx.households.create(HouseholdInput(first_name="Marie", last_name="Curie"))
    backup = MaintenanceService(ctx.db).backup(tmp_path / "saved.sqlite3")
    ctx.households.create(HouseholdInput(first_name="Pierre", last_name="Curie"))
    assert sorted(_names(ctx)) == ["Marie Curie", "Pierre Curie"]

    safety = MaintenanceService(ctx.db).restore(backup).safety
    restored = open_app(db_path)
    try:
        assert _names(restored) == ["Marie Curie"]
    finally:
        restored.close()
    # The state before the restore was saved, with both households.
    con = sqlite3.connect(safety)
    assert con.execute("SELECT count(*) FROM households").fetchone()[0] == 2
    con.close()


def test_backup_includes_commits_still_in_the_wal_file(ctx: AppContext, tmp_path: Path) -> None:
    ctx.households.create(HouseholdInput(first_name="Nadia", last_name="Tazi"))
    wal = Path(str(ctx.db.path) + "-wal")
    assert wal.exists() and wal.stat().st_size > 0  # the commit is not in the main file yet
    backup = MaintenanceService(ctx.db).backup(tmp_path / "b.sqlite3")
    con = sqlite3.connect(backup)
    assert con.execute("SELECT first_name FROM households").fetchall() == [("Nadia",)]
    con.close()


def test_a_truncated_backup_is_refused_and_the_database_kept(
    ctx: AppContext, db_path: Path, tmp_path: Path
) -> None:
    ctx.households.create(HouseholdInput(first_name="Omar", last_name="Idrissi"))
    good = MaintenanceService(ctx.db).backup(tmp_path / "good.sqlite3")
    truncated = tmp_path / "truncated.sqlite3"
    truncated.write_bytes(good.read_bytes()[: 4096 * 3])
    with pytest.raises(DatabaseError):
        MaintenanceService(ctx.db).restore(truncated)
    again = open_app(db_path)
    try:
        assert _names(again) == ["Omar Idrissi"]
    finally:
        again.close()


def test_a_wrong_file_is_refused_for_restore(ctx: AppContext, tmp_path: Path) -> None:
    wrong = tmp_path / "photo.jpg"
    wrong.write_bytes(b"\xff\xd8\xff\xe0 not a database")
    with pytest.raises(DatabaseError, match="not a SIEC Desk database backup"):
        MaintenanceService(ctx.db).restore(wrong)


def test_a_backup_from_a_newer_version_is_refused(ctx: AppContext, tmp_path: Path) -> None:
    newer = MaintenanceService(ctx.db).backup(tmp_path / "newer.sqlite3")
    con = sqlite3.connect(newer)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    with pytest.raises(NewerSchemaError):
        MaintenanceService(ctx.db).restore(newer)


def test_backups_are_private_to_the_user(ctx: AppContext, tmp_path: Path) -> None:
    backup = MaintenanceService(ctx.db).backup(tmp_path / "p.sqlite3")
    assert backup.stat().st_mode & 0o077 == 0


def test_check_reports_a_healthy_database(ctx: AppContext) -> None:
    report = MaintenanceService(ctx.db).check()
    assert report.ok
    assert report.integrity == ["ok"]
