"""Database maintenance: integrity check, backup and restore (SQLite files)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.exc import DatabaseError as SqlDatabaseError

from siec_desk.errors import DatabaseError
from siec_desk.i18n import _
from siec_desk.storage.backup import (
    backup_database,
    copy_database,
    failure_reason,
    restore_database,
)
from siec_desk.storage.database import Database
from siec_desk.storage.files import sqlite_reason


@dataclass(frozen=True)
class CheckReport:
    integrity: list[str]
    foreign_key_violations: int

    @property
    def ok(self) -> bool:
        return self.integrity == ["ok"] and self.foreign_key_violations == 0

    def describe(self) -> str:
        parts = [] if self.integrity == ["ok"] else self.integrity[:5]
        if self.foreign_key_violations:
            parts.append(_("{n} broken references").format(n=self.foreign_key_violations))
        return "; ".join(parts)


class MaintenanceService:
    def __init__(self, db: Database) -> None:
        self.db = db

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
        path = self.sqlite_file()
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

    def restore(self, backup: Path) -> Path:
        """Restore *backup* over this database (closed first); returns the safety copy."""
        path = self.sqlite_file()
        self.db.close()
        return restore_database(backup, path, self.db.backup_dir)
