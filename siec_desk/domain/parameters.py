"""Dated parameter sets: energy prices, CO2 factors and household defaults per country.

One JSON file of ``resources/parameters`` per set (layout: see ``FR-2025.json``). A
consultation uses the latest set of its country whose ``valid_from`` is on or before its
date (:func:`parameter_set_for`), so a letter can say which prices and factors it used.
Files are read and validated strictly by :mod:`siec_desk.domain.parameter_files`: any bad
value raises ``ValueError`` naming file and field.

Format 2 (the 2026 sets on) also dates every value: each price, CO2 factor and constant
carries ``source``, ``as_of`` (the date the value refers to or was last checked) and
``confirmed`` (false for a value carried over or quoted from memory, shown as such on
screen); the set names its CO2 convention, may give unsubsidised reference prices and
deductible subsidies, and says who signed it off. Format 1 sets (2025) still load.

A country's parameters are *out of date* (:func:`is_out_of_date`) when the set that
applies today (:func:`parameter_set_for` on today) took effect before 1 January of
today's year: no set has been published for the current year yet.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from types import MappingProxyType

from siec_desk.domain.codes import (
    ConstructionPeriod,
    DwellingType,
    EnergyCarrier,
)
from siec_desk.domain.income import IncomeCeilings

FORMAT = 2
#: Formats the loader still reads (format 1: the 2025 sets, no per-value dates).
FORMATS = (1, 2)

#: End uses that may carry their own CO2 factor (FR DPE: electricity per use).
ENERGY_USES = frozenset({"heating", "hot_water", "cooling", "lighting", "cooking", "appliances"})

#: Numeric constants every set must define, and those a set may define.
REQUIRED_NUMBERS = frozenset(
    {
        "butane_lhv_kwh_per_kg",
        "butane_bottle_kg",
        "default_household_size",
        "dhw_kwh_per_person_per_year",
        "specific_electricity_kwh_per_year",
        "default_cooling_kwh_per_year",
        "ac_hours_per_year",
        "swh_coverage_pct",
        "pv_yield_kwh_per_kwp",
        "pv_self_consumption_pct",
    }
)
OPTIONAL_NUMBERS = frozenset(
    {
        "default_butane_bottles_per_month",
        # Savings defaults (issue 15): every shipped set has them (a test checks).
        "pv_default_kwp",
        "lighting_watts_before",
        "lighting_watts_after",
        "lighting_hours_per_day",
        "dhw_fitted_outlets_share_pct",
        "boiler_already_serviced",
    }
)
#: Per-value metadata of format 2 (required there, refused in format 1).
VALUE_META = ("as_of", "confirmed")
#: Years a payback may take before a measure counts as not cost-effective (domain-review §3).
MAX_PAYBACK_YEARS = 25
#: Table constants and the exact keys each must have.
TABLES: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "heating_kwh_per_m2": frozenset(ConstructionPeriod),
        "default_surface_m2": frozenset(DwellingType),
        "butane_use_shares": frozenset({"cooking", "hot_water"}),
    }
)
#: Optional table constants and the keys each may have (a missing key means 1.0 or the
#: reader's default): the heating intensity factor per carrier (electric ≈ half).
OPTIONAL_TABLES: Mapping[str, frozenset[str]] = MappingProxyType(
    {"heating_carrier_factor": frozenset(EnergyCarrier)}
)
#: Constants naming an energy carrier.
CARRIER_CONSTANTS = frozenset({"default_heating_carrier", "default_hot_water_carrier"})

#: Longest version the database stores (``parameter_sets.version`` is 40 characters).
VERSION_MAX_LENGTH = 40


# --- The parameter set ---------------------------------------------------------------


@dataclass(frozen=True)
class Constants:
    """Household defaults and physical constants of one set (each with a source)."""

    numbers: Mapping[str, float]
    tables: Mapping[str, Mapping[str, float]]
    carriers: Mapping[str, str]

    def number(self, name: str) -> float:
        if name not in self.numbers:
            raise ValueError(f"parameter set has no constant {name!r}")
        return self.numbers[name]

    def table(self, name: str, key: str) -> float:
        return self.tables[name][key]

    def optional_table(self, name: str, key: str, default: float) -> float:
        """A value of an optional table (:data:`OPTIONAL_TABLES`), *default* when absent."""
        return self.tables.get(name, {}).get(key, default)

    def carrier(self, name: str) -> str:
        return self.carriers[name]


@dataclass(frozen=True)
class Co2Convention:
    """How the set's CO2 factors were made (e.g. "fr-dpe-2021", "ember-2024-grid-average").

    Two sets with different codes give kg CO2 that must not be added up silently; the
    network export carries the code and the coordinator flags a mix.
    """

    code: str
    names: Mapping[str, str]
    year: int
    source: str

    def name(self, language: str) -> str:
        return self.names.get(language) or self.names["en"]


@dataclass(frozen=True)
class Subsidy:
    """A public subsidy deducted from a measure's cost before its payback (e.g. PROSOL).

    ``per`` is ``dwelling`` or the measure parameter the amount is multiplied by (kWp…);
    ``maximum`` caps the total.
    """

    measure: str
    label: str
    amount: Decimal
    per: str
    maximum: Decimal | None = None

    def total(self, parameters: Mapping[str, float]) -> Decimal:
        quantity = Decimal(1)
        if self.per != "dwelling":
            quantity = Decimal(str(parameters.get(self.per, 0) or 0))
        amount = self.amount * quantity
        return min(amount, self.maximum) if self.maximum is not None else amount


@dataclass(frozen=True)
class TariffBand:
    """One band of a progressive electricity tariff, for reference (kWh per month)."""

    from_kwh: int
    to_kwh: int | None
    per_kwh: Decimal
    regime: str = ""


@dataclass(frozen=True)
class SignOff:
    """Who signed the set off, and when (kept in the file; the audit keeps the date only)."""

    by: str
    on: date


@dataclass(frozen=True)
class ParameterSet:
    """Prices (per kWh, in ``currency``), CO2 factors (kg/kWh) and constants of a country.

    ``sources``, ``as_of`` and ``years`` are keyed ``price.<carrier>``, ``co2.<carrier>``,
    ``constant.<name>`` (no year), ``income_ceilings``, ``co2_convention``,
    ``unsubsidised.<carrier>`` and ``subsidy.<measure>``; ``unconfirmed`` holds the keys
    of the values the file marks ``"confirmed": false``.
    """

    country: str
    version: str
    valid_from: date
    currency: str
    prices: Mapping[str, Decimal]
    co2: Mapping[str, float]
    co2_by_use: Mapping[str, Mapping[str, float]]
    constants: Constants
    sources: Mapping[str, str]
    years: Mapping[str, int]
    income_ceilings: IncomeCeilings | None = None
    notes: tuple[str, ...] = field(default=())
    format: int = FORMAT
    as_of: Mapping[str, date] = field(default_factory=lambda: MappingProxyType({}))
    unconfirmed: frozenset[str] = frozenset()
    co2_convention: Co2Convention | None = None
    unsubsidised_prices: Mapping[str, Decimal] = field(default_factory=lambda: MappingProxyType({}))
    subsidies: Mapping[str, Subsidy] = field(default_factory=lambda: MappingProxyType({}))
    tariff_bands: Mapping[str, tuple[TariffBand, ...]] = field(
        default_factory=lambda: MappingProxyType({})
    )
    signed_off: SignOff | None = None

    def price(self, carrier: str) -> Decimal:
        """Price of one kWh of ``carrier``; ``ValueError`` when the set has none."""
        if carrier not in self.prices:
            raise ValueError(f"parameter set {self.version} has no price for {carrier!r}")
        return self.prices[carrier]

    def co2_factor(self, carrier: str, use: str | None = None) -> float:
        """kg CO2 per kWh of ``carrier``, per end use where the set distinguishes it."""
        if carrier not in self.co2:
            raise ValueError(f"parameter set {self.version} has no CO2 factor for {carrier!r}")
        if use is not None and use in self.co2_by_use.get(carrier, {}):
            return self.co2_by_use[carrier][use]
        return self.co2[carrier]

    @property
    def co2_convention_code(self) -> str:
        """The convention's code; a set that names none gets one of its own (never equal
        to another set's, so it is never summed with another convention silently)."""
        return self.co2_convention.code if self.co2_convention else f"unnamed:{self.version}"

    def at_unsubsidised_prices(self) -> ParameterSet:
        """This set with each subsidised price replaced by its unsubsidised reference
        price (butane at its real cost…); ``self`` when the set gives none."""
        if not self.unsubsidised_prices:
            return self
        prices = {**self.prices, **self.unsubsidised_prices}
        return replace(self, prices=MappingProxyType(prices))

    def subsidy_for(self, measure: str) -> Subsidy | None:
        return self.subsidies.get(measure)

    def is_unconfirmed(self, key: str) -> bool:
        return key in self.unconfirmed


def parameter_set_for(sets: Iterable[ParameterSet], country: str, on: date) -> ParameterSet:
    """The set of ``country`` with the latest ``valid_from`` on or before ``on``."""
    candidates = [s for s in sets if s.country == country and s.valid_from <= on]
    if not candidates:
        raise ValueError(f"no parameter set for {country} valid on {on.isoformat()}")
    return max(candidates, key=lambda s: s.valid_from)


# --- Up to date? -----------------------------------------------------------------------


def is_out_of_date(sets: Iterable[ParameterSet], country: str, today: date) -> bool:
    """True when the set that applies ``today`` took effect before 1 January of today's
    year (or when the country has no set at all): prices, factors and aid scales change
    every January, so a centre must then receive the current year's set."""
    try:
        current = parameter_set_for(sets, country, today)
    except ValueError:
        return True
    return current.valid_from < date(today.year, 1, 1)


def payback_is_cost_effective(payback_years: float | None, lifetime_years: int | None) -> bool:
    """A payback within :data:`MAX_PAYBACK_YEARS` and within the measure's lifetime."""
    if payback_years is None:
        return True
    limit = MAX_PAYBACK_YEARS if lifetime_years is None else min(MAX_PAYBACK_YEARS, lifetime_years)
    return payback_years <= limit
