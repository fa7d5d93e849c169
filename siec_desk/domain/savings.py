"""Savings estimates for catalogue measures: kWh, money, CO2, cost and payback (pure).

A formula turns a measure's parameters and the household's :class:`EnergyProfile` into
*flows*: kWh per year of one carrier for one end use, positive when saved, negative when
newly consumed (a heat pump saves gas and consumes electricity). Money and CO2 come from
the flows through the dated :class:`ParameterSet` (domain.md §6 prices, §7 factors), so
all formulas share :func:`money_value` and :func:`co2_kg`.

When household data is unknown, a documented default of the parameter set is used and
its code (:class:`Assumption`) is listed in ``SavingsEstimate.assumptions``.

This module is the public entry point: household inputs and their defaults live in
:mod:`~siec_desk.domain.savings_inputs`, the per-measure formulas in
:mod:`~siec_desk.domain.savings_formulas`; their public names are re-exported here.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from types import MappingProxyType

from siec_desk.domain.catalogue import CatalogueMeasure
from siec_desk.domain.parameters import ParameterSet
from siec_desk.domain.savings_formulas import (
    COMBUSTION_CARRIERS,
    DAYS_PER_YEAR,
    FORMULAS,
    SETPOINT_SAVING_PER_DEGREE,
    STANDBY_MAX_SHARE,
    Flow,
    Formula,
)
from siec_desk.domain.savings_inputs import (
    DERIVED_PARAMETERS,
    MONTHS_PER_YEAR,
    Assumption,
    EnergyProfile,
    HouseholdInputs,
)

__all__ = [
    "COMBUSTION_CARRIERS",
    "CURRENCY_DECIMALS",
    "DAYS_PER_YEAR",
    "DERIVED_PARAMETERS",
    "FORMULAS",
    "MONTHS_PER_YEAR",
    "SETPOINT_SAVING_PER_DEGREE",
    "STANDBY_MAX_SHARE",
    "Assumption",
    "EnergyProfile",
    "Flow",
    "Formula",
    "SavingsEstimate",
    "co2_kg",
    "estimate",
    "money_value",
    "round_money",
]

#: Decimal places of each currency (the millime makes TND three).
CURRENCY_DECIMALS: Mapping[str, int] = MappingProxyType({"EUR": 2, "MAD": 2, "TND": 3})


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


def _cost(measure: CatalogueMeasure, inp: HouseholdInputs) -> Decimal | None:
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
    inp = HouseholdInputs(profile, params, _initial_values(measure, values))
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
