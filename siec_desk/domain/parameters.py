"""Dated parameter sets: energy prices, CO2 factors and household defaults per country.

One JSON file of ``resources/parameters`` per set (layout: see ``FR-2025.json``). A
consultation uses the latest set of its country whose ``valid_from`` is on or before its
date (:func:`parameter_set_for`), so a letter can say which prices and factors it used.
Files are validated strictly: any bad value raises ``ValueError`` naming file and field.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType

from siec_desk.domain.codes import (
    CURRENCY_BY_COUNTRY,
    ConstructionPeriod,
    Country,
    DwellingType,
    EnergyCarrier,
)
from siec_desk.domain.income import CeilingScale, IncomeCeilings
from siec_desk.domain.json_checks import (
    expect_code,
    expect_date,
    expect_decimal,
    expect_int,
    expect_keys,
    expect_list,
    expect_number,
    expect_object,
    expect_str,
)

FORMAT = 1

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
OPTIONAL_NUMBERS = frozenset({"default_butane_bottles_per_month"})
#: Table constants and the exact keys each must have.
TABLES: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "heating_kwh_per_m2": frozenset(ConstructionPeriod),
        "default_surface_m2": frozenset(DwellingType),
        "butane_use_shares": frozenset({"cooking", "hot_water"}),
    }
)
#: Constants naming an energy carrier.
CARRIER_CONSTANTS = frozenset({"default_heating_carrier", "default_hot_water_carrier"})

_CARRIERS = frozenset(EnergyCarrier)
_SIZES = ("1", "2", "3", "4", "5")


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

    def carrier(self, name: str) -> str:
        return self.carriers[name]


@dataclass(frozen=True)
class ParameterSet:
    """Prices (per kWh, in ``currency``), CO2 factors (kg/kWh) and constants of a country.

    ``sources`` and ``years`` are keyed ``price.<carrier>``, ``co2.<carrier>``,
    ``constant.<name>`` (sources only) and ``income_ceilings``.
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


# --- Parsing -------------------------------------------------------------------------


def _parse_constants(raw: Mapping[str, object], where: str, sources: dict[str, str]) -> Constants:
    required = REQUIRED_NUMBERS | frozenset(TABLES) | CARRIER_CONSTANTS
    expect_keys(raw, where, required, required | OPTIONAL_NUMBERS)
    numbers: dict[str, float] = {}
    tables: dict[str, Mapping[str, float]] = {}
    carriers: dict[str, str] = {}
    for name, entry_raw in raw.items():
        at = f"{where}.{name}"
        entry = expect_object(entry_raw, at)
        expect_keys(entry, at, ("value", "source"))
        sources[f"constant.{name}"] = expect_str(entry["source"], f"{at}.source")
        value = entry["value"]
        if name in TABLES:
            table = expect_object(value, f"{at}.value")
            expect_keys(table, f"{at}.value", TABLES[name])
            tables[name] = MappingProxyType(
                {key: expect_number(v, f"{at}.value.{key}") for key, v in table.items()}
            )
        elif name in CARRIER_CONSTANTS:
            carriers[name] = expect_code(value, f"{at}.value", _CARRIERS)
        else:
            numbers[name] = expect_number(value, f"{at}.value")
    shares = tables["butane_use_shares"]
    if not math.isclose(sum(shares.values()), 1.0):
        raise ValueError(f"{where}.butane_use_shares: shares must add up to 1")
    for name in ("butane_lhv_kwh_per_kg", "butane_bottle_kg", "default_household_size"):
        if numbers[name] <= 0:
            raise ValueError(f"{where}.{name}: must be positive")
    return Constants(
        MappingProxyType(numbers), MappingProxyType(tables), MappingProxyType(carriers)
    )


def _bottle_kwh(constants: Constants) -> Decimal:
    """Energy in one bottle: bottle mass × LHV (domain.md §6: 12 kg × 12.7 ≈ 152 kWh)."""
    kg = Decimal(str(constants.number("butane_bottle_kg")))
    return kg * Decimal(str(constants.number("butane_lhv_kwh_per_kg")))


_Meta = tuple[dict[str, str], dict[str, int]]  # (sources, years) being filled


def _parse_prices(
    raw: Mapping[str, object], where: str, constants: Constants, meta: _Meta
) -> Mapping[str, Decimal]:
    """``per_kwh``, or for butane ``per_bottle`` converted with the stored bottle energy."""
    sources, years = meta
    prices: dict[str, Decimal] = {}
    for carrier, entry_raw in raw.items():
        at = f"{where}.{carrier}"
        expect_code(carrier, at, _CARRIERS)
        entry = expect_object(entry_raw, at)
        unit_key = "per_bottle" if "per_bottle" in entry else "per_kwh"
        if unit_key == "per_bottle" and carrier != EnergyCarrier.BUTANE_PROPANE:
            raise ValueError(f"{at}: per_bottle is only allowed for butane_propane")
        expect_keys(entry, at, (unit_key, "year", "source"))
        amount = expect_decimal(entry[unit_key], f"{at}.{unit_key}")
        if unit_key == "per_bottle":
            amount = (amount / _bottle_kwh(constants)).quantize(Decimal("0.000001"))
        prices[carrier] = amount
        years[f"price.{carrier}"] = expect_int(entry["year"], f"{at}.year", 2000)
        sources[f"price.{carrier}"] = expect_str(entry["source"], f"{at}.source")
    return MappingProxyType(prices)


def _parse_co2(
    raw: Mapping[str, object], where: str, constants: Constants, meta: _Meta
) -> tuple[Mapping[str, float], Mapping[str, Mapping[str, float]]]:
    """``kg_per_kwh`` (+ optional ``by_use``), or for butane ``kg_per_kg`` of fuel ÷ LHV."""
    sources, years = meta
    factors: dict[str, float] = {}
    by_use: dict[str, Mapping[str, float]] = {}
    for carrier, entry_raw in raw.items():
        at = f"{where}.{carrier}"
        expect_code(carrier, at, _CARRIERS)
        entry = expect_object(entry_raw, at)
        unit_key = "kg_per_kg" if "kg_per_kg" in entry else "kg_per_kwh"
        if unit_key == "kg_per_kg" and carrier != EnergyCarrier.BUTANE_PROPANE:
            raise ValueError(f"{at}: kg_per_kg is only allowed for butane_propane")
        expect_keys(entry, at, (unit_key, "year", "source"), ("by_use",))
        value = expect_number(entry[unit_key], f"{at}.{unit_key}")
        if unit_key == "kg_per_kg":
            value /= constants.number("butane_lhv_kwh_per_kg")
        factors[carrier] = value
        if "by_use" in entry:
            uses = expect_object(entry["by_use"], f"{at}.by_use")
            by_use[carrier] = MappingProxyType(
                {
                    expect_code(use, f"{at}.by_use", ENERGY_USES): expect_number(
                        v, f"{at}.by_use.{use}"
                    )
                    for use, v in uses.items()
                }
            )
        years[f"co2.{carrier}"] = expect_int(entry["year"], f"{at}.year", 2000)
        sources[f"co2.{carrier}"] = expect_str(entry["source"], f"{at}.source")
    return MappingProxyType(factors), MappingProxyType(by_use)


def _parse_scale(raw: object, where: str) -> CeilingScale:
    obj = expect_object(raw, where)
    expect_keys(obj, where, (*_SIZES, "extra_person"))

    def ceilings(value: object, at: str) -> tuple[int, int, int]:
        items = expect_list(value, at)
        if len(items) != 3:
            raise ValueError(f"{at}: expected [blue, yellow, violet] ceilings")
        blue, yellow, violet = (expect_int(v, at, 1) for v in items)
        return blue, yellow, violet

    by_size = {int(size): ceilings(obj[size], f"{where}.{size}") for size in _SIZES}
    for size, (blue, yellow, violet) in by_size.items():
        if not blue < yellow < violet:
            raise ValueError(f"{where}.{size}: ceilings must increase (blue < yellow < violet)")
    return CeilingScale(MappingProxyType(by_size), ceilings(obj["extra_person"], f"{where}.extra"))


def _parse_ceilings(raw: object, where: str) -> IncomeCeilings:
    obj = expect_object(raw, where)
    expect_keys(obj, where, ("valid_from", "source", "outside_idf", "idf"), ("notes",))
    return IncomeCeilings(
        valid_from=expect_date(obj["valid_from"], f"{where}.valid_from"),
        source=expect_str(obj["source"], f"{where}.source"),
        outside_idf=_parse_scale(obj["outside_idf"], f"{where}.outside_idf"),
        idf=_parse_scale(obj["idf"], f"{where}.idf"),
        notes=expect_str(obj["notes"], f"{where}.notes") if "notes" in obj else "",
    )


def _parse_header(obj: Mapping[str, object], where: str) -> tuple[str, str, date, str]:
    if obj["format"] != FORMAT:
        raise ValueError(f"{where}: unsupported format {obj['format']!r} (expected {FORMAT})")
    country = expect_code(obj["country"], f"{where}.country", Country)
    version = expect_str(obj["version"], f"{where}.version")
    if not version.startswith(f"{country}-"):
        raise ValueError(f"{where}.version: {version!r} must start with {country}-")
    currency = expect_str(obj["currency"], f"{where}.currency")
    if currency != CURRENCY_BY_COUNTRY[Country(country)]:
        raise ValueError(f"{where}.currency: {currency!r} is not the currency of {country}")
    return country, version, expect_date(obj["valid_from"], f"{where}.valid_from"), currency


def parse_parameter_set(data: object, where: str = "parameter set") -> ParameterSet:
    """Build a :class:`ParameterSet` from decoded JSON; ``ValueError`` on any bad field."""
    obj = expect_object(data, where)
    required = ("format", "country", "version", "valid_from", "currency", "prices", "co2")
    expect_keys(obj, where, (*required, "constants"), ("income_ceilings", "notes"))
    country, version, valid_from, currency = _parse_header(obj, where)
    sources: dict[str, str] = {}
    years: dict[str, int] = {}
    section = {
        key: expect_object(obj[key], f"{where}.{key}") for key in ("constants", "prices", "co2")
    }
    constants = _parse_constants(section["constants"], f"{where}.constants", sources)
    prices = _parse_prices(section["prices"], f"{where}.prices", constants, (sources, years))
    co2, co2_by_use = _parse_co2(section["co2"], f"{where}.co2", constants, (sources, years))
    ceilings = None
    if "income_ceilings" in obj:
        ceilings = _parse_ceilings(obj["income_ceilings"], f"{where}.income_ceilings")
        sources["income_ceilings"] = ceilings.source
    raw_notes = expect_list(obj.get("notes", []), f"{where}.notes")
    return ParameterSet(
        country=country,
        version=version,
        valid_from=valid_from,
        currency=currency,
        prices=prices,
        co2=co2,
        co2_by_use=co2_by_use,
        constants=constants,
        sources=MappingProxyType(sources),
        years=MappingProxyType(years),
        income_ceilings=ceilings,
        notes=tuple(expect_str(note, f"{where}.notes") for note in raw_notes),
    )


def load_parameter_set(path: Path) -> ParameterSet:
    """Read and validate one parameter-set file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path.name}: invalid JSON ({exc})") from None
    return parse_parameter_set(data, path.name)


def load_parameter_sets(directory: Path) -> list[ParameterSet]:
    """All ``*.json`` sets of ``directory``, sorted by country then ``valid_from``."""
    sets = [load_parameter_set(path) for path in sorted(directory.glob("*.json"))]
    versions = [s.version for s in sets]
    duplicates = sorted({v for v in versions if versions.count(v) > 1})
    if duplicates:
        raise ValueError(f"{directory}: duplicate parameter-set version(s) {', '.join(duplicates)}")
    return sorted(sets, key=lambda s: (s.country, s.valid_from))


def parameter_set_for(sets: Iterable[ParameterSet], country: str, on: date) -> ParameterSet:
    """The set of ``country`` with the latest ``valid_from`` on or before ``on``."""
    candidates = [s for s in sets if s.country == country and s.valid_from <= on]
    if not candidates:
        raise ValueError(f"no parameter set for {country} valid on {on.isoformat()}")
    return max(candidates, key=lambda s: s.valid_from)
