"""A household's rules, pure: :func:`validate_household` checks a form's or a sheet's
input against the field registry (:mod:`siec_desk.domain.fields`) and the rules between
fields, and gives every column value to store, or raises one
:class:`~siec_desk.core.errors.ValidationError` naming every problem.

The household service (a form, the command line) and the import call it alike, so a
value one refuses the other refuses too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from siec_desk.core.i18n import _
from siec_desk.domain import normalise
from siec_desk.domain.codes import Country, DwellingType, IncomeCategory, Language
from siec_desk.domain.fields import HOUSEHOLD, FieldKind
from siec_desk.domain.household_records import HouseholdInput
from siec_desk.domain.income import income_zone
from siec_desk.domain.validation import Checker, check_field

#: The French income category from (household size, reference income, Île-de-France).
FrenchCategory = Callable[[int | None, int | None, bool], str]

#: Fields whose own kind is checked in registry order; the others follow the rules below.
_BY_KIND = tuple(
    s
    for s in HOUSEHOLD.values()
    if s.edited
    and s.kind not in (FieldKind.FLAG, FieldKind.TRISTATE)
    and s.name not in ("income_category", "consent_wording", "consent_recontact_on")
)


@dataclass(frozen=True)
class HouseholdRules:
    """What the rules need from outside: the centre's country, the income scale in force,
    the standard consent wording (by letter language) and today's date."""

    country: str
    french_category: FrenchCategory
    consent_wording: Callable[[str], str]
    today: date


@dataclass(frozen=True)
class StoredHousehold:
    """What an edit keeps from the household as stored."""

    letter_language: str | None = None
    consent_recontact_on: date | None = None


@dataclass(frozen=True)
class ValidHousehold:
    """Every column a household's input sets, checked: the registry's edited fields
    (:func:`siec_desk.domain.fields.edited`) and the search words. A new field of the
    registry is here without a change to this module."""

    values: Mapping[str, Any]

    def __getitem__(self, name: str) -> Any:
        return self.values[name]

    def columns(self) -> dict[str, Any]:
        return dict(self.values)


def validate_household(
    data: HouseholdInput, rules: HouseholdRules, stored: StoredHousehold | None = None
) -> ValidHousehold:
    """*data* checked completely (or ``ValidationError``), as the columns to store.

    *stored* is the household being edited (none for a new one): it keeps its letter
    language when none is given, and the day it first agreed to be contacted again."""
    stored = stored or StoredHousehold()
    check = Checker()
    values = _checked_fields(check, data, rules)
    if data.letter_language == Language.EN:
        check.add("letter_language", _("Letters are printed in French or Arabic."))
    identity = ("first_name", "last_name", "phone", "email", "commune")
    if not any(values[name] for name in identity):
        check.add("last_name", _("Give at least a name, a phone, an e-mail or a commune."))
    band = check.code("income_category", data.income_category, IncomeCategory)
    check.raise_if_any()

    france = rules.country == Country.FR
    zone, _deduced = income_zone(values["postal_code"], values["tenure"], bool(data.ile_de_france))
    values["ile_de_france"] = zone and france  # from the postcode when known (income_zone)
    # Only a flat has a floor: elsewhere the roof is the household's own.
    values["top_floor"] = data.top_floor if data.dwelling_type == DwellingType.APARTMENT else None
    language = values["letter_language"] or stored.letter_language or ("fr" if france else "ar")
    values["letter_language"] = language
    if france:
        category = rules.french_category(
            values["household_size"], values["reference_income"], values["ile_de_france"]
        )
    else:
        category = band or IncomeCategory.UNKNOWN.value
    consent = data.consent_recontact
    # Consent is recorded with the words the household agreed to.
    wording = values.pop("consent_wording")
    values["consent_wording"] = (wording or rules.consent_wording(language)) if consent else None
    values["consent_recontact_on"] = (
        (stored.consent_recontact_on or rules.today) if consent else None
    )
    search = normalise.search_text(
        values["first_name"], values["last_name"], values["phone"], values["email"],
        values["commune"],
    )  # fmt: skip
    return ValidHousehold({**values, "income_category": category, "search_text": search})


def _checked_fields(check: Checker, data: HouseholdInput, rules: HouseholdRules) -> dict[str, Any]:
    """Each field checked by its kind, bounds and length, in the registry's order; the
    consent wording only when consent is given; a field of other countries' centres (the
    DPE outside France) is not kept."""
    values: dict[str, Any] = {}
    for spec in _BY_KIND:
        value = getattr(data, spec.name) if spec.concerns(rules.country) else None
        values[spec.name] = check_field(
            check, spec, value, country=rules.country, today=rules.today
        )
        if spec.name == "letter_language":
            wording = HOUSEHOLD["consent_wording"]
            values[wording.name] = (
                check_field(check, wording, data.consent_wording)
                if data.consent_recontact
                else None
            )
    return values
