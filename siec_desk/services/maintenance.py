"""Database maintenance: integrity check, backup and restore (SQLite files).

Every backup and restore is audited (file names and counts, never personal data). A
restore re-applies the erasures recorded in the database it replaces (read before the
file is replaced: a backup older than schema 0006 has no such records), so a person
erased since the backup was taken does not come back; it holds a lock file so two
restores of one database never run at once.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import func, select, text
from sqlalchemy.exc import DatabaseError as SqlDatabaseError

from siec_desk.core.errors import DatabaseError
from siec_desk.core.files import remove_stale_partials, sqlite_reason
from siec_desk.core.i18n import _
from siec_desk.services import audit as a
from siec_desk.services.audit import Actor, AuditService
from siec_desk.storage.backup import (
    backup_database,
    copy_database,
    database_files,
    failure_reason,
    read_erasure_records,
    read_pending_deletions,
    restore_database,
    restore_lock,
)
from siec_desk.storage.database import Database, open_database
from siec_desk.storage.models import PendingFileDeletion

if TYPE_CHECKING:
    from siec_desk.storage.copy import CopyReport

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RestoreResult:
    """What a restore did: the copy of the previous database, and the erasures re-applied."""

    safety: Path
    reapplied: tuple[int, ...] = ()  # households erased or anonymised again
    files_left: tuple[Path, ...] = field(default=())  # letter files still to delete


@dataclass(frozen=True)
class CheckReport:
    integrity: list[str]
    foreign_key_violations: int

    @property
    def ok(self) -> bool:
        return self.integrity == ["ok"] and self.foreign_key_violations == 0

    def describe(self) -> str:
        # SQLite's report may hold line breaks ("*** in database main ***\nOn tree page…"):
        # the message stays one line
        parts = (
            [] if self.integrity == ["ok"] else [" ".join(p.split()) for p in self.integrity[:5]]
        )
        if self.foreign_key_violations:
            parts.append(_("{n} broken references").format(n=self.foreign_key_violations))
        return "; ".join(parts)


class MaintenanceService:
    def __init__(self, db: Database, audit: AuditService | None = None) -> None:
        self.db = db
        #: Who backs up or restores (the CLI's default actor unless the GUI passes its own).
        self.audit = audit or AuditService(db)

    @property
    def path(self) -> Path | None:
        """The SQLite file, or None for a server database (backed up with its own tools)."""
        return self.db.path

    def use_backup_folder(self, folder: Path | None) -> None:
        """Where manual, pre-restore and migration copies go from now on (None: the
        default folder beside the database). The per-PC preference is the caller's."""
        self.db.backup_dir = folder

    def sqlite_file(self) -> Path:
        path = self.db.path
        if path is None:
            if self.db.engine.dialect.name == "postgresql":
                raise DatabaseError(
                    _(
                        "This database is on a PostgreSQL server: back it up and restore it "
                        "there with pg_dump and pg_restore, e.g. “pg_dump --format=custom "
                        "--file=siec.dump {database}” (see the PostgreSQL guide)."
                    ).format(database=self.db.engine.url.database or "")
                )
            raise DatabaseError(
                _(
                    "This is not a SQLite file: back up a server database with its own tools "
                    "(pg_dump)."
                )
            )
        return path

    def _check_server(self) -> CheckReport:
        """A server database: every table is read through; the server enforces foreign
        keys itself, so there are none to find broken."""
        from siec_desk.storage.copy import tables

        problems: list[str] = []
        with self.db.engine.connect() as connection:
            for table in tables():
                try:
                    connection.execute(text(f'SELECT count(*) FROM "{table.name}"')).scalar()
                except SqlDatabaseError as exc:
                    connection.rollback()
                    problems.append(f"{table.name}: {exc.orig}")
        return CheckReport(problems or ["ok"], 0)

    def check(self) -> CheckReport:
        """Full integrity check and foreign keys; a file SQLite cannot read is reported."""
        if self.db.path is None and self.db.engine.dialect.name == "postgresql":
            return self._check_server()
        self.sqlite_file()
        try:
            with self.db.engine.connect() as connection:
                integrity = [r[0] for r in connection.execute(text("PRAGMA integrity_check"))]
                violations = len(connection.execute(text("PRAGMA foreign_key_check")).all())
        except SqlDatabaseError as exc:
            if not isinstance(exc.orig, sqlite3.DatabaseError) or isinstance(
                exc.orig, sqlite3.OperationalError
            ):
                raise  # busy, locked: not a verdict on the file
            return CheckReport([sqlite_reason(exc)], 0)
        return CheckReport(integrity, violations)

    def backup(self, out: Path | None = None) -> Path:
        """Write a backup (audited); refused onto the database itself or its side files."""
        written = self._backup(out)
        self.audit.record(a.BACKUP, a.DATABASE, None, file=written.name, kind="manual")
        return written

    def _backup(self, out: Path | None) -> Path:
        path = self.sqlite_file()
        if out is not None and out.resolve() in database_files(path):
            raise DatabaseError(
                _(
                    "{path} is the database itself or one of its working files: choose "
                    "another file for the backup."
                ).format(path=out)
            )
        if out is None:
            folder = self.db.backup_dir  # None: the default folder, created if needed
            if folder is not None and not folder.is_dir():
                from siec_desk.services.backups import (
                    BackupFolderUnreachableError,
                    unreachable_message,
                )

                raise BackupFolderUnreachableError(unreachable_message(folder))
            return backup_database(path, folder, label="manual")
        if out.exists() and out.is_dir():
            return backup_database(path, out, label="manual")
        if not out.parent.is_dir():
            raise DatabaseError(_("The folder {folder} does not exist.").format(folder=out.parent))
        try:
            copy_database(path, out)
        except (OSError, sqlite3.Error) as exc:  # a full disk fails inside SQLite
            raise DatabaseError(
                _("The backup could not be written to {folder}: {reason}").format(
                    folder=out, reason=failure_reason(exc)
                )
            ) from exc
        return out

    def restore(self, backup: Path) -> RestoreResult:
        """Restore *backup* over this database (closed first), then re-apply erasures."""
        path = self.sqlite_file()
        self.db.close()
        return restore_backup(backup, path, self.db.backup_dir, self.audit.actor)


def restore_backup(
    backup: Path, db_path: Path, backup_dir: Path | None, actor: Actor | None = None
) -> RestoreResult:
    """Restore *backup* into *db_path* under the restore lock, then erase again everyone
    erased in the replaced database, and audit the restore in the restored one.

    Works on a file that cannot be opened too (a damaged database): its erasure records
    are read as far as SQLite can read them.
    """
    from siec_desk.services.letter_files import finish_removal, remember_failed
    from siec_desk.services.privacy_ops import Erasure, reapply_erasures

    with restore_lock(db_path):
        records = [Erasure(*row) for row in read_erasure_records(db_path)]
        pending = read_pending_deletions(db_path)
        safety = restore_database(backup, db_path, backup_dir)
        db = open_database(db_path, backup_dir=backup_dir)  # migrates an older backup
        try:
            archive = db_path.parent / "letters"
            who = Actor(actor.name if actor else a.COMMAND_LINE)  # advisor ids may differ
            with db.write() as session:
                counts, ids = reapply_erasures(session, records, archive)
                remember_failed(session, [Path(p) for p in pending], archive)
                db.search.purge_deleted(session.connection())
                AuditService(db, who).record_in(
                    session,
                    a.RESTORE,
                    a.DATABASE,
                    None,
                    file=backup.name,
                    previous_saved_as=safety.name,
                    erasures_reapplied=len(ids),
                )
            left = finish_removal(db, archive, counts.files)
        finally:
            db.close()
    return RestoreResult(safety, tuple(ids), tuple(left))


def copy_to(
    source: str,
    target: str,
    *,
    backup_dir: Path | None,
    force: bool,
    progress: Callable[[str, int, int], None],
) -> CopyReport:
    """``db copy``: open the database at *source* (migrating it) and copy it whole to
    *target*, verified table by table."""
    from siec_desk.storage.copy import copy_database

    db = open_database(source, backup_dir=backup_dir)
    try:
        return copy_database(db, target, force=force, progress=progress)
    finally:
        db.close()


@dataclass(frozen=True)
class Housekeeping:
    partials_removed: tuple[Path, ...] = ()
    files_deleted: int = 0  # letter files deleted now that failed before
    files_left: tuple[Path, ...] = ()


def housekeeping(db: Database, archive_dir: Path) -> Housekeeping:
    """At start: remove the ``.partial`` leftovers of a crash (data folder, backups folder,
    letters archive) and retry the letter files whose deletion failed before.

    Never raises: a start must not fail on cleaning up; problems are logged.
    """
    from siec_desk.services.backups import backup_policy
    from siec_desk.services.letter_files import retry_pending_deletions

    folders: list[tuple[Path, int]] = [(archive_dir, 1)]
    path = db.path
    if path is not None:
        folders += [(path.parent, 0), (path.parent / "backups", 0)]
        try:
            chosen = backup_policy().folder or db.backup_dir
        except Exception:  # unreadable preferences: the default folder is still cleaned
            log.warning("backup preferences unreadable", exc_info=True)
            chosen = db.backup_dir
        if chosen is not None:
            folders.append((chosen, 0))
    removed: list[Path] = []
    for folder, depth in folders:
        removed += remove_stale_partials(folder, depth=depth)
    deleted, left = 0, list[Path]()
    try:
        with db.read() as session:  # usually empty: no write lock at each start
            due = session.scalar(select(func.count(PendingFileDeletion.id)))
        if due:
            with db.write() as session:
                deleted, left = retry_pending_deletions(session, archive_dir)
    except Exception:  # busy, read-only: next time
        log.warning("pending letter deletions not retried", exc_info=True)
    if left:
        log.warning("%d letter files still could not be deleted", len(left))
    return Housekeeping(tuple(removed), deleted, tuple(left))
