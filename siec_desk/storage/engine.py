"""Engine factory: one place that knows how to talk to SQLite safely.

Every SQLite connection gets foreign keys on, WAL, a busy timeout and
``synchronous=FULL`` (NORMAL in WAL mode may lose the last commits on power loss).
pysqlite's own transaction handling is switched off so SQLAlchemy's BEGIN is the only
one; transactions that write are opened with ``BEGIN IMMEDIATE`` (see
:func:`writer`), so two processes wait on the busy timeout instead of failing with
"database is locked" when a read transaction tries to upgrade to a write.

Erased means gone (docs/reliability.md): every connection sets ``secure_delete=ON``
itself, whatever the SQLite build's default, so a deleted row's bytes are overwritten
with zeros instead of lingering in free space; and a transaction that wrote and was then
rolled back (a failed or cancelled import) truncates the ``-wal`` when its connection
goes back to the pool, so the rows it had spilled there do not stay on disk.
:func:`scrub` is what an erasure calls once it has committed.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url

from siec_desk.core.errors import DatabaseError
from siec_desk.core.i18n import _

#: How long a writer waits for another connection's write lock before the user is told
#: the database is busy (``DatabaseBusyError``). A save holds the lock for milliseconds
#: (benchmarks/crash_stress.py with two processes writing at once: p99 under 0.1 s,
#: worst 1.1 s on a loaded 2-core PC), so 5 s absorbs such stalls with a margin, while
#: a save blocked by a long job (demo generation, a migration) is reported within
#: seconds rather than after a silent minute. The wait is on the DB thread, not the GUI's.
BUSY_TIMEOUT_MS = 5000
_BEGIN_OPTION = "siec_begin"
#: ``connection.info`` keys: rows changed when the transaction began; a rolled-back write.
_CHANGES_AT_BEGIN = "siec_changes_at_begin"
_ROLLED_BACK_WRITE = "siec_rolled_back_write"
#: Tables holding a household's data; a PostgreSQL erasure vacuums them (see :func:`scrub`).
PERSONAL_TABLES = (
    "households",
    "consultations",
    "consultation_themes",
    "consultation_orientations",
    "recommended_measures",
    "letters",
    "audit_events",
)

log = logging.getLogger(__name__)


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
        # Never rely on the build's default (Debian turns it on, upstream SQLite does not).
        secure = cursor.execute("PRAGMA secure_delete=ON").fetchone()
        if secure is None or int(secure[0]) != 1:
            raise DatabaseError(_("The database cannot overwrite deleted data (secure_delete)."))
    finally:
        cursor.close()


def _dbapi(connection: Any) -> Any:
    return connection.connection.dbapi_connection


def _on_sqlite_begin(connection: Any) -> None:
    mode = connection.get_execution_options().get(_BEGIN_OPTION, "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")
    connection.info[_CHANGES_AT_BEGIN] = _dbapi(connection).total_changes


def _on_sqlite_rollback(connection: Any) -> None:
    """Remember a rolled-back transaction that had written rows (checked at check-in)."""
    begun = connection.info.pop(_CHANGES_AT_BEGIN, None)
    dbapi = connection.connection.dbapi_connection if not connection.closed else None
    if begun is not None and dbapi is not None and dbapi.total_changes != begun:
        connection.connection.info[_ROLLED_BACK_WRITE] = True


def _on_sqlite_checkin(dbapi_connection: Any, record: Any) -> None:
    """After a rolled-back write, truncate the ``-wal``: frames the transaction spilled
    there (a large import) hold the rows that were never committed."""
    if dbapi_connection is None or not record.info.pop(_ROLLED_BACK_WRITE, False):
        return
    try:
        dbapi_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except Exception:  # a busy reader elsewhere: the next erasure or close truncates it
        log.warning("could not truncate the write-ahead log after a rollback", exc_info=True)


def make_engine(target: str | Path, **kwargs: Any) -> Engine:
    url = database_url(target)
    # An error's message and the log never carry a statement's values (personal data)
    kwargs.setdefault("hide_parameters", True)
    engine = create_engine(url, **kwargs)
    if url.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _on_sqlite_connect)
        event.listen(engine, "begin", _on_sqlite_begin)
        event.listen(engine, "rollback", _on_sqlite_rollback)
        event.listen(engine, "checkin", _on_sqlite_checkin)
    return engine


def checkpoint(engine: Engine) -> bool:
    """Copy the ``-wal`` into the database file and truncate it to zero bytes (SQLite).

    True when the log is now empty; False when another connection's open read
    transaction kept part of it (it is truncated at a later erasure or when the last
    connection closes). A no-op returning True on other databases.
    """
    if engine.dialect.name != "sqlite":
        return True
    with engine.connect() as connection:
        connection.commit()  # no transaction may be open for a checkpoint
        busy, _log, _done = connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
    return not busy


def vacuum(engine: Engine, tables: tuple[str, ...] = PERSONAL_TABLES) -> None:
    """PostgreSQL: VACUUM the tables an erasure touched, so dead row versions (the erased
    values) and their index entries are removed now rather than at autovacuum's leisure.

    VACUUM cannot run in a transaction; a role that does not own a table gets a warning
    from the server and the table is skipped (docs/reliability.md). No-op elsewhere.
    """
    if engine.dialect.name != "postgresql":
        return
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text(f"VACUUM {', '.join(tables)}"))


def scrub(engine: Engine) -> bool:
    """After an erasure has committed: nothing of it left in the ``-wal`` (SQLite) or in
    dead row versions (PostgreSQL). True when fully done (see :func:`checkpoint`)."""
    if engine.dialect.name == "postgresql":
        vacuum(engine)
        return True
    return checkpoint(engine)


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
