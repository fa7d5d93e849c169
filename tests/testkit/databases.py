"""Fresh databases for a test, on the backend it runs on (see tests/conftest.py)."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

from testkit.postgres import PostgresServer

_SERIAL = itertools.count(1)


class Databases:
    """Fresh databases on the backend under test: a file path, or a PostgreSQL URL."""

    def __init__(self, folder: Path, server: PostgresServer | None) -> None:
        self.folder = folder
        self.server = server
        self.created: list[str] = []

    def __call__(self, name: str = "centre") -> Path | str:
        if self.server is None:
            return self.folder / f"{name}.sqlite3"
        database = f"t{next(_SERIAL)}_{re.sub(r'[^a-z0-9]', '_', name.lower())[:40]}"
        self.created.append(database)
        return self.server.create_database(database, template="siec_template")

    def drop_all(self) -> None:
        if self.server is not None:
            for database in self.created:
                self.server.drop_database(database)


def query(target: Path | str, sql: str) -> list[tuple[object, ...]]:
    """Run one statement on *target* outside the app (committed); its rows, if any."""
    from sqlalchemy import create_engine, text

    from siec_desk.storage.engine import database_url

    engine = create_engine(database_url(target))
    try:
        with engine.begin() as connection:
            result = connection.execute(text(sql))
            return [tuple(row) for row in result] if result.returns_rows else []
    finally:
        engine.dispose()
