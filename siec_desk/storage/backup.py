"""Backups and restores of SQLite files through the SQLite backup API.

Never a file copy: in WAL mode recent commits live in the ``-wal`` file and a copy of
the main file alone loses them. A backup is written to ``*.partial`` and renamed once
complete, so a crash never leaves a truncated file that looks like a backup.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

from siec_desk.errors import DatabaseError, NewerSchemaError
from siec_desk.i18n import _
from siec_desk.storage.schema import KNOWN_REVISIONS

SQLITE_HEADER = b"SQLite format 3\x00"


def default_backup_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def is_sqlite_file(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(16) == SQLITE_HEADER
    except OSError:
        return False


def _private(path: Path) -> None:
    if os.name == "posix":
        path.chmod(0o600)


def copy_database(source: Path, destination: Path) -> None:
    """Copy a live SQLite database consistently (readers and writers may be active)."""
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)
    src = sqlite3.connect(source, timeout=30)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    _private(partial)
    os.replace(partial, destination)


def backup_database(db_path: Path, backup_dir: Path | None = None, label: str = "manual") -> Path:
    """Write a dated backup of *db_path* and return its path."""
    folder = backup_dir or default_backup_dir(db_path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        destination = folder / f"{db_path.stem}-{label}-{stamp}.sqlite3"
        copy_database(db_path, destination)
    except (OSError, sqlite3.Error) as exc:
        raise DatabaseError(
            _("The backup could not be written to {folder}: {reason}").format(
                folder=folder, reason=exc
            )
        ) from exc
    return destination


def check_backup_file(path: Path) -> str | None:
    """Validate a file offered for restore; return its schema revision (None if unknown)."""
    if not path.is_file():
        raise DatabaseError(_("The file {path} does not exist.").format(path=path))
    if not is_sqlite_file(path):
        raise DatabaseError(_("{path} is not a SIEC Desk database backup.").format(path=path))
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
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
        raise DatabaseError(
            _("{path} is damaged and cannot be restored ({reason}).").format(path=path, reason=exc)
        ) from exc
    if status != "ok":
        raise DatabaseError(_("{path} is damaged and cannot be restored.").format(path=path))
    if revision is None:
        raise DatabaseError(_("{path} is not a SIEC Desk database backup.").format(path=path))
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
    safety = backup_database(db_path, backup_dir, label="pre-restore")
    try:
        copy_into = sqlite3.connect(db_path, timeout=30)
        src = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
        try:
            src.backup(copy_into)
        finally:
            src.close()
            copy_into.close()
    except sqlite3.Error as exc:
        raise DatabaseError(
            _("The restore failed ({reason}); your previous data is in {safety}.").format(
                reason=exc, safety=safety
            )
        ) from exc
    return safety
