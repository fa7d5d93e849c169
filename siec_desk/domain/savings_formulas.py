"""Savings formulas, one per catalogue measure, turning inputs into energy flows (pure).

Each formula reads the household's figures through :class:`HouseholdInputs` and returns
:class:`Flow` objects: kWh per year of one carrier for one end use, positive when saved,
negative when newly consumed. :data:`FORMULAS` maps each measure code to its formula.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from siec_desk.domain.codes import EnergyCarrier
from siec_desk.domain.savings_inputs import Assumption, HouseholdInputs

#: Carriers burnt in a boiler (boiler maintenance, condensing boiler).
COMBUSTION_CARRIERS = frozenset(
    {EnergyCarrier.NATURAL_GAS, EnergyCarrier.FUEL_OIL, EnergyCarrier.BUTANE_PROPANE}
)
#: domain.md §5.1 (via ADEME): heating set-point −1 °C ≈ −7 % of heating consumption.
SETPOINT_SAVING_PER_DEGREE = 0.07
#: domain.md §5.1 (via ADEME): standby is "up to 10 % of the electricity bill".
STANDBY_MAX_SHARE = 0.10
DAYS_PER_YEAR = 365


@dataclass(frozen=True)
class Flow:
    """kWh per year of ``carrier`` for ``use``: positive saved, negative newly consumed."""

    carrier: str
    use: str
    kwh: float


# --- Formulas, one per measure ------------------------------------------------------------


def _heating(inp: HouseholdInputs, fraction: float) -> list[Flow]:
    """A fraction of the heating consumption, in the heating carrier."""
    return [Flow(inp.heating_carrier(), "heating", inp.heating_kwh() * fraction)]


def _hot_water(inp: HouseholdInputs, fraction: float) -> list[Flow]:
    """A fraction of the hot-water consumption, in the DHW carrier."""
    return [Flow(inp.hot_water_carrier(), "hot_water", inp.hot_water_kwh() * fraction)]


def _not_applicable(inp: HouseholdInputs, carrier: str, use: str) -> list[Flow]:
    inp.assumptions.add(Assumption.NOT_APPLICABLE_CARRIER)
    return [Flow(carrier, use, 0.0)]


def _setpoint(inp: HouseholdInputs) -> list[Flow]:
    """Heating × 7 % per degree (domain.md §5.1; 2 °C ≈ the DPE's "−15 %")."""
    return _heating(inp, SETPOINT_SAVING_PER_DEGREE * inp.value("degrees"))


def _heating_pct(inp: HouseholdInputs) -> list[Flow]:
    """Heating × saving_pct. Defaults (catalogue, domain.md §5.1): thermostat 10 % (5–15),
    attic 27 % (15–35), walls 20 % (losses 20–25 %), windows 10 % (10–15 %), floor 7 %
    (7–10 %), draught-proofing 5 % [I] (air renewal 20–25 % of losses)."""
    return _heating(inp, inp.fraction("saving_pct"))


def _boiler(inp: HouseholdInputs) -> list[Flow]:
    """Heating × saving_pct, combustion heating only: maintenance 8–12 %, condensing
    boiler 10–20 % better than an old standard boiler (domain.md §5.1)."""
    carrier = inp.heating_carrier()
    if carrier not in COMBUSTION_CARRIERS:
        return _not_applicable(inp, carrier, "heating")
    return _heating(inp, inp.fraction("saving_pct"))


def _roof(inp: HouseholdInputs) -> list[Flow]:
    """Heating × heating_saving_pct (roof 25–30 % of losses, domain.md §5.1) plus cooling
    electricity × cooling_saving_pct (−40 %, ANME, domain.md §5.3)."""
    cooling = inp.value("cooling_kwh_per_year") * inp.fraction("cooling_saving_pct")
    return [
        *_heating(inp, inp.fraction("heating_saving_pct")),
        Flow(EnergyCarrier.ELECTRICITY, "cooling", cooling),
    ]


def _switch_to_heat_pump(inp: HouseholdInputs, carrier: str, use: str, kwh: float) -> list[Flow]:
    """Old carrier saved, electricity = kWh ÷ COP consumed. The current final energy is
    taken as the useful heat (conservative: old boiler losses ignored)."""
    new_electricity = kwh / inp.value("cop")
    if carrier == EnergyCarrier.ELECTRICITY:
        return [Flow(carrier, use, kwh - new_electricity)]
    return [Flow(carrier, use, kwh), Flow(EnergyCarrier.ELECTRICITY, use, -new_electricity)]


def _heat_pump(inp: HouseholdInputs) -> list[Flow]:
    """Space heating by a heat pump, COP ≈ 3 (domain.md §5.1 [M])."""
    carrier = inp.heating_carrier()
    return _switch_to_heat_pump(inp, carrier, "heating", inp.heating_kwh())


def _heat_pump_water_heater(inp: HouseholdInputs) -> list[Flow]:
    """DHW by a heat-pump water heater, COP ≈ 2.5 [M]; a solar DHW is left alone."""
    carrier = inp.hot_water_carrier()
    if carrier == EnergyCarrier.SOLAR:
        return _not_applicable(inp, carrier, "hot_water")
    return _switch_to_heat_pump(inp, carrier, "hot_water", inp.hot_water_kwh())


def _pellet_stove(inp: HouseholdInputs) -> list[Flow]:
    """share_pct of the heating moves to pellets, same final energy assumed [I]: saves
    money and CO2 (wood 0.030 kg/kWh, domain.md §7), not kWh."""
    carrier = inp.heating_carrier()
    if carrier == EnergyCarrier.WOOD:
        return _not_applicable(inp, carrier, "heating")
    moved = inp.heating_kwh() * inp.fraction("share_pct")
    return [Flow(carrier, "heating", moved), Flow(EnergyCarrier.WOOD, "heating", -moved)]


def _solar_water_heater(inp: HouseholdInputs) -> list[Flow]:
    """DHW × coverage: 50–70 % FR (§5.1), 70–90 % MA (§5.2); default from the set."""
    carrier = inp.hot_water_carrier()
    if carrier == EnergyCarrier.SOLAR:
        return _not_applicable(inp, carrier, "hot_water")
    return _hot_water(inp, inp.fraction("coverage_pct"))


def _led(inp: HouseholdInputs) -> list[Flow]:
    """bulbs × h/day × 365 × (W_before − W_after) ÷ 1000 (domain.md §5.1: 10 bulbs × 2 h
    × 365 × (100 − 10) W ÷ 1000 ≈ 657 kWh)."""
    watts = inp.value("watts_before") - inp.value("watts_after")
    hours = inp.value("bulbs") * inp.value("hours_per_day") * DAYS_PER_YEAR
    return [Flow(EnergyCarrier.ELECTRICITY, "lighting", hours * watts / 1000)]


def _standby(inp: HouseholdInputs) -> list[Flow]:
    """W × h/day × 365 ÷ 1000, capped at 10 % of the electricity (domain.md §5.1:
    often >50 W of standby, up to 10 % of the bill)."""
    kwh = inp.value("standby_watts") * inp.value("hours_per_day") * DAYS_PER_YEAR / 1000
    cap = STANDBY_MAX_SHARE * inp.electricity_kwh()
    if kwh > cap:
        inp.assumptions.add(Assumption.STANDBY_CAPPED)
        kwh = cap
    return [Flow(EnergyCarrier.ELECTRICITY, "appliances", kwh)]


def _fridge(inp: HouseholdInputs) -> list[Flow]:
    """Old minus new yearly consumption (≈ 400 → 200 kWh [M])."""
    kwh = inp.value("kwh_before") - inp.value("kwh_after")
    return [Flow(EnergyCarrier.ELECTRICITY, "appliances", kwh)]


def _air_conditioner(inp: HouseholdInputs) -> list[Flow]:
    """units × kW × h/yr × saving_pct (domain.md §5.3: class ≤4 saves 13 %, up to 40 %)."""
    kwh = inp.value("units") * inp.value("power_kw") * inp.value("hours_per_year")
    return [Flow(EnergyCarrier.ELECTRICITY, "cooling", kwh * inp.fraction("saving_pct"))]


def _solar_pv(inp: HouseholdInputs) -> list[Flow]:
    """kWp × yield × self-consumed share; surplus sold to the grid is not counted."""
    produced = inp.value("kwp") * inp.value("yield_kwh_per_kwp")
    return [
        Flow(
            EnergyCarrier.ELECTRICITY, "appliances", produced * inp.fraction("self_consumption_pct")
        )
    ]


def _solar_cooking(inp: HouseholdInputs) -> list[Flow]:
    """Cooking butane × share_pct; bottles/month × 12 × bottle kWh (§6: 12 kg ≈ 152 kWh)."""
    kwh = inp.cooking_butane_kwh() * inp.fraction("share_pct")
    return [Flow(EnergyCarrier.BUTANE_PROPANE, "cooking", kwh)]


Formula = Callable[[HouseholdInputs], list[Flow]]

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
