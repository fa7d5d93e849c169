"""Savings formulas, one per catalogue measure, turning inputs into effects (pure).

Each formula reads the household's figures through :class:`HouseholdInputs` and says how
the measure acts on one or more *end uses* (:data:`END_USES`), as :class:`Effect`
objects: a fraction of the use's load it removes, a share of the load it moves to
another system (a heat pump, a pellet stove, a solar water heater), or electricity it
produces. :mod:`~siec_desk.domain.savings_combined` turns the effects of every measure of
a consultation into energy flows, combining them per end use so that together they never
save more than the load. :data:`FORMULAS` maps each measure code to its formula.
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
#: Carriers a wood-pellet stove does not replace.
WOOD_CARRIERS = frozenset({EnergyCarrier.WOOD, EnergyCarrier.WOOD_PELLETS})
#: domain.md §5.1 (via ADEME): heating set-point −1 °C ≈ −7 % of heating consumption.
SETPOINT_SAVING_PER_DEGREE = 0.07
#: domain.md §5.1 (via ADEME): standby is "up to 10 % of the electricity bill".
STANDBY_MAX_SHARE = 0.10
DAYS_PER_YEAR = 365

#: End uses a measure acts on; ``production`` is on-site electricity (PV).
END_USES = (
    "heating",
    "hot_water",
    "cooling",
    "lighting",
    "appliances",
    "cooking",
    "production",
)
#: Order in which effects apply within one end use: the envelope (and fitted equipment
#: that lowers the need) first, then the system, then behaviour; production last.
STAGES = ("envelope", "system", "behaviour", "production")

#: Alternatives: measures replacing the same equipment; only the best one is counted.
HEATING_GENERATOR = "heating_generator"
HOT_WATER_GENERATOR = "hot_water_generator"


@dataclass(frozen=True)
class Flow:
    """kWh per year of ``carrier`` for ``use``: positive saved, negative newly consumed."""

    carrier: str
    use: str
    kwh: float


@dataclass(frozen=True)
class Effect:
    """How one measure acts on one end use.

    * ``fraction`` of the load left at its stage is removed (``new_carrier`` None), or
      moved to ``new_carrier`` needing ``ratio`` kWh of it per kWh moved (heat pump
      1/COP, pellet stove 1, solar 0, condensing boiler 1 − saving);
    * ``load_kwh``: the load this measure was sized on when the end use has no load of
      the household's own (lighting, cooling): the use's load is the largest of them;
    * ``group``: alternatives replacing the same equipment;
    * production: ``kwh`` self-consumable, capped by the electricity left to use.
    """

    use: str
    stage: str
    fraction: float = 0.0
    new_carrier: str | None = None
    ratio: float = 0.0
    load_kwh: float | None = None
    group: str | None = None
    kwh: float = 0.0

    def __post_init__(self) -> None:
        if self.use not in END_USES or self.stage not in STAGES:
            raise ValueError(f"unknown end use or stage {self.use!r}/{self.stage!r}")


def clamp(value: float) -> float:
    """A fraction kept within [0, 1]: a measure neither adds load nor removes more."""
    return min(1.0, max(0.0, value))


# --- Formulas, one per measure ------------------------------------------------------------


def _reduce(use: str, stage: str, fraction: float) -> Effect:
    return Effect(use, stage, clamp(fraction))


def _not_applicable(inp: HouseholdInputs, use: str) -> list[Effect]:
    inp.assumptions.add(Assumption.NOT_APPLICABLE_CARRIER)
    return [Effect(use, "system", 0.0)]


def _setpoint(inp: HouseholdInputs) -> list[Effect]:
    """Heating × 7 % per degree (domain.md §5.1; 2 °C ≈ the DPE's "−15 %")."""
    return [_reduce("heating", "behaviour", SETPOINT_SAVING_PER_DEGREE * inp.value("degrees"))]


def _thermostat(inp: HouseholdInputs) -> list[Effect]:
    """Heating × saving_pct (5–15 %, domain.md §5.1): regulation, applied last."""
    return [_reduce("heating", "behaviour", inp.fraction("saving_pct"))]


def _envelope(inp: HouseholdInputs) -> list[Effect]:
    """Heating × saving_pct. Defaults (catalogue, domain.md §5.1): attic 27 % (15–35),
    walls 20 % (losses 20–25 %), windows 10 % (10–15 %), floor 7 % (7–10 %),
    draught-proofing 5 % [I] (air renewal 20–25 % of losses)."""
    return [_reduce("heating", "envelope", inp.fraction("saving_pct"))]


def _boiler_maintenance(inp: HouseholdInputs) -> list[Effect]:
    """Heating × saving_pct × (1 − serviced): 8–12 % against an *unserviced* boiler
    (domain.md §5.1); in France the yearly service is compulsory (décret 2009-649), so
    the default baseline is an already-serviced boiler and the saving is nil unless the
    advisor says otherwise. Combustion heating only; applies before a change of system
    (which then acts on what is left: conservative for the new system)."""
    if inp.heating_carrier() not in COMBUSTION_CARRIERS:
        return _not_applicable(inp, "heating")
    fraction = inp.fraction("saving_pct") * (1 - clamp(inp.value("serviced")))
    return [Effect("heating", "system", clamp(fraction))]


def _condensing_boiler(inp: HouseholdInputs) -> list[Effect]:
    """A new boiler using saving_pct less (10–20 %, domain.md §5.1), combustion only."""
    carrier = inp.heating_carrier()
    if carrier not in COMBUSTION_CARRIERS:
        return _not_applicable(inp, "heating")
    ratio = 1 - clamp(inp.fraction("saving_pct"))
    return [Effect("heating", "system", 1.0, carrier, ratio, group=HEATING_GENERATOR)]


def _roof(inp: HouseholdInputs) -> list[Effect]:
    """Heating × heating_saving_pct (roof 25–30 % of losses, domain.md §5.1) plus cooling
    electricity × cooling_saving_pct (−40 %, ANME, domain.md §5.3)."""
    return [
        _reduce("heating", "envelope", inp.fraction("heating_saving_pct")),
        Effect(
            "cooling",
            "envelope",
            clamp(inp.fraction("cooling_saving_pct")),
            load_kwh=inp.value("cooling_kwh_per_year"),
        ),
    ]


def _heat_pump(inp: HouseholdInputs) -> list[Effect]:
    """Space heating by a heat pump, COP ≈ 3 (domain.md §5.1 [M]): the heat left after
    the envelope measures comes from electricity ÷ COP. The current final energy is taken
    as the useful heat (conservative: old boiler losses ignored)."""
    if inp.heating_carrier() == EnergyCarrier.NONE:
        return _not_applicable(inp, "heating")
    ratio = 1 / inp.value("cop")
    return [
        Effect("heating", "system", 1.0, EnergyCarrier.ELECTRICITY, ratio, group=HEATING_GENERATOR)
    ]


def _heat_pump_water_heater(inp: HouseholdInputs) -> list[Effect]:
    """DHW by a heat-pump water heater, COP ≈ 2.5 [M]; a solar DHW is left alone."""
    if inp.hot_water_carrier() in (EnergyCarrier.SOLAR, EnergyCarrier.NONE):
        return _not_applicable(inp, "hot_water")
    ratio = 1 / inp.value("cop")
    return [
        Effect(
            "hot_water", "system", 1.0, EnergyCarrier.ELECTRICITY, ratio, group=HOT_WATER_GENERATOR
        )
    ]


def _pellet_stove(inp: HouseholdInputs) -> list[Effect]:
    """share_pct of the heating moves to pellets, same final energy assumed [I]: saves
    money and CO2 (wood 0.030 kg/kWh, domain.md §7), not kWh."""
    if inp.heating_carrier() in WOOD_CARRIERS | {EnergyCarrier.NONE}:
        return _not_applicable(inp, "heating")
    share = clamp(inp.fraction("share_pct"))
    return [
        Effect("heating", "system", share, EnergyCarrier.WOOD_PELLETS, 1.0, group=HEATING_GENERATOR)
    ]


def _solar_water_heater(inp: HouseholdInputs) -> list[Effect]:
    """DHW × coverage: 50–70 % FR (§5.1), 70–90 % MA (§5.2); default from the set."""
    if inp.hot_water_carrier() in (EnergyCarrier.SOLAR, EnergyCarrier.NONE):
        return _not_applicable(inp, "hot_water")
    coverage = clamp(inp.fraction("coverage_pct"))
    return [
        Effect("hot_water", "system", coverage, EnergyCarrier.SOLAR, 0.0, group=HOT_WATER_GENERATOR)
    ]


def _flow_reducers(inp: HouseholdInputs) -> list[Effect]:
    """reduction_pct at the fitted outlets × their share of the hot water: −40 % at a
    fitted shower head or tap (domain.md §5.1, revert.be), not on baths, washing or the
    kitchen; ≈ 20–25 % of all hot water by default (domain-review §3)."""
    fraction = inp.fraction("reduction_pct") * inp.fraction("fitted_share_pct")
    return [_reduce("hot_water", "envelope", fraction)]


def _water_saving(inp: HouseholdInputs) -> list[Effect]:
    """Shorter showers, cold-water washing: saving_pct of hot water [I]."""
    return [_reduce("hot_water", "behaviour", inp.fraction("saving_pct"))]


def _led(inp: HouseholdInputs) -> list[Effect]:
    """Lamps × h/day × 365 × W; the saving is (W_before − W_after) ÷ W_before of that
    lighting. Default baseline: today's bulbs (halogen 42 W in France, CFL 18 W in
    Morocco and Tunisia), so a whole French home's lighting is ≈ 147 kWh/yr (≈ 134–147,
    ADEME Panel Elecdom 2022 / RTE, domain-review §3)."""
    before = inp.value("watts_before")
    load = inp.value("bulbs") * inp.value("hours_per_day") * DAYS_PER_YEAR * before / 1000
    fraction = (before - inp.value("watts_after")) / before
    return [Effect("lighting", "system", clamp(fraction), load_kwh=load)]


def _appliance_fraction(inp: HouseholdInputs, kwh: float, capped: Assumption) -> float:
    load = inp.electricity_kwh()
    if load <= 0:
        return 0.0
    if kwh > load:
        inp.assumptions.add(capped)
    return clamp(kwh / load)


def _standby(inp: HouseholdInputs) -> list[Effect]:
    """W × h/day × 365 ÷ 1000, capped at 10 % of the electricity (domain.md §5.1:
    often >50 W of standby, up to 10 % of the bill)."""
    kwh = inp.value("standby_watts") * inp.value("hours_per_day") * DAYS_PER_YEAR / 1000
    cap = STANDBY_MAX_SHARE * inp.electricity_kwh()
    if kwh > cap:
        inp.assumptions.add(Assumption.STANDBY_CAPPED)
        kwh = cap
    fraction = _appliance_fraction(inp, kwh, Assumption.STANDBY_CAPPED)
    return [Effect("appliances", "behaviour", fraction)]


def _fridge(inp: HouseholdInputs) -> list[Effect]:
    """Old minus new yearly consumption (≈ 400 → 200 kWh [M]), within the electricity
    the household uses for its appliances."""
    kwh = max(0.0, inp.value("kwh_before") - inp.value("kwh_after"))
    fraction = _appliance_fraction(inp, kwh, Assumption.FRIDGE_CAPPED)
    return [Effect("appliances", "system", fraction)]


def _air_conditioner(inp: HouseholdInputs) -> list[Effect]:
    """units × kW × h/yr of cooling, × saving_pct (domain.md §5.3: class ≤4 saves 13 %,
    up to 40 %)."""
    load = inp.value("units") * inp.value("power_kw") * inp.value("hours_per_year")
    return [Effect("cooling", "system", clamp(inp.fraction("saving_pct")), load_kwh=load)]


def _solar_pv(inp: HouseholdInputs) -> list[Effect]:
    """kWp × yield × self-consumed share; surplus sold to the grid is not counted, and
    what is self-consumed never exceeds the electricity the household still uses
    (capped in the combination). MA/TN default: a 1–1.5 kWp household system."""
    produced = inp.value("kwp") * inp.value("yield_kwh_per_kwp")
    return [Effect("production", "production", kwh=produced * inp.fraction("self_consumption_pct"))]


def _solar_cooking(inp: HouseholdInputs) -> list[Effect]:
    """Cooking butane × share_pct; bottles/month × 12 × bottle kWh (§6: 12 kg ≈ 152 kWh)."""
    return [_reduce("cooking", "system", inp.fraction("share_pct"))]


Formula = Callable[[HouseholdInputs], list[Effect]]

#: Measure code → formula. Percentages come from the catalogue parameters.
FORMULAS: Mapping[str, Formula] = MappingProxyType(
    {
        "lower_setpoint_1c": _setpoint,
        "thermostat_programmable": _thermostat,
        "boiler_maintenance": _boiler_maintenance,
        "attic_insulation": _envelope,
        "wall_insulation": _envelope,
        "floor_insulation": _envelope,
        "roof_insulation": _roof,
        "window_replacement": _envelope,
        "draught_proofing": _envelope,
        "heat_pump": _heat_pump,
        "condensing_boiler": _condensing_boiler,
        "wood_pellet_stove": _pellet_stove,
        "solar_water_heater": _solar_water_heater,
        "heat_pump_water_heater": _heat_pump_water_heater,
        "flow_reducers": _flow_reducers,
        "led_lighting": _led,
        "standby_cutters": _standby,
        "efficient_fridge": _fridge,
        "efficient_ac": _air_conditioner,
        "solar_pv": _solar_pv,
        "butane_to_solar_cooking": _solar_cooking,
        "water_saving": _water_saving,
    }
)
