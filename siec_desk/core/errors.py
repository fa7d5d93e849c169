"""Typed errors the user can act on. Their messages are already translated.

Storage and services raise these; the CLI prints ``str(error)`` on one line and exits 1,
the GUI shows it in a message box. Anything else reaching the top is a bug.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

#: ``scheme://user:password@host``: the password (up to the last ``@`` of the word).
_URL_PASSWORD = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*://[^\s:/?#@]*):[^\s]*@")
#: libpq's ``key=value`` connection strings and URL query parameters.
_KEYWORD_PASSWORD = re.compile(
    r"\b(password|passwd|pwd|sslpassword)(\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s'&;,)]+)", re.I
)
#: What SQLAlchemy appends to a driver's message: the statement, its parameters, a link.
_SQLALCHEMY_TAIL = re.compile(r"\s*(\[SQL:|\[parameters:|\[SQL parameters|\(Background on).*", re.S)
ONE_LINE_MAX = 300


def mask_secrets(text: str) -> str:
    """*text* with every database password replaced by ``***``: in URLs
    (``postgresql+psycopg://siec:***@host/db``) and in ``password=…`` connection
    strings, which psycopg repeats in some errors. Used by every message and log path."""
    text = _URL_PASSWORD.sub(r"\1:***@", text)
    return _KEYWORD_PASSWORD.sub(r"\1\2***", text)


def one_line(text: str, limit: int = ONE_LINE_MAX) -> str:
    """The first non-empty line of *text*, passwords masked, at most *limit* characters
    (a driver's message goes on with ``LINE 2: CREATE TABLE …``, ``DETAIL:`` lines
    that may quote the values of a row, and SQLAlchemy's ``[SQL: …]``)."""
    text = _SQLALCHEMY_TAIL.sub("", text)
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    first = mask_secrets(first)
    return first if len(first) <= limit else first[: limit - 1] + "…"


def driver_reason(exc: BaseException) -> str:
    """A database driver's own reason for *exc* (SQLAlchemy's wrapped ``orig`` if any),
    on one line, without the SQL, its parameters or a password."""
    original = getattr(exc, "orig", None) or exc
    return one_line(str(original)) or type(original).__name__


class SiecError(Exception):
    """An error the user can act on; ``str()`` is one translated line."""


class NotFoundError(SiecError):
    pass


class ConflictError(SiecError):
    """Someone saved this record since it was opened; nothing was overwritten.

    Where known: who saved it (an audit actor), when (UTC) and its version now, so the
    user can reload their version or knowingly save over it with that version.
    """

    def __init__(
        self,
        message: str,
        *,
        changed_by: str | None = None,
        changed_at: datetime | None = None,
        current_version: int | None = None,
    ) -> None:
        super().__init__(message)
        self.changed_by = changed_by
        self.changed_at = changed_at
        self.current_version = current_version


class DatabaseError(SiecError):
    """The database cannot be opened, migrated or written."""


class NewerSchemaError(DatabaseError):
    pass


class DatabaseBusyError(DatabaseError):
    """Another program held the database's write lock past the busy timeout; nothing
    was saved, and trying again later is the remedy."""


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str


class ValidationError(SiecError):
    """One or more fields are invalid; nothing was saved."""

    def __init__(self, errors: list[FieldError]) -> None:
        self.errors = errors
        super().__init__("; ".join(e.message for e in errors))

    def for_field(self, field: str) -> list[str]:
        return [e.message for e in self.errors if e.field == field]
