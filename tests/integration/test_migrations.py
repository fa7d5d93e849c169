"""Schema history: fresh databases, released fixtures, newer schemas, backups first."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from siec_desk.core.errors import DatabaseError, NewerSchemaError
from siec_desk.storage import database as database_module
from siec_desk.storage.alembic_runner import script_revisions
from siec_desk.storage.base import Base
from siec_desk.storage.database import open_database
from siec_desk.storage.schema import HEAD_REVISION, KNOWN_REVISIONS

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _revision(path: Path) -> str:
    con = sqlite3.connect(path)
    try:
        return str(con.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    finally:
        con.close()


def test_known_revisions_match_the_revision_files() -> None:
    assert list(KNOWN_REVISIONS) == script_revisions()


def test_every_released_revision_has_a_fixture_database() -> None:
    assert sorted(
        p.stem.removeprefix("db_schema_") for p in FIXTURES.glob("db_schema_*.sqlite3")
    ) == sorted(KNOWN_REVISIONS)


def test_new_database_is_migrated_to_head_and_matches_the_models(tmp_path: Path) -> None:
    db = open_database(tmp_path / "new.sqlite3")
    try:
        with db.engine.connect() as connection:
            context = MigrationContext.configure(
                connection,
                opts={
                    "include_name": lambda name, type_, parent: (
                        not (type_ == "table" and name and name.startswith("household_search"))
                    )
                },
            )
            assert context.get_current_revision() == HEAD_REVISION
            assert compare_metadata(context, Base.metadata) == []
    finally:
        db.close()


@pytest.mark.parametrize("revision", KNOWN_REVISIONS)
def test_released_database_opens_with_its_data_intact(tmp_path: Path, revision: str) -> None:
    copy = tmp_path / "old.sqlite3"
    shutil.copy(FIXTURES / f"db_schema_{revision}.sqlite3", copy)
    db = open_database(copy, backup_dir=tmp_path / "backups")
    try:
        with db.engine.connect() as c:
            names = c.exec_driver_sql(
                "SELECT first_name, last_name, phone FROM households ORDER BY id"
            ).all()
            themes = (
                c.exec_driver_sql(
                    "SELECT theme FROM consultation_themes WHERE consultation_id = 1 ORDER BY theme"
                )
                .scalars()
                .all()
            )
            anonymous = c.exec_driver_sql(
                "SELECT household_id, mode, act FROM consultations WHERE id = 2"
            ).one()
            letters = c.exec_driver_sql(
                "SELECT reference, language, household_id FROM letters ORDER BY id"
            ).all()
    finally:
        db.close()
    assert names == [("Éloïse", "Légaré", "+33612345678"), ("أحمد", "العمراني", "+212612345678")]
    assert themes == ["financial_aid", "insulation"]
    assert tuple(anonymous) == (None, "phone", "info")
    # The letter archive exists from 0003 on; older databases start with an empty one.
    expected = [("2025-000001", "fr", 1)] if revision >= "0003" else []
    if revision >= "0011":  # the sample France Rénov' attestation, archived as a letter
        expected.append(("ATT-2026-000001", "fr", 1))
    assert letters == expected
    assert _revision(copy) == HEAD_REVISION
    if revision != HEAD_REVISION:
        assert list((tmp_path / "backups").glob("*before-migration*"))


def test_a_database_behind_head_is_backed_up_before_migrating(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pretend this release adds revision 9000: the old file must be saved first."""
    path = tmp_path / "centre.sqlite3"
    open_database(path).close()
    before = path.read_bytes()
    calls: list[str] = []
    monkeypatch.setattr(database_module, "HEAD_REVISION", "9000")
    monkeypatch.setattr(database_module, "KNOWN_REVISIONS", (*KNOWN_REVISIONS, "9000"))
    monkeypatch.setattr(
        "siec_desk.storage.alembic_runner.upgrade", lambda connection: calls.append("upgrade")
    )
    db = open_database(path, backup_dir=tmp_path / "backups")
    db.close()
    assert calls == ["upgrade"]
    assert db.last_migration_backup is not None
    assert db.last_migration_backup.parent == tmp_path / "backups"
    assert f"before-migration-{HEAD_REVISION}" in db.last_migration_backup.name
    backup = sqlite3.connect(db.last_migration_backup)
    assert backup.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert backup.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD_REVISION
    backup.close()
    assert len(before) > 0


def test_a_newer_schema_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    open_database(path).close()
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    with pytest.raises(NewerSchemaError, match="newer version"):
        open_database(path)
    assert _revision(path) == "9999"


def test_a_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    con.commit()
    con.close()
    with pytest.raises(DatabaseError, match="not a SIEC Desk database"):
        open_database(path)
    con = sqlite3.connect(path)
    assert [r[0] for r in con.execute("SELECT name FROM sqlite_master")] == ["invoices"]
    con.close()


def test_a_file_that_is_not_sqlite_is_refused_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_text("just some notes", encoding="utf-8")
    with pytest.raises(DatabaseError, match="not a SIEC Desk database"):
        open_database(path)
    assert path.read_text(encoding="utf-8") == "just some notes"


def test_a_missing_folder_gives_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="does not exist"):
        open_database(tmp_path / "nowhere" / "centre.sqlite3")
    assert not (tmp_path / "nowhere").exists()


def test_connections_are_durable_and_enforce_foreign_keys(tmp_path: Path) -> None:
    db = open_database(tmp_path / "c.sqlite3")
    try:
        with db.engine.connect() as c:
            assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert c.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert c.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert c.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
    finally:
        db.close()


@pytest.mark.parametrize("revision", KNOWN_REVISIONS)
def test_search_works_after_migrating_a_released_database(tmp_path: Path, revision: str) -> None:
    """Batch mode rebuilds tables, which drops triggers: the index must come back whole."""
    from siec_desk.domain.household_records import HouseholdInput
    from siec_desk.services.app import open_app

    copy = tmp_path / "old.sqlite3"
    shutil.copy(FIXTURES / f"db_schema_{revision}.sqlite3", copy)
    ctx = open_app(copy, backup_dir=tmp_path / "backups")
    try:
        assert [h.last_name for h in ctx.households.search("eloise")] == ["Légaré"]
        assert [h.last_name for h in ctx.households.search("احمد")] == ["العمراني"]
        new = ctx.households.create(HouseholdInput(first_name="Nadia", last_name="Zerrouki"))
        assert [h.id for h in ctx.households.search("zerr")] == [new]
    finally:
        ctx.close()
