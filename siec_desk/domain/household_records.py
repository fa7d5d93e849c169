"""Plain data passed to and returned by the household service."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


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
        return {
            "id": self.id,
            "first_name": self.first_name,
            "last_name": self.last_name,
            "phone": self.phone,
            "email": self.email,
            "commune": self.commune,
            "postal_code": self.postal_code,
        }


@dataclass(frozen=True)
class HouseholdDetail:
    summary: HouseholdSummary
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
    letter_language: str
    consent_recontact_on: date | None
    consent_wording: str | None
    notes: str | None
    created_at: datetime
    updated_at: datetime
    version: int
    consultation_ids: list[int] = field(default_factory=list)
    anonymised_at: datetime | None = None  # retention dropped identity and free text
    top_floor: bool | None = None  # a flat on the top floor; None when unknown or not a flat

    def as_json(self) -> dict[str, object]:
        data = self.summary.as_json()
        for name in (
            "country",
            "address",
            "tenure",
            "household_size",
            "reference_income",
            "ile_de_france",
            "income_category",
            "dwelling_type",
            "construction_period",
            "surface_m2",
            "heating_energy",
            "hot_water_energy",
            "heating_kwh_per_year",
            "electricity_kwh_per_year",
            "butane_bottles_per_month",
            "top_floor",
            "letter_language",
            "consent_wording",
            "notes",
            "version",
            "consultation_ids",
        ):
            data[name] = getattr(self, name)
        data["consent_recontact_on"] = (
            self.consent_recontact_on.isoformat() if self.consent_recontact_on else None
        )
        data["created_at"] = self.created_at.isoformat()
        data["updated_at"] = self.updated_at.isoformat()
        data["anonymised_at"] = self.anonymised_at.isoformat() if self.anonymised_at else None
        return data
