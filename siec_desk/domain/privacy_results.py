"""What a retention purge and an erasure on request did: plain results, shown in words by
``texts/privacy.py`` and written as JSON by the command line."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from siec_desk.core.json_fields import json_name, to_json

ANONYMISE, DELETE = "anonymise", "delete"
MODES = (ANONYMISE, DELETE)


@dataclass(frozen=True, kw_only=True)
class PurgeResult:
    """Its fields are in the order of its JSON object (``privacy purge --json``)."""

    mode: str
    dry_run: bool = False
    retention_years: int
    cutoff: date  # households whose last contact is before this day
    households: int
    consultations: int
    letters: int
    ids: tuple[int, ...] = field(default=(), metadata=json_name("household_ids"))
    #: Letter files that could not be deleted (open in a viewer…): retried at each start.
    files_left: tuple[Path, ...] = field(default=(), metadata=json_name("files_not_deleted"))

    def as_json(self) -> dict[str, object]:
        return to_json(self)


@dataclass(frozen=True)
class EraseResult:
    household_id: int
    consultations: int
    letters: int
    #: Letter files that could not be deleted (open in a viewer…): retried at each start.
    files_left: tuple[Path, ...] = ()
