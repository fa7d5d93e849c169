"""The household's energy profile and its figures with documented defaults (pure).

:class:`EnergyProfile` is what the advisor knows of a household, validated on creation.
:class:`HouseholdInputs` reads its figures for the savings formulas, falling back to the
defaults of the dated parameter set and recording each one used as an :class:`Assumption`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from siec_desk.domain.codes import ConstructionPeriod, DwellingType, EnergyCarrier
from siec_desk.domain.parameters import ParameterSet

MONTHS_PER_YEAR = 12


class Assumption(StrEnum):
    """Stable codes naming each default an estimate relied on."""

    DEFAULT_HOUSEHOLD_SIZE = "default_household_size"
    DEFAULT_SURFACE = "default_surface"
    DEFAULT_CONSTRUCTION_PERIOD = "default_construction_period"
    DEFAULT_HEATING_CARRIER = "default_heating_carrier"
    DEFAULT_HEATING_KWH = "default_heating_kwh"
    DEFAULT_HOT_WATER_CARRIER = "default_hot_water_carrier"
    DEFAULT_HOT_WATER_KWH = "default_hot_water_kwh"
    DEFAULT_ELECTRICITY_KWH = "default_electricity_kwh"
    DEFAULT_BUTANE_BOTTLES = "default_butane_bottles"
    BUTANE_USE_SPLIT = "butane_use_split"
    DEFAULT_COOLING_KWH = "default_cooling_kwh"
    DEFAULT_AC_HOURS = "default_ac_hours"
    DEFAULT_SWH_COVERAGE = "default_swh_coverage"
    DEFAULT_PV_YIELD = "default_pv_yield"
    DEFAULT_PV_SELF_CONSUMPTION = "default_pv_self_consumption"
    DEFAULT_PV_KWP = "default_pv_kwp"
    PV_CAPPED = "pv_capped"
    DEFAULT_LIGHTING = "default_lighting"
    DEFAULT_FITTED_OUTLETS = "default_fitted_outlets"
    DEFAULT_BOILER_SERVICED = "default_boiler_serviced"
    DEFAULT_TOP_FLOOR = "default_top_floor"
    FRIDGE_CAPPED = "fridge_capped"
    STANDBY_CAPPED = "standby_capped"
    NOT_APPLICABLE_CARRIER = "not_applicable_carrier"
    UNPRICED_HEATING_CARRIER = "unpriced_heating_carrier"
    UNPRICED_HOT_WATER_CARRIER = "unpriced_hot_water_carrier"


@dataclass(frozen=True)
class EnergyProfile:
    """What the advisor knows of the household and dwelling; ``None`` means unknown."""

    country: str
    household_size: int | None = None
    dwelling_type: str | None = None
    construction_period: str | None = None
    surface_m2: float | None = None
    heating_carrier: str | None = None
    hot_water_carrier: str | None = None
    heating_kwh_per_year: float | None = None
    electricity_kwh_per_year: float | None = None
    butane_bottles_per_month: float | None = None
    #: A flat on the top floor (under the roof); None when unknown or not a flat.
    top_floor: bool | None = None

    def __post_init__(self) -> None:
        _check_code(self.dwelling_type, DwellingType, "dwelling_type")
        _check_code(self.construction_period, ConstructionPeriod, "construction_period")
        _check_code(self.heating_carrier, EnergyCarrier, "heating_carrier")
        _check_code(self.hot_water_carrier, EnergyCarrier, "hot_water_carrier")
        if self.household_size is not None and self.household_size < 1:
            raise ValueError(f"household_size must be at least 1, got {self.household_size}")
        if self.surface_m2 is not None and not self.surface_m2 > 0:
            raise ValueError(f"surface_m2 must be positive, got {self.surface_m2}")
        for name in (
            "heating_kwh_per_year",
            "electricity_kwh_per_year",
            "butane_bottles_per_month",
        ):
            value = getattr(self, name)
            if value is not None and not (math.isfinite(value) and value >= 0):
                raise ValueError(f"{name} must be a non-negative number, got {value}")


def _check_code(value: str | None, allowed: type[StrEnum], name: str) -> None:
    if value is not None and value not in set(allowed):
        raise ValueError(f"{name}: unknown code {value!r}")


# --- Household inputs with documented defaults ------------------------------------------


class HouseholdInputs:
    """The household's figures, falling back to the parameter set's defaults."""

    def __init__(
        self, profile: EnergyProfile, params: ParameterSet, values: dict[str, float | None]
    ) -> None:
        self.profile = profile
        self.params = params
        self.values = values
        self.assumptions: set[str] = set()
        #: The household-level default values relied on, by assumption code.
        self.assumed: dict[str, float | str] = {}

    def assume(self, assumption: Assumption, value: float | str) -> None:
        self.assumptions.add(assumption)
        self.assumed[assumption.value] = value

    def constant_default(self, name: str, assumption: Assumption) -> float:
        self.assumptions.add(assumption)
        return self.params.constants.number(name)

    def value(self, code: str) -> float:
        """A measure parameter; a null default is derived (``DERIVED_PARAMETERS``)."""
        if code not in self.values:
            raise ValueError(f"the measure has no parameter {code!r}")
        value = self.values[code]
        if value is None:
            value = self.values[code] = self._derive(code)
        return value

    def _derive(self, code: str) -> float:
        if code == "surface_m2":
            return self.surface()
        if code not in _FROM_CONSTANTS:
            raise ValueError(f"parameter {code!r} has no default")
        return self.constant_default(*_FROM_CONSTANTS[code])

    def fraction(self, code: str) -> float:
        """A ``…_pct`` parameter as a fraction."""
        return self.value(code) / 100

    def household_size(self) -> float:
        if self.profile.household_size is not None:
            return float(self.profile.household_size)
        size = self.params.constants.number("default_household_size")
        self.assume(Assumption.DEFAULT_HOUSEHOLD_SIZE, size)
        return size

    def surface(self) -> float:
        if self.profile.surface_m2 is not None:
            return self.profile.surface_m2
        dwelling = self.profile.dwelling_type or DwellingType.OTHER
        surface = self.params.constants.table("default_surface_m2", dwelling)
        self.assume(Assumption.DEFAULT_SURFACE, surface)
        return surface

    def _carrier(self, known: str | None, use: str) -> str:
        """The household's carrier for *use*; the country's usual one if unknown or unpriced.

        A carrier the parameter set has no price for (``other``, or natural gas in a
        country whose set lists none) is estimated as the country's default carrier, and
        the estimate says so, rather than refusing to estimate at all.
        """
        if known is not None and (known == EnergyCarrier.NONE or known in self.params.prices):
            return known
        carrier = self.params.constants.carrier(f"default_{use}_carrier")
        prefix = "default" if known is None else "unpriced"
        self.assume(Assumption(f"{prefix}_{use}_carrier"), carrier)
        return carrier

    def heating_carrier(self) -> str:
        return self._carrier(self.profile.heating_carrier, "heating")

    def heating_kwh(self) -> float:
        """Known consumption, else surface × kWh/m²/yr of the construction period × the
        carrier's factor (domain-review §3: electric-heated homes use about half)."""
        carrier = self.heating_carrier()
        if carrier == EnergyCarrier.NONE:
            return 0.0
        if self.profile.heating_kwh_per_year is not None:
            return self.profile.heating_kwh_per_year
        period = self.profile.construction_period or ConstructionPeriod.UNKNOWN
        if period == ConstructionPeriod.UNKNOWN:
            self.assume(Assumption.DEFAULT_CONSTRUCTION_PERIOD, str(period))
        per_m2 = self.params.constants.table("heating_kwh_per_m2", period)
        factor = self.params.constants.optional_table("heating_carrier_factor", carrier, 1.0)
        kwh = self.surface() * per_m2 * factor
        self.assume(Assumption.DEFAULT_HEATING_KWH, round(kwh))
        return kwh

    def hot_water_carrier(self) -> str:
        return self._carrier(self.profile.hot_water_carrier, "hot_water")

    def hot_water_kwh(self) -> float:
        """Butane DHW from the known bottles × DHW share, else persons × kWh/person/yr.

        domain.md §5.1: electric DHW ≈ 2 600 kWh/yr for 4 persons (650 per person).
        """
        carrier = self.hot_water_carrier()
        if carrier == EnergyCarrier.NONE:
            return 0.0
        bottles = self.profile.butane_bottles_per_month
        if carrier == EnergyCarrier.BUTANE_PROPANE and bottles is not None:
            self.assumptions.add(Assumption.BUTANE_USE_SPLIT)
            share = self.params.constants.table("butane_use_shares", "hot_water")
            return self.butane_kwh_per_year() * share
        per_person = self.params.constants.number("dhw_kwh_per_person_per_year")
        kwh = self.household_size() * per_person
        self.assume(Assumption.DEFAULT_HOT_WATER_KWH, round(kwh))
        return kwh

    def electricity_kwh(self) -> float:
        """Electricity excluding heating and DHW (domain.md §5.1: ≈ 3 200 kWh/yr in FR)."""
        if self.profile.electricity_kwh_per_year is not None:
            return self.profile.electricity_kwh_per_year
        kwh = self.params.constants.number("specific_electricity_kwh_per_year")
        self.assume(Assumption.DEFAULT_ELECTRICITY_KWH, kwh)
        return kwh

    def whole_electricity_kwh(self) -> float:
        """The household's whole electricity use: the figure given (a bill covers every
        use), else the default for other uses plus electric heating and hot water."""
        if self.profile.electricity_kwh_per_year is not None:
            return self.profile.electricity_kwh_per_year
        total = self.electricity_kwh()
        if self.heating_carrier() == EnergyCarrier.ELECTRICITY:
            total += self.heating_kwh()
        if self.hot_water_carrier() == EnergyCarrier.ELECTRICITY:
            total += self.hot_water_kwh()
        return total

    def bottle_kwh(self) -> float:
        """domain.md §6: bottle mass × LHV, e.g. 12 kg × 12.7 kWh/kg ≈ 152 kWh."""
        constants = self.params.constants
        return constants.number("butane_bottle_kg") * constants.number("butane_lhv_kwh_per_kg")

    def butane_kwh_per_year(self) -> float:
        bottles = self.profile.butane_bottles_per_month
        if bottles is None:
            bottles = self.params.constants.number("default_butane_bottles_per_month")
            self.assume(Assumption.DEFAULT_BUTANE_BOTTLES, bottles)
        return bottles * MONTHS_PER_YEAR * self.bottle_kwh()

    def cooking_butane_kwh(self) -> float:
        """All bottled gas, or its cooking share when hot water also runs on butane."""
        total = self.butane_kwh_per_year()
        if self.hot_water_carrier() != EnergyCarrier.BUTANE_PROPANE:
            return total
        self.assumptions.add(Assumption.BUTANE_USE_SPLIT)
        return total * self.params.constants.table("butane_use_shares", "cooking")


#: Parameters whose null catalogue default comes from a parameter-set constant.
_FROM_CONSTANTS: Mapping[str, tuple[str, Assumption]] = MappingProxyType(
    {
        "cooling_kwh_per_year": ("default_cooling_kwh_per_year", Assumption.DEFAULT_COOLING_KWH),
        "hours_per_year": ("ac_hours_per_year", Assumption.DEFAULT_AC_HOURS),
        "coverage_pct": ("swh_coverage_pct", Assumption.DEFAULT_SWH_COVERAGE),
        "yield_kwh_per_kwp": ("pv_yield_kwh_per_kwp", Assumption.DEFAULT_PV_YIELD),
        "self_consumption_pct": ("pv_self_consumption_pct", Assumption.DEFAULT_PV_SELF_CONSUMPTION),
        "kwp": ("pv_default_kwp", Assumption.DEFAULT_PV_KWP),
        "watts_before": ("lighting_watts_before", Assumption.DEFAULT_LIGHTING),
        "watts_after": ("lighting_watts_after", Assumption.DEFAULT_LIGHTING),
        "hours_per_day": ("lighting_hours_per_day", Assumption.DEFAULT_LIGHTING),
        "fitted_share_pct": ("dhw_fitted_outlets_share_pct", Assumption.DEFAULT_FITTED_OUTLETS),
        "serviced": ("boiler_already_serviced", Assumption.DEFAULT_BOILER_SERVICED),
    }
)
#: Parameter codes that may have a null default in the catalogue ("surface_m2": dwelling).
DERIVED_PARAMETERS = frozenset({"surface_m2", *_FROM_CONSTANTS})
