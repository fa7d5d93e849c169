"""Automatic backups, rotation, unreachable folders, the quick check, CLI round trips."""

from __future__ import annotations

import json
import sqlite3
from calendar import monthrange
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from testkit.cli import Cli

from siec_desk.core.settings import Preferences, load_preferences, save_preferences
from siec_desk.services.app import AppContext, open_app
from siec_desk.services.backups import (
    AutoStatus,
    BackupFolderUnreachableError,
    BackupKind,
    BackupPolicy,
    automatic_backup_if_due,
    latest_good_backup,
    list_backups,
    quick_check,
    startup_checks,
    to_delete,
)
from siec_desk.services.demo import DemoOptions, generate_demo
from siec_desk.services.maintenance import MaintenanceService
from siec_desk.storage.backup import (
    backup_database,
    backup_name,
    default_backup_dir,
    restore_database,
    safety_backup,
)

NOON = datetime(2025, 3, 14, 12, 0)


class Clock:
    """A settable clock: tests move it instead of sleeping."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def _names(path: Path) -> list[str | None]:
    con = sqlite3.connect(path)
    try:
        return [r[0] for r in con.execute("SELECT last_name FROM households ORDER BY id")]
    finally:
        con.close()


def _fake(folder: Path, db: Path, label: str, when: datetime) -> Path:
    """A file named like a backup (rotation only reads names and sizes)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / backup_name(db, label, when)
    path.write_bytes(b"x" * 10)
    return path


def _damage(path: Path) -> None:
    """Overwrite bytes in the middle of the file, as a failing disk would."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    size = path.stat().st_size
    with path.open("r+b") as fh:
        fh.seek(size // 2)
        fh.write(b"\xde\xad\xbe\xef" * 1024)


@pytest.fixture
def filled(ctx: AppContext) -> AppContext:
    generate_demo(ctx, DemoOptions(households=60, seed=3))
    return ctx


# -- listing ---------------------------------------------------------------------------
def test_list_reads_kind_date_and_size_newest_first(db_path: Path, tmp_path: Path) -> None:
    folder = default_backup_dir(db_path)
    _fake(folder, db_path, "auto", NOON)
    _fake(folder, db_path, "manual", NOON + timedelta(hours=1))
    _fake(folder, db_path, "before-migration-0004", NOON - timedelta(days=3))
    _fake(folder, db_path, "pre-restore", NOON - timedelta(days=1))
    _fake(folder, tmp_path / "other-centre.sqlite3", "auto", NOON)  # another database
    (folder / "notes.txt").write_text("not a backup")
    backups = list_backups(db_path, BackupPolicy())
    assert [(b.kind, b.taken_at) for b in backups] == [
        (BackupKind.MANUAL, NOON + timedelta(hours=1)),
        (BackupKind.AUTOMATIC, NOON),
        (BackupKind.PRE_RESTORE, NOON - timedelta(days=1)),
        (BackupKind.BEFORE_MIGRATION, NOON - timedelta(days=3)),
    ]
    assert backups[-1].revision == "0004"
    assert {b.size for b in backups} == {10}


def test_no_default_folder_yet_means_no_backups(db_path: Path) -> None:
    assert list_backups(db_path, BackupPolicy()) == []


# -- rotation --------------------------------------------------------------------------
def test_rotation_keeps_7_days_and_the_newest_of_12_months(db_path: Path) -> None:
    folder = default_backup_dir(db_path)
    today = datetime(2025, 3, 14, 9, 30)
    for days in range(400):  # one automatic backup a day for 400 days
        _fake(folder, db_path, "auto", today - timedelta(days=days))
    _fake(folder, db_path, "auto", today - timedelta(hours=2))  # a second one today
    doomed = to_delete(list_backups(db_path, BackupPolicy()), daily=7, monthly=12)
    kept = {b.taken_at for b in list_backups(db_path, BackupPolicy())} - {
        b.taken_at for b in doomed
    }
    days = {today - timedelta(days=d) for d in range(7)}  # 8 .. 14 March
    months = [(2024, m) for m in range(4, 13)] + [(2025, 1), (2025, 2)]  # 11 earlier months
    month_ends = {datetime(y, m, monthrange(y, m)[1], 9, 30) for y, m in months}
    assert kept == days | month_ends  # March's newest is today's, already kept


def test_rotation_never_deletes_manual_or_safety_copies(db_path: Path) -> None:
    folder = default_backup_dir(db_path)
    old = datetime(2020, 1, 1)
    keep = [
        _fake(folder, db_path, "manual", old),
        _fake(folder, db_path, "pre-restore", old + timedelta(days=1)),
        _fake(folder, db_path, "before-migration-0003", old + timedelta(days=2)),
    ]
    for days in range(30):
        _fake(folder, db_path, "auto", NOON - timedelta(days=days))
    doomed = to_delete(list_backups(db_path, BackupPolicy()), daily=1, monthly=0)
    assert len(doomed) == 29
    assert not {b.path for b in doomed} & set(keep)


def test_a_long_absence_does_not_empty_the_folder(db_path: Path) -> None:
    """Periods without a backup do not count: a year away keeps the old months."""
    folder = default_backup_dir(db_path)
    for month in range(1, 13):
        _fake(folder, db_path, "auto", datetime(2023, month, 10))
    doomed = to_delete(list_backups(db_path, BackupPolicy()), daily=7, monthly=12)
    assert doomed == []


def test_rotation_keeps_the_backup_just_written_even_with_a_clock_gone_back(
    filled: AppContext, db_path: Path
) -> None:
    folder = default_backup_dir(db_path)
    future = [_fake(folder, db_path, "auto", NOON + timedelta(days=d)) for d in (1, 2, 3)]
    result = automatic_backup_if_due(db_path, BackupPolicy(daily=1, monthly=0), Clock(NOON))
    assert result.status is AutoStatus.WRITTEN and result.path is not None
    assert result.path.exists()
    assert set(result.deleted) == set(future[:2])  # the newest "future" day is kept too


# -- once a day ------------------------------------------------------------------------
def test_automatic_backup_at_most_once_a_calendar_day(filled: AppContext, db_path: Path) -> None:
    clock = Clock(datetime(2025, 3, 14, 8, 0))
    policy = BackupPolicy()
    first = automatic_backup_if_due(db_path, policy, clock)
    assert first.status is AutoStatus.WRITTEN
    assert first.path is not None and "-auto-20250314-080000-" in first.path.name
    assert _names(first.path) == _names(db_path)  # a real, complete copy

    clock.now = datetime(2025, 3, 14, 23, 59)
    assert automatic_backup_if_due(db_path, policy, clock).status is AutoStatus.NOT_DUE
    clock.now = datetime(2025, 3, 15, 0, 1)
    assert automatic_backup_if_due(db_path, policy, clock).status is AutoStatus.WRITTEN
    kinds = [b.kind for b in list_backups(db_path, policy)]
    assert kinds == [BackupKind.AUTOMATIC, BackupKind.AUTOMATIC]


def test_manual_backups_do_not_count_as_the_daily_one(filled: AppContext, db_path: Path) -> None:
    MaintenanceService(filled.db).backup()
    result = automatic_backup_if_due(db_path, BackupPolicy(), datetime.now)
    assert result.status is AutoStatus.WRITTEN


def test_a_server_database_is_not_backed_up_here() -> None:
    assert automatic_backup_if_due(None, BackupPolicy()).status is AutoStatus.NOT_SQLITE


# -- unreachable folder ----------------------------------------------------------------
def test_an_unplugged_usb_stick_gives_a_message_not_a_crash(
    filled: AppContext, db_path: Path, tmp_path: Path
) -> None:
    stick = tmp_path / "media" / "STICK" / "backups"
    policy = BackupPolicy(folder=stick)
    result = automatic_backup_if_due(db_path, policy, Clock(NOON))
    assert result.status is AutoStatus.FAILED
    assert str(stick) in result.message and "USB stick" in result.message
    assert not stick.exists() and not stick.parent.exists()  # never created on the disk
    with pytest.raises(BackupFolderUnreachableError):
        list_backups(db_path, policy)
    # Once the stick is back, the day's backup is made there.
    stick.mkdir(parents=True)
    assert automatic_backup_if_due(db_path, policy, Clock(NOON)).status is AutoStatus.WRITTEN
    assert len(list(stick.glob("*-auto-*.sqlite3"))) == 1


def test_a_manual_backup_to_a_missing_chosen_folder_is_refused(
    db_path: Path, tmp_path: Path
) -> None:
    stick = tmp_path / "STICK"
    ctx = open_app(db_path, backup_dir=stick)
    try:
        with pytest.raises(BackupFolderUnreachableError, match="cannot be reached"):
            MaintenanceService(ctx.db).backup()
    finally:
        ctx.close()
    assert not stick.exists()


def test_safety_copies_fall_back_to_the_default_folder(
    filled: AppContext, db_path: Path, tmp_path: Path
) -> None:
    copy = safety_backup(db_path, tmp_path / "unplugged", "before-migration-0004")
    assert copy.parent == default_backup_dir(db_path)
    assert _names(copy) == _names(db_path)


# -- quick check and damaged files -----------------------------------------------------
def test_quick_check_reports_a_damaged_copy(filled: AppContext, db_path: Path) -> None:
    assert quick_check(db_path) == []
    damaged = MaintenanceService(filled.db).backup(db_path.parent / "copy.sqlite3")
    _damage(damaged)
    problems = quick_check(damaged)
    assert problems and problems != ["ok"]


def test_a_damaged_file_is_not_backed_up_and_the_latest_good_backup_is_offered(
    filled: AppContext, db_path: Path
) -> None:
    policy = BackupPolicy()
    good = backup_database(db_path, None, "auto", when=NOON - timedelta(days=2))
    newer = backup_database(db_path, None, "manual", when=NOON - timedelta(days=1))
    _damage(newer)  # the newest backup is damaged too: skipped
    filled.db.engine.dispose()
    _damage(db_path)
    report = startup_checks(db_path, policy, Clock(NOON))
    assert report.problems
    assert report.backup is None  # no automatic backup of a damaged file
    assert report.latest_good is not None and report.latest_good.path == good
    assert latest_good_backup(db_path, policy) == report.latest_good
    assert len(list_backups(db_path, policy)) == 2


def test_a_healthy_start_checks_then_backs_up(filled: AppContext, db_path: Path) -> None:
    report = startup_checks(db_path, BackupPolicy(), Clock(NOON))
    assert report.problems == []
    assert report.backup is not None and report.backup.status is AutoStatus.WRITTEN


def test_restore_over_a_file_with_a_damaged_header_keeps_its_raw_bytes(
    filled: AppContext, db_path: Path
) -> None:
    good = MaintenanceService(filled.db).backup()
    filled.db.engine.dispose()
    con = sqlite3.connect(db_path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    with db_path.open("r+b") as fh:
        fh.write(b"\0" * 4096)  # the header and the schema page
    damaged_bytes = db_path.read_bytes()
    safety = restore_database(good, db_path)
    assert safety.read_bytes() == damaged_bytes  # nothing is lost, even the damaged file
    assert quick_check(db_path) == []
    assert _names(db_path) == _names(good)


def test_check_reports_damage_instead_of_failing(filled: AppContext, db_path: Path) -> None:
    filled.db.engine.dispose()
    _damage(db_path)
    report = MaintenanceService(filled.db).check()
    assert not report.ok
    assert report.describe()


# -- preferences -----------------------------------------------------------------------
def test_old_preference_files_load_with_backup_defaults(isolated_home: Path) -> None:
    config = isolated_home / "config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "preferences.json").write_text(json.dumps({"language": "fr", "version": 1}))
    assert load_preferences() == Preferences(language="fr")
    (config / "preferences.json").write_text(
        json.dumps({"language": "ar", "daily_backups": 0, "monthly_backups": "12"})
    )
    loaded = load_preferences()
    assert (loaded.daily_backups, loaded.monthly_backups) == (7, 12)  # out of range: default
    save_preferences(Preferences("fr", "/media/stick", 3, 24))
    assert load_preferences() == Preferences("fr", "/media/stick", 3, 24)
    assert BackupPolicy.from_preferences(load_preferences()) == BackupPolicy(
        Path("/media/stick"), 3, 24
    )


# -- command line ----------------------------------------------------------------------
@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(tmp_path / "cli.sqlite3", capsys)


def test_cli_backup_list_restore_round_trip(cli: Cli) -> None:
    cli.json("household", "add", "--last-name", "Avant")
    written = cli.json("db", "backup")
    assert isinstance(written, dict)
    listed = cli.json("db", "backup", "--list")
    assert isinstance(listed, list)
    assert [(b["path"], b["kind"]) for b in listed] == [(written["path"], "manual")]
    cli.json("household", "add", "--last-name", "Après")

    code, out, err = cli("db", "restore", written["path"])
    assert code == 0, err
    assert [h["last_name"] for h in cli.json("household", "list")] == ["Avant"]
    listed = cli.json("db", "backup", "--list")
    assert isinstance(listed, list)
    safety = next(b for b in listed if b["kind"] == "pre-restore")
    assert safety["path"] in out
    assert _names(Path(safety["path"])) == ["Avant", "Après"]
    code, out, _err = cli("db", "backup", "--list")
    assert code == 0 and "Before a restore" in out and "Manual" in out


def test_cli_uses_the_folder_chosen_on_this_pc(cli: Cli, tmp_path: Path) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    save_preferences(Preferences(backup_folder=str(stick)))
    written = cli.json("db", "backup")
    assert isinstance(written, dict) and Path(written["path"]).parent == stick
    for child in stick.iterdir():
        child.unlink()
    stick.rmdir()
    code, _out, err = cli("db", "backup")
    assert code == 1 and "cannot be reached" in err and err.count("\n") == 1


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "does not exist"),
        (b"\xff\xd8\xff\xe0 a photo", "not a SIEC Desk database backup"),
    ],
)
def test_cli_restore_refusals_say_nothing_was_restored(
    cli: Cli, tmp_path: Path, content: bytes | None, expected: str
) -> None:
    cli.json("household", "add", "--last-name", "Kept")
    offered = tmp_path / "offered.sqlite3"
    if content is not None:
        offered.write_bytes(content)
    code, _out, err = cli("db", "restore", str(offered))
    assert code == 1 and err.count("\n") == 1
    assert expected in err and "Nothing was restored." in err
    assert [h["last_name"] for h in cli.json("household", "list")] == ["Kept"]


def test_cli_check_names_the_latest_good_backup(cli: Cli) -> None:
    cli.json("demo", "--households", "60", "--seed", "2")
    written = cli.json("db", "backup")
    assert isinstance(written, dict)
    _damage(cli.db)
    code, _out, err = cli("db", "check")
    assert code == 1 and err.count("\n") == 1
    assert written["path"] in err and "db restore" in err
    code, _out, err = cli("db", "restore", written["path"])
    assert code == 0, err
    assert cli.json("db", "check")["ok"] is True
