"""The rows of an events sheet turned into events, checked, and keyed for re-imports.

Each row is read through the import's value readers (``importing/values.py``: dates day
first or ISO or serial, times, durations, whole numbers) and checked by the one rule of
the register, :func:`~siec_desk.domain.event_rules.validate_event`. A row is taken whole
or refused whole, with every reason on one line. Two events are the same when they share
their date, type, commune and title (compared folded): :func:`event_key`. Pure.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from siec_desk.core.errors import ValidationError
from siec_desk.core.i18n import _
from siec_desk.domain.event_records import EventInput
from siec_desk.domain.event_rules import ValidEvent, validate_event
from siec_desk.domain.fields import EVENT as F
from siec_desk.domain.normalise import fold
from siec_desk.importing import values as val
from siec_desk.importing.events_columns import (
    AUDIENCE_PREFIX,
    EventCodes,
    target_label,
    theme_reader,
)
from siec_desk.importing.problems import CellValueError
from siec_desk.importing.source import Cell, RowCounts, SourceTable, cell_text, data_rows

EventKey = tuple[date, str, str, str]
_TEXTS = ("commune", "place", "partners", "title", "notes")


def event_key(
    occurred_on: date, event_type: str, commune: str | None, title: str | None
) -> EventKey:
    """What makes two events the same for an import: date, type, commune and title."""
    return (occurred_on, event_type, fold(commune), fold(title))


@dataclass(frozen=True)
class EventRow:
    """A row that passed the rules: its line and the event to store."""

    line: int
    event: ValidEvent

    @property
    def key(self) -> EventKey:
        e = self.event
        return event_key(e.occurred_on, e.event_type, e.commune, e.title)


@dataclass(frozen=True)
class RefusedRow:
    line: int
    reason: str


@dataclass(frozen=True)
class SkippedRow:
    """A row whose event is already recorded: in the database (``event_id``) or on an
    earlier line of the file (``first_line``)."""

    line: int
    event_id: int | None = None
    first_line: int | None = None


def split_duplicates(
    rows: Sequence[EventRow], recorded: Mapping[EventKey, int]
) -> tuple[list[EventRow], list[SkippedRow]]:
    """The rows to import (the first of each key not *recorded*) and those skipped."""
    first: dict[EventKey, int] = {}
    new: list[EventRow] = []
    skipped: list[SkippedRow] = []
    for row in rows:
        key = row.key
        if key in recorded:
            skipped.append(SkippedRow(row.line, event_id=recorded[key]))
        elif key in first:
            skipped.append(SkippedRow(row.line, first_line=first[key]))
        else:
            first[key] = row.line
            new.append(row)
    return new, skipped


@dataclass
class EventRows:
    """The rows of a sheet read: the valid events and the refused rows, in file order."""

    valid: list[EventRow] = field(default_factory=list)
    refused: list[RefusedRow] = field(default_factory=list)
    blank: int = 0
    repeated_headers: int = 0


class _Reader:
    """Reads the cells of one row into an :class:`EventInput`, collecting problems."""

    def __init__(self, columns: Sequence[str | None], epoch: date, today: date) -> None:
        self.columns = list(enumerate(columns))
        self.epoch = epoch
        self.today = today
        self.types = EventCodes("event_type")
        self.audiences = EventCodes("audience")
        self.themes = theme_reader()

    def read(self, cells: Sequence[Cell]) -> tuple[EventInput | None, list[str]]:
        problems: list[str] = []
        values: dict[str, Any] = {"occurred_on": None, "event_type": None}
        audiences: dict[str, int] = {}
        themes: list[str] = []
        pair: dict[str, Cell] = {}  # the audience / participants columns
        for index, target in self.columns:
            cell = cells[index] if index < len(cells) else None
            text = cell_text(cell)
            if target is None or not text:
                continue
            try:
                if target.startswith(AUDIENCE_PREFIX):
                    code = target.removeprefix(AUDIENCE_PREFIX)
                    audiences[code] = audiences.get(code, 0) + val.parse_int(cell)
                elif target in ("audience", "participants"):
                    pair[target] = cell
                elif target == "themes":
                    themes.extend(self._themes(text))
                else:
                    self._value(values, target, cell, text)
            except CellValueError as exc:
                problems.append(_said(target_label(target), str(exc)))
        problems.extend(self._pair(pair, audiences))
        if problems:
            return None, problems
        return EventInput(**values, audiences=audiences, themes=tuple(themes)), []

    def _value(self, values: dict[str, Any], target: str, cell: Cell, text: str) -> None:
        """One cell of a single-valued column into *values* (the input's names)."""
        if target == "date":
            day, moment = val.parse_date(cell, epoch=self.epoch, today=self.today)
            values["occurred_on"] = day
            if moment is not None:
                values.setdefault("starts_at", moment)
        elif target == "time":
            values["starts_at"] = val.parse_time(cell)
        elif target == "duration":
            values["duration_min"] = val.parse_duration(cell)
        elif target == "type":
            values["event_type"] = self._code(self.types, text)
        elif target in _TEXTS:
            values[target] = text if target == "notes" else " ".join(text.split())

    @staticmethod
    def _code(codes: EventCodes, text: str) -> str:
        code = codes.code(text)
        if code is None:
            raise CellValueError(_("“{value}” is not a known value.").format(value=text))
        return code

    def _themes(self, text: str) -> list[str]:
        found: list[str] = []
        for part in val.split_codes(text):
            resolution = self.themes.resolve(part)
            if not resolution.codes and resolution.how != "ignored":
                raise CellValueError(_("“{value}” is not a known value.").format(value=part))
            found.extend(resolution.codes)
        return found

    def _pair(self, pair: dict[str, Cell], audiences: dict[str, int]) -> list[str]:
        """The audience / participants columns: both filled, or neither."""
        if not pair:
            return []
        audience, count = pair.get("audience"), pair.get("participants")
        if audience is None or count is None:
            missing = "audience" if audience is None else "participants"
            return [_said(target_label(missing), _("This field is required."))]
        try:
            code = self._code(self.audiences, cell_text(audience))
        except CellValueError as exc:
            return [_said(target_label("audience"), str(exc))]
        try:
            audiences[code] = audiences.get(code, 0) + val.parse_int(count)
        except CellValueError as exc:
            return [_said(target_label("participants"), str(exc))]
        return []


def _said(field: str, message: str) -> str:
    return _("{field}: {message}").format(field=field, message=message)


def _reasons(error: ValidationError) -> list[str]:
    texts = []
    for problem in error.errors:
        spec = F.get(problem.field)
        texts.append(_said(str(spec.label), problem.message) if spec else problem.message)
    return texts


def read_event_rows(
    table: SourceTable,
    header_line: int,
    columns: Sequence[str | None],
    *,
    today: date,
    counts: RowCounts | None = None,
) -> Iterator[tuple[int, ValidEvent | None, list[str]]]:
    """(line, the event or None, the reasons it is refused) for each data row."""
    reader = _Reader(columns, table.epoch, today)
    for line, cells in data_rows(table, header_line, counts):
        data, problems = reader.read(cells)
        if data is None:
            yield line, None, problems
            continue
        try:
            yield line, validate_event(data, today=today), []
        except ValidationError as exc:
            yield line, None, _reasons(exc)


def collect_rows(
    table: SourceTable, header_line: int, columns: Sequence[str | None], *, today: date
) -> EventRows:
    """Every data row of the sheet, read and checked."""
    rows = EventRows()
    counts = RowCounts()
    for line, event, problems in read_event_rows(
        table, header_line, columns, today=today, counts=counts
    ):
        if event is None:
            rows.refused.append(RefusedRow(line, "; ".join(problems)))
        else:
            rows.valid.append(EventRow(line, event))
    rows.blank, rows.repeated_headers = counts.blank, counts.repeated_headers
    return rows
