"""Backups of a SQLite file: listing, the automatic daily backup, rotation, quick check.

Every backup is one file named ``<db stem>-<label>-<YYYYmmdd-HHMMSS-ffffff>.sqlite3``
(:func:`siec_desk.storage.backup.backup_name`): the date and the kind come from the name,
so the folder itself is the catalogue and nothing has to be kept in sync with it.

Rotation applies to automatic backups only. It keeps the newest automatic backup of each
of the last *daily* days that have one, and the newest of each of the last *monthly*
calendar months that have one (the rule of ``borg prune --keep-daily/--keep-monthly``:
periods without a backup do not count, so a month away from the office never empties
the folder), plus always the backup just written. Manual backups, the safety copies
taken before a restore and the copies taken before a migration are never deleted
automatically: each marks a moment someone chose or a risky step, they are rare (one per
click, restore or upgrade), and the manager deletes them from the folder when sure.

Paths in, plain dataclasses out; no Qt, and no database session (backups use their own
SQLite connections, so the GUI can run them off its database thread).
"""

from __future__ import annotations

import glob
import logging
import re
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from pathlib import Path

from siec_desk.core.errors import DatabaseError
from siec_desk.core.i18n import _
from siec_desk.core.settings import Preferences, chosen_backup_folder, load_preferences
from siec_desk.services.audit import DESK
from siec_desk.storage.backup import (
    backup_database,
    check_backup_file,
    default_backup_dir,
    is_sqlite_file,
    record_backup_event,
)

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
AUTOMATIC_LABEL = "auto"
_NAME = re.compile(
    r"^(?P<stem>.+)-(?P<label>auto|manual|pre-restore|before-migration-(?P<rev>[0-9A-Za-z_]+))"
    r"-(?P<stamp>\d{8}-\d{6}-\d{6})\.sqlite3$"
)
#: Leftovers of an interrupted backup older than this are removed by the rotation.
STALE_PARTIAL = timedelta(days=1)
#: How many problems a check reports (SQLite may list thousands for one bad page).
MAX_PROBLEMS = 5


class BackupKind(StrEnum):
    AUTOMATIC = "auto"
    MANUAL = "manual"
    BEFORE_MIGRATION = "before-migration"
    PRE_RESTORE = "pre-restore"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    kind: BackupKind
    taken_at: datetime  # local wall-clock time, from the file name
    size: int  # bytes
    revision: str | None = None  # the schema a before-migration copy was taken from


@dataclass(frozen=True)
class BackupPolicy:
    """Where backups go and how many automatic ones are kept (per-PC preferences)."""

    folder: Path | None = None  # None: ``backups`` beside the database
    daily: int = 7
    monthly: int = 12

    @classmethod
    def from_preferences(cls, preferences: Preferences) -> BackupPolicy:
        return cls(
            chosen_backup_folder(preferences),
            preferences.daily_backups,
            preferences.monthly_backups,
        )


def backup_policy() -> BackupPolicy:
    """This PC's policy, from the preferences file."""
    return BackupPolicy.from_preferences(load_preferences())


class BackupFolderUnreachableError(DatabaseError):
    """The chosen backup folder is not there (USB stick unplugged, share offline)."""


class AutoStatus(StrEnum):
    WRITTEN = "written"
    NOT_DUE = "not_due"  # an automatic backup was already made today
    NOT_SQLITE = "not_sqlite"  # a server database: its own tools back it up
    FAILED = "failed"


@dataclass(frozen=True)
class AutoBackupResult:
    status: AutoStatus
    path: Path | None = None
    deleted: tuple[Path, ...] = ()
    message: str = ""  # translated, for FAILED


@dataclass(frozen=True)
class StartupReport:
    """What the GUI learns after start-up: the quick check, then the automatic backup."""

    problems: list[str] = field(default_factory=list)  # empty: the quick check passed
    backup: AutoBackupResult | None = None  # None when the check failed (no backup taken)
    latest_good: BackupInfo | None = None  # offered for restore when the check failed


def backup_folder(db_path: Path, policy: BackupPolicy) -> Path:
    return policy.folder or default_backup_dir(db_path)


def default_folder(db_path: Path) -> Path:
    """Where backups go when no folder is chosen: ``backups`` beside the database."""
    return default_backup_dir(db_path)


def unreachable_message(folder: Path) -> str:
    return _(
        "The backup folder {folder} cannot be reached. Is the USB stick or network drive connected?"
    ).format(folder=folder)


def parse_backup(path: Path, stem: str) -> tuple[BackupKind, datetime, str | None] | None:
    """(kind, date, revision) of a backup of the database named *stem*, else None."""
    match = _NAME.match(path.name)
    if match is None or match["stem"] != stem:
        return None
    try:
        taken_at = datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S-%f")
    except ValueError:
        return None
    label = match["label"]
    kind = BackupKind.BEFORE_MIGRATION if match["rev"] else BackupKind(label)
    return kind, taken_at, match["rev"]


def list_backups(db_path: Path, policy: BackupPolicy) -> list[BackupInfo]:
    """Backups of *db_path* in the policy's folder, newest first.

    Raises :class:`BackupFolderUnreachableError` when a chosen folder is missing; the default
    folder simply has no backups until the first one is written.
    """
    folder = backup_folder(db_path, policy)
    if not folder.is_dir():
        if policy.folder is not None:
            raise BackupFolderUnreachableError(unreachable_message(folder))
        return []
    found = []
    try:
        for path in folder.glob("*.sqlite3"):
            parsed = parse_backup(path, db_path.stem)
            if parsed is None:
                continue
            kind, taken_at, revision = parsed
            try:
                size = path.stat().st_size
            except OSError:  # deleted meanwhile
                continue
            found.append(BackupInfo(path, kind, taken_at, size, revision))
    except OSError as exc:
        raise BackupFolderUnreachableError(unreachable_message(folder)) from exc
    return sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True)


def _newest_per_period(
    backups: list[BackupInfo], count: int, period: Callable[[date], object]
) -> set[Path]:
    """The newest backup of each of the *count* most recent periods that have one."""
    kept: set[Path] = set()
    seen: set[object] = set()
    for backup in backups:  # newest first
        key = period(backup.taken_at.date())
        if key in seen:
            continue
        if len(seen) == count:
            break
        seen.add(key)
        kept.add(backup.path)
    return kept


def to_delete(
    backups: Iterable[BackupInfo], daily: int, monthly: int, keep: Path | None = None
) -> list[BackupInfo]:
    """The automatic backups the rotation removes (see the module's docstring)."""
    automatic = sorted(
        (b for b in backups if b.kind is BackupKind.AUTOMATIC),
        key=lambda b: (b.taken_at, b.path.name),
        reverse=True,
    )
    kept = _newest_per_period(automatic, max(daily, 1), lambda d: d)
    kept |= _newest_per_period(automatic, max(monthly, 0), lambda d: (d.year, d.month))
    if keep is not None:
        kept.add(keep)
    return [b for b in automatic if b.path not in kept]


def rotate(
    db_path: Path, policy: BackupPolicy, keep: Path | None = None, now: datetime | None = None
) -> list[Path]:
    """Delete the automatic backups the policy no longer keeps; return what was deleted."""
    deleted = []
    for backup in to_delete(list_backups(db_path, policy), policy.daily, policy.monthly, keep):
        try:
            backup.path.unlink()
        except OSError as exc:  # read-only stick, file in use: try again next time
            log.warning("could not delete old backup %s: %s", backup.path, exc)
        else:
            deleted.append(backup.path)
    _remove_stale_partials(backup_folder(db_path, policy), db_path.stem, now or datetime.now())
    return deleted


def _remove_stale_partials(folder: Path, stem: str, now: datetime) -> None:
    """A backup interrupted by a crash leaves ``*.partial``; a day later it is garbage."""
    for partial in folder.glob(f"{glob.escape(stem)}-*.sqlite3.partial"):
        try:
            if now - datetime.fromtimestamp(partial.stat().st_mtime) > STALE_PARTIAL:
                partial.unlink()
        except OSError:
            continue


def automatic_backup_due(db_path: Path, policy: BackupPolicy, today: date) -> bool:
    return not any(
        b.kind is BackupKind.AUTOMATIC and b.taken_at.date() == today
        for b in list_backups(db_path, policy)
    )


def automatic_backup_if_due(
    db_path: Path | None, policy: BackupPolicy, clock: Clock = datetime.now
) -> AutoBackupResult:
    """At most one automatic backup per calendar day, then the rotation.

    Never raises for a missing folder or a failed write: start-up goes on and the
    result carries the message to show.
    """
    if db_path is None:
        return AutoBackupResult(AutoStatus.NOT_SQLITE)
    now = clock()
    folder = backup_folder(db_path, policy)
    try:
        if not automatic_backup_due(db_path, policy, now.date()):
            return AutoBackupResult(AutoStatus.NOT_DUE)
        written = backup_database(db_path, folder, AUTOMATIC_LABEL, when=now)
        record_backup_event(db_path, DESK, {"file": written.name, "kind": AUTOMATIC_LABEL})
        deleted = rotate(db_path, policy, keep=written, now=now)
    except BackupFolderUnreachableError as exc:
        return AutoBackupResult(
            AutoStatus.FAILED,
            message=_("{reason} No automatic backup was made today.").format(reason=exc),
        )
    except (DatabaseError, OSError) as exc:
        log.warning("automatic backup failed: %s", exc)
        return AutoBackupResult(AutoStatus.FAILED, message=str(exc))
    log.info("automatic backup %s; rotation removed %d", written, len(deleted))
    return AutoBackupResult(AutoStatus.WRITTEN, written, tuple(deleted))


def quick_check(db_path: Path) -> list[str]:
    """``PRAGMA quick_check`` on its own connection: [] when sound, else the problems.

    Checks page structure and records but not index contents (integrity_check does,
    ~5× slower): ~0.45 s on a 260 MB database of 100k households.
    """
    if not is_sqlite_file(db_path):
        return [_("The file is not a SQLite database or its header is damaged.")]
    try:
        connection = sqlite3.connect(db_path, timeout=30)
        try:
            rows = [str(row[0]) for row in connection.execute("PRAGMA quick_check")]
        finally:
            connection.close()
    except sqlite3.OperationalError as exc:  # locked, unreadable: not evidence of damage
        raise DatabaseError(
            _("The database could not be checked: {reason}").format(reason=exc)
        ) from exc
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    return [] if rows == ["ok"] else rows[:MAX_PROBLEMS]


def latest_good_backup(db_path: Path, policy: BackupPolicy) -> BackupInfo | None:
    """The newest backup that passes the full integrity check (newest first)."""
    try:
        backups = list_backups(db_path, policy)
    except BackupFolderUnreachableError:
        backups = []
    if backup_folder(db_path, policy) != default_backup_dir(db_path):
        # safety copies fall back to the default folder when the chosen one is away
        default = BackupPolicy(None, policy.daily, policy.monthly)
        backups = sorted(
            [*backups, *list_backups(db_path, default)],
            key=lambda b: (b.taken_at, b.path.name),
            reverse=True,
        )
    for backup in backups:
        try:
            check_backup_file(backup.path)
        except DatabaseError as exc:
            log.warning("backup %s not usable: %s", backup.path, exc)
            continue
        return backup
    return None


def startup_checks(
    db_path: Path | None, policy: BackupPolicy, clock: Clock = datetime.now
) -> StartupReport:
    """Quick check first: a damaged file is not backed up (rotation could otherwise
    replace a good automatic backup with a bad one); the latest good one is found."""
    if db_path is None:
        return StartupReport(backup=AutoBackupResult(AutoStatus.NOT_SQLITE))
    problems = quick_check(db_path)
    if problems:
        return StartupReport(problems, None, latest_good_backup(db_path, policy))
    return StartupReport(backup=automatic_backup_if_due(db_path, policy, clock))


def kind_label(kind: BackupKind) -> str:
    return {
        BackupKind.AUTOMATIC: _("Automatic (daily)"),
        BackupKind.MANUAL: _("Manual"),
        BackupKind.BEFORE_MIGRATION: _("Before an upgrade"),
        BackupKind.PRE_RESTORE: _("Before a restore"),
    }[kind]
