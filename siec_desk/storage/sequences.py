"""Keeping PostgreSQL id sequences in step after rows were inserted with explicit ids.

Bulk loads (demo data, ``db copy``) write ids themselves; a SERIAL column's sequence
does not see them, and the next ordinary insert would collide. SQLite needs nothing:
its rowid ids continue from the largest one.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, Integer, Table, text

from siec_desk.storage.base import Base


def _serial_tables(tables: Iterable[Table]) -> list[tuple[str, str]]:
    """(table, column) of each single-column integer primary key."""
    found = []
    for table in tables:
        keys = list(table.primary_key.columns)
        if len(keys) == 1 and isinstance(keys[0].type, Integer):
            found.append((table.name, keys[0].name))
    return found


def reset_sequences(connection: Connection, tables: Iterable[str] | None = None) -> None:
    """Move the id sequence of each of *tables* (default: all) past its largest id
    (PostgreSQL; a no-op elsewhere)."""
    if connection.dialect.name != "postgresql":
        return
    chosen = (
        Base.metadata.sorted_tables
        if tables is None
        else [Base.metadata.tables[name] for name in tables]
    )
    for table, column in _serial_tables(chosen):
        sequence = connection.execute(
            text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": table, "c": column}
        ).scalar()
        if sequence is None:
            continue
        connection.execute(
            text(
                f'SELECT setval(:s, COALESCE((SELECT max("{column}") FROM "{table}"), 0) + 1, '
                "false)"
            ),
            {"s": sequence},
        )
