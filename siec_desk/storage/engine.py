"""Engine factory: one place that knows how to talk to SQLite safely.

Every SQLite connection gets foreign keys on, WAL, a busy timeout and
``synchronous=FULL`` (NORMAL in WAL mode may lose the last commits on power loss).
pysqlite's own transaction handling is switched off so SQLAlchemy's BEGIN is the only
one; transactions that write are opened with ``BEGIN IMMEDIATE`` (see
:func:`writer`), so two processes wait on the busy timeout instead of failing with
"database is locked" when a read transaction tries to upgrade to a write.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url

from siec_desk.errors import DatabaseError
from siec_desk.i18n import _

#: How long a writer waits for another connection's write lock before the user is told
#: the database is busy (``DatabaseBusyError``). A save holds the lock for milliseconds
#: (benchmarks/crash_stress.py with two processes writing at once: p99 under 0.1 s,
#: worst 1.1 s on a loaded 2-core PC), so 5 s absorbs such stalls with a margin, while
#: a save blocked by a long job (demo generation, a migration) is reported within
#: seconds rather than after a silent minute. The wait is on the DB thread, not the GUI's.
BUSY_TIMEOUT_MS = 5000
_BEGIN_OPTION = "siec_begin"


def database_url(target: str | Path) -> URL:
    """A SQLAlchemy URL from a path or URL string (paths become absolute SQLite URLs)."""
    text = str(target)
    if "://" in text:
        return make_url(text)
    return URL.create("sqlite", database=str(Path(text).expanduser().resolve()))


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        mode = cursor.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        if str(mode).lower() not in ("wal", "memory"):
            raise DatabaseError(
                _("The database cannot use write-ahead logging (journal mode: {mode}).").format(
                    mode=mode
                )
            )
        cursor.execute("PRAGMA synchronous=FULL")
    finally:
        cursor.close()


def _on_sqlite_begin(connection: Any) -> None:
    mode = connection.get_execution_options().get(_BEGIN_OPTION, "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")


def make_engine(target: str | Path, **kwargs: Any) -> Engine:
    url = database_url(target)
    engine = create_engine(url, **kwargs)
    if url.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _on_sqlite_connect)
        event.listen(engine, "begin", _on_sqlite_begin)
    return engine


def writer(engine: Engine) -> Engine:
    """The same engine, but its transactions take the write lock at BEGIN (SQLite)."""
    if engine.dialect.name == "sqlite":
        return engine.execution_options(**{_BEGIN_OPTION: "IMMEDIATE"})
    return engine


def sqlite_path(engine: Engine) -> Path | None:
    """The database file of a file-based SQLite engine, else None."""
    if engine.dialect.name != "sqlite":
        return None
    database = engine.url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database)
