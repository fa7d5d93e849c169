"""Application contexts for tests."""

from __future__ import annotations

from pathlib import Path

from siec_desk.services.app import AppContext
from testkit.databases import fresh_sqlite


def make_ctx(path: Path | str, country: str, name: str = "Centre de test") -> AppContext:
    """A context whose centre is in *country* (set up before the services bind). A new
    SQLite file starts as a copy of the session's migrated template."""
    from siec_desk.services.app import open_app
    from siec_desk.services.centre import CentreService
    from siec_desk.storage.database import open_database

    if isinstance(path, Path) and not path.exists():
        fresh_sqlite(path)
    db = open_database(path)
    CentreService(db).set_up(name, country, "fr", "Conseillère Test")
    db.close()
    return open_app(path)
