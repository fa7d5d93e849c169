"""What a column can be imported as: the fields of a household and of a consultation.

Each target has a stable id (used in mapping files), a translated label, a kind that says
how its cells are read (:mod:`siec_desk.importing.values`) and, for coded fields, the
table of shared codes its values map to. The targets are the registry's importable
fields (:mod:`siec_desk.domain.fields`), plus the full name that a sheet may give in one
column; the header words of each are in :mod:`siec_desk.importing.synonyms`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from siec_desk.core.i18n import N_, LazyText
from siec_desk.domain.fields import RECORDS, FieldKind, FieldSpec, Record
from siec_desk.texts import labels as lb


class Kind(StrEnum):
    TEXT = "text"
    FULL_NAME = "full_name"
    PHONE = "phone"
    EMAIL = "email"
    POSTAL_CODE = "postal_code"
    DATE = "date"
    TIME = "time"
    INT = "int"
    NUMBER = "number"
    DURATION = "duration"
    CODE = "code"
    CODES = "codes"  # several codes in a cell ("Isolation, aides"), or several columns


@dataclass(frozen=True)
class Target:
    id: str
    label: LazyText
    kind: Kind
    household: bool  # a household's field (else the consultation's)
    codes: dict[str, LazyText] | None = None
    multiple: bool = False  # several columns may feed it


_KINDS = {
    FieldKind.TEXT: Kind.TEXT,
    FieldKind.NOTE: Kind.TEXT,
    FieldKind.PHONE: Kind.PHONE,
    FieldKind.EMAIL: Kind.EMAIL,
    FieldKind.POSTCODE: Kind.POSTAL_CODE,
    FieldKind.INT: Kind.INT,
    FieldKind.AMOUNT: Kind.NUMBER,
    FieldKind.DECIMAL: Kind.NUMBER,
    FieldKind.MINUTES: Kind.DURATION,
    FieldKind.CODE: Kind.CODE,
    FieldKind.CODES: Kind.CODES,
    FieldKind.DATE: Kind.DATE,
    FieldKind.IDENTIFIER: Kind.TEXT,
}
#: Fields several columns may feed besides those of several codes (mobile and landline).
_MULTIPLE = ("phone",)


def _targets(spec: FieldSpec) -> tuple[Target, ...]:
    """The import targets of a registry field: a date and time is two columns."""
    household = spec.record is Record.HOUSEHOLD
    if spec.kind is FieldKind.DATETIME:
        return (
            Target("date", N_("Date of the consultation"), Kind.DATE, household),
            Target("time", N_("Time of the consultation"), Kind.TIME, household),
        )
    codes = None
    if spec.codes is not None:
        table = lb.code_labels(spec.codes)
        codes = {k: v for k, v in table.items() if k not in spec.refused}
    multiple = spec.kind is FieldKind.CODES or spec.name in _MULTIPLE
    return (Target(spec.name, spec.label, _KINDS[spec.kind], household, codes, multiple),)


_ALL = (
    Target("full_name", N_("Full name (first and last)"), Kind.FULL_NAME, True),
    *(
        target
        for specs in RECORDS.values()
        for spec in specs.values()
        if spec.importable
        for target in _targets(spec)
    ),
)

TARGETS: dict[str, Target] = {t.id: t for t in _ALL}
#: Fields that identify a household: a row with none of them has no household.
IDENTITY = ("full_name", "first_name", "last_name", "phone", "email")
#: Targets whose unmatched values the user maps (the value-mapping step).
CODED = tuple(t.id for t in _ALL if t.codes is not None)
#: Targets a mapping may give a value for the whole file (a log of phone calls only).
DEFAULTABLE = ("mode", "act", "themes")


def label(target_id: str | None) -> str:
    target = TARGETS.get(target_id or "")
    return str(target.label) if target else ""
