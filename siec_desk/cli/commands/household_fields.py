"""The field options of ``household add|update``, from the field registry
(:mod:`siec_desk.domain.fields`): one ``--kebab-name`` per field an advisor sets (a few
keep the shorter name they were released with), typed by the field's kind, its codes as
choices, its label and bounds as help. A field added to the registry (and to
``HouseholdInput``) is an option without a change here; what is refused is refused by
the household rules, in one line naming the field.
"""

from __future__ import annotations

import argparse
from dataclasses import fields
from typing import Any

from siec_desk.cli.arg_types import iso_date
from siec_desk.core.i18n import _
from siec_desk.domain.fields import HOUSEHOLD, FieldKind, FieldSpec
from siec_desk.domain.household_records import HouseholdInput

#: Options released with another name than the field's.
OPTION_NAMES = {
    "surface_m2": "--surface",
    "heating_kwh_per_year": "--heating-kwh",
    "electricity_kwh_per_year": "--electricity-kwh",
    "butane_bottles_per_month": "--butane-bottles",
    "letter_language": "--letter-lang",
}
#: Fields the command line does not set: a consent and its wording are given in the form.
NOT_OPTIONS = ("consent_wording",)
#: The answers of a yes-or-no field (``unknown`` only where the field may be unknown).
ANSWERS: dict[str, bool | None] = {"yes": True, "no": False, "unknown": None}


def option_fields() -> tuple[FieldSpec, ...]:
    """The registry's household fields that have an option, in the registry's order."""
    given = {f.name for f in fields(HouseholdInput)}
    return tuple(
        s for s in HOUSEHOLD.values() if s.edited and s.name in given and s.name not in NOT_OPTIONS
    )


def option_name(spec: FieldSpec) -> str:
    return OPTION_NAMES.get(spec.name) or "--" + spec.name.replace("_", "-")


def _metavar(spec: FieldSpec) -> str:
    by_name = {"first_name": _("NAME"), "last_name": _("NAME"), "commune": _("COMMUNE")}
    by_kind = {
        FieldKind.PHONE: _("PHONE"),
        FieldKind.EMAIL: _("EMAIL"),
        FieldKind.POSTCODE: _("CODE"),
        FieldKind.INT: "N",
        FieldKind.AMOUNT: "N",
        FieldKind.DECIMAL: _("NUMBER"),
        FieldKind.DATE: "YYYY-MM-DD",
        FieldKind.IDENTIFIER: _("REFERENCE"),
    }
    return by_name.get(spec.name) or by_kind.get(spec.kind) or _("TEXT")


def _help(spec: FieldSpec) -> str:
    label = str(spec.label)
    if spec.low is not None and spec.high is not None:
        return _("{label}, from {low} to {high}").format(label=label, low=spec.low, high=spec.high)
    if spec.kind is FieldKind.IDENTIFIER:
        return _("{label}: {count} letters and digits").format(label=label, count=spec.max_length)
    if spec.kind is FieldKind.DATE and spec.past:
        return _("{label}, not after today").format(label=label)
    return label


def _how(spec: FieldSpec) -> dict[str, Any]:
    """The ``add_argument`` keywords of a field's option."""
    how: dict[str, Any] = {"dest": spec.name, "help": _help(spec)}
    if spec.kind is FieldKind.CODE and spec.codes is not None:
        how["choices"] = [c.value for c in spec.codes if c.value not in spec.refused]
    elif spec.kind is FieldKind.FLAG:
        how["choices"] = ["yes", "no"]
    elif spec.kind is FieldKind.TRISTATE:
        how["choices"] = list(ANSWERS)
    else:
        how["metavar"] = _metavar(spec)
        if spec.kind in (FieldKind.INT, FieldKind.AMOUNT):
            how["type"] = int
        elif spec.kind is FieldKind.DECIMAL:
            how["type"] = float
        elif spec.kind is FieldKind.DATE:
            how["type"] = iso_date
    return how


def add_field_options(parser: argparse.ArgumentParser) -> None:
    for spec in option_fields():
        parser.add_argument(option_name(spec), **_how(spec))


def given_fields(args: argparse.Namespace) -> dict[str, object]:
    """The fields the command line gives (options left out are not in the result)."""
    given: dict[str, object] = {}
    for spec in option_fields():
        value = getattr(args, spec.name, None)
        if value is None:
            continue
        if spec.kind in (FieldKind.FLAG, FieldKind.TRISTATE):
            value = ANSWERS[value]
        given[spec.name] = value
    return given
