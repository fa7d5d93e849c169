"""Savings estimates for catalogue measures: kWh, money, CO2, cost and payback (pure).

A formula turns a measure's parameters and the household's :class:`EnergyProfile` into
*effects* on end uses; :func:`combine` turns the effects of all the measures of a
consultation into *flows* (kWh per year of one carrier for one end use, positive when
saved, negative when newly consumed: a heat pump saves gas and consumes electricity),
combined so that they never save more than the load, and gives each measure its share.
Money and CO2 come from the flows through the dated :class:`ParameterSet` (domain.md §6
prices, §7 factors). :func:`estimate` is one measure alone.

When household data is unknown, a documented default of the parameter set is used and
its code (:class:`Assumption`) is listed in ``SavingsEstimate.assumptions``.

This module is the public entry point: household inputs and their defaults live in
:mod:`~siec_desk.domain.savings_inputs`, the per-measure formulas in
:mod:`~siec_desk.domain.savings_formulas`; their public names are re-exported here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from siec_desk.core.records import record_from
from siec_desk.domain.catalogue import CatalogueMeasure
from siec_desk.domain.parameters import ParameterSet
from siec_desk.domain.savings_applicability import OverlapError, not_applicable_reason
from siec_desk.domain.savings_combined import combine
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
)
from siec_desk.domain.savings_shares import (
    CURRENCY_DECIMALS,
    Combination,
    MeasureRequest,
    MeasureShare,
    round_money,
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
    "Combination",
    "EnergyProfile",
    "Flow",
    "Formula",
    "MeasureRequest",
    "MeasureShare",
    "OverlapError",
    "SavingsEstimate",
    "co2_kg",
    "combine",
    "estimate",
    "money_value",
    "not_applicable_reason",
    "round_money",
]


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


# --- Entry point --------------------------------------------------------------------------


def estimate(
    measure: CatalogueMeasure,
    profile: EnergyProfile,
    params: ParameterSet,
    values: Mapping[str, float] | None = None,
) -> SavingsEstimate:
    """Yearly saving of ``measure`` alone for the household; ``values`` override the
    measure's parameter defaults (``ValueError`` naming the parameter when out of range).
    Several measures together: :func:`~siec_desk.domain.savings_combined.combine`."""
    result = combine([MeasureRequest(measure, values)], profile, params)
    share = result.measures[0]
    return record_from(
        SavingsEstimate, share, currency=params.currency, parameter_set_version=params.version
    )
