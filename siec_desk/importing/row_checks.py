"""The dry run's row validation: a row read becomes the household and consultation the
services would store, checked by their rules (:class:`Rules`), or the row's problems.

Also the report's warnings on cells an import drops (:func:`warnings_of`).
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any, Protocol

from siec_desk.core.errors import ValidationError
from siec_desk.core.i18n import ngettext
from siec_desk.domain.consultation_records import ConsultationInput
from siec_desk.domain.household_records import HouseholdInput
from siec_desk.importing.matching import DATE_ONLY_TIME
from siec_desk.importing.rows import RowData, RowProblem, Tally

_HOUSEHOLD_FIELDS = tuple(HouseholdInput.__dataclass_fields__)


class Rules(Protocol):
    """The services' validation, as the import needs it (``services.import_rules``)."""

    now: datetime  # the moment of the import: nothing may be dated after it

    def household(self, data: HouseholdInput) -> dict[str, Any]:
        """Column values of a valid new household; ``ValidationError`` otherwise."""

    def consultation(self, data: ConsultationInput, identified: bool) -> dict[str, Any]:
        """Column values (and ``themes``) of a valid consultation; ``ValidationError``."""


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
        orientations=tuple(f.get("orientations", ())),
        act=f.get("act"),
        project_type=f.get("project_type"),
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


def validated(
    read: RowData, rules: Rules, problems: list[RowProblem]
) -> tuple[dict[str, Any] | None, dict[str, Any] | None] | None:
    """The row's household and consultation as the services would store them (None when
    the row has none); None when either is refused, with every problem of both added to
    *problems*."""
    failed = False
    household = consultation = None
    if read.identified:
        try:
            household = rules.household(_household_input(read.fields, read.day is None))
        except ValidationError as exc:
            problems.extend(_problems(read, exc))
            failed = True
    if read.day is not None:
        try:
            consultation = rules.consultation(_consultation_input(read, rules.now), read.identified)
        except ValidationError as exc:
            problems.extend(_problems(read, exc))
            failed = True
    return None if failed else (household, consultation)


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
