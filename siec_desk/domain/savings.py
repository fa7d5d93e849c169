"""Savings estimates for catalogue measures: kWh, money, CO2, cost and payback (pure).

A formula turns a measure's parameters and the household's :class:`EnergyProfile` into
*flows*: kWh per year of one carrier for one end use, positive when saved, negative when
newly consumed (a heat pump saves gas and consumes electricity). Money and CO2 come from
the flows through the dated :class:`ParameterSet` (domain.md §6 prices, §7 factors), so
all formulas share :func:`money_value` and :func:`co2_kg`.

When household data is unknown, a documented default of the parameter set is used and
its code (:class:`Assumption`) is listed in ``SavingsEstimate.assumptions``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from types import MappingProxyType

from siec_desk.domain.catalogue import CatalogueMeasure
from siec_desk.domain.codes import ConstructionPeriod, DwellingType, EnergyCarrier
from siec_desk.domain.parameters import ParameterSet

#: Decimal places of each currency (the millime makes TND three).
CURRENCY_DECIMALS: Mapping[str, int] = MappingProxyType({"EUR": 2, "MAD": 2, "TND": 3})
#: Carriers burnt in a boiler (boiler maintenance, condensing boiler).
COMBUSTION_CARRIERS = frozenset(
    {EnergyCarrier.NATURAL_GAS, EnergyCarrier.FUEL_OIL, EnergyCarrier.BUTANE_PROPANE}
)
#: domain.md §5.1 (via ADEME): heating set-point −1 °C ≈ −7 % of heating consumption.
SETPOINT_SAVING_PER_DEGREE = 0.07
#: domain.md §5.1 (via ADEME): standby is "up to 10 % of the electricity bill".
STANDBY_MAX_SHARE = 0.10
DAYS_PER_YEAR = 365
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


@dataclass(frozen=True)
class SavingsEstimate:
    """One measure's yearly saving for one household, frozen as printed in a letter.

    ``kwh_per_year`` is the net final energy saved (all carriers); ``carrier`` the
    carrier of the largest flow; ``cost`` the midpoint of the indicative range ×
    quantity; ``payback_years`` cost ÷ yearly money saved (None when nothing is saved);
    ``parameters`` the measure parameters actually used (defaults resolved).
    """

    kwh_per_year: float
    money_per_year: Decimal
    co2_kg_per_year: float
    cost: Decimal | None
    payback_years: float | None
    carrier: str
    currency: str
    parameter_set_version: str
    assumptions: tuple[str, ...]
    parameters: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Flow:
    """kWh per year of ``carrier`` for ``use``: positive saved, negative newly consumed."""

    carrier: str
    use: str
    kwh: float


# --- Money and CO2 helpers (domain.md §6 and §7) -----------------------------------------


def money_value(kwh: float, carrier: str, params: ParameterSet) -> Decimal:
    """kWh × price per kWh of ``carrier`` (domain.md §6), not rounded."""
    if kwh == 0:
        return Decimal(0)
    return Decimal(str(kwh)) * params.price(carrier)


def co2_kg(kwh: float, carrier: str, use: str, params: ParameterSet) -> float:
    """kWh × kg CO2/kWh of ``carrier`` for ``use`` (domain.md §7: FR DPE, MA/TN Ember)."""
    return 0.0 if kwh == 0 else kwh * params.co2_factor(carrier, use)


def round_money(amount: Decimal, currency: str) -> Decimal:
    """Round half-up to the currency's precision (EUR/MAD 0.01, TND 0.001)."""
    return amount.quantize(Decimal(1).scaleb(-CURRENCY_DECIMALS[currency]), ROUND_HALF_UP)


# --- Household inputs with documented defaults ------------------------------------------


class _Inputs:
    """The household's figures, falling back to the parameter set's defaults."""

    def __init__(
        self, profile: EnergyProfile, params: ParameterSet, values: dict[str, float | None]
    ) -> None:
        self.profile = profile
        self.params = params
        self.values = values
        self.assumptions: set[str] = set()

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
        return self.constant_default("default_household_size", Assumption.DEFAULT_HOUSEHOLD_SIZE)

    def surface(self) -> float:
        if self.profile.surface_m2 is not None:
            return self.profile.surface_m2
        self.assumptions.add(Assumption.DEFAULT_SURFACE)
        dwelling = self.profile.dwelling_type or DwellingType.OTHER
        return self.params.constants.table("default_surface_m2", dwelling)

    def _carrier(self, known: str | None, use: str) -> str:
        """The household's carrier for *use*; the country's usual one if unknown or unpriced.

        A carrier the parameter set has no price for (``other``, or natural gas in a
        country whose set lists none) is estimated as the country's default carrier, and
        the estimate says so, rather than refusing to estimate at all.
        """
        if known is not None and (known == EnergyCarrier.NONE or known in self.params.prices):
            return known
        self.assumptions.add(
            Assumption(f"{'default' if known is None else 'unpriced'}_{use}_carrier")
        )
        return self.params.constants.carrier(f"default_{use}_carrier")

    def heating_carrier(self) -> str:
        return self._carrier(self.profile.heating_carrier, "heating")

    def heating_kwh(self) -> float:
        """Known consumption, else surface × kWh/m²/yr of the construction period."""
        if self.heating_carrier() == EnergyCarrier.NONE:
            return 0.0
        if self.profile.heating_kwh_per_year is not None:
            return self.profile.heating_kwh_per_year
        self.assumptions.add(Assumption.DEFAULT_HEATING_KWH)
        period = self.profile.construction_period or ConstructionPeriod.UNKNOWN
        if period == ConstructionPeriod.UNKNOWN:
            self.assumptions.add(Assumption.DEFAULT_CONSTRUCTION_PERIOD)
        return self.surface() * self.params.constants.table("heating_kwh_per_m2", period)

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
        self.assumptions.add(Assumption.DEFAULT_HOT_WATER_KWH)
        per_person = self.params.constants.number("dhw_kwh_per_person_per_year")
        return self.household_size() * per_person

    def electricity_kwh(self) -> float:
        """Electricity excluding heating and DHW (domain.md §5.1: ≈ 3 200 kWh/yr in FR)."""
        if self.profile.electricity_kwh_per_year is not None:
            return self.profile.electricity_kwh_per_year
        return self.constant_default(
            "specific_electricity_kwh_per_year", Assumption.DEFAULT_ELECTRICITY_KWH
        )

    def bottle_kwh(self) -> float:
        """domain.md §6: bottle mass × LHV, e.g. 12 kg × 12.7 kWh/kg ≈ 152 kWh."""
        constants = self.params.constants
        return constants.number("butane_bottle_kg") * constants.number("butane_lhv_kwh_per_kg")

    def butane_kwh_per_year(self) -> float:
        bottles = self.profile.butane_bottles_per_month
        if bottles is None:
            bottles = self.constant_default(
                "default_butane_bottles_per_month", Assumption.DEFAULT_BUTANE_BOTTLES
            )
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
    }
)
#: Parameter codes that may have a null default in the catalogue ("surface_m2": dwelling).
DERIVED_PARAMETERS = frozenset({"surface_m2", *_FROM_CONSTANTS})


# --- Formulas, one per measure ------------------------------------------------------------


def _heating(inp: _Inputs, fraction: float) -> list[Flow]:
    """A fraction of the heating consumption, in the heating carrier."""
    return [Flow(inp.heating_carrier(), "heating", inp.heating_kwh() * fraction)]


def _hot_water(inp: _Inputs, fraction: float) -> list[Flow]:
    """A fraction of the hot-water consumption, in the DHW carrier."""
    return [Flow(inp.hot_water_carrier(), "hot_water", inp.hot_water_kwh() * fraction)]


def _not_applicable(inp: _Inputs, carrier: str, use: str) -> list[Flow]:
    inp.assumptions.add(Assumption.NOT_APPLICABLE_CARRIER)
    return [Flow(carrier, use, 0.0)]


def _setpoint(inp: _Inputs) -> list[Flow]:
    """Heating × 7 % per degree (domain.md §5.1; 2 °C ≈ the DPE's "−15 %")."""
    return _heating(inp, SETPOINT_SAVING_PER_DEGREE * inp.value("degrees"))


def _heating_pct(inp: _Inputs) -> list[Flow]:
    """Heating × saving_pct. Defaults (catalogue, domain.md §5.1): thermostat 10 % (5–15),
    attic 27 % (15–35), walls 20 % (losses 20–25 %), windows 10 % (10–15 %), floor 7 %
    (7–10 %), draught-proofing 5 % [I] (air renewal 20–25 % of losses)."""
    return _heating(inp, inp.fraction("saving_pct"))


def _boiler(inp: _Inputs) -> list[Flow]:
    """Heating × saving_pct, combustion heating only: maintenance 8–12 %, condensing
    boiler 10–20 % better than an old standard boiler (domain.md §5.1)."""
    carrier = inp.heating_carrier()
    if carrier not in COMBUSTION_CARRIERS:
        return _not_applicable(inp, carrier, "heating")
    return _heating(inp, inp.fraction("saving_pct"))


def _roof(inp: _Inputs) -> list[Flow]:
    """Heating × heating_saving_pct (roof 25–30 % of losses, domain.md §5.1) plus cooling
    electricity × cooling_saving_pct (−40 %, ANME, domain.md §5.3)."""
    cooling = inp.value("cooling_kwh_per_year") * inp.fraction("cooling_saving_pct")
    return [
        *_heating(inp, inp.fraction("heating_saving_pct")),
        Flow(EnergyCarrier.ELECTRICITY, "cooling", cooling),
    ]


def _switch_to_heat_pump(inp: _Inputs, carrier: str, use: str, kwh: float) -> list[Flow]:
    """Old carrier saved, electricity = kWh ÷ COP consumed. The current final energy is
    taken as the useful heat (conservative: old boiler losses ignored)."""
    new_electricity = kwh / inp.value("cop")
    if carrier == EnergyCarrier.ELECTRICITY:
        return [Flow(carrier, use, kwh - new_electricity)]
    return [Flow(carrier, use, kwh), Flow(EnergyCarrier.ELECTRICITY, use, -new_electricity)]


def _heat_pump(inp: _Inputs) -> list[Flow]:
    """Space heating by a heat pump, COP ≈ 3 (domain.md §5.1 [M])."""
    carrier = inp.heating_carrier()
    return _switch_to_heat_pump(inp, carrier, "heating", inp.heating_kwh())


def _heat_pump_water_heater(inp: _Inputs) -> list[Flow]:
    """DHW by a heat-pump water heater, COP ≈ 2.5 [M]; a solar DHW is left alone."""
    carrier = inp.hot_water_carrier()
    if carrier == EnergyCarrier.SOLAR:
        return _not_applicable(inp, carrier, "hot_water")
    return _switch_to_heat_pump(inp, carrier, "hot_water", inp.hot_water_kwh())


def _pellet_stove(inp: _Inputs) -> list[Flow]:
    """share_pct of the heating moves to pellets, same final energy assumed [I]: saves
    money and CO2 (wood 0.030 kg/kWh, domain.md §7), not kWh."""
    carrier = inp.heating_carrier()
    if carrier == EnergyCarrier.WOOD:
        return _not_applicable(inp, carrier, "heating")
    moved = inp.heating_kwh() * inp.fraction("share_pct")
    return [Flow(carrier, "heating", moved), Flow(EnergyCarrier.WOOD, "heating", -moved)]


def _solar_water_heater(inp: _Inputs) -> list[Flow]:
    """DHW × coverage: 50–70 % FR (§5.1), 70–90 % MA (§5.2); default from the set."""
    carrier = inp.hot_water_carrier()
    if carrier == EnergyCarrier.SOLAR:
        return _not_applicable(inp, carrier, "hot_water")
    return _hot_water(inp, inp.fraction("coverage_pct"))


def _led(inp: _Inputs) -> list[Flow]:
    """bulbs × h/day × 365 × (W_before − W_after) ÷ 1000 (domain.md §5.1: 10 bulbs × 2 h
    × 365 × (100 − 10) W ÷ 1000 ≈ 657 kWh)."""
    watts = inp.value("watts_before") - inp.value("watts_after")
    hours = inp.value("bulbs") * inp.value("hours_per_day") * DAYS_PER_YEAR
    return [Flow(EnergyCarrier.ELECTRICITY, "lighting", hours * watts / 1000)]


def _standby(inp: _Inputs) -> list[Flow]:
    """W × h/day × 365 ÷ 1000, capped at 10 % of the electricity (domain.md §5.1:
    often >50 W of standby, up to 10 % of the bill)."""
    kwh = inp.value("standby_watts") * inp.value("hours_per_day") * DAYS_PER_YEAR / 1000
    cap = STANDBY_MAX_SHARE * inp.electricity_kwh()
    if kwh > cap:
        inp.assumptions.add(Assumption.STANDBY_CAPPED)
        kwh = cap
    return [Flow(EnergyCarrier.ELECTRICITY, "appliances", kwh)]


def _fridge(inp: _Inputs) -> list[Flow]:
    """Old minus new yearly consumption (≈ 400 → 200 kWh [M])."""
    kwh = inp.value("kwh_before") - inp.value("kwh_after")
    return [Flow(EnergyCarrier.ELECTRICITY, "appliances", kwh)]


def _air_conditioner(inp: _Inputs) -> list[Flow]:
    """units × kW × h/yr × saving_pct (domain.md §5.3: class ≤4 saves 13 %, up to 40 %)."""
    kwh = inp.value("units") * inp.value("power_kw") * inp.value("hours_per_year")
    return [Flow(EnergyCarrier.ELECTRICITY, "cooling", kwh * inp.fraction("saving_pct"))]


def _solar_pv(inp: _Inputs) -> list[Flow]:
    """kWp × yield × self-consumed share; surplus sold to the grid is not counted."""
    produced = inp.value("kwp") * inp.value("yield_kwh_per_kwp")
    return [
        Flow(
            EnergyCarrier.ELECTRICITY, "appliances", produced * inp.fraction("self_consumption_pct")
        )
    ]


def _solar_cooking(inp: _Inputs) -> list[Flow]:
    """Cooking butane × share_pct; bottles/month × 12 × bottle kWh (§6: 12 kg ≈ 152 kWh)."""
    kwh = inp.cooking_butane_kwh() * inp.fraction("share_pct")
    return [Flow(EnergyCarrier.BUTANE_PROPANE, "cooking", kwh)]


Formula = Callable[[_Inputs], list[Flow]]

#: Measure code → formula. Percentages come from the catalogue parameters.
FORMULAS: Mapping[str, Formula] = MappingProxyType(
    {
        "lower_setpoint_1c": _setpoint,
        "thermostat_programmable": _heating_pct,
        "boiler_maintenance": _boiler,
        "attic_insulation": _heating_pct,
        "wall_insulation": _heating_pct,
        "floor_insulation": _heating_pct,
        "roof_insulation": _roof,
        "window_replacement": _heating_pct,
        "draught_proofing": _heating_pct,
        "heat_pump": _heat_pump,
        "condensing_boiler": _boiler,
        "wood_pellet_stove": _pellet_stove,
        "solar_water_heater": _solar_water_heater,
        "heat_pump_water_heater": _heat_pump_water_heater,
        # −40 % hot-water use (domain.md §5.1, revert.be).
        "flow_reducers": lambda inp: _hot_water(inp, inp.fraction("reduction_pct")),
        "led_lighting": _led,
        "standby_cutters": _standby,
        "efficient_fridge": _fridge,
        "efficient_ac": _air_conditioner,
        "solar_pv": _solar_pv,
        "butane_to_solar_cooking": _solar_cooking,
        # Shorter showers, cold-water washing: saving_pct of hot water [I].
        "water_saving": lambda inp: _hot_water(inp, inp.fraction("saving_pct")),
    }
)


# --- Entry point --------------------------------------------------------------------------


def _initial_values(
    measure: CatalogueMeasure, values: Mapping[str, float] | None
) -> dict[str, float | None]:
    """Catalogue defaults overridden by the advisor's values, each checked against min/max."""
    resolved: dict[str, float | None] = {p.code: p.default for p in measure.parameters}
    for code, value in (values or {}).items():
        parameter = measure.parameter(code)  # ValueError for an unknown code
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            raise ValueError(f"parameter {code!r} must be a number, got {value!r}")
        resolved[code] = parameter.check(float(value))
    return resolved


def _cost(measure: CatalogueMeasure, inp: _Inputs) -> Decimal | None:
    """Midpoint of the indicative range × quantity (1 per dwelling)."""
    cost = measure.costs.get(inp.params.country)
    if cost is None:
        return None
    quantity = 1.0
    if cost.per != "dwelling" and measure.cost_quantity is not None:
        quantity = inp.value(measure.cost_quantity)
    return round_money(cost.midpoint * Decimal(str(quantity)), inp.params.currency)


def _check_context(measure: CatalogueMeasure, profile: EnergyProfile, params: ParameterSet) -> None:
    if profile.country != params.country:
        raise ValueError(
            f"profile is for {profile.country} but parameter set {params.version} is not"
        )
    if not measure.applies_to(profile.country):
        raise ValueError(f"measure {measure.code!r} does not apply in {profile.country}")
    if measure.code not in FORMULAS:
        raise ValueError(f"no savings formula for measure {measure.code!r}")


def estimate(
    measure: CatalogueMeasure,
    profile: EnergyProfile,
    params: ParameterSet,
    values: Mapping[str, float] | None = None,
) -> SavingsEstimate:
    """Yearly saving of ``measure`` for the household; ``values`` override the measure's
    parameter defaults (``ValueError`` naming the parameter when out of range)."""
    _check_context(measure, profile, params)
    inp = _Inputs(profile, params, _initial_values(measure, values))
    flows = FORMULAS[measure.code](inp)
    cost = _cost(measure, inp)
    used = {p.code: inp.value(p.code) for p in measure.parameters}
    money = round_money(
        sum((money_value(f.kwh, f.carrier, params) for f in flows), Decimal(0)), params.currency
    )
    co2 = sum(co2_kg(f.kwh, f.carrier, f.use, params) for f in flows)
    payback = None if cost is None or money <= 0 else round(float(cost / money), 1)
    return SavingsEstimate(
        kwh_per_year=round(sum(f.kwh for f in flows), 1),
        money_per_year=money,
        co2_kg_per_year=round(co2, 1),
        cost=cost,
        payback_years=payback,
        carrier=max(flows, key=lambda f: abs(f.kwh)).carrier,  # first of equals
        currency=params.currency,
        parameter_set_version=params.version,
        assumptions=tuple(sorted(inp.assumptions)),
        parameters=MappingProxyType(used),
    )
