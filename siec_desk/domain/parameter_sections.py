"""Parsers for the sections of a parameter-set file (constants, prices, CO2, ceilings…).

Each takes one decoded JSON section and returns the records of
:mod:`siec_desk.domain.parameters`, raising ``ValueError`` naming the field; a
:class:`ValueMeta` collects each value's source, year, date and confirmation on the way.
:mod:`siec_desk.domain.parameter_files` puts the sections together into one set.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from types import MappingProxyType

from siec_desk.domain.codes import EnergyCarrier
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
from siec_desk.domain.parameters import (
    CARRIER_CONSTANTS,
    ENERGY_USES,
    OPTIONAL_NUMBERS,
    OPTIONAL_TABLES,
    REQUIRED_NUMBERS,
    TABLES,
    VALUE_META,
    Co2Convention,
    Constants,
    SignOff,
    Subsidy,
    TariffBand,
)

_CARRIERS = frozenset(EnergyCarrier)
_SIZES = ("1", "2", "3", "4", "5")
_LANGUAGES = ("en", "fr", "ar")


@dataclass
class ValueMeta:
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


def parse_constants(raw: Mapping[str, object], where: str, meta: ValueMeta) -> Constants:
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


def _carrier_entry(
    carrier: str, raw: object, where: str, unit: str, butane_unit: str
) -> tuple[str, Mapping[str, object], str]:
    """Where a carrier's entry is, the entry, and its unit key: *unit*, or *butane_unit*
    (per bottle or per kg of fuel), which only butane may give."""
    at = f"{where}.{carrier}"
    expect_code(carrier, at, _CARRIERS)
    entry = expect_object(raw, at)
    unit_key = butane_unit if butane_unit in entry else unit
    if unit_key == butane_unit and carrier != EnergyCarrier.BUTANE_PROPANE:
        raise ValueError(f"{at}: {butane_unit} is only allowed for butane_propane")
    return at, entry, unit_key


def parse_prices(
    raw: Mapping[str, object],
    where: str,
    constants: Constants,
    meta: ValueMeta,
    prefix: str = "price",
    bands: dict[str, tuple[TariffBand, ...]] | None = None,
) -> Mapping[str, Decimal]:
    """``per_kwh``, or for butane ``per_bottle`` converted with the stored bottle energy."""
    prices: dict[str, Decimal] = {}
    for carrier, entry_raw in raw.items():
        at, entry, unit_key = _carrier_entry(carrier, entry_raw, where, "per_kwh", "per_bottle")
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


def parse_co2(
    raw: Mapping[str, object], where: str, constants: Constants, meta: ValueMeta
) -> tuple[Mapping[str, float], Mapping[str, Mapping[str, float]]]:
    """``kg_per_kwh`` (+ optional ``by_use``), or for butane ``kg_per_kg`` of fuel ÷ LHV."""
    factors: dict[str, float] = {}
    by_use: dict[str, Mapping[str, float]] = {}
    for carrier, entry_raw in raw.items():
        at, entry, unit_key = _carrier_entry(carrier, entry_raw, where, "kg_per_kwh", "kg_per_kg")
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


def parse_ceilings(raw: object, where: str, meta: ValueMeta) -> IncomeCeilings:
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


def parse_convention(raw: object, where: str, meta: ValueMeta) -> Co2Convention:
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


def parse_subsidies(raw: object, where: str, meta: ValueMeta) -> Mapping[str, Subsidy]:
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


def parse_sign_off(raw: object, where: str) -> SignOff:
    obj = expect_object(raw, where)
    expect_keys(obj, where, ("by", "on"))
    return SignOff(expect_str(obj["by"], f"{where}.by"), expect_date(obj["on"], f"{where}.on"))
