"""What a column can be imported as: the fields of a household and of a consultation.

Each target has a stable id (used in mapping files), a translated label, a kind that says
how its cells are read (:mod:`siec_desk.importing.values`) and, for coded fields, the
table of shared codes its values map to.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from siec_desk.core.i18n import N_, LazyText
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


def _h(id_: str, kind: Kind = Kind.TEXT, codes: dict[str, LazyText] | None = None) -> Target:
    return Target(id_, lb.FIELDS[id_], kind, True, codes)


def _c(id_: str, kind: Kind = Kind.TEXT, codes: dict[str, LazyText] | None = None) -> Target:
    return Target(id_, lb.FIELDS[id_], kind, False, codes)


_ALL = (
    Target("full_name", N_("Full name (first and last)"), Kind.FULL_NAME, True),
    _h("first_name"),
    _h("last_name"),
    Target("phone", lb.FIELDS["phone"], Kind.PHONE, True, multiple=True),
    _h("email", Kind.EMAIL),
    _h("address"),
    _h("commune"),
    _h("postal_code", Kind.POSTAL_CODE),
    _h("tenure", Kind.CODE, lb.TENURES),
    _h("household_size", Kind.INT),
    _h("reference_income", Kind.NUMBER),
    _h("income_category", Kind.CODE, lb.INCOME_CATEGORIES),
    _h("dwelling_type", Kind.CODE, lb.DWELLING_TYPES),
    _h("construction_period", Kind.CODE, lb.CONSTRUCTION_PERIODS),
    _h("surface_m2", Kind.NUMBER),
    _h("heating_energy", Kind.CODE, lb.ENERGY_CARRIERS),
    _h("hot_water_energy", Kind.CODE, lb.ENERGY_CARRIERS),
    _h("letter_language", Kind.CODE, {k: v for k, v in lb.LANGUAGES.items() if k != "en"}),
    Target("date", N_("Date of the consultation"), Kind.DATE, False),
    Target("time", N_("Time of the consultation"), Kind.TIME, False),
    _c("mode", Kind.CODE, lb.CONTACT_MODES),
    _c("act", Kind.CODE, lb.ACT_LEVELS),
    Target("themes", lb.FIELDS["themes"], Kind.CODES, False, lb.THEMES, multiple=True),
    _c("duration_min", Kind.DURATION),
    _c("origin", Kind.CODE, lb.ORIGINS),
    _c("notes"),
    _c("follow_up_action"),
    Target("follow_up_due", lb.FIELDS["follow_up_due"], Kind.DATE, False),
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
