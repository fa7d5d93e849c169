"""The measure catalogue (``resources/catalogue/measures.json``), loaded and validated.

Each measure has a stable code (cli.md), the countries where it applies, a theme, a kind
(gestures come first in a letter, then small equipment, then works), trilingual texts,
the parameters an advisor may adjust and an indicative cost range per country.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType

from siec_desk.domain.codes import Country, Language, Theme
from siec_desk.domain.json_checks import (
    expect_code,
    expect_decimal,
    expect_int,
    expect_keys,
    expect_list,
    expect_number,
    expect_object,
    expect_str,
)

FORMAT = 1
#: Letter order: gestures, then small equipment, then works.
KINDS = ("gesture", "small_equipment", "works")
#: What a cost range is counted per; all but ``dwelling`` need a quantity parameter.
COST_BASES = ("dwelling", "unit", "m2", "kwp")
PARAMETER_UNITS = frozenset(
    {
        "m2",
        "count",
        "h/day",
        "h/year",
        "%",
        "L/day",
        "W",
        "kW",
        "kWp",
        "kWh/year",
        "kWh/kWp/year",
        "°C",
        "ratio",
    }
)
_CODE = re.compile(r"^[a-z][a-z0-9_]*$")
_LANGUAGES = tuple(Language)


@dataclass(frozen=True)
class MeasureParameter:
    """An adjustable input; ``default`` None means "derived" (dwelling or parameter set)."""

    code: str
    default: float | None
    minimum: float
    maximum: float
    unit: str

    def check(self, value: float) -> float:
        """``value`` if within [minimum, maximum], else ``ValueError`` naming the parameter."""
        if not self.minimum <= value <= self.maximum:
            raise ValueError(
                f"parameter {self.code!r} must be between {self.minimum:g} and "
                f"{self.maximum:g} {self.unit}, got {value:g}"
            )
        return value


@dataclass(frozen=True)
class CostRange:
    """Indicative cost in the country's currency (major units), per dwelling/unit/m²/kWp."""

    minimum: Decimal
    maximum: Decimal
    per: str

    @property
    def midpoint(self) -> Decimal:
        return (self.minimum + self.maximum) / 2


@dataclass(frozen=True)
class CatalogueMeasure:
    code: str
    countries: tuple[str, ...]
    theme: str
    kind: str
    default_priority: int
    names: Mapping[str, str]
    whys: Mapping[str, str]
    parameters: tuple[MeasureParameter, ...]
    costs: Mapping[str, CostRange]
    cost_quantity: str | None
    sources: tuple[str, ...]
    #: Expected life of the equipment or works (years) and its source; None for gestures.
    lifetime_years: int | None = None
    lifetime_source: str = ""

    def name(self, lang: str) -> str:
        """Name in ``lang``, falling back to English."""
        return self.names.get(lang) or self.names[Language.EN]

    def why(self, lang: str) -> str:
        """One-line rationale in ``lang``, falling back to English."""
        return self.whys.get(lang) or self.whys[Language.EN]

    def applies_to(self, country: str) -> bool:
        return country in self.countries

    def parameter(self, code: str) -> MeasureParameter:
        for parameter in self.parameters:
            if parameter.code == code:
                return parameter
        raise ValueError(f"measure {self.code!r} has no parameter {code!r}")

    @property
    def sort_key(self) -> tuple[int, int, str]:
        """Kind order, then priority, then code."""
        return KINDS.index(self.kind), self.default_priority, self.code


def _texts(value: object, where: str) -> Mapping[str, str]:
    obj = expect_object(value, where)
    expect_keys(obj, where, _LANGUAGES)
    return MappingProxyType({lang: expect_str(obj[lang], f"{where}.{lang}") for lang in _LANGUAGES})


def _parameter(value: object, where: str) -> MeasureParameter:
    obj = expect_object(value, where)
    expect_keys(obj, where, ("code", "default", "min", "max", "unit"))
    code = expect_str(obj["code"], f"{where}.code")
    where = f"{where} ({code})"
    minimum = expect_number(obj["min"], f"{where}.min")
    maximum = expect_number(obj["max"], f"{where}.max")
    default = None if obj["default"] is None else expect_number(obj["default"], f"{where}.default")
    if minimum > maximum or (default is not None and not minimum <= default <= maximum):
        raise ValueError(f"{where}: need min ≤ default ≤ max")
    unit = expect_code(obj["unit"], f"{where}.unit", PARAMETER_UNITS)
    return MeasureParameter(code, default, minimum, maximum, unit)


def _cost(value: object, where: str) -> CostRange:
    obj = expect_object(value, where)
    expect_keys(obj, where, ("min", "max", "per"))
    minimum = expect_decimal(obj["min"], f"{where}.min")
    maximum = expect_decimal(obj["max"], f"{where}.max")
    if minimum > maximum:
        raise ValueError(f"{where}: min is above max")
    return CostRange(minimum, maximum, expect_code(obj["per"], f"{where}.per", COST_BASES))


def _costs(value: object, where: str, countries: tuple[str, ...]) -> Mapping[str, CostRange]:
    obj = expect_object(value, where)
    expect_keys(obj, where, countries)
    return MappingProxyType({c: _cost(obj[c], f"{where}.{c}") for c in countries})


def _check_cost_quantity(measure: CatalogueMeasure, where: str) -> None:
    needs_quantity = any(cost.per != "dwelling" for cost in measure.costs.values())
    if needs_quantity and measure.cost_quantity is None:
        raise ValueError(f"{where}: cost_quantity is required when a cost is not per dwelling")
    if measure.cost_quantity is not None:
        measure.parameter(measure.cost_quantity)  # raises if unknown


def _lifetime(value: object, where: str) -> tuple[int | None, str]:
    """``{"years": 20, "source": "…"}``: a payback beyond it is not cost-effective."""
    if value is None:
        return None, ""
    obj = expect_object(value, where)
    expect_keys(obj, where, ("years", "source"))
    return expect_int(obj["years"], f"{where}.years", 1), expect_str(
        obj["source"], f"{where}.source"
    )


def parse_measure(value: object, where: str) -> CatalogueMeasure:
    obj = expect_object(value, where)
    keys = (
        "code",
        "countries",
        "theme",
        "kind",
        "default_priority",
        "name",
        "why",
        "parameters",
        "cost",
        "sources",
    )
    expect_keys(obj, where, keys, ("cost_quantity", "lifetime"))
    code = expect_str(obj["code"], f"{where}.code")
    if not _CODE.match(code):
        raise ValueError(f"{where}.code: {code!r} is not a lower_snake_case code")
    where = f"{where} ({code})"
    countries = tuple(
        expect_code(c, f"{where}.countries", Country)
        for c in expect_list(obj["countries"], f"{where}.countries")
    )
    if not countries or len(set(countries)) != len(countries):
        raise ValueError(f"{where}.countries: need at least one country, each once")
    parameters = tuple(
        _parameter(p, f"{where}.parameters")
        for p in expect_list(obj["parameters"], f"{where}.parameters")
    )
    if len({p.code for p in parameters}) != len(parameters):
        raise ValueError(f"{where}.parameters: duplicate parameter code")
    quantity = obj.get("cost_quantity")
    lifetime, lifetime_source = _lifetime(obj.get("lifetime"), f"{where}.lifetime")
    measure = CatalogueMeasure(
        code=code,
        countries=countries,
        theme=expect_code(obj["theme"], f"{where}.theme", Theme),
        kind=expect_code(obj["kind"], f"{where}.kind", KINDS),
        default_priority=expect_int(obj["default_priority"], f"{where}.default_priority", 0),
        names=_texts(obj["name"], f"{where}.name"),
        whys=_texts(obj["why"], f"{where}.why"),
        parameters=parameters,
        costs=_costs(obj["cost"], f"{where}.cost", countries),
        cost_quantity=None if quantity is None else expect_str(quantity, f"{where}.cost_quantity"),
        sources=tuple(
            expect_str(s, f"{where}.sources")
            for s in expect_list(obj["sources"], f"{where}.sources")
        ),
        lifetime_years=lifetime,
        lifetime_source=lifetime_source,
    )
    _check_cost_quantity(measure, where)
    if not measure.sources:
        raise ValueError(f"{where}.sources: cite at least one source")
    return measure


def parse_catalogue(data: object, where: str = "catalogue") -> list[CatalogueMeasure]:
    """Validate decoded catalogue JSON; measures sorted by :attr:`CatalogueMeasure.sort_key`."""
    obj = expect_object(data, where)
    expect_keys(obj, where, ("format", "measures"))
    if obj["format"] != FORMAT:
        raise ValueError(f"{where}: unsupported format {obj['format']!r} (expected {FORMAT})")
    items = expect_list(obj["measures"], f"{where}.measures")
    measures = [parse_measure(m, f"{where}.measures[{i}]") for i, m in enumerate(items)]
    codes = [m.code for m in measures]
    duplicates = sorted({c for c in codes if codes.count(c) > 1})
    if duplicates:
        raise ValueError(f"{where}: duplicate measure code(s) {', '.join(duplicates)}")
    return sorted(measures, key=lambda m: m.sort_key)


def load_catalogue(path: Path) -> list[CatalogueMeasure]:
    """Read and validate the catalogue file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path.name}: invalid JSON ({exc})") from None
    return parse_catalogue(data, path.name)


def measures_for(catalogue: Iterable[CatalogueMeasure], country: str) -> list[CatalogueMeasure]:
    """The measures that apply in ``country``, in letter order."""
    return sorted((m for m in catalogue if m.applies_to(country)), key=lambda m: m.sort_key)
