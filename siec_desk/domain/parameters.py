"""Dated parameter sets: energy prices, CO2 factors and household defaults per country.

One JSON file of ``resources/parameters`` per set (layout: see ``FR-2025.json``). A
consultation uses the latest set of its country whose ``valid_from`` is on or before its
date (:func:`parameter_set_for`), so a letter can say which prices and factors it used.
Files are validated strictly: any bad value raises ``ValueError`` naming file and field.

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

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
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
    expect_bool,
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

_CARRIERS = frozenset(EnergyCarrier)
_SIZES = ("1", "2", "3", "4", "5")
_LANGUAGES = ("en", "fr", "ar")
#: Longest version the database stores (``parameter_sets.version`` is 40 characters).
VERSION_MAX_LENGTH = 40
#: The JSON Schema lives beside the sets and is not one of them.
SCHEMA_SUFFIX = ".schema.json"


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


# --- Parsing -------------------------------------------------------------------------


@dataclass
class _Meta:
    """What the parser collects beside the values: sources, years, dates, flags."""

    fmt: int
    sources: dict[str, str] = field(default_factory=dict)
    years: dict[str, int] = field(default_factory=dict)
    as_of: dict[str, date] = field(default_factory=dict)
    unconfirmed: set[str] = field(default_factory=set)

    @property
    def extra_keys(self) -> tuple[str, ...]:
        """Per-value keys required in this format (``as_of``, ``confirmed`` in format 2)."""
        return VALUE_META if self.fmt >= 2 else ()

    def record(self, key: str, entry: Mapping[str, object], at: str) -> None:
        """The source (always), and in format 2 the date and the confirmation flag."""
        self.sources[key] = expect_str(entry["source"], f"{at}.source")
        if self.fmt >= 2:
            self.as_of[key] = expect_date(entry["as_of"], f"{at}.as_of")
            if not expect_bool(entry["confirmed"], f"{at}.confirmed"):
                self.unconfirmed.add(key)


def _parse_constants(raw: Mapping[str, object], where: str, meta: _Meta) -> Constants:
    required = REQUIRED_NUMBERS | frozenset(TABLES) | CARRIER_CONSTANTS
    expect_keys(raw, where, required, required | OPTIONAL_NUMBERS | frozenset(OPTIONAL_TABLES))
    numbers: dict[str, float] = {}
    tables: dict[str, Mapping[str, float]] = {}
    carriers: dict[str, str] = {}
    for name, entry_raw in raw.items():
        at = f"{where}.{name}"
        entry = expect_object(entry_raw, at)
        expect_keys(entry, at, ("value", "source", *meta.extra_keys))
        meta.record(f"constant.{name}", entry, at)
        value = entry["value"]
        if name in TABLES or name in OPTIONAL_TABLES:
            table = expect_object(value, f"{at}.value")
            if name in TABLES:
                expect_keys(table, f"{at}.value", TABLES[name])
            else:
                expect_keys(table, f"{at}.value", (), OPTIONAL_TABLES[name])
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


def _parse_bands(raw: object, at: str) -> tuple[TariffBand, ...]:
    bands: list[TariffBand] = []
    for index, item in enumerate(expect_list(raw, at)):
        where = f"{at}[{index}]"
        band = expect_object(item, where)
        expect_keys(band, where, ("from_kwh_per_month", "to_kwh_per_month", "per_kwh"), ("regime",))
        upper = band["to_kwh_per_month"]
        bands.append(
            TariffBand(
                from_kwh=expect_int(band["from_kwh_per_month"], f"{where}.from_kwh_per_month", 0),
                to_kwh=None if upper is None else expect_int(upper, f"{where}.to_kwh_per_month", 1),
                per_kwh=expect_decimal(band["per_kwh"], f"{where}.per_kwh"),
                regime=expect_str(band["regime"], f"{where}.regime") if "regime" in band else "",
            )
        )
    return tuple(bands)


def _parse_prices(
    raw: Mapping[str, object],
    where: str,
    constants: Constants,
    meta: _Meta,
    prefix: str = "price",
    bands: dict[str, tuple[TariffBand, ...]] | None = None,
) -> Mapping[str, Decimal]:
    """``per_kwh``, or for butane ``per_bottle`` converted with the stored bottle energy."""
    prices: dict[str, Decimal] = {}
    for carrier, entry_raw in raw.items():
        at = f"{where}.{carrier}"
        expect_code(carrier, at, _CARRIERS)
        entry = expect_object(entry_raw, at)
        unit_key = "per_bottle" if "per_bottle" in entry else "per_kwh"
        if unit_key == "per_bottle" and carrier != EnergyCarrier.BUTANE_PROPANE:
            raise ValueError(f"{at}: per_bottle is only allowed for butane_propane")
        optional = ("bands",) if bands is not None and meta.fmt >= 2 else ()
        expect_keys(entry, at, (unit_key, "year", "source", *meta.extra_keys), optional)
        amount = expect_decimal(entry[unit_key], f"{at}.{unit_key}")
        if unit_key == "per_bottle":
            amount = (amount / _bottle_kwh(constants)).quantize(Decimal("0.000001"))
        prices[carrier] = amount
        meta.years[f"{prefix}.{carrier}"] = expect_int(entry["year"], f"{at}.year", 2000)
        meta.record(f"{prefix}.{carrier}", entry, at)
        if bands is not None and "bands" in entry:
            bands[carrier] = _parse_bands(entry["bands"], f"{at}.bands")
    return MappingProxyType(prices)


def _parse_co2(
    raw: Mapping[str, object], where: str, constants: Constants, meta: _Meta
) -> tuple[Mapping[str, float], Mapping[str, Mapping[str, float]]]:
    """``kg_per_kwh`` (+ optional ``by_use``), or for butane ``kg_per_kg`` of fuel ÷ LHV."""
    factors: dict[str, float] = {}
    by_use: dict[str, Mapping[str, float]] = {}
    for carrier, entry_raw in raw.items():
        at = f"{where}.{carrier}"
        expect_code(carrier, at, _CARRIERS)
        entry = expect_object(entry_raw, at)
        unit_key = "kg_per_kg" if "kg_per_kg" in entry else "kg_per_kwh"
        if unit_key == "kg_per_kg" and carrier != EnergyCarrier.BUTANE_PROPANE:
            raise ValueError(f"{at}: kg_per_kg is only allowed for butane_propane")
        expect_keys(entry, at, (unit_key, "year", "source", *meta.extra_keys), ("by_use",))
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
        meta.years[f"co2.{carrier}"] = expect_int(entry["year"], f"{at}.year", 2000)
        meta.record(f"co2.{carrier}", entry, at)
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


def _parse_ceilings(raw: object, where: str, meta: _Meta) -> IncomeCeilings:
    obj = expect_object(raw, where)
    expect_keys(
        obj, where, ("valid_from", "source", "outside_idf", "idf", *meta.extra_keys), ("notes",)
    )
    meta.record("income_ceilings", obj, where)
    return IncomeCeilings(
        valid_from=expect_date(obj["valid_from"], f"{where}.valid_from"),
        source=expect_str(obj["source"], f"{where}.source"),
        outside_idf=_parse_scale(obj["outside_idf"], f"{where}.outside_idf"),
        idf=_parse_scale(obj["idf"], f"{where}.idf"),
        notes=expect_str(obj["notes"], f"{where}.notes") if "notes" in obj else "",
    )


def _parse_convention(raw: object, where: str, meta: _Meta) -> Co2Convention:
    obj = expect_object(raw, where)
    expect_keys(obj, where, ("code", "name", "year", "source", *meta.extra_keys))
    names = expect_object(obj["name"], f"{where}.name")
    expect_keys(names, f"{where}.name", _LANGUAGES)
    meta.record("co2_convention", obj, where)
    return Co2Convention(
        code=expect_str(obj["code"], f"{where}.code"),
        names=MappingProxyType(
            {lang: expect_str(names[lang], f"{where}.name.{lang}") for lang in _LANGUAGES}
        ),
        year=expect_int(obj["year"], f"{where}.year", 2000),
        source=meta.sources["co2_convention"],
    )


def _parse_subsidies(raw: object, where: str, meta: _Meta) -> Mapping[str, Subsidy]:
    obj = expect_object(raw, where)
    found: dict[str, Subsidy] = {}
    for measure, entry_raw in obj.items():
        at = f"{where}.{measure}"
        entry = expect_object(entry_raw, at)
        expect_keys(entry, at, ("label", "amount", "per", "source", *VALUE_META), ("max",))
        meta.record(f"subsidy.{measure}", entry, at)
        found[measure] = Subsidy(
            measure=measure,
            label=expect_str(entry["label"], f"{at}.label"),
            amount=expect_decimal(entry["amount"], f"{at}.amount"),
            per=expect_str(entry["per"], f"{at}.per"),
            maximum=expect_decimal(entry["max"], f"{at}.max") if "max" in entry else None,
        )
    return MappingProxyType(found)


def _parse_sign_off(raw: object, where: str) -> SignOff:
    obj = expect_object(raw, where)
    expect_keys(obj, where, ("by", "on"))
    return SignOff(expect_str(obj["by"], f"{where}.by"), expect_date(obj["on"], f"{where}.on"))


def _parse_header(obj: Mapping[str, object], where: str) -> tuple[str, str, date, str]:
    country = expect_code(obj["country"], f"{where}.country", Country)
    version = expect_str(obj["version"], f"{where}.version")
    if not version.startswith(f"{country}-"):
        raise ValueError(f"{where}.version: {version!r} must start with {country}-")
    if len(version) > VERSION_MAX_LENGTH:
        raise ValueError(f"{where}.version: at most {VERSION_MAX_LENGTH} characters")
    currency = expect_str(obj["currency"], f"{where}.currency")
    if currency != CURRENCY_BY_COUNTRY[Country(country)]:
        raise ValueError(f"{where}.currency: {currency!r} is not the currency of {country}")
    return country, version, expect_date(obj["valid_from"], f"{where}.valid_from"), currency


#: Top-level keys of each format: (required, optional).
_TOP_KEYS: Mapping[int, tuple[tuple[str, ...], tuple[str, ...]]] = MappingProxyType(
    {
        1: (
            ("format", "country", "version", "valid_from", "currency", "prices", "co2"),
            ("constants", "income_ceilings", "notes", "co2_convention"),
        ),
        2: (
            (
                "format",
                "country",
                "version",
                "valid_from",
                "currency",
                "prices",
                "co2",
                "constants",
                "co2_convention",
                "signed_off",
            ),
            ("income_ceilings", "notes", "unsubsidised_prices", "subsidies"),
        ),
    }
)


def parse_parameter_set(data: object, where: str = "parameter set") -> ParameterSet:
    """Build a :class:`ParameterSet` from decoded JSON; ``ValueError`` on any bad field."""
    obj = expect_object(data, where)
    fmt = obj.get("format")
    if isinstance(fmt, bool) or fmt not in FORMATS:
        raise ValueError(f"{where}: unsupported format {fmt!r} (expected one of {FORMATS})")
    assert isinstance(fmt, int)
    required, optional = _TOP_KEYS[fmt]
    expect_keys(obj, where, (*required, "constants"), optional)
    country, version, valid_from, currency = _parse_header(obj, where)
    meta = _Meta(fmt)
    section = {
        key: expect_object(obj[key], f"{where}.{key}") for key in ("constants", "prices", "co2")
    }
    constants = _parse_constants(section["constants"], f"{where}.constants", meta)
    bands: dict[str, tuple[TariffBand, ...]] = {}
    prices = _parse_prices(section["prices"], f"{where}.prices", constants, meta, bands=bands)
    co2, co2_by_use = _parse_co2(section["co2"], f"{where}.co2", constants, meta)
    ceilings = None
    if "income_ceilings" in obj:
        ceilings = _parse_ceilings(obj["income_ceilings"], f"{where}.income_ceilings", meta)
    convention = None
    if "co2_convention" in obj:
        convention = _parse_convention(obj["co2_convention"], f"{where}.co2_convention", meta)
    unsubsidised: Mapping[str, Decimal] = MappingProxyType({})
    if "unsubsidised_prices" in obj:
        at = f"{where}.unsubsidised_prices"
        unsubsidised = _parse_prices(
            expect_object(obj["unsubsidised_prices"], at), at, constants, meta, "unsubsidised"
        )
        for carrier in unsubsidised:
            if carrier not in prices:
                raise ValueError(f"{at}.{carrier}: no household price for this carrier")
    subsidies: Mapping[str, Subsidy] = MappingProxyType({})
    if "subsidies" in obj:
        subsidies = _parse_subsidies(obj["subsidies"], f"{where}.subsidies", meta)
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
        sources=MappingProxyType(meta.sources),
        years=MappingProxyType(meta.years),
        income_ceilings=ceilings,
        notes=tuple(expect_str(note, f"{where}.notes") for note in raw_notes),
        format=fmt,
        as_of=MappingProxyType(meta.as_of),
        unconfirmed=frozenset(meta.unconfirmed),
        co2_convention=convention,
        unsubsidised_prices=unsubsidised,
        subsidies=subsidies,
        tariff_bands=MappingProxyType(bands),
        signed_off=(
            _parse_sign_off(obj["signed_off"], f"{where}.signed_off")
            if "signed_off" in obj
            else None
        ),
    )


def decode_parameter_set(text: str, where: str) -> object:
    """Decoded JSON of a set; ``ValueError`` naming ``where`` when it is not JSON."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{where}: invalid JSON ({exc})") from None


def load_parameter_set(path: Path) -> ParameterSet:
    """Read and validate one parameter-set file."""
    return parse_parameter_set(
        decode_parameter_set(path.read_text(encoding="utf-8"), path.name), path.name
    )


def load_parameter_sets(directory: Path) -> list[ParameterSet]:
    """All ``*.json`` sets of ``directory``, sorted by country then ``valid_from``."""
    sets = [
        load_parameter_set(path)
        for path in sorted(directory.glob("*.json"))
        if not path.name.endswith(SCHEMA_SUFFIX)
    ]
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
