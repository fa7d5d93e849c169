"""A database's low-level errors as one translated line: busy, disk full, read-only, a
PostgreSQL privilege refused, a damaged file.

Both databases use it: the centre's (:mod:`siec_desk.storage.database`) and the network
coordinator's (:mod:`siec_desk.network.coordinator.database`); each names a damaged file
in its own words (*damaged*). Nothing was saved in any of these cases. Anything else (a
bug, or a constraint the caller handles) is not translated.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy.exc import OperationalError, SQLAlchemyError

from siec_desk.core.errors import DatabaseBusyError, DatabaseError
from siec_desk.core.files import (
    PG_INSUFFICIENT_PRIVILEGE,
    SQLITE_CORRUPT,
    SQLITE_FULL,
    SQLITE_NOTADB,
    SQLITE_READONLY,
    sqlite_code,
    sqlite_reason,
)
from siec_desk.core.i18n import _

_SQLITE_BUSY, _SQLITE_LOCKED = 5, 6

#: Makes the error for a damaged file (the database's own words).
Damaged = Callable[[], DatabaseError]


def is_busy(exc: OperationalError) -> bool:
    """True when SQLite gave up waiting (busy timeout) for another connection's lock."""
    code = getattr(exc.orig, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF in (_SQLITE_BUSY, _SQLITE_LOCKED)  # extended codes included
    return "database is locked" in str(exc.orig)


def busy_error() -> DatabaseBusyError:
    return DatabaseBusyError(
        _("The database is busy (another program is writing to it). Try again in a moment.")
    )


def storage_error(exc: SQLAlchemyError, damaged: Damaged) -> DatabaseError | None:
    """The translated error for a busy, full, read-only or damaged database; None for
    anything else."""
    if isinstance(exc, OperationalError) and is_busy(exc):
        return busy_error()
    code = sqlite_code(exc)
    if code == SQLITE_FULL:
        return DatabaseError(
            _("The disk is full: nothing was saved. Free some space, then try again.")
        )
    if code == SQLITE_READONLY:
        return DatabaseError(
            _(
                "The database cannot be written (the file or its folder is read-only): "
                "nothing was saved."
            )
        )
    if getattr(getattr(exc, "orig", None), "sqlstate", None) == PG_INSUFFICIENT_PRIVILEGE:
        return DatabaseError(  # a mis-granted PostgreSQL role: say so, without the values
            _("The database refused this change: {reason}. Nothing was saved.").format(
                reason=sqlite_reason(exc)
            )
        )
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return damaged()
    return None


@contextmanager
def translated_errors(damaged: Damaged) -> Iterator[None]:
    """Raise the translated error of :func:`storage_error` in place of the driver's."""
    try:
        yield
    except SQLAlchemyError as exc:
        error = storage_error(exc, damaged)
        if error is not None:
            raise error from exc
        raise
