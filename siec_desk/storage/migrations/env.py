"""Alembic environment for SIEC Desk, always driven from code (no alembic.ini).

The application passes an open connection in ``config.attributes["connection"]``.
On SQLite, foreign keys are switched off *before* the transaction (the PRAGMA is a
no-op inside one) so batch mode can rebuild tables, then checked and switched back on.
``fileConfig`` is deliberately not called: it would disable the app's loggers.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from siec_desk.storage import models  # noqa: F401 - registers the tables
from siec_desk.storage.base import Base
from siec_desk.storage.search.sqlite_fts import INDEX_TABLE

config = context.config


def _include_name(name: str | None, type_: str, _parent: object) -> bool:
    """Leave the search index (a derived FTS5 table and its shadow tables) alone."""
    return not (type_ == "table" and name is not None and name.startswith(INDEX_TABLE))


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
        include_name=_include_name,
        compare_type=True,
    )


def run_migrations_online() -> None:
    connection: Connection = config.attributes["connection"]
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
    try:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
            if sqlite:
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"foreign key check failed after migration: {broken[:5]}")
        if connection.in_transaction():
            connection.commit()
    finally:
        if sqlite:
            connection.connection.driver_connection.execute("PRAGMA foreign_keys=ON")


if context.is_offline_mode():
    raise RuntimeError("offline migrations are not supported")
run_migrations_online()
