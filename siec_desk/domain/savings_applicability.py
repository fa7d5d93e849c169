"""Which measures apply to a dwelling, and which may not be combined (pure).

A measure that needs a roof, a boiler, heating or a hot-water heater the dwelling lacks
gets a stable reason code (:func:`not_applicable_reason`); measures covering the same
part of the dwelling (:data:`OVERLAPS`) are refused together (:class:`OverlapError`).
"""

from __future__ import annotations

from collections.abc import Iterable

from siec_desk.domain.codes import DwellingType, EnergyCarrier
from siec_desk.domain.parameters import ParameterSet
from siec_desk.domain.savings_formulas import COMBUSTION_CARRIERS, WOOD_CARRIERS
from siec_desk.domain.savings_inputs import EnergyProfile, HouseholdInputs

#: Measures that act on the same part of the dwelling: at most one of each set.
OVERLAPS: tuple[frozenset[str], ...] = (frozenset({"attic_insulation", "roof_insulation"}),)

#: Measures that need a roof of the household's own (a house, or a flat on the top floor).
NEEDS_ROOF = frozenset({"attic_insulation", "roof_insulation", "solar_pv"})
#: Measures acting on a boiler burning gas, oil or LPG.
NEEDS_BOILER = frozenset({"boiler_maintenance", "condensing_boiler"})
#: Measures acting on space heating only.
NEEDS_HEATING = frozenset(
    {"lower_setpoint_1c", "thermostat_programmable", "heat_pump", "wood_pellet_stove"}
)
#: Measures replacing the hot-water heater.
NEEDS_HOT_WATER_HEATER = frozenset({"solar_water_heater", "heat_pump_water_heater"})


class OverlapError(ValueError):
    """Two measures cover the same part of the dwelling (``codes``)."""

    def __init__(self, codes: tuple[str, ...]) -> None:
        super().__init__(f"measures {' and '.join(codes)} overlap: keep only one")
        self.codes = codes


def not_applicable_reason(code: str, profile: EnergyProfile, params: ParameterSet) -> str | None:
    """Why measure *code* does not apply to this dwelling, as a stable reason code, or
    None: ``no_roof`` (a flat not on the top floor), ``no_boiler``, ``no_heating``,
    ``already_wood``, ``already_solar``, ``no_hot_water``. Unknown facts never exclude."""
    flat = profile.dwelling_type == DwellingType.APARTMENT
    if code in NEEDS_ROOF and flat and profile.top_floor is False:
        return "no_roof"
    inp = HouseholdInputs(profile, params, {})
    heating = inp.heating_carrier()
    if code in NEEDS_BOILER and heating not in COMBUSTION_CARRIERS:
        return "no_heating" if heating == EnergyCarrier.NONE else "no_boiler"
    if code in NEEDS_HEATING and heating == EnergyCarrier.NONE:
        return "no_heating"
    if code == "wood_pellet_stove" and heating in WOOD_CARRIERS:
        return "already_wood"
    if code in NEEDS_HOT_WATER_HEATER:
        hot_water = inp.hot_water_carrier()
        if hot_water == EnergyCarrier.SOLAR:
            return "already_solar"
        if hot_water == EnergyCarrier.NONE:
            return "no_hot_water"
    return None


def overlap_in(codes: Iterable[str]) -> tuple[str, ...] | None:
    """The first overlapping pair among *codes* (sorted), or None."""
    chosen = set(codes)
    for overlap in OVERLAPS:
        both = overlap & chosen
        if len(both) > 1:
            return tuple(sorted(both))
    return None
