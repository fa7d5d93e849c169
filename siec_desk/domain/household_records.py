"""Plain data passed to and returned by the household service."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, datetime
from typing import Any

from siec_desk.core.json_fields import MERGED_IN_JSON, to_json
from siec_desk.domain.codes import Country


@dataclass(frozen=True)
class HouseholdInput:
    """What a form or a command line gives; every field optional but the country's rules."""

    first_name: str | None = None
    last_name: str | None = None
    phone: str | None = None
    email: str | None = None
    address: str | None = None
    commune: str | None = None
    postal_code: str | None = None
    tenure: str | None = None
    household_size: int | None = None
    reference_income: int | None = None
    ile_de_france: bool = False
    income_category: str | None = None  # MA/TN bands; computed for France
    dwelling_type: str | None = None
    construction_period: str | None = None
    surface_m2: float | None = None
    heating_energy: str | None = None
    hot_water_energy: str | None = None
    heating_kwh_per_year: float | None = None
    electricity_kwh_per_year: float | None = None
    butane_bottles_per_month: float | None = None
    top_floor: bool | None = None  # a flat on the top floor; None when unknown
    dpe_class: str | None = None  # the DPE (France): class A–G, date, ADEME number
    dpe_date: date | None = None
    dpe_number: str | None = None
    letter_language: str | None = None
    consent_recontact: bool = False
    consent_wording: str | None = None
    notes: str | None = None


@dataclass(frozen=True)
class HouseholdSummary:
    id: int
    first_name: str | None
    last_name: str | None
    phone: str | None
    email: str | None
    commune: str | None
    postal_code: str | None

    @property
    def display_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p)

    def as_json(self) -> dict[str, object]:
        return to_json(self)


@dataclass(frozen=True, kw_only=True)
class HouseholdDetail:
    """A household as stored; its fields are in the order of its JSON object."""

    summary: HouseholdSummary = field(metadata=MERGED_IN_JSON)
    country: str
    address: str | None
    tenure: str | None
    household_size: int | None
    reference_income: int | None
    ile_de_france: bool
    income_category: str
    dwelling_type: str | None
    construction_period: str | None
    surface_m2: float | None
    heating_energy: str | None
    hot_water_energy: str | None
    heating_kwh_per_year: float | None
    electricity_kwh_per_year: float | None
    butane_bottles_per_month: float | None
    top_floor: bool | None = None  # a flat on the top floor; None when unknown or not a flat
    dpe_class: str | None = None  # the DPE (France): class A–G, date, ADEME number
    dpe_date: date | None = None
    dpe_number: str | None = None
    letter_language: str
    consent_wording: str | None
    notes: str | None
    version: int
    consultation_ids: list[int] = field(default_factory=list)
    consent_recontact_on: date | None
    created_at: datetime
    updated_at: datetime
    anonymised_at: datetime | None = None  # retention dropped identity and free text

    def as_json(self) -> dict[str, object]:
        return to_json(self)

    def as_input(self) -> HouseholdInput:
        """The household's editable fields as the service takes them back: an edit that
        changes some fields gives these for the others."""
        values: dict[str, Any] = {}
        for f in fields(HouseholdInput):
            source = self.summary if hasattr(self.summary, f.name) else self
            values[f.name] = getattr(source, f.name, None)
        values["consent_recontact"] = self.consent_recontact_on is not None
        if self.country == Country.FR:
            values["income_category"] = None  # computed
        return HouseholdInput(**values)
