"""The result of a combined estimate, and how it is rounded so that it adds up.

:func:`siec_desk.domain.savings_combined.combine` runs the measures over the household's
end uses and records, per measure (:class:`MeasureItem`), the exact kWh each saves per
carrier and end use; :func:`assemble` turns those flows into the records below, rounded
(0.1 kWh, the currency's minor unit, 0.1 kg CO₂) by largest remainder so that the shares
add up exactly to the rounded totals of each end use.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from types import MappingProxyType

from siec_desk.domain.catalogue import CatalogueMeasure
from siec_desk.domain.codes import EnergyCarrier
from siec_desk.domain.parameters import ParameterSet
from siec_desk.domain.savings_formulas import END_USES, Effect
from siec_desk.domain.savings_inputs import HouseholdInputs

#: Decimal places of each currency (the millime makes TND three).
CURRENCY_DECIMALS: Mapping[str, int] = MappingProxyType({"EUR": 2, "MAD": 2, "TND": 3})


def round_money(amount: Decimal, currency: str) -> Decimal:
    """Round half-up to the currency's precision (EUR/MAD 0.01, TND 0.001)."""
    return amount.quantize(Decimal(1).scaleb(-CURRENCY_DECIMALS[currency]), ROUND_HALF_UP)


@dataclass(frozen=True)
class MeasureRequest:
    """A measure and the advisor's values for its parameters (None: catalogue defaults);
    ``excluded``: the reason it does not apply (it then counts for nothing)."""

    measure: CatalogueMeasure
    values: Mapping[str, float] | None = None
    excluded: str | None = None


@dataclass(frozen=True)
class MeasureShare:
    """One measure's figures *in the combination* (they add up to the totals).

    ``counted`` is False for an alternative not counted (``alternative_to`` names the
    measure counted instead): its figures are then zero. ``by_use`` gives its kWh share
    per end use; ``alone`` its figures as if it were the only measure (None when the
    combination holds one measure: they are the same); ``excluded`` the reason a
    measure that does not apply to the dwelling counts for nothing.
    """

    code: str
    kwh_per_year: float
    money_per_year: Decimal
    co2_kg_per_year: float
    cost: Decimal | None
    payback_years: float | None
    carrier: str
    counted: bool
    alternative_to: str | None
    by_use: Mapping[str, float]
    assumptions: tuple[str, ...]
    parameters: Mapping[str, float]
    alone: MeasureShare | None = None
    by_use_money: Mapping[str, Decimal] = field(default_factory=dict)
    by_use_co2: Mapping[str, float] = field(default_factory=dict)
    excluded: str | None = None


@dataclass(frozen=True)
class EndUseTotal:
    """The combined saving on one end use: never more than ``load_kwh``."""

    use: str
    load_kwh: float
    kwh_saved: float
    money_saved: Decimal
    co2_kg_saved: float


@dataclass(frozen=True)
class Combination:
    """Every measure's share, the totals per end use and overall (sums of the shares)."""

    measures: tuple[MeasureShare, ...]
    end_uses: tuple[EndUseTotal, ...]
    kwh_per_year: float
    money_per_year: Decimal
    co2_kg_per_year: float
    cost: Decimal | None
    currency: str
    parameter_set_version: str
    assumed: Mapping[str, float | str] = field(default_factory=dict)

    def share(self, code: str) -> MeasureShare:
        for m in self.measures:
            if m.code == code:
                return m
        raise KeyError(code)

    @property
    def not_counted(self) -> tuple[MeasureShare, ...]:
        return tuple(m for m in self.measures if not m.counted)


@dataclass
class MeasureItem:
    code: str
    inp: HouseholdInputs
    effects: list[Effect]
    cost: Decimal | None
    counted: bool = True
    alternative_to: str | None = None
    excluded: str | None = None
    flows: dict[tuple[str, str], float] = field(default_factory=lambda: defaultdict(float))


def apportion(exact: Mapping[str, float], unit: int) -> dict[str, int]:
    """Integers (in 1/unit) for each key, adding up to round(sum): largest remainder,
    ties broken by key, so the result does not depend on the input order."""
    scaled = {k: v * unit for k, v in exact.items()}
    floors = {k: math.floor(v + 1e-9) for k, v in scaled.items()}
    target = int(Decimal(str(sum(scaled.values()))).quantize(Decimal(1), ROUND_HALF_UP))
    missing = target - sum(floors.values())
    order = sorted(scaled, key=lambda k: (-(scaled[k] - floors[k]), k))
    for k in order[: max(0, missing)]:
        floors[k] += 1
    return floors


def tenths(kwh: float) -> float:
    """Rounded half-up to 0.1, like the shares (so a saving never shows above its load)."""
    return float(Decimal(str(kwh)).quantize(Decimal("0.1"), ROUND_HALF_UP))


def _value(flows: Mapping[tuple[str, str], float], params: ParameterSet) -> tuple[Decimal, float]:
    money = Decimal(0)
    co2 = 0.0
    for (carrier, use), kwh in flows.items():
        if kwh == 0:
            continue
        money += Decimal(str(kwh)) * params.price(carrier)
        co2 += kwh * params.co2_factor(carrier, use)
    return money, co2


def assemble(
    items: list[MeasureItem],
    loads: Mapping[str, tuple[float, str]],
    base: HouseholdInputs,
    requests: Sequence[MeasureRequest],
    params: ParameterSet,
    alone: Mapping[str, MeasureShare],
) -> Combination:
    """The rounded shares of each measure and the totals per end use and overall, from
    the exact flows of *items*; *alone* holds each measure's figures on its own."""
    currency = params.currency
    minor = 10 ** CURRENCY_DECIMALS[currency]
    kwh_parts: dict[str, dict[str, int]] = {}
    money_parts: dict[str, dict[str, int]] = {}
    co2_parts: dict[str, dict[str, int]] = {}
    totals: list[EndUseTotal] = []
    for use in END_USES:
        if use not in loads:
            continue
        exact_kwh: dict[str, float] = {}
        exact_money: dict[str, float] = {}
        exact_co2: dict[str, float] = {}
        for item in items:
            flows = {k: v for k, v in item.flows.items() if k[1] == use}
            money, co2 = _value(flows, params)
            exact_kwh[item.code] = sum(flows.values())
            exact_money[item.code] = float(money)
            exact_co2[item.code] = co2
        kwh_parts[use] = apportion(exact_kwh, 10)
        money_parts[use] = apportion(exact_money, minor)
        co2_parts[use] = apportion(exact_co2, 10)
        totals.append(
            EndUseTotal(
                use=use,
                load_kwh=tenths(loads[use][0]),
                kwh_saved=sum(kwh_parts[use].values()) / 10,
                money_saved=Decimal(sum(money_parts[use].values())) / minor,
                co2_kg_saved=sum(co2_parts[use].values()) / 10,
            )
        )
    shares = []
    assumed: dict[str, float | str] = dict(base.assumed)
    for item in items:
        by_use = {u: kwh_parts[u][item.code] / 10 for u in kwh_parts}
        by_use_money = {u: Decimal(money_parts[u][item.code]) / minor for u in money_parts}
        by_use_co2 = {u: co2_parts[u][item.code] / 10 for u in co2_parts}
        kwh = sum(kwh_parts[u][item.code] for u in kwh_parts) / 10
        money = Decimal(sum(money_parts[u][item.code] for u in money_parts)) / minor
        money = round_money(money, currency)
        co2 = sum(co2_parts[u][item.code] for u in co2_parts) / 10
        largest = max(item.flows.items(), key=lambda kv: abs(kv[1]), default=None)
        carrier = largest[0][0] if largest else _first_carrier(item, loads)
        payback = None
        if item.cost is not None and money > 0:
            payback = round(float(item.cost / money), 1)
        assumed.update(item.inp.assumed)
        shares.append(
            MeasureShare(
                code=item.code,
                kwh_per_year=kwh,
                money_per_year=money,
                co2_kg_per_year=co2,
                cost=item.cost,
                payback_years=payback,
                carrier=carrier,
                counted=item.counted,
                alternative_to=item.alternative_to,
                by_use=MappingProxyType(by_use),
                assumptions=tuple(sorted(item.inp.assumptions)),
                parameters=MappingProxyType(
                    {p: item.inp.value(p) for p in _parameter_codes(requests, item.code)}
                ),
                alone=alone.get(item.code),
                excluded=item.excluded,
                by_use_money=MappingProxyType(by_use_money),
                by_use_co2=MappingProxyType(by_use_co2),
            )
        )
    counted_costs = [s.cost for s in shares if s.counted and s.cost is not None]
    return Combination(
        measures=tuple(shares),
        end_uses=tuple(totals),
        kwh_per_year=sum(round(t.kwh_saved * 10) for t in totals) / 10,
        money_per_year=sum((t.money_saved for t in totals), Decimal(0)),
        co2_kg_per_year=sum(round(t.co2_kg_saved * 10) for t in totals) / 10,
        cost=sum(counted_costs, Decimal(0)) if counted_costs else None,
        currency=currency,
        parameter_set_version=params.version,
        assumed=MappingProxyType(assumed),
    )


def _parameter_codes(requests: Sequence[MeasureRequest], code: str) -> list[str]:
    for request in requests:
        if request.measure.code == code:
            return [p.code for p in request.measure.parameters]
    return []


def _first_carrier(item: MeasureItem, loads: Mapping[str, tuple[float, str]]) -> str:
    for effect in item.effects:
        if effect.use in loads:
            return loads[effect.use][1]
    return EnergyCarrier.ELECTRICITY
