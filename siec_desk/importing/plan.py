"""The dry run: every row read, validated and matched, nothing written.

Pass 1 reads each row and validates it with the services' rules (:class:`Rules`); a row
with any bad value is rejected whole, with its line number and the reason. Pass 2 finds
each row's household — already in the database, met on an earlier row, or new — and
whether its consultation is already recorded. The result, an :class:`ImportPlan`, is
both the report the user reads and the rows ``apply`` writes.

Re-importing the same file adds nothing: its people are found again by phone or by name
and commune, and each consultation by its key (household or, anonymous, commune; day;
mode; themes; and the time when the sheet gives one). A key present *n* times in the
database matches its first *n* rows in the file, so two identical anonymous calls on
one day are two consultations, and importing them again adds none.

Rows are streamed from the file (``source.Rows``); each household is matched as soon as
its row is valid (the database's households are loaded first), and only what the import
writes is kept, packed (pickled tuples): the plan of a 50 MB sheet fits in 400 MB
(``benchmarks/import_memory.py``). The consultations already recorded are loaded for the
file's days once every row is read, and matched then.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any, Protocol

from siec_desk.core.errors import ValidationError
from siec_desk.core.i18n import _, ngettext
from siec_desk.domain.consultation_records import ConsultationInput
from siec_desk.domain.household_records import HouseholdInput
from siec_desk.importing.fields import IDENTITY
from siec_desk.importing.mapping import ImportMapping
from siec_desk.importing.problems import ImportCancelledError, ImportMappingError
from siec_desk.importing.rows import RowData, RowProblem, RowReader, Tally, UnknownValue
from siec_desk.importing.source import RowCounts, SourceTable, data_rows
from siec_desk.storage.import_matching import (
    DATE_ONLY_TIME,
    ExistingIndex,
    consultation_key,
    household_name_key,
)

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]
_STEP = 500

_HOUSEHOLD_FIELDS = tuple(HouseholdInput.__dataclass_fields__)


class Rules(Protocol):
    """The services' validation, as the import needs it (``services.import_rules``)."""

    now: datetime  # the moment of the import: nothing may be dated after it

    def household(self, data: HouseholdInput) -> dict[str, Any]:
        """Column values of a valid new household; ``ValidationError`` otherwise."""

    def consultation(self, data: ConsultationInput, identified: bool) -> dict[str, Any]:
        """Column values (and ``themes``) of a valid consultation; ``ValidationError``."""


@dataclass(frozen=True, slots=True)
class HouseholdMatch:
    line: int
    household_id: int
    by: str  # "phone", "name" or "email"

    def as_json(self) -> dict[str, object]:
        return {"line": self.line, "household_id": self.household_id, "by": self.by}


@dataclass(slots=True)
class NewHousehold:
    line: int
    packed: bytes  # its values (ImportPlan.household_columns), see _Packer
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
        return dict(zip(self.household_columns, _Packer.unpack(household.packed), strict=True))

    def consultation_values(self, consultation: NewConsultation) -> dict[str, Any]:
        values = dict(
            zip(self.consultation_columns, _Packer.unpack(consultation.packed), strict=True)
        )
        values["commune"] = consultation.commune
        values["postal_code"] = consultation.postal_code
        return values


class _Packer:
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


_PLACE = ("commune", "postal_code")


def _household_input(fields: dict[str, Any], with_notes: bool) -> HouseholdInput:
    """The household's fields; notes go to the consultation when the row has one."""
    given = {k: v for k, v in fields.items() if k in _HOUSEHOLD_FIELDS}
    if not with_notes:
        given.pop("notes", None)
    if "reference_income" in given:
        given["reference_income"] = round(given["reference_income"])
    return HouseholdInput(**given)


def _occurred_at(day: date, clock: time | None, now: datetime) -> datetime:
    """The row's time; a date alone is logged at noon, or now if noon is still to come."""
    if clock is not None:
        return datetime.combine(day, clock)
    moment = datetime.combine(day, DATE_ONLY_TIME)
    return min(moment, now.replace(second=0, microsecond=0)) if day == now.date() else moment


def _consultation_input(row: RowData, now: datetime) -> ConsultationInput:
    f = row.fields
    assert row.day is not None
    return ConsultationInput(
        mode=f.get("mode") or "",
        themes=tuple(f.get("themes", ())),
        act=f.get("act"),
        occurred_at=_occurred_at(row.day, row.clock, now),
        duration_min=f.get("duration_min"),
        origin=f.get("origin"),
        commune=f.get("commune"),
        postal_code=f.get("postal_code"),
        notes=f.get("notes") if row.identified else None,
        follow_up_action=f.get("follow_up_action") if row.identified else None,
        follow_up_due=f.get("follow_up_due") if row.identified else None,
    )


def _problems(row: RowData, exc: ValidationError) -> list[RowProblem]:
    return [
        RowProblem(row.line, e.field, row.cells.get(_CELL_OF.get(e.field, e.field), ""), e.message)
        for e in exc.errors
    ]


#: The column behind a service field, when their names differ.
_CELL_OF = {"occurred_at": "date", "household_id": "act"}


class _Matcher:
    """Pass 1's households: found in the database, met on an earlier row, or new."""

    def __init__(self, existing: ExistingIndex, report: ImportReport) -> None:
        self.existing = existing
        self.report = report
        self.in_file = ExistingIndex()  # households first met in this file (ids: indexes)
        self.households: list[NewHousehold] = []
        self.packer = _Packer(())

    def find(self, line: int, household: dict[str, Any]) -> tuple[int | None, int | None]:
        """(database id, None) or (None, index of the new household)."""
        phone = household.get("phone")
        key = household_name_key(
            household.get("first_name"), household.get("last_name"), household.get("commune")
        )
        email = household.get("email")
        found = self.existing.household(phone, key, email)
        if found is not None:
            self.report.matches.append(HouseholdMatch(line, found[0], found[1]))
            return found[0], None
        again = self.in_file.household(phone, key, email)
        if again is not None:
            return None, again[0]
        index = len(self.households)
        place = self.packer.share(household.get("commune"))
        postal = self.packer.share(household.get("postal_code"))
        self.households.append(NewHousehold(line, self.packer.pack(household), place, postal))
        self.in_file.add(index, phone, key, email)
        return None, index


def validate_rows(
    reader: RowReader,
    rows: Iterable[tuple[int, list[Any]]],
    rules: Rules,
    total: int,
    progress: Progress,
    cancelled: Cancelled,
    matcher: _Matcher,
    packer: _Packer,
) -> tuple[list[NewConsultation], list[RowProblem], int]:
    """Pass 1 (streamed): (consultations of the valid rows, their households matched;
    problems; rows read). A valid row without a date adds or finds its household only."""
    valid: list[NewConsultation] = []
    problems: list[RowProblem] = []
    count = 0
    for count, (line, cells) in enumerate(rows, 1):
        if count % _STEP == 0:
            if cancelled():
                raise ImportCancelledError(_("Import cancelled: nothing was written."))
            progress(count, total, "check")
        read = reader.read(line, cells)
        if isinstance(read, list):
            problems.extend(read)
            continue
        if not read.identified and read.day is None:
            problems.append(
                RowProblem(
                    line,
                    None,
                    "",
                    _("Nothing to import: no name, phone or e-mail, and no date.")
                    if reader.has_date
                    else _("Nothing to import: no name, phone or e-mail."),
                )
            )
            continue
        try:
            household = (
                rules.household(_household_input(read.fields, read.day is None))
                if read.identified
                else None
            )
        except ValidationError as exc:
            problems.extend(_problems(read, exc))
            household = None
            failed = True
        else:
            failed = False
        consultation = None
        if read.day is not None:
            try:
                consultation = rules.consultation(
                    _consultation_input(read, rules.now), read.identified
                )
            except ValidationError as exc:
                problems.extend(_problems(read, exc))
                failed = True
        if failed:
            continue
        found, new_index = matcher.find(line, household) if household is not None else (None, None)
        if consultation is None or read.day is None:
            continue
        valid.append(
            NewConsultation(
                line,
                packer.pack(consultation),
                packer.share(tuple(consultation["themes"])),
                found,
                new_index,
                packer.share(consultation["commune"]),
                packer.share(consultation["postal_code"]),
                packer.share(consultation["mode"]),
                read.day,
                read.clock,
            )
        )
    progress(count, count, "check")
    return valid, problems, count


def match_rows(
    valid: list[NewConsultation], matcher: _Matcher, packer: _Packer, report: ImportReport
) -> ImportPlan:
    """Pass 2: consultations already recorded or new (households were matched in pass 1).
    *valid* becomes the plan's list of new consultations (filtered in place)."""
    existing = matcher.existing
    households = matcher.households
    kept = 0
    for row in valid:
        if row.new_household is None:
            key = consultation_key(row.household_id, row.commune, row.day, row.mode, row.themes)
            if existing.take_consultation(key, row.clock):
                report.consultations_existing += 1
                continue
            if row.household_id is not None:
                place, postal = existing.places.get(row.household_id, (None, None))
                row.commune = row.commune or packer.share(place)
                row.postal_code = row.postal_code or packer.share(postal)
        else:
            new = households[row.new_household]
            row.commune = row.commune or new.commune
            row.postal_code = row.postal_code or new.postal_code
        valid[kept] = row
        kept += 1
    del valid[kept:]
    report.households_new = len(households)
    report.consultations_new = len(valid)
    return ImportPlan(report, households, valid, matcher.packer.columns, packer.columns)


def warnings_of(tally: Tally) -> list[str]:
    found = []
    if tally.anonymous_notes:
        n = tally.anonymous_notes
        found.append(
            ngettext(
                "Notes on {n} row without a name, phone or e-mail are not kept: anonymous "
                "first-level information keeps no notes.",
                "Notes on {n} rows without a name, phone or e-mail are not kept: anonymous "
                "first-level information keeps no notes.",
                n,
            ).format(n=n)
        )
    if tally.anonymous_follow_ups:
        n = tally.anonymous_follow_ups
        found.append(
            ngettext(
                "Follow-ups on {n} row without a name, phone or e-mail are not kept: a "
                "follow-up needs an identified household.",
                "Follow-ups on {n} rows without a name, phone or e-mail are not kept: a "
                "follow-up needs an identified household.",
                n,
            ).format(n=n)
        )
    if tally.details_without_identity:
        n = tally.details_without_identity
        found.append(
            ngettext(
                "Household details on {n} row without a name, phone or e-mail are not kept.",
                "Household details on {n} rows without a name, phone or e-mail are not kept.",
                n,
            ).format(n=n)
        )
    return found


def build_plan(
    table: SourceTable,
    header_line: int,
    columns: list[str | None],
    mapping: ImportMapping,
    rules: Rules,
    load_households: Callable[[], ExistingIndex],
    load_consultations: Callable[[ExistingIndex, date, date], None],
    *,
    country: str,
    today: date,
    progress: Progress,
    cancelled: Cancelled,
) -> ImportPlan:
    """Read, validate and match every data row of *table*, streamed (nothing is written)."""
    mapped = {c for c in columns if c}
    if not mapped.intersection((*IDENTITY, "date")):
        raise ImportMappingError(
            _("Nothing to import: choose the column of a name, a phone, an e-mail or a date.")
        )
    counts = RowCounts()
    reader = RowReader(columns, mapping.values, mapping.defaults, country, table.epoch, today)
    report = ImportReport(file_sha256=table.sha256)
    matcher = _Matcher(load_households(), report)
    packer = _Packer(("themes", *_PLACE))
    valid, problems, read = validate_rows(
        reader,
        data_rows(table, header_line, counts),
        rules,
        len(table.rows),
        progress,
        cancelled,
        matcher,
        packer,
    )
    progress(0, 0, "match")
    if valid:
        days = [row.day for row in valid]
        load_consultations(matcher.existing, min(days), max(days))
        del days
    if cancelled():
        raise ImportCancelledError(_("Import cancelled: nothing was written."))
    report.rows = read
    report.blank_rows = counts.blank
    report.repeated_headers = counts.repeated_headers
    report.rejected = sorted(problems, key=lambda p: p.line)
    report.unknown_values = sorted(
        reader.tally.unknown.values(), key=lambda u: (u.field, -u.count, u.first_line)
    )
    report.warnings = [*table.notes(), *warnings_of(reader.tally)]
    return match_rows(valid, matcher, packer, report)
