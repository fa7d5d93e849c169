"""Erased means gone (redteam HIGH-1, MEDIUM-8, MEDIUM-13, LOW-2, LOW-9, LOW-12, LOW-13).

After an erasure, a retention purge or a rolled-back import, no personal value of the
household is left in the database file, its ``-wal`` or a backup taken afterwards (the raw
bytes are scanned); a restore erases again whoever was erased since the backup was taken;
backups and restores are audited; letter files that could not be deleted are named and
retried; crash leftovers are cleaned at start; a backup is never written onto the
database; a restore leaves nothing beside the backup, and two never run at once.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import time
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import event, func, select
from testkit.cli import Cli
from testkit.contexts import make_ctx
from testkit.privacy import PERSONAL, personal_household

from siec_desk.core.errors import DatabaseError
from siec_desk.core.files import STALE_PARTIAL_S
from siec_desk.domain.household_records import HouseholdInput
from siec_desk.domain.normalise import fold
from siec_desk.services.app import AppContext, open_app
from siec_desk.services.maintenance import MaintenanceService
from siec_desk.storage.backup import RestoreInProgressError, restore_lock
from siec_desk.storage.models import ErasureRecord, Household, PendingFileDeletion
from siec_desk.texts.privacy import erase_done

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def personal_values() -> list[str]:
    """Every form a personal value of the test household can take in the file: as typed,
    folded for the search index, and every phone form (E.164, national, digit tokens)."""
    p = PERSONAL
    values = [
        p["first_name"],
        p["last_name"],
        fold(p["first_name"]),
        fold(p["last_name"]),
        p["phone_e164"],
        "33698765432",
        "0698765432",
        p["phone_digits"],
        p["email"],
        "quemeneur@example",
        p["address"],
        "Glycines",
        p["notes"],
        p["consent_wording"],
        p["consultation_notes"],
        p["follow_up_action"],
        p["abandon_reason"],
        p["letter_opening"],
        p["letter_findings"],
    ]
    return values


def leftovers(path: Path, values: list[str]) -> list[str]:
    """The values found in the raw bytes of *path* (case-insensitive, UTF-8)."""
    if not path.exists():
        return []
    raw = path.read_bytes().lower()
    return [v for v in values if v.lower().encode("utf-8") in raw]


def assert_gone(db_path: Path, *others: Path) -> None:
    values = personal_values()
    for path in (db_path, Path(f"{db_path}-wal"), *others):
        assert leftovers(path, values) == [], path.name


@pytest.fixture
def centre(tmp_path: Path) -> Iterator[AppContext]:
    ctx = make_ctx(tmp_path / "centre.sqlite3", "FR")
    for i in range(40):  # other households: the index has several segments
        ctx.households.create(
            HouseholdInput(
                first_name=f"Voisin{i}", last_name="Durand", phone=f"06 11 22 33 {i:02d}"
            )
        )
    yield ctx
    ctx.close()


@pytest.fixture
def reader(centre: AppContext) -> Iterator[sqlite3.Connection]:
    """Another program with the database open (the GUI, a second command): the ``-wal``
    is not deleted while it is open."""
    assert centre.db.path is not None
    con = sqlite3.connect(centre.db.path)
    con.execute("SELECT count(*) FROM households").fetchone()
    yield con
    con.close()


def _path(ctx: AppContext) -> Path:
    assert ctx.db.path is not None
    return ctx.db.path


def test_the_test_household_is_in_the_file_before_it_is_erased(centre: AppContext) -> None:
    personal_household(centre)
    MaintenanceService(centre.db).backup(_path(centre).parent / "b.sqlite3")
    found = leftovers(_path(centre).parent / "b.sqlite3", personal_values())
    assert len(found) >= 15  # the scan would see them (sanity check of the test itself)


def test_every_connection_sets_secure_delete_itself(centre: AppContext) -> None:
    with centre.db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA secure_delete").scalar() == 1


def test_after_an_erasure_nothing_personal_is_left_in_the_file_wal_or_a_later_backup(
    centre: AppContext, reader: sqlite3.Connection, tmp_path: Path
) -> None:
    person = personal_household(centre)
    backup_before = MaintenanceService(centre.db).backup(tmp_path / "before.sqlite3")

    centre.rights.erase(person.household_id)

    after = MaintenanceService(centre.db).backup(tmp_path / "after.sqlite3")
    assert Path(f"{_path(centre)}-wal").exists()  # kept open by the reader, but empty
    assert_gone(_path(centre), after)
    assert leftovers(backup_before, personal_values())  # an older backup still holds them
    for word in ("Quéméneur", "698765", "gwen"):
        assert centre.households.search(word) == []


def test_the_secure_delete_of_the_system_build_does_not_matter(
    centre: AppContext, tmp_path: Path
) -> None:
    """A SQLite built with upstream defaults (secure_delete off; Debian turns it on) erases
    just as well: the app sets it on each connection, after the build's default."""

    def upstream_default(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.execute("PRAGMA secure_delete=OFF")

    event.listen(centre.db.engine, "connect", upstream_default, insert=True)
    centre.db.engine.dispose()  # new connections from now on
    person = personal_household(centre)
    with centre.db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA secure_delete").scalar() == 1
    centre.rights.erase(person.household_id)
    assert_gone(_path(centre), MaintenanceService(centre.db).backup(tmp_path / "a.sqlite3"))


@pytest.mark.parametrize("mode", ["anonymise", "delete"])
def test_after_a_retention_purge_nothing_personal_is_left(
    centre: AppContext, reader: sqlite3.Connection, tmp_path: Path, mode: str
) -> None:
    person = personal_household(centre)
    centre.retention.today = lambda: date(2027, 6, 1)
    assert person.household_id in centre.retention.due_ids()

    if mode == "anonymise":
        centre.retention.anonymise([person.household_id])
    else:
        centre.retention.delete([person.household_id])

    assert_gone(_path(centre), MaintenanceService(centre.db).backup(tmp_path / "a.sqlite3"))


def test_a_rolled_back_import_leaves_nothing_in_the_wal(
    centre: AppContext, reader: sqlite3.Connection
) -> None:
    """A large import spills pages to the ``-wal`` before it commits; when it is rolled
    back (an error, a cancel), those frames are truncated, not left on disk."""

    class RollbackError(Exception):
        pass

    marker = "Zebulonimport"
    with pytest.raises(RollbackError), centre.db.write() as session:
        session.connection().exec_driver_sql("PRAGMA cache_size=20")  # spill early
        session.add_all(
            Household(
                first_name=marker,
                last_name=f"Quixotewright{i}",
                country="FR",
                search_text=f"{marker.lower()} quixotewright{i}",
            )
            for i in range(3000)
        )
        session.flush()
        raise RollbackError
    with centre.db.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA cache_size=-2000")
    centre.db.engine.dispose()  # the connection went back to the pool: WAL truncated
    wal = Path(f"{_path(centre)}-wal")
    assert leftovers(wal, [marker, "quixotewright1"]) == []
    assert leftovers(_path(centre), [marker]) == []
    assert centre.households.search(marker) == []


# -- restores re-apply erasures (MEDIUM-8) --------------------------------------------------
def test_a_restore_erases_again_whoever_was_erased_since_the_backup(
    centre: AppContext, tmp_path: Path
) -> None:
    path = _path(centre)
    person = personal_household(centre)
    backup = MaintenanceService(centre.db, centre.audit).backup(tmp_path / "b.sqlite3")
    centre.rights.erase(person.household_id)

    result = MaintenanceService(centre.db, centre.audit).restore(backup)

    assert result.reapplied == (person.household_id,)
    restored = open_app(path)
    try:
        assert restored.households.search("Quéméneur") == []
        with restored.db.read() as session:
            assert session.get(Household, person.household_id) is None
            kinds = session.scalars(select(ErasureRecord.kind)).all()
            assert kinds == ["erased"]
        event = restored.audit.events(action="restore")[0]
        assert event.details == {
            "erasures_reapplied": 1,
            "file": "b.sqlite3",
            "previous_saved_as": result.safety.name,
        }
    finally:
        restored.close()
    assert_gone(path)
    assert not person.letter.path.exists()


def test_the_cli_restore_erases_again_and_says_so(
    centre: AppContext, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _path(centre)
    person = personal_household(centre)
    cli = Cli(path, capsys)
    assert cli("db", "backup", "--out", str(tmp_path / "b.sqlite3"))[0] == 0
    code, out, _err = cli("household", "erase", str(person.household_id), "--yes")
    assert code == 0 and "Backups taken before now still contain this household" in out
    centre.close()

    code, out, err = cli("db", "restore", str(tmp_path / "b.sqlite3"))

    assert code == 0, err
    assert "1 household erased since this backup was taken was erased again." in out
    assert cli("household", "search", "Quéméneur")[1].strip() == "No household found."
    assert not Path(f"{tmp_path / 'b.sqlite3'}-shm").exists()  # LOW-12
    assert not Path(f"{tmp_path / 'b.sqlite3'}-wal").exists()


def test_a_backup_older_than_the_erasure_records_is_erased_again_too(tmp_path: Path) -> None:
    """A backup at schema 0005 has no erasure records: the live database's are used."""
    live, old = tmp_path / "centre.sqlite3", tmp_path / "old-0005.sqlite3"
    shutil.copyfile(FIXTURES / "db_schema_0005.sqlite3", live)
    shutil.copyfile(FIXTURES / "db_schema_0005.sqlite3", old)
    ctx = open_app(live)
    try:
        ctx.rights.erase(1)
        result = MaintenanceService(ctx.db).restore(old)
    finally:
        ctx.close()
    assert 1 in result.reapplied
    restored = open_app(live)
    try:
        with restored.db.read() as session:
            assert session.get(Household, 1) is None
            assert session.get(Household, 2) is not None  # the others are untouched
    finally:
        restored.close()


def test_a_later_household_given_an_erased_id_is_not_erased_by_a_restore(
    centre: AppContext, tmp_path: Path
) -> None:
    """SQLite reuses the largest id once it is deleted: the new person is not the erased
    one (created after the erasure) and survives a restore."""
    last = centre.households.create(HouseholdInput(first_name="Zébulon", last_name="Erased"))
    centre.rights.erase(last)
    again = centre.households.create(HouseholdInput(first_name="Nouvelle", last_name="Personne"))
    assert again == last  # the id was reused
    backup = MaintenanceService(centre.db).backup(tmp_path / "b.sqlite3")

    result = MaintenanceService(centre.db).restore(backup)

    assert result.reapplied == ()
    restored = open_app(_path(centre))
    try:
        assert [h.id for h in restored.households.search("Nouvelle")] == [last]
    finally:
        restored.close()


def test_a_restore_re_anonymises_households_anonymised_since_the_backup(
    centre: AppContext, tmp_path: Path
) -> None:
    person = personal_household(centre)
    backup = MaintenanceService(centre.db).backup(tmp_path / "b.sqlite3")
    centre.retention.today = lambda: date(2027, 6, 1)
    centre.retention.anonymise([person.household_id])

    result = MaintenanceService(centre.db).restore(backup)

    assert result.reapplied == (person.household_id,)
    restored = open_app(_path(centre))
    try:
        with restored.db.read() as session:
            household = session.get(Household, person.household_id)
            assert household is not None and household.anonymised_at is not None
            assert household.last_name is None
    finally:
        restored.close()
    assert_gone(_path(centre))


def test_backups_are_audited_without_personal_data(
    centre: AppContext, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    personal_household(centre)
    MaintenanceService(centre.db, centre.audit).backup(tmp_path / "one.sqlite3")
    Cli(_path(centre), capsys)("db", "backup")
    events = centre.audit.events(action="backup")
    assert [e.details["kind"] for e in events] == ["manual", "manual"]
    assert events[1].details["file"] == "one.sqlite3"
    text = json.dumps([e.details for e in events], ensure_ascii=False)
    assert leftovers_in_text(text) == []


def leftovers_in_text(text: str) -> list[str]:
    return [v for v in personal_values() if v.lower() in text.lower()]


def test_the_automatic_backup_is_audited(centre: AppContext, tmp_path: Path) -> None:
    from siec_desk.services.backups import AutoStatus, BackupPolicy, automatic_backup_if_due

    (tmp_path / "auto").mkdir()
    result = automatic_backup_if_due(_path(centre), BackupPolicy(tmp_path / "auto"))
    assert result.status is AutoStatus.WRITTEN and result.path is not None
    (event,) = centre.audit.events(action="backup")
    assert event.details == {"file": result.path.name, "kind": "auto"}
    assert event.actor == "desk"


# -- letter files that could not be deleted (MEDIUM-13) -----------------------------------
def test_a_letter_file_that_cannot_be_deleted_is_named_and_deleted_at_the_next_start(
    centre: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    person = personal_household(centre)
    pdf = person.letter.path
    real_unlink = Path.unlink

    def locked(self: Path, missing_ok: bool = False) -> None:
        if self == pdf:
            raise PermissionError(13, "file open in a viewer")
        real_unlink(self, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", locked)
    result = centre.rights.erase(person.household_id)

    assert result.files_left == (pdf,)
    assert pdf.name in erase_done(result) and "could not be deleted" in erase_done(result)
    with centre.db.read() as session:
        assert session.scalars(select(PendingFileDeletion.file_path)).all() == [
            pdf.relative_to(_path(centre).parent / "letters").as_posix()
        ]
    centre.close()
    reopened = open_app(_path(centre))  # still locked: kept in the list
    reopened.close()
    assert pdf.exists()

    monkeypatch.setattr(Path, "unlink", real_unlink)  # the viewer was closed
    reopened = open_app(_path(centre))
    try:
        assert not pdf.exists()
        with reopened.db.read() as session:
            assert session.scalar(select(func.count(PendingFileDeletion.id))) == 0
    finally:
        reopened.close()


# -- crash leftovers (LOW-2) -------------------------------------------------------------
def test_partial_files_left_by_a_crash_are_removed_at_start(centre: AppContext) -> None:
    data = _path(centre).parent
    year_folder = data / "letters" / "2026"
    year_folder.mkdir(parents=True, exist_ok=True)
    (data / "backups").mkdir(exist_ok=True)
    stale = [
        data / "backups" / "centre-pre-restore-20261201-101010-000000.sqlite3.partial",
        data / "backups" / "centre-manual-20261201-101010-000000.sqlite3.partial-journal",
        data / "centre-before-migration-0001-x.sqlite3.partial",
        year_folder / "ECFR-1-fr-20261201T101010000000.pdf.partial",
    ]
    fresh = data / "backups" / "centre-auto-20261207-101010-000000.sqlite3.partial"
    old = time.time() - STALE_PARTIAL_S - 60
    for path in (*stale, fresh):
        path.write_bytes(b"partial copy of personal data")
    for path in stale:
        os.utime(path, (old, old))
    centre.close()

    open_app(_path(centre)).close()

    assert [p for p in stale if p.exists()] == []
    assert fresh.exists()  # maybe another program's backup in progress


# -- backups onto the database (LOW-9) ------------------------------------------------------
@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", "-journal"])
def test_a_backup_onto_the_database_or_its_working_files_is_refused(
    centre: AppContext, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    personal_household(centre)
    path = _path(centre)
    centre.close()
    cli = Cli(path, capsys)

    code, out, err = cli("db", "backup", "--out", f"{path}{suffix}")

    assert code != 0 and out == ""
    assert len(err.strip().splitlines()) == 1 and "choose another file" in err
    with pytest.raises(DatabaseError):
        ctx = open_app(path)
        try:
            MaintenanceService(ctx.db).backup(Path(f"{path}{suffix}"))
        finally:
            ctx.close()
    ctx = open_app(path)
    try:
        assert ctx.households.search("Quéméneur") != []  # the database is intact
    finally:
        ctx.close()


# -- one restore at a time (LOW-13) -------------------------------------------------------
def test_a_second_restore_while_one_runs_is_refused_clearly(
    centre: AppContext, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _path(centre)
    backup = MaintenanceService(centre.db).backup(tmp_path / "b.sqlite3")
    centre.close()
    cli = Cli(path, capsys)
    with restore_lock(path):  # a first restore is under way
        code, out, err = cli("db", "restore", str(backup))
        assert code != 0 and "Another restore of this database is under way" in err
        assert "Restored" not in out
        with pytest.raises(RestoreInProgressError):
            ctx = open_app(path)
            MaintenanceService(ctx.db).restore(backup)
    code, out, err = cli("db", "restore", str(backup))  # once it is over, it works
    assert code == 0, err


def test_the_erasure_time_is_recorded_without_personal_data(centre: AppContext) -> None:
    person = personal_household(centre)
    centre.rights.erase(person.household_id)
    with centre.db.read() as session:
        (record,) = session.scalars(select(ErasureRecord)).all()
    assert (record.household_id, record.kind, record.actor) == (
        person.household_id,
        "erased",
        "command line",
    )
    assert isinstance(record.occurred_at, datetime)
