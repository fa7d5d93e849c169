"""Copying a whole database to another one (SQLite ⇄ PostgreSQL), verified.

The target is opened through the normal start-up path, so its schema comes from the same
migrations. Tables are copied in dependency order, in batches, in one target transaction
(a failure leaves no half copy), from one consistent snapshot of the source. PostgreSQL
id sequences are then moved past the copied ids. Each table is verified afterwards by
reading both sides again: the same row count and the same checksum, a sum of per-row
SHA-256 digests (so row order does not matter) over values normalised so that SQLite
and PostgreSQL agree (dates as ISO text, JSON with sorted keys, bytes as hex…).
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, delete, func, select
from sqlalchemy.exc import DBAPIError

from siec_desk.core.errors import DatabaseError
from siec_desk.core.files import sqlite_reason
from siec_desk.core.i18n import _
from siec_desk.storage.base import Base
from siec_desk.storage.database import Database, open_database
from siec_desk.storage.sequences import reset_sequences

BATCH = 2000
_MODULUS = 1 << 256

#: (table name, rows copied so far, rows in that table)
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class TableCheck:
    name: str
    source_rows: int
    target_rows: int
    source_checksum: str
    target_checksum: str

    @property
    def ok(self) -> bool:
        return (self.source_rows, self.source_checksum) == (
            self.target_rows,
            self.target_checksum,
        )


@dataclass(frozen=True)
class CopyReport:
    source: str
    target: str
    tables: list[TableCheck]
    seconds: float

    @property
    def ok(self) -> bool:
        return all(t.ok for t in self.tables)

    @property
    def rows(self) -> int:
        return sum(t.target_rows for t in self.tables)


def tables() -> list[Table]:
    """Every table of the schema, parents before children."""
    import siec_desk.storage.models  # noqa: F401  (registers the tables)

    return list(Base.metadata.sorted_tables)


def _normal(value: Any) -> Any:
    """A JSON-ready value that reads the same from SQLite and from PostgreSQL."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, Decimal):
        return str(value.normalize())
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    return str(value)


def _rows(connection: Connection, table: Table) -> Iterator[dict[str, Any]]:
    query = select(table).order_by(*table.primary_key.columns)
    result = connection.execution_options(yield_per=BATCH).execute(query)
    for row in result.mappings():
        yield dict(row)


def table_checksum(connection: Connection, table: Table) -> tuple[int, str]:
    """(row count, checksum) of *table*: independent of row order and of the dialect."""
    names = sorted(c.name for c in table.columns)
    total, count = 0, 0
    for row in _rows(connection, table):
        line = json.dumps([_normal(row[n]) for n in names], ensure_ascii=False)
        total = (total + int.from_bytes(hashlib.sha256(line.encode()).digest(), "big")) % _MODULUS
        count += 1
    return count, f"{total:064x}"


def row_counts(connection: Connection) -> dict[str, int]:
    return {
        t.name: int(connection.execute(select(func.count()).select_from(t)).scalar_one())
        for t in tables()
    }


def _snapshot(connection: Connection) -> Connection:
    """One consistent view of the source for the whole copy (SQLite: one read
    transaction already is; PostgreSQL needs REPEATABLE READ)."""
    if connection.dialect.name == "postgresql":
        return connection.execution_options(isolation_level="REPEATABLE READ")
    return connection


def copy_database(
    source: Database,
    target_location: str | Path,
    *,
    force: bool = False,
    progress: Progress | None = None,
) -> CopyReport:
    """Copy every row of *source* into the database at *target_location*.

    Refuses (``DatabaseError``) a target that already holds rows unless *force*, in which
    case its rows are replaced. Raises ``DatabaseError`` if a table does not verify.
    """
    started = time.perf_counter()
    report = progress or (lambda *_args: None)
    target = open_database(target_location, create_parent=True)
    try:
        if _same_database(source, target):
            raise DatabaseError(_("The source and the target are the same database."))
        with _refusal_is_one_line(target), source.engine.connect() as raw_source:
            reader = _snapshot(raw_source)
            with target.write_connection() as writer:
                filled = {n: c for n, c in row_counts(writer).items() if c}
                if filled and not force:
                    raise DatabaseError(
                        _(
                            "The target database {target} is not empty ({tables}). "
                            "Nothing was copied; use --force to replace its contents."
                        ).format(target=target.location, tables=", ".join(sorted(filled)))
                    )
                for table in reversed(tables()):
                    writer.execute(delete(table))
                with target.search.bulk_load(writer):
                    counts = row_counts(reader)
                    for table in tables():
                        _copy_table(reader, writer, table, counts[table.name], report)
                reset_sequences(writer)
            checks = _verify(reader, target)
            reader.rollback()
        copied = CopyReport(source.location, target.location, checks, time.perf_counter() - started)
    finally:
        target.close()
    bad = [t.name for t in copied.tables if not t.ok]
    if bad:
        raise DatabaseError(
            _("The copy did not verify for: {tables}. Do not use the target.").format(
                tables=", ".join(bad)
            )
        )
    return copied


@contextmanager
def _refusal_is_one_line(target: Database) -> Iterator[None]:
    """A target that refuses a statement (a role without INSERT or DELETE, a full disk)
    is one translated line; its transaction rolled back, so nothing was copied."""
    try:
        yield
    except DBAPIError as exc:
        raise DatabaseError(
            _("The copy to {target} failed: {reason}. Nothing was copied.").format(
                target=target.location, reason=sqlite_reason(exc)
            )
        ) from exc


def _copy_table(
    reader: Connection, writer: Connection, table: Table, total: int, report: Progress
) -> None:
    batch: list[dict[str, Any]] = []
    done = 0
    for row in _rows(reader, table):
        batch.append(row)
        if len(batch) >= BATCH:
            writer.execute(table.insert(), batch)
            done += len(batch)
            batch = []
            report(table.name, done, total)
    if batch:
        writer.execute(table.insert(), batch)
        done += len(batch)
    report(table.name, done, total)


def _verify(reader: Connection, target: Database) -> list[TableCheck]:
    checks = []
    with target.engine.connect() as written:
        for table in tables():
            source_rows, source_sum = table_checksum(reader, table)
            target_rows, target_sum = table_checksum(written, table)
            checks.append(TableCheck(table.name, source_rows, target_rows, source_sum, target_sum))
    return checks


def _same_database(a: Database, b: Database) -> bool:
    if a.path is not None and b.path is not None:
        return a.path.resolve() == b.path.resolve()
    return a.location == b.location
