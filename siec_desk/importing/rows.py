"""One spreadsheet row read into a household and a consultation, before validation.

A row has a household when it names someone (a name, a phone or an e-mail) and a
consultation when its date cell is filled. Anonymous first-level information keeps no
notes and no follow-up (the service's rule): on anonymous rows these cells are dropped
and counted, so the report can say so, rather than refusing the row.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

from siec_desk.core.i18n import _
from siec_desk.core.json_fields import json_name, to_json
from siec_desk.domain.normalise import fold
from siec_desk.importing import values as val
from siec_desk.importing.codes import IGNORED, UNKNOWN, CodeReader
from siec_desk.importing.fields import IDENTITY, TARGETS, Kind
from siec_desk.importing.problems import CellValueError
from siec_desk.importing.source import Cell, cell_text

#: How a cell of each kind is read (not listed: a duration).
_CELL_READERS: dict[Kind, Callable[[Cell], Any]] = {
    Kind.PHONE: val.phone_text,
    Kind.TIME: val.parse_time,
    Kind.INT: val.parse_int,
    Kind.NUMBER: val.parse_number,
}


@dataclass(frozen=True, slots=True)
class RowProblem:
    line: int
    field: str | None  # a field id (``labels.FIELDS`` / ``importing.fields``)
    value: str
    message: str = dataclasses.field(metadata=json_name("reason"))  # ``field`` is a field

    def as_json(self) -> dict[str, object]:
        return to_json(self)


@dataclass
class UnknownValue:
    field: str
    value: str
    count: int = dataclasses.field(metadata=json_name("rows"))
    first_line: int

    def as_json(self) -> dict[str, object]:
        return to_json(self)


@dataclass
class RowData:
    """What one row says, read but not yet validated."""

    line: int
    fields: dict[str, Any]  # household and consultation fields by target id
    cells: dict[str, str]  # the raw text behind each field, for messages
    identified: bool
    day: date | None
    clock: time | None


@dataclass
class Tally:
    unknown: dict[tuple[str, str], UnknownValue] = field(default_factory=dict)
    anonymous_notes: int = 0
    anonymous_follow_ups: int = 0
    details_without_identity: int = 0


class RowReader:
    """Reads rows with the chosen column fields, the user's value mapping and defaults."""

    def __init__(
        self,
        columns: Sequence[str | None],
        value_mapping: dict[str, dict[str, str | None]],
        defaults: dict[str, str],
        country: str,
        epoch: date,
        today: date,
    ) -> None:
        self.columns = [(i, t, TARGETS[t].kind) for i, t in enumerate(columns) if t]
        self.codes = {
            t: CodeReader(t, value_mapping.get(t))
            for _i, t, _k in self.columns
            if TARGETS[t].codes is not None
        }
        self._split_cache: dict[tuple[str, str], tuple[tuple[str, ...], tuple[str, ...]]] = {}
        self._dates: dict[str, tuple[date, time | None] | CellValueError] = {}
        self.defaults = defaults
        self.country = country
        self.epoch = epoch
        self.today = today
        self.tally = Tally()
        mapped = {t for _i, t, _k in self.columns}
        self.has_date = "date" in mapped

    # -- one cell --------------------------------------------------------------------
    def _split(self, target: str, raw: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(codes, unknown parts) of a cell, remembered per distinct cell text."""
        known = self._split_cache.get((target, raw))
        if known is not None:
            return known
        reader = self.codes[target]
        parts = val.split_codes(raw) if reader.multiple else [raw]
        found: list[str] = []
        unknown: list[str] = []
        for part in parts:
            resolution = reader.resolve(part)
            if resolution.how == UNKNOWN:
                unknown.append(part.strip())
            elif resolution.how != IGNORED:
                found.extend(c for c in resolution.codes if c not in found)
        known = self._split_cache[(target, raw)] = (tuple(found), tuple(unknown))
        return known

    def _codes(self, target: str, raw: str, line: int) -> tuple[str, ...]:
        found, unknown = self._split(target, raw)
        if unknown:
            for part in unknown:
                self._note_unknown(target, part, line)
            raise CellValueError(
                _("Unknown value “{value}”: map it to a code.").format(value=", ".join(unknown))
            )
        return found

    def _note_unknown(self, target: str, raw: str, line: int) -> None:
        key = (target, fold(raw))
        entry = self.tally.unknown.get(key)
        if entry is None:
            self.tally.unknown[key] = UnknownValue(target, raw, 1, line)
        else:
            entry.count += 1

    def _date(self, cell: Cell) -> tuple[date, time | None]:
        """Dates repeat down a sheet: each distinct text is read once."""
        if not isinstance(cell, str):
            return val.parse_date(cell, epoch=self.epoch, today=self.today)
        known = self._dates.get(cell)
        if known is None:
            try:
                known = val.parse_date(cell, epoch=self.epoch, today=self.today)
            except CellValueError as exc:
                known = exc
            self._dates[cell] = known
        if isinstance(known, CellValueError):
            raise known
        return known

    def _read(self, target: str, kind: Kind, cell: Cell, text: str, line: int) -> Any:
        if kind in (Kind.TEXT, Kind.EMAIL):
            return text
        if kind == Kind.CODE:
            codes = self._codes(target, text, line)
            return codes[0] if codes else None
        if kind == Kind.CODES:
            return self._codes(target, text, line)
        if kind == Kind.DATE:
            return self._date(cell)
        if kind == Kind.FULL_NAME:
            return val.split_name(text)
        if kind == Kind.POSTAL_CODE:
            return val.postal_code_text(cell, self.country)
        return _CELL_READERS.get(kind, val.parse_duration)(cell)

    # -- one row ---------------------------------------------------------------------
    def read(self, line: int, cells: Sequence[Cell]) -> RowData | list[RowProblem]:
        fields: dict[str, Any] = {}
        raw: dict[str, str] = {}
        problems: list[RowProblem] = []
        width = len(cells)
        for column, target, kind in self.columns:
            cell = cells[column] if column < width else None
            if cell is None:
                continue
            text = cell.strip() if isinstance(cell, str) else cell_text(cell)
            if not text:
                continue
            try:
                value = self._read(target, kind, cell, text, line)
            except CellValueError as exc:
                problems.append(RowProblem(line, target, text, str(exc)))
                continue
            if kind == Kind.CODES:  # themes, orientations: several columns add up
                fields[target] = tuple(dict.fromkeys((*fields.get(target, ()), *value)))
                raw[target] = ", ".join(filter(None, (raw.get(target), text)))
            elif target == "phone" and "phone" in fields:
                continue  # the first phone column filled wins
            elif value is not None:
                fields[target] = value
                raw[target] = text
        if problems:
            return problems
        return self._assemble(line, fields, raw)

    def _assemble(self, line: int, fields: dict[str, Any], raw: dict[str, str]) -> RowData:
        if "full_name" in fields:
            first, last = fields.pop("full_name")
            fields.setdefault("first_name", first)
            fields.setdefault("last_name", last)
            raw.setdefault("first_name", raw.get("full_name", ""))
            raw.setdefault("last_name", raw.get("full_name", ""))
        identified = any(fields.get(name) for name in IDENTITY)
        day, clock = fields.pop("date", (None, None))
        if "time" in fields:
            clock = fields.pop("time")
        if isinstance(fields.get("follow_up_due"), tuple):
            fields["follow_up_due"] = fields["follow_up_due"][0]
        if day is not None:
            self._add_defaults(fields)
        if not identified:
            self._drop_personal(fields)
        return RowData(line, fields, raw, identified, day, clock)

    def _add_defaults(self, fields: dict[str, Any]) -> None:
        """A consultation's mode, act and theme from the defaults when the row has none."""
        if "mode" not in fields and "mode" in self.defaults:
            fields["mode"] = self.defaults["mode"]
        if "act" not in fields and "act" in self.defaults:
            fields["act"] = self.defaults["act"]
        if not fields.get("themes") and "themes" in self.defaults:
            fields["themes"] = (self.defaults["themes"],)

    def _drop_personal(self, fields: dict[str, Any]) -> None:
        """An anonymous row keeps no notes or follow-up (counted for the report)."""
        household_only = [
            t for t in fields if TARGETS[t].household and t not in ("commune", "postal_code")
        ]
        if household_only:
            self.tally.details_without_identity += 1
        if fields.pop("notes", None):
            self.tally.anonymous_notes += 1
        had_follow_up = fields.pop("follow_up_action", None) or fields.pop("follow_up_due", None)
        fields.pop("follow_up_due", None)
        if had_follow_up:
            self.tally.anonymous_follow_ups += 1
