"""Typed errors the user can act on. Their messages are already translated.

Storage and services raise these; the CLI prints ``str(error)`` on one line and exits 1,
the GUI shows it in a message box. Anything else reaching the top is a bug.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


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
