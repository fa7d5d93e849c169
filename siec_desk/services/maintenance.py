"""Database maintenance: integrity check, backup and restore (SQLite files)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text

from siec_desk.errors import DatabaseError
from siec_desk.i18n import _
from siec_desk.storage.backup import backup_database, copy_database, restore_database
from siec_desk.storage.database import Database


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

    def _sqlite_file(self) -> Path:
        path = self.db.path
        if path is None:
            raise DatabaseError(
                _(
                    "This is not a SQLite file: back up a server database with its own tools "
                    "(pg_dump)."
                )
            )
        return path

    def check(self) -> CheckReport:
        self._sqlite_file()
        with self.db.engine.connect() as connection:
            integrity = [r[0] for r in connection.execute(text("PRAGMA integrity_check"))]
            violations = len(connection.execute(text("PRAGMA foreign_key_check")).all())
        return CheckReport(integrity, violations)

    def backup(self, out: Path | None = None) -> Path:
        path = self._sqlite_file()
        if out is None:
            return backup_database(path, self.db.backup_dir, label="manual")
        if out.exists() and out.is_dir():
            return backup_database(path, out, label="manual")
        if not out.parent.is_dir():
            raise DatabaseError(_("The folder {folder} does not exist.").format(folder=out.parent))
        try:
            copy_database(path, out)
        except OSError as exc:
            raise DatabaseError(
                _("The backup could not be written to {folder}: {reason}").format(
                    folder=out, reason=exc
                )
            ) from exc
        return out

    def restore(self, backup: Path) -> Path:
        """Restore *backup* over this database (closed first); returns the safety copy."""
        path = self._sqlite_file()
        self.db.close()
        return restore_database(backup, path, self.db.backup_dir)
