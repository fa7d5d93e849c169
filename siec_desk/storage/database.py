"""Opening a database: the one start-up path of the GUI, the CLI and the tests.

Order: check the file → read its schema revision → refuse a newer one → back up →
migrate to head → make sure the search index exists. Alembic is imported only when a
migration is due (it costs ~200 ms).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, inspect, text
from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError

from siec_desk.core.errors import DatabaseError, NewerSchemaError
from siec_desk.core.files import (
    PRIVATE_FILE,
    os_reason,
    private_folder,
    sqlite_reason,
)
from siec_desk.core.i18n import _
from siec_desk.storage import planner_stats
from siec_desk.storage.backup import is_sqlite_file, safety_backup
from siec_desk.storage.engine import make_engine, sqlite_path, writer
from siec_desk.storage.schema import HEAD_REVISION, KNOWN_REVISIONS
from siec_desk.storage.search import SearchBackend, backend_for
from siec_desk.storage.sessions import SessionSource
from siec_desk.storage.sqlite_errors import busy_error, is_busy, translated_errors

log = logging.getLogger(__name__)


def damaged_error(location: str | None = None) -> DatabaseError:
    """The error for a damaged centre database (at *location* when known)."""
    if location is None:
        return DatabaseError(_("The database file is damaged: this data cannot be read."))
    return DatabaseError(
        _(
            "The database file {location} is damaged: this data cannot be read. Check "
            "the database and restore a backup (File ▸ Backups…)."
        ).format(location=location)
    )


@dataclass
class Database(SessionSource):
    """An open, migrated database: engine, session factories and search backend."""

    search: SearchBackend
    backup_dir: Path | None = None
    last_migration_backup: Path | None = None

    @property
    def path(self) -> Path | None:
        return sqlite_path(self.engine)

    @property
    def location(self) -> str:
        """What to show the user: the file path, or the URL without its password."""
        path = self.path
        return str(path) if path else self.engine.url.render_as_string(hide_password=True)

    def damaged(self) -> DatabaseError:
        return damaged_error(self.location)

    @contextmanager
    def write_connection(self) -> Iterator[Connection]:
        with translated_errors(self.damaged), writer(self.engine).begin() as connection:
            yield connection

    def close(self) -> None:
        planner_stats.refresh(self.engine)  # cheap unless the data grew a lot
        self.engine.dispose()


def _current_revision(connection: Connection) -> tuple[str | None, bool]:
    """(revision, has_other_tables) of the database behind *connection*."""
    tables = set(inspect(connection).get_table_names())
    if "alembic_version" not in tables:
        return None, bool(tables)
    row = connection.execute(text("SELECT version_num FROM alembic_version")).first()
    return (str(row[0]) if row else None), True


def _check_file(path: Path) -> None:
    if not path.parent.is_dir():
        raise DatabaseError(_("The folder {folder} does not exist.").format(folder=path.parent))
    if path.exists() and path.stat().st_size > 0 and not is_sqlite_file(path):
        raise DatabaseError(_("{path} is not a SIEC Desk database.").format(path=path))


def _create_folder(folder: Path) -> None:
    """The default database's folder (user data), private when created here."""
    try:
        private_folder(folder)
    except OSError as exc:
        raise DatabaseError(
            _("The database {location} cannot be opened: {reason}").format(
                location=folder, reason=os_reason(exc)
            )
        ) from exc


def _create_private(path: Path) -> None:
    """Create a new database file readable by the user only (SQLite would create it
    with the umask's mode, 0644 usually, and gives its mode to ``-wal`` and ``-shm``)."""
    if path.exists():
        return
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))
    except FileExistsError:
        return  # another program created it meanwhile
    except OSError as exc:
        raise DatabaseError(
            _("The database {location} cannot be opened: {reason}").format(
                location=path, reason=os_reason(exc)
            )
        ) from exc


def open_database(
    target: str | Path, *, backup_dir: Path | None = None, create_parent: bool = False
) -> Database:
    """Open (creating or migrating as needed) the database at *target*."""
    engine = make_engine(target)
    path = sqlite_path(engine)
    if path is not None:
        if create_parent:
            _create_folder(path.parent)
        _check_file(path)
        _create_private(path)
    try:
        database = Database(engine, backend_for(engine.dialect.name), backup_dir)
        _migrate(database)
    except OperationalError as exc:
        engine.dispose()
        if is_busy(exc):
            raise busy_error() from exc
        raise DatabaseError(
            _("The database {location} cannot be opened: {reason}").format(
                location=path or engine.url.render_as_string(hide_password=True),
                reason=sqlite_reason(exc),
            )
        ) from exc
    except DBAPIError as exc:
        engine.dispose()
        if path is not None:
            raise  # SQLite: the caller names the file (and offers a backup)
        # A server refused (e.g. a role that may not create the tables): one line,
        # the URL without its password, the driver's reason without SQL or values
        raise DatabaseError(
            _("The database {location} cannot be opened: {reason}").format(
                location=engine.url.render_as_string(hide_password=True),
                reason=sqlite_reason(exc),
            )
        ) from exc
    except (SQLAlchemyError, DatabaseError):
        engine.dispose()
        raise
    return database


def _migrate(database: Database) -> None:
    with database.engine.connect() as connection:
        revision, has_tables = _current_revision(connection)
        connection.rollback()
        if revision is None and has_tables:
            raise DatabaseError(
                _("{location} is not a SIEC Desk database.").format(location=database.location)
            )
        if revision is not None and revision not in KNOWN_REVISIONS:
            raise NewerSchemaError(
                _(
                    "This database was written by a newer version of SIEC Desk (schema {rev}). "
                    "Install the newer version to open it."
                ).format(rev=revision)
            )
        migrated = revision != HEAD_REVISION
        if migrated:
            if revision is not None and database.path is not None:
                database.last_migration_backup = safety_backup(
                    database.path, database.backup_dir, label=f"before-migration-{revision}"
                )
                log.info("backed up to %s before migrating", database.last_migration_backup)
            from siec_desk.storage.alembic_runner import upgrade

            log.info("migrating %s from %s to %s", database.location, revision, HEAD_REVISION)
            upgrade(connection)
    if migrated:
        planner_stats.refresh(database.engine, force=True)
    if not migrated:  # the usual start: check with a read, take no write lock
        with database.engine.connect() as connection:
            if database.search.index_ready(connection):
                return
    with database.write_connection() as connection:
        database.search.ensure_index(connection, rebuild=migrated)
