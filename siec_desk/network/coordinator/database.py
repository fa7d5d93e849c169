"""Opening (creating) a network database: a SQLite file apart from any centre's database,
with the same PRAGMAs (WAL, foreign keys, busy timeout) as the centre's.

Refused: a centre's database (it has Alembic's table), a file that is not SQLite, another
program's SQLite file, and a network database of a newer schema version.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event, insert, inspect, select, update
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

from siec_desk.core.errors import DatabaseError, NewerSchemaError
from siec_desk.core.files import (
    PRIVATE_FILE,
    os_reason,
    sqlite_reason,
)
from siec_desk.core.i18n import _
from siec_desk.network.coordinator.models import SCHEMA_VERSION, NetworkBase, NetworkMeta
from siec_desk.storage.backup import is_sqlite_file
from siec_desk.storage.engine import make_engine, writer
from siec_desk.storage.sessions import SessionSource
from siec_desk.storage.sqlite_errors import storage_error

SCHEMA_KEY = "schema_version"


def _damaged(path: Path) -> DatabaseError:
    return DatabaseError(
        _("The network database {path} is damaged: it cannot be read.").format(path=path)
    )


#: The ``synchronous`` level of the connections a write checks out (FULL but in a batch).
_SYNC_LEVEL: ContextVar[str] = ContextVar("siec_network_sync", default="FULL")
_SYNC_KEY = "siec_network_sync"
#: (synchronous, wal_autocheckpoint pages) of each level. A batch lets the log grow to
#: about 40 MB before it is copied into the database: an index page changed by many
#: files is then copied once (about 2 ms a file less); the seal, at SQLite's default
#: again, copies it all (docs/network-export.md).
_PRAGMAS = {"FULL": ("FULL", 1000), "NORMAL": ("NORMAL", 10_000)}


def _on_checkout(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
    """A connection leaving the pool (outside any transaction: SQLite refuses the change
    inside one) gets the ``synchronous`` level its next transaction asks for."""
    level = _SYNC_LEVEL.get()
    if record.info.get(_SYNC_KEY, "FULL") != level:
        synchronous, pages = _PRAGMAS[level]
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA synchronous={synchronous}")
            cursor.execute(f"PRAGMA wal_autocheckpoint={pages}")
        finally:
            cursor.close()
        record.info[_SYNC_KEY] = level


@dataclass
class NetworkDatabase(SessionSource):
    """The coordinator's database: ``read()`` and ``write()`` (one transaction), and for
    a run of imports ``batch_write()`` then ``seal()``.

    A batch transaction commits with ``synchronous=NORMAL``: in WAL mode it is as atomic
    and consistent as any (a file is stored whole or not at all, even on a crash), but a
    power cut may undo the last commits until the write-ahead log reaches the disk. So
    the run ends with :meth:`seal`, a FULL commit whose sync of the log makes every
    earlier commit durable, before its outcomes are given. A power cut during the run
    can thus undo files of that run that nobody was told about yet; never part of one.
    """

    path: Path

    def damaged(self) -> DatabaseError:
        return _damaged(self.path)

    @contextmanager
    def batch_write(self) -> Iterator[Session]:
        """As ``write()``, committed with ``synchronous=NORMAL`` (see the class)."""
        token = _SYNC_LEVEL.set("NORMAL")
        try:
            with self.write() as session:
                yield session
        finally:
            _SYNC_LEVEL.reset(token)

    def seal(self) -> None:
        """Make every commit so far durable: a FULL commit (it rewrites the schema
        version as it is, so that the commit has a page to log and the log is synced)."""
        with self.write() as session:
            session.execute(
                update(NetworkMeta)
                .where(NetworkMeta.key == SCHEMA_KEY)
                .values(value=NetworkMeta.value)
            )

    def close(self) -> None:
        self.engine.dispose()


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
    event.listen(engine, "checkout", _on_checkout)
    try:
        _prepare(engine, path)
    except OperationalError as exc:
        engine.dispose()
        error = storage_error(exc, lambda: _damaged(path))
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
