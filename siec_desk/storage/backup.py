"""Backups and restores of SQLite files through the SQLite backup API.

Never a file copy: in WAL mode recent commits live in the ``-wal`` file and a copy of
the main file alone loses them. A backup is written to ``*.partial`` and renamed once
complete, so a crash never leaves a truncated file that looks like a backup.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import sqlite3
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from siec_desk.core.errors import DatabaseError, NewerSchemaError
from siec_desk.core.files import (
    PRIVATE_FILE,
    make_private,
    os_reason,
    private_folder,
    sqlite_reason,
)
from siec_desk.core.i18n import _
from siec_desk.storage.schema import KNOWN_REVISIONS

log = logging.getLogger(__name__)
SQLITE_HEADER = b"SQLite format 3\x00"
#: Files SQLite keeps beside a database: a backup may never be written onto one of them.
SIDE_SUFFIXES = ("-wal", "-shm", "-journal")


def default_backup_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def is_sqlite_file(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(16) == SQLITE_HEADER
    except OSError:
        return False


def failure_reason(exc: BaseException) -> str:
    """Why a copy failed, translated where the cause is common (disk full, read-only)."""
    return os_reason(exc) if isinstance(exc, OSError) else sqlite_reason(exc)


def copy_database(source: Path, destination: Path) -> None:
    """Copy a live SQLite database consistently (readers and writers may be active)."""
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        # Created empty and private first: SQLite keeps a file's mode (and gives it to
        # the journal), so the copy is never readable by others, even while written.
        os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))
        src = sqlite3.connect(source, timeout=30)
        try:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
    except BaseException:
        remove_partial(partial)
        raise
    os.replace(partial, destination)


def remove_partial(partial: Path) -> None:
    """Remove an unfinished copy and the journal SQLite may have left beside it."""
    for path in (partial, *(partial.with_name(partial.name + s) for s in SIDE_SUFFIXES)):
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)


def database_files(db_path: Path) -> set[Path]:
    """The database file and the files SQLite keeps beside it, resolved."""
    resolved = db_path.resolve()
    return {resolved, *(resolved.with_name(resolved.name + s) for s in SIDE_SUFFIXES)}


def _read_only_uri(path: Path) -> str:
    """Open a backup without writing beside it: ``immutable`` creates no ``-shm``/``-wal``
    (a backup is never written to), unless a ``-wal`` is there to be read (a raw copy)."""
    if path.with_name(path.name + "-wal").exists():
        return f"file:{path}?mode=ro"
    return f"file:{path}?mode=ro&immutable=1"


def backup_name(db_path: Path, label: str, when: datetime) -> str:
    """``<stem>-<label>-<YYYYmmdd-HHMMSS-ffffff>.sqlite3``: kind and local time in the name."""
    return f"{db_path.stem}-{label}-{when.strftime('%Y%m%d-%H%M%S-%f')}.sqlite3"


def backup_database(
    db_path: Path,
    backup_dir: Path | None = None,
    label: str = "manual",
    when: datetime | None = None,
) -> Path:
    """Write a dated backup of *db_path* and return its path."""
    folder = backup_dir or default_backup_dir(db_path)
    try:
        private_folder(folder)
        destination = folder / backup_name(db_path, label, when or datetime.now())
        copy_database(db_path, destination)
    except (OSError, sqlite3.Error) as exc:
        raise DatabaseError(
            _("The backup could not be written to {folder}: {reason}").format(
                folder=folder, reason=failure_reason(exc)
            )
        ) from exc
    return destination


def safety_backup(db_path: Path, backup_dir: Path | None, label: str) -> Path:
    """A backup that must exist before a migration or a restore goes ahead.

    When the chosen folder cannot be written (USB stick unplugged, read-only share) the
    copy goes to the default folder beside the database rather than blocking the work.
    When the file is too damaged for the backup API, its raw bytes (and ``-wal``) are
    kept instead, so a restore never destroys the only copy of a damaged database.
    """
    default = default_backup_dir(db_path)
    if backup_dir is not None and backup_dir != default:
        if backup_dir.is_dir():  # never created: an unplugged stick's path is not a folder
            try:
                return _safety_backup_in(db_path, backup_dir, label)
            except DatabaseError as exc:
                log.warning("backup folder %s unusable (%s); using %s", backup_dir, exc, default)
        else:
            log.warning("backup folder %s not found; using %s", backup_dir, default)
    return _safety_backup_in(db_path, default, label)


def _safety_backup_in(db_path: Path, folder: Path | None, label: str) -> Path:
    try:
        return backup_database(db_path, folder, label)
    except DatabaseError as exc:
        if not _is_damage(exc.__cause__):
            raise
        return _raw_copy(db_path, folder or default_backup_dir(db_path), label)


def _is_damage(exc: BaseException | None) -> bool:
    """SQLite could not read the file ("malformed", "not a database"), as opposed to a
    lock, a full disk or a missing folder (OperationalError, OSError)."""
    return isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError)


def _raw_copy(db_path: Path, folder: Path, label: str) -> Path:
    destination = folder / backup_name(db_path, label, datetime.now())
    try:
        private_folder(folder)
        wal = db_path.with_name(db_path.name + "-wal")
        if wal.exists():
            wal_copy = destination.with_name(destination.name + "-wal")
            shutil.copyfile(wal, wal_copy)
            make_private(wal_copy)
        shutil.copyfile(db_path, destination)
        make_private(destination)
    except OSError as exc:
        raise DatabaseError(
            _("The backup could not be written to {folder}: {reason}").format(
                folder=folder, reason=os_reason(exc)
            )
        ) from exc
    log.warning("%s could not be read by SQLite; kept its raw bytes in %s", db_path, destination)
    return destination


class BackupFileError(DatabaseError):
    """The file offered for a restore is missing, not a backup, or damaged."""


def check_backup_file(path: Path) -> str | None:
    """Validate a file offered for restore; return its schema revision (None if unknown)."""
    if not path.is_file():
        raise BackupFileError(_("The file {path} does not exist.").format(path=path))
    if not is_sqlite_file(path):
        raise BackupFileError(_("{path} is not a SIEC Desk database backup.").format(path=path))
    try:
        con = sqlite3.connect(_read_only_uri(path), uri=True)
        try:
            status = con.execute("PRAGMA integrity_check").fetchone()[0]
            has_version = con.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
            ).fetchone()
            revision = (
                con.execute("SELECT version_num FROM alembic_version").fetchone()
                if has_version
                else None
            )
        finally:
            con.close()
    except sqlite3.Error as exc:
        if _is_damage(exc):  # e.g. a truncated file
            raise BackupFileError(
                _("{path} is damaged and cannot be restored.").format(path=path)
            ) from exc
        raise BackupFileError(
            _("{path} is damaged and cannot be restored ({reason}).").format(
                path=path, reason=failure_reason(exc)
            )
        ) from exc
    if status != "ok":
        raise BackupFileError(_("{path} is damaged and cannot be restored.").format(path=path))
    if revision is None:
        raise BackupFileError(_("{path} is not a SIEC Desk database backup.").format(path=path))
    return str(revision[0])


def restore_database(backup: Path, db_path: Path, backup_dir: Path | None = None) -> Path:
    """Replace *db_path*'s content with *backup*, after backing up the current file.

    Returns the safety backup of what was there before. Close every engine on
    *db_path* first.
    """
    revision = check_backup_file(backup)
    if revision not in KNOWN_REVISIONS:
        raise NewerSchemaError(
            _("{path} was written by a newer version of SIEC Desk (schema {rev}).").format(
                path=backup, rev=revision
            )
        )
    try:
        safety = safety_backup(db_path, backup_dir, label="pre-restore")
    except DatabaseError as exc:
        raise DatabaseError(
            _(
                "Nothing was restored: the current database could not be backed up first "
                "({reason})."
            ).format(reason=exc)
        ) from exc
    try:
        try:
            _copy_into(backup, db_path)
        except sqlite3.DatabaseError as exc:
            if not _is_damage(exc):
                raise
            _replace_damaged(backup, db_path)
    except (OSError, sqlite3.Error) as exc:
        raise DatabaseError(
            _("The restore failed ({reason}); your previous data is in {safety}.").format(
                reason=failure_reason(exc), safety=safety
            )
        ) from exc
    return safety


def _copy_into(backup: Path, db_path: Path) -> None:
    """Overwrite the live file's pages (the way SQLite supports, even with readers)."""
    copy_into = sqlite3.connect(db_path, timeout=30)
    try:
        src = sqlite3.connect(_read_only_uri(backup), uri=True)
        try:
            src.backup(copy_into)
        finally:
            src.close()
    finally:
        copy_into.close()


def _replace_damaged(backup: Path, db_path: Path) -> None:
    """The current file is unreadable (e.g. its header is damaged): swap in a new file."""
    log.warning("%s is unreadable; replacing the file with %s", db_path, backup)
    staged = db_path.with_name(db_path.name + ".restoring")
    copy_database(backup, staged)
    for suffix in ("-wal", "-shm"):
        db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
    os.replace(staged, db_path)


class RestoreInProgressError(DatabaseError):
    """Another restore of the same database is under way (LOW-13)."""


@contextlib.contextmanager
def restore_lock(db_path: Path) -> Iterator[None]:
    """Hold ``<database>.restore-lock`` for the whole restore; a second restore of the same
    database is refused at once. The lock is the OS's (released if the process dies), so a
    crash never leaves a stale lock; the empty file itself stays."""
    lock_path = db_path.with_name(db_path.name + ".restore-lock")
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE)
    try:
        try:
            _lock(fd)
        except OSError as exc:
            raise RestoreInProgressError(
                _(
                    "Another restore of this database is under way: nothing was restored. "
                    "Wait for it to finish, then try again if needed."
                )
            ) from exc
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)


def _lock(fd: int) -> None:
    if sys.platform == "win32":  # pragma: no cover - Windows
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _unlock(fd: int) -> None:
    if sys.platform == "win32":  # pragma: no cover - Windows
        import msvcrt

        with contextlib.suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)


@contextlib.contextmanager
def _table_rows(db_path: Path, table: str, columns: str) -> Iterator[Iterator[Any]]:
    """The rows of *table* in a database file opened read-only (none when the file has no
    such table, as a database older than the table); the file is closed after."""
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=30)
    try:
        found = con.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (table,)
        ).fetchone()
        yield con.execute(f"SELECT {columns} FROM {table}") if found else iter(())
    finally:
        con.close()


def read_erasure_records(db_path: Path) -> list[tuple[int, str, datetime, str]]:
    """The erasure records of a database file, read before a restore replaces it:
    (household id, kind, when in UTC, who). Empty when the file has none or cannot be read
    (a damaged file: what can be read is carried, the rest is logged)."""
    rows: list[tuple[int, str, datetime, str]] = []
    try:
        with _table_rows(
            db_path, "erasure_records", "household_id, kind, occurred_at, actor"
        ) as found:
            for household_id, kind, when, actor in found:
                stamp = datetime.fromisoformat(str(when)).replace(tzinfo=UTC)
                rows.append((int(household_id), str(kind), stamp, str(actor)))
    except (sqlite3.Error, ValueError) as exc:
        log.warning("erasure records of %s could not all be read: %s", db_path, exc)
    return rows


def read_pending_deletions(db_path: Path) -> list[str]:
    """The letter files still to delete, listed in a database file (see above)."""
    try:
        with _table_rows(db_path, "pending_file_deletions", "file_path") as found:
            return [str(r[0]) for r in found]
    except sqlite3.Error as exc:
        log.warning("pending deletions of %s could not be read: %s", db_path, exc)
        return []


def record_backup_event(db_path: Path, actor: str, details: dict[str, object]) -> None:
    """Audit a backup written without an open session (the automatic daily backup).

    Best effort: a database older than the audit trail, or locked, only logs a warning.
    """
    try:
        con = sqlite3.connect(db_path, timeout=5, isolation_level=None)
        try:
            con.execute("PRAGMA secure_delete=ON")
            con.execute(
                "INSERT INTO audit_events (occurred_at, advisor_id, actor, action, object_type,"
                " object_id, details) VALUES (?, NULL, ?, 'backup', 'database', NULL, ?)",
                (
                    datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" "),
                    actor[:120],
                    json.dumps(details, ensure_ascii=False, sort_keys=True),
                ),
            )
        finally:
            con.close()
    except sqlite3.Error as exc:
        log.warning("the backup could not be recorded in the audit trail: %s", exc)
