"""Opening (creating) a network database: a SQLite file apart from any centre's database,
with the same PRAGMAs (WAL, foreign keys, busy timeout) as the centre's.

Refused: a centre's database (it has Alembic's table), a file that is not SQLite, another
program's SQLite file, and a network database of a newer schema version.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, insert, inspect, select
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from siec_desk.core.errors import DatabaseBusyError, DatabaseError, NewerSchemaError
from siec_desk.core.files import (
    PRIVATE_FILE,
    SQLITE_CORRUPT,
    SQLITE_FULL,
    SQLITE_NOTADB,
    SQLITE_READONLY,
    os_reason,
    sqlite_code,
    sqlite_reason,
)
from siec_desk.core.i18n import _
from siec_desk.network.coordinator.models import SCHEMA_VERSION, NetworkBase, NetworkMeta
from siec_desk.storage.backup import is_sqlite_file
from siec_desk.storage.engine import make_engine, writer

SCHEMA_KEY = "schema_version"
_SQLITE_BUSY, _SQLITE_LOCKED = 5, 6


def storage_error(exc: SQLAlchemyError, path: Path) -> DatabaseError | None:
    """The translated error for a busy, full, read-only or damaged file; else None."""
    code = sqlite_code(exc)
    if code is not None and code & 0xFF in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return DatabaseBusyError(
            _("The database is busy (another program is writing to it). Try again in a moment.")
        )
    if code == SQLITE_FULL:
        return DatabaseError(
            _("The disk is full: nothing was saved. Free some space, then try again.")
        )
    if code == SQLITE_READONLY:
        return DatabaseError(
            _(
                "The database cannot be written (the file or its folder is read-only): "
                "nothing was saved."
            )
        )
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return DatabaseError(
            _("The network database {path} is damaged: it cannot be read.").format(path=path)
        )
    return None


@dataclass
class NetworkDatabase:
    engine: Engine
    path: Path
    _reader: sessionmaker[Session] = field(init=False, repr=False)
    _writer: sessionmaker[Session] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._reader = sessionmaker(bind=self.engine, expire_on_commit=False)
        self._writer = sessionmaker(bind=writer(self.engine), expire_on_commit=False)

    @contextmanager
    def read(self) -> Iterator[Session]:
        with _translated(self.path), self._reader() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction: committed on success, rolled back on any error."""
        with _translated(self.path), self._writer() as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()


@contextmanager
def _translated(path: Path) -> Iterator[None]:
    try:
        yield
    except SQLAlchemyError as exc:
        error = storage_error(exc, path)
        if error is not None:
            raise error from exc
        raise


def _check_file(path: Path) -> None:
    if not path.parent.is_dir():
        raise DatabaseError(_("The folder {folder} does not exist.").format(folder=path.parent))
    if path.is_dir() or (path.exists() and path.stat().st_size > 0 and not is_sqlite_file(path)):
        raise DatabaseError(_("{path} is not a SIEC Desk network database.").format(path=path))
    if not path.exists():
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))
        except FileExistsError:
            pass
        except OSError as exc:
            raise DatabaseError(
                _("The database {location} cannot be opened: {reason}").format(
                    location=path, reason=os_reason(exc)
                )
            ) from exc


def _prepare(engine: Engine, path: Path) -> None:
    with engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
        connection.rollback()
    if "alembic_version" in tables:
        raise DatabaseError(
            _(
                "{path} is a centre's database. The network database must be a file of its "
                "own: give a new file name."
            ).format(path=path)
        )
    if tables and NetworkMeta.__tablename__ not in tables:
        raise DatabaseError(_("{path} is not a SIEC Desk network database.").format(path=path))
    with writer(engine).begin() as connection:
        NetworkBase.metadata.create_all(connection)
        row = connection.execute(
            select(NetworkMeta.value).where(NetworkMeta.key == SCHEMA_KEY)
        ).first()
        if row is None:
            connection.execute(
                insert(NetworkMeta).values(key=SCHEMA_KEY, value=str(SCHEMA_VERSION))
            )
        elif not row[0].isdigit() or int(row[0]) > SCHEMA_VERSION:
            raise NewerSchemaError(
                _(
                    "This network database was written by a newer version of SIEC Desk "
                    "(schema {version}). Install the newer version to open it."
                ).format(version=row[0])
            )


def open_network_database(target: str | Path) -> NetworkDatabase:
    """Open *target*, creating an empty network database if the file does not exist."""
    path = Path(target).expanduser().resolve()
    _check_file(path)
    engine = make_engine(path)
    try:
        _prepare(engine, path)
    except OperationalError as exc:
        engine.dispose()
        error = storage_error(exc, path)
        if error is not None:
            raise error from exc
        raise DatabaseError(
            _("The database {location} cannot be opened: {reason}").format(
                location=path, reason=sqlite_reason(exc)
            )
        ) from exc
    except (SQLAlchemyError, DatabaseError):
        engine.dispose()
        raise
    return NetworkDatabase(engine, path)
