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
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any, Protocol

from siec_desk.errors import ValidationError
from siec_desk.i18n import _, ngettext
from siec_desk.importing.existing import (
    DATE_ONLY_TIME,
    ExistingIndex,
    consultation_key,
    household_name_key,
)
from siec_desk.importing.fields import IDENTITY
from siec_desk.importing.mapping import ImportMapping
from siec_desk.importing.problems import ImportCancelledError, ImportMappingError
from siec_desk.importing.rows import RowData, RowProblem, RowReader, Tally, UnknownValue
from siec_desk.importing.source import RowCounts, SourceTable, data_rows
from siec_desk.services.consultation_types import ConsultationInput
from siec_desk.services.household_types import HouseholdInput

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


@dataclass(frozen=True)
class HouseholdMatch:
    line: int
    household_id: int
    by: str  # "phone", "name" or "email"

    def as_json(self) -> dict[str, object]:
        return {"line": self.line, "household_id": self.household_id, "by": self.by}


@dataclass
class NewHousehold:
    line: int
    values: dict[str, Any]


@dataclass
class NewConsultation:
    line: int
    values: dict[str, Any]
    themes: tuple[str, ...]
    household_id: int | None = None  # an existing household
    new_household: int | None = None  # index in ImportPlan.households


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


@dataclass
class _Valid:
    line: int
    household: dict[str, Any] | None
    consultation: dict[str, Any] | None
    themes: tuple[str, ...]
    day: date | None
    clock: time | None


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


def validate_rows(
    reader: RowReader,
    rows: Iterable[tuple[int, list[Any]]],
    rules: Rules,
    total: int,
    progress: Progress,
    cancelled: Cancelled,
) -> tuple[list[_Valid], list[RowProblem], int]:
    """Pass 1: (valid rows, problems, rows read)."""
    valid: list[_Valid] = []
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
        themes = tuple(consultation.pop("themes")) if consultation else ()
        valid.append(_Valid(line, household, consultation, themes, read.day, read.clock))
    progress(count, total, "check")
    return valid, problems, count


def match_rows(valid: list[_Valid], existing: ExistingIndex, report: ImportReport) -> ImportPlan:
    """Pass 2: households found or new, consultations already recorded or new."""
    households: list[NewHousehold] = []
    consultations: list[NewConsultation] = []
    in_file = ExistingIndex()  # households first met in this file (ids are list indexes)
    for row in valid:
        existing_id: int | None = None
        new_index: int | None = None
        if row.household is not None:
            phone = row.household.get("phone")
            key = household_name_key(
                row.household.get("first_name"),
                row.household.get("last_name"),
                row.household.get("commune"),
            )
            email = row.household.get("email")
            found = existing.household(phone, key, email)
            if found is not None:
                existing_id = found[0]
                report.matches.append(HouseholdMatch(row.line, found[0], found[1]))
            else:
                again = in_file.household(phone, key, email)
                if again is not None:
                    new_index = again[0]
                else:
                    new_index = len(households)
                    households.append(NewHousehold(row.line, row.household))
                    in_file.add(new_index, phone, key, email)
        if row.consultation is None or row.day is None:
            continue
        values = row.consultation
        if new_index is None:
            commune = values.get("commune")
            if existing_id is not None:
                place, postal = existing.places.get(existing_id, (None, None))
                values["commune"] = values.get("commune") or place
                values["postal_code"] = values.get("postal_code") or postal
            key_ = consultation_key(existing_id, commune, row.day, values["mode"], row.themes)
            if existing.take_consultation(key_, row.clock):
                report.consultations_existing += 1
                continue
        else:
            hh = households[new_index].values
            values["commune"] = values.get("commune") or hh.get("commune")
            values["postal_code"] = values.get("postal_code") or hh.get("postal_code")
        consultations.append(NewConsultation(row.line, values, row.themes, existing_id, new_index))
    report.households_new = len(households)
    report.consultations_new = len(consultations)
    return ImportPlan(report, households, consultations)


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
    load_existing: Callable[[date | None, date | None], ExistingIndex],
    *,
    country: str,
    today: date,
    progress: Progress,
    cancelled: Cancelled,
) -> ImportPlan:
    """Read, validate and match every data row of *table* (nothing is written)."""
    mapped = {c for c in columns if c}
    if not mapped.intersection((*IDENTITY, "date")):
        raise ImportMappingError(
            _("Nothing to import: choose the column of a name, a phone, an e-mail or a date.")
        )
    counts = RowCounts()
    rows = list(data_rows(table, header_line, counts))
    reader = RowReader(columns, mapping.values, mapping.defaults, country, table.epoch, today)
    valid, problems, read = validate_rows(reader, rows, rules, len(rows), progress, cancelled)
    days = [r.day for r in valid if r.day is not None and r.consultation is not None]
    progress(0, 0, "match")
    existing = load_existing(min(days, default=None), max(days, default=None))
    if cancelled():
        raise ImportCancelledError(_("Import cancelled: nothing was written."))
    report = ImportReport(
        rows=read,
        blank_rows=counts.blank,
        repeated_headers=counts.repeated_headers,
        rejected=sorted(problems, key=lambda p: p.line),
        unknown_values=sorted(
            reader.tally.unknown.values(), key=lambda u: (u.field, -u.count, u.first_line)
        ),
        warnings=warnings_of(reader.tally),
        file_sha256=table.sha256,
    )
    return match_rows(valid, existing, report)
