"""Where the centre's database is, without opening it: the target of ``--db``,
``$SIEC_DESK_DB`` or the default file, the SQLite file behind a target, and the warning
for a PostgreSQL server reached without TLS.

Light on purpose (the command line loads it before any command runs): SQLAlchemy is
imported only when a target has to be parsed.
"""

from __future__ import annotations

import os
from pathlib import Path

from siec_desk.core.paths import default_database_path


def database_target(explicit: str | None) -> tuple[str, bool]:
    """(target, is_default): --db, else $SIEC_DESK_DB, else the user data folder."""
    chosen = explicit or os.environ.get("SIEC_DESK_DB")
    if chosen:
        return chosen, False
    return str(default_database_path()), True


def sqlite_path(target: str | Path) -> Path | None:
    """The SQLite file a path or URL names (absolute), or None for a server database."""
    from siec_desk.storage.engine import database_url

    url = database_url(target)
    return Path(url.database) if url.get_backend_name() == "sqlite" and url.database else None


def unencrypted_warning(target: str) -> str | None:
    """One translated line when *target* is a remote PostgreSQL server reached without
    ``sslmode=require`` or stronger; None otherwise (the work still goes on)."""
    from siec_desk.storage.transport import unencrypted_warning as warning

    return warning(target)
