"""Fresh databases for a test, on the backend it runs on (see tests/conftest.py).

Migrating a new database runs every Alembic revision (~0.2 s on SQLite). The session
migrates one SQLite file (:class:`SqliteTemplate`) and each test gets a copy of it;
PostgreSQL clones its own migrated template database (``CREATE DATABASE … TEMPLATE``).
"""

from __future__ import annotations

import atexit
import itertools
import os
import re
import shutil
import tempfile
from pathlib import Path

from siec_desk.core.files import PRIVATE_FILE
from testkit.postgres import PostgresServer

_SERIAL = itertools.count(1)


class SqliteTemplate:
    """A SQLite database migrated once (every revision, search index built, closed);
    :meth:`copy_to` gives a test the same fresh migrated database in a few milliseconds.
    Migrations themselves are tested on purpose elsewhere (test_migrations.py, the
    fixture databases of every released schema), never through this copy."""

    def __init__(self, folder: Path) -> None:
        from siec_desk.storage.database import open_database

        path = folder / "template.sqlite3"
        open_database(path).close()
        others = sorted(p.name for p in folder.iterdir() if p != path)
        if others:  # a -wal or -shm left behind: the file alone is not the database
            raise RuntimeError(f"the template database left {others} beside it")
        self.path = path
        self._content = path.read_bytes()

    def copy_to(self, path: Path) -> Path:
        """A new file at *path* (which must not exist), private like a new database."""
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
        with os.fdopen(fd, "wb") as fh:
            fh.write(self._content)
        return path


_shared: SqliteTemplate | None = None


def sqlite_template() -> SqliteTemplate:
    """This test process's template, migrated on first use (removed at exit)."""
    global _shared
    if _shared is None:
        folder = Path(tempfile.mkdtemp(prefix="siec-template-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        _shared = SqliteTemplate(folder)
    return _shared


def fresh_sqlite(path: Path) -> Path:
    """*path* as a fresh migrated SQLite database (a copy of the template)."""
    return sqlite_template().copy_to(path)


class Databases:
    """Fresh migrated databases on the backend under test: a file path (a copy of the
    session's template), or a PostgreSQL URL (a clone of the server's template)."""

    def __init__(
        self,
        folder: Path,
        server: PostgresServer | None,
        template: SqliteTemplate | None = None,
    ) -> None:
        self.folder = folder
        self.server = server
        self.template = template
        self.created: list[str] = []

    def __call__(self, name: str = "centre") -> Path | str:
        if self.server is None:
            path = self.folder / f"{name}.sqlite3"
            if self.template is not None and not path.exists():
                self.template.copy_to(path)
            return path
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
