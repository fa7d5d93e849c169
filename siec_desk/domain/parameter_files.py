"""Reading parameter-set files: strict JSON parsing into :class:`ParameterSet`.

The records and the rules that pick a set live in :mod:`siec_desk.domain.parameters`,
the parsers of each section in :mod:`siec_desk.domain.parameter_sections`; this module
checks a whole decoded file (format 1 or 2, its header and top-level keys) and builds the
set, raising ``ValueError`` naming file and field on any bad value, and loads a folder.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType

from siec_desk.domain.codes import CURRENCY_BY_COUNTRY, Country
from siec_desk.domain.json_checks import (
    expect_code,
    expect_date,
    expect_keys,
    expect_list,
    expect_object,
    expect_str,
)
from siec_desk.domain.parameter_sections import (
    ValueMeta,
    parse_ceilings,
    parse_co2,
    parse_constants,
    parse_convention,
    parse_prices,
    parse_sign_off,
    parse_subsidies,
)
from siec_desk.domain.parameters import (
    FORMATS,
    VERSION_MAX_LENGTH,
    ParameterSet,
    Subsidy,
    TariffBand,
)

#: The JSON Schema lives beside the sets and is not one of them.
SCHEMA_SUFFIX = ".schema.json"


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
    meta = ValueMeta(fmt)
    section = {
        key: expect_object(obj[key], f"{where}.{key}") for key in ("constants", "prices", "co2")
    }
    constants = parse_constants(section["constants"], f"{where}.constants", meta)
    bands: dict[str, tuple[TariffBand, ...]] = {}
    prices = parse_prices(section["prices"], f"{where}.prices", constants, meta, bands=bands)
    co2, co2_by_use = parse_co2(section["co2"], f"{where}.co2", constants, meta)
    ceilings = None
    if "income_ceilings" in obj:
        ceilings = parse_ceilings(obj["income_ceilings"], f"{where}.income_ceilings", meta)
    convention = None
    if "co2_convention" in obj:
        convention = parse_convention(obj["co2_convention"], f"{where}.co2_convention", meta)
    unsubsidised: Mapping[str, Decimal] = MappingProxyType({})
    if "unsubsidised_prices" in obj:
        at = f"{where}.unsubsidised_prices"
        unsubsidised = parse_prices(
            expect_object(obj["unsubsidised_prices"], at), at, constants, meta, "unsubsidised"
        )
        for carrier in unsubsidised:
            if carrier not in prices:
                raise ValueError(f"{at}.{carrier}: no household price for this carrier")
    subsidies: Mapping[str, Subsidy] = MappingProxyType({})
    if "subsidies" in obj:
        subsidies = parse_subsidies(obj["subsidies"], f"{where}.subsidies", meta)
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
            parse_sign_off(obj["signed_off"], f"{where}.signed_off")
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
