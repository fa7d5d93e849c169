"""The dry run's records: the report the user reads and the plan ``apply`` writes.

:class:`ImportReport` is what an import would do (dry run) or did; :class:`ImportPlan`
holds the new households and consultations, packed by :class:`Packer` so the plan of a
large sheet stays small in memory (see ``importing.plan``).
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

from siec_desk.core.json_fields import to_json
from siec_desk.importing.rows import RowProblem, UnknownValue

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]


@dataclass(frozen=True, slots=True)
class HouseholdMatch:
    line: int
    household_id: int
    by: str  # "phone", "name" or "email"

    def as_json(self) -> dict[str, object]:
        return to_json(self)


@dataclass(slots=True)
class NewHousehold:
    line: int
    packed: bytes  # its values (ImportPlan.household_columns), see Packer
    commune: str | None
    postal_code: str | None


@dataclass(slots=True)
class NewConsultation:
    """A valid row's consultation (its household already found, or new in the file)."""

    line: int
    packed: bytes  # its values but commune and postal code (consultation_columns)
    themes: tuple[str, ...]
    household_id: int | None  # an existing household
    new_household: int | None  # index in ImportPlan.households
    commune: str | None
    postal_code: str | None
    mode: str
    day: date
    clock: time | None


@dataclass
class ImportReport:
    """What an import would do (dry run) or did; lines are the file's."""

    rows: int = 0
    blank_rows: int = 0
    repeated_headers: int = 0
    households_new: int = 0
    consultations_new: int = 0
    consultations_existing: int = 0
    matches: list[HouseholdMatch] = field(default_factory=list)
    rejected: list[RowProblem] = field(default_factory=list)
    unknown_values: list[UnknownValue] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    dry_run: bool = True
    backup: str | None = None
    file_sha256: str = ""

    @property
    def rejected_lines(self) -> list[int]:
        return sorted({p.line for p in self.rejected})

    @property
    def households_matched(self) -> int:
        return len({m.household_id for m in self.matches})

    def as_json(self) -> dict[str, object]:
        # Hand-written: the CLI's JSON groups fields under "households" and
        # "consultations" and adds computed counts, in an order unlike the fields'.
        return {
            "dry_run": self.dry_run,
            "rows": self.rows,
            "blank_rows": self.blank_rows,
            "repeated_headers": self.repeated_headers,
            "households": {
                "new": self.households_new,
                "matched": self.households_matched,
                "matches": [m.as_json() for m in self.matches],
            },
            "consultations": {
                "new": self.consultations_new,
                "already_recorded": self.consultations_existing,
            },
            "rejected_rows": len(self.rejected_lines),
            "rejected": [p.as_json() for p in self.rejected],
            "unknown_values": [u.as_json() for u in self.unknown_values],
            "warnings": self.warnings,
            "backup": self.backup,
            "file_sha256": self.file_sha256,
        }


@dataclass
class ImportPlan:
    report: ImportReport
    households: list[NewHousehold]
    consultations: list[NewConsultation]
    household_columns: tuple[str, ...] = ()
    consultation_columns: tuple[str, ...] = ()

    def household_values(self, household: NewHousehold) -> dict[str, Any]:
        return dict(zip(self.household_columns, Packer.unpack(household.packed), strict=True))

    def consultation_values(self, consultation: NewConsultation) -> dict[str, Any]:
        values = dict(
            zip(self.consultation_columns, Packer.unpack(consultation.packed), strict=True)
        )
        values["commune"] = consultation.commune
        values["postal_code"] = consultation.postal_code
        return values


class Packer:
    """The rules' output (dicts of one shape) kept as pickled tuples: 0.1–0.3 KB a row,
    where the dict with its strings and dates as objects takes about 2 KB. Values read
    while matching (commune, postal code, mode, themes) are kept apart, shared."""

    def __init__(self, apart: tuple[str, ...]) -> None:
        self.apart = apart
        self.columns: tuple[str, ...] = ()
        self._shared: dict[Any, Any] = {}

    def pack(self, values: dict[str, Any]) -> bytes:
        columns = tuple(k for k in values if k not in self.apart)
        if columns != self.columns:
            if self.columns:
                raise RuntimeError(f"rows of different shapes: {columns} != {self.columns}")
            self.columns = columns
        return pickle.dumps(tuple(values[k] for k in columns), pickle.HIGHEST_PROTOCOL)

    @staticmethod
    def unpack(packed: bytes) -> tuple[Any, ...]:
        return tuple(pickle.loads(packed))  # only bytes pack() made in this process

    def share(self, value: Any) -> Any:
        return self._shared.setdefault(value, value)
