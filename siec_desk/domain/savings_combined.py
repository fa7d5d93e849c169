"""The combined estimate of several measures for one household (pure).

Measures act on end uses (:data:`~siec_desk.domain.savings_formulas.END_USES`). Within
one end use the effects apply in a stated order: **the envelope first, then the system,
then behaviour** (production last). Each stage removes ``1 − Π(1 − sᵢ)`` of the load
*left* by the stages before it, so the measures together never save more than the load.
Within the system stage the existing equipment's own improvements (servicing the boiler)
come first; a change of system (heat pump, condensing boiler, pellet stove, solar or
heat-pump water heater) then applies to the load left after the envelope measures, and
behaviour to what the new system then uses.

* **Alternatives** replacing the same equipment (heat pump / condensing boiler / pellet
  stove; solar / heat-pump water heater) are flagged: only the one saving the most
  energy is counted (then the most money, then the code), the others count for nothing.
* **Overlaps** (attic and roof insulation cover the same roof) are refused
  (:class:`OverlapError`).
* **PV self-consumption** is capped at the electricity the household still uses once
  the other measures are counted.

Each measure's figures are its *share in this combination*: within a stage the stage's
saving is split in proportion to the measures' own fractions, and the rounded shares
(0.1 kWh, the currency's minor unit, 0.1 kg CO₂) add up **exactly** to the rounded
totals of each end use (largest remainder, ties broken by measure code), so any sum of
stored shares equals the combined total. The result does not depend on the order in
which the measures were given.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from types import MappingProxyType

from siec_desk.domain.catalogue import CatalogueMeasure
from siec_desk.domain.codes import DwellingType, EnergyCarrier
from siec_desk.domain.parameters import ParameterSet
from siec_desk.domain.savings_formulas import (
    COMBUSTION_CARRIERS,
    END_USES,
    FORMULAS,
    WOOD_CARRIERS,
    Effect,
    Flow,
)
from siec_desk.domain.savings_inputs import Assumption, EnergyProfile, HouseholdInputs

#: Decimal places of each currency (the millime makes TND three).
CURRENCY_DECIMALS: Mapping[str, int] = MappingProxyType({"EUR": 2, "MAD": 2, "TND": 3})

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


def round_money(amount: Decimal, currency: str) -> Decimal:
    """Round half-up to the currency's precision (EUR/MAD 0.01, TND 0.001)."""
    return amount.quantize(Decimal(1).scaleb(-CURRENCY_DECIMALS[currency]), ROUND_HALF_UP)


# --- Applicability -----------------------------------------------------------------------


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


# --- Results -----------------------------------------------------------------------------


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


# --- Inputs of each measure ----------------------------------------------------------------


def initial_values(
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


@dataclass
class _Item:
    code: str
    inp: HouseholdInputs
    effects: list[Effect]
    cost: Decimal | None
    counted: bool = True
    alternative_to: str | None = None
    excluded: str | None = None
    flows: dict[tuple[str, str], float] = field(default_factory=lambda: defaultdict(float))


# --- The combination -----------------------------------------------------------------------


@dataclass
class _Part:
    carrier: str
    kwh: float


def _household_load(inp: HouseholdInputs, use: str) -> tuple[float, str] | None:
    """(kWh, carrier) of an end use the household's own figures (or defaults) give."""
    if use == "heating":
        return inp.heating_kwh(), inp.heating_carrier()
    if use == "hot_water":
        return inp.hot_water_kwh(), inp.hot_water_carrier()
    if use == "appliances":
        return inp.electricity_kwh(), EnergyCarrier.ELECTRICITY
    if use == "cooking":
        return inp.cooking_butane_kwh(), EnergyCarrier.BUTANE_PROPANE
    if use == "production":
        return inp.whole_electricity_kwh(), EnergyCarrier.ELECTRICITY
    return None


def _loads(base: HouseholdInputs, items: Sequence[_Item]) -> dict[str, tuple[float, str]]:
    """End use → (load kWh, carrier) for the uses the measures act on; each measure also
    records the household defaults its end uses rely on."""
    for item in items:
        for effect in item.effects:
            _household_load(item.inp, effect.use)
    used = {e.use for item in items for e in item.effects}
    loads: dict[str, tuple[float, str]] = {}
    for use in used:
        own = _household_load(base, use) if use != "production" else None
        if own is not None:
            loads[use] = own
        elif use in ("lighting", "cooling"):
            sized = [
                e.load_kwh
                for item in items
                for e in item.effects
                if e.use == use and e.load_kwh is not None
            ]
            loads[use] = (max(sized, default=0.0), EnergyCarrier.ELECTRICITY)
    return loads


def _reduce(parts: list[_Part], effects: list[tuple[_Item, Effect]], use: str) -> None:
    """One stage of reductions: 1 − Π(1 − s) of each part, split in proportion to s."""
    for part in parts:
        acting = effects
        total = sum(e.fraction for _i, e in acting)
        if part.kwh == 0 or total <= 0:
            continue
        combined = 1 - math.prod(1 - e.fraction for _i, e in acting)
        saved = part.kwh * combined
        for item, effect in acting:
            item.flows[(part.carrier, use)] += saved * effect.fraction / total
        part.kwh -= saved


def _move(parts: list[_Part], item: _Item, effect: Effect, use: str) -> list[_Part]:
    """A system change: ``fraction`` of the load goes to ``new_carrier`` × ``ratio``."""
    result: list[_Part] = []
    for part in parts:
        moved = part.kwh * effect.fraction
        if moved == 0:
            result.append(part)
            continue
        assert effect.new_carrier is not None
        new_kwh = moved * effect.ratio
        item.flows[(part.carrier, use)] += moved
        item.flows[(effect.new_carrier, use)] -= new_kwh
        result.append(_Part(part.carrier, part.kwh - moved))
        result.append(_Part(effect.new_carrier, new_kwh))
    return result


def _system_saving(
    parts: list[_Part], effect: Effect, params: ParameterSet
) -> tuple[float, Decimal]:
    """(kWh, money) that *effect* alone would save on *parts* (to choose an alternative)."""
    kwh = 0.0
    money = Decimal(0)
    for part in parts:
        moved = part.kwh * effect.fraction
        kwh += moved * (1 - effect.ratio)
        new_price = params.prices.get(effect.new_carrier or part.carrier, Decimal(0))
        money += Decimal(str(moved)) * (
            params.prices.get(part.carrier, Decimal(0)) - new_price * Decimal(str(effect.ratio))
        )
    return kwh, money


def _run_use(
    use: str, load: float, carrier: str, items: Sequence[_Item], params: ParameterSet
) -> None:
    parts = [_Part(carrier, load)]
    acting = [(i, _sized(e, load)) for i in items for e in i.effects if e.use == use]
    _reduce(parts, [(i, e) for i, e in acting if e.stage == "envelope"], use)
    system = [(i, e) for i, e in acting if e.stage == "system"]
    # The existing equipment's own improvements (servicing the boiler, a better fridge)
    # first, then a change of system acts on what is left.
    _reduce(parts, [(i, e) for i, e in system if e.group is None], use)
    groups: dict[str, list[tuple[_Item, Effect]]] = defaultdict(list)
    for i, e in system:
        if e.group is not None and e.fraction > 0:
            groups[e.group].append((i, e))
    for members in groups.values():
        ranked = sorted(
            members,
            key=lambda ie: (*_negated(_system_saving(parts, ie[1], params)), ie[0].code),
        )
        best_item, best_effect = ranked[0]
        for item, _effect in ranked[1:]:
            item.counted = False
            item.alternative_to = best_item.code
        parts = _move(parts, best_item, best_effect, use)
    _reduce(parts, [(i, e) for i, e in acting if e.stage == "behaviour"], use)


def _sized(effect: Effect, load: float) -> Effect:
    """An effect sized on a load of its own (lamps, an air conditioner) acts on that part
    of the end use only: alone it saves what it saves, never more in company."""
    if effect.load_kwh is None or load <= 0 or effect.load_kwh >= load:
        return effect
    return replace(effect, fraction=effect.fraction * effect.load_kwh / load)


def _negated(saving: tuple[float, Decimal]) -> tuple[float, Decimal]:
    return -round(saving[0], 6), -saving[1]


def _production(base: HouseholdInputs, items: Sequence[_Item]) -> float:
    """PV last: self-consumption capped at the electricity still used. Returns the cap."""
    producers = [(i, e) for i in items for e in i.effects if e.use == "production"]
    if not producers:
        return 0.0
    saved_elsewhere = sum(
        kwh
        for i in items
        for (carrier, use), kwh in i.flows.items()
        if carrier == EnergyCarrier.ELECTRICITY and use != "production"
    )
    left = max(0.0, base.whole_electricity_kwh() - saved_elsewhere)
    cap = left
    for item, effect in sorted(producers, key=lambda ie: ie[0].code):
        used = min(effect.kwh, left)
        if used < effect.kwh:
            item.inp.assumptions.add(Assumption.PV_CAPPED)
        item.flows[(EnergyCarrier.ELECTRICITY, "production")] += used
        left -= used
    return cap


def _apportion(exact: Mapping[str, float], unit: int) -> dict[str, int]:
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


def _tenths(kwh: float) -> float:
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


def combine(
    requests: Sequence[MeasureRequest],
    profile: EnergyProfile,
    params: ParameterSet,
    *,
    with_alone: bool = True,
) -> Combination:
    """The combined estimate of *requests* for the household (see the module docstring).

    ``ValueError`` for a measure that does not apply in the country, an out-of-range or
    unknown value, a measure given twice; :class:`OverlapError` for overlapping measures.
    """
    codes = [r.measure.code for r in requests]
    if len(set(codes)) != len(codes):
        raise ValueError("each measure can be given only once")
    overlap = overlap_in(r.measure.code for r in requests if r.excluded is None)
    if overlap:
        raise OverlapError(overlap)
    items: list[_Item] = []
    for request in requests:
        _check_context(request.measure, profile, params)
        inp = HouseholdInputs(profile, params, initial_values(request.measure, request.values))
        effects = FORMULAS[request.measure.code](inp) if request.excluded is None else []
        if (
            request.measure.code in NEEDS_ROOF
            and profile.dwelling_type == DwellingType.APARTMENT
            and profile.top_floor is None
        ):
            inp.assume(Assumption.DEFAULT_TOP_FLOOR, "yes")
        item = _Item(request.measure.code, inp, effects, _cost(request.measure, inp))
        if request.excluded is not None:
            item.counted, item.excluded = False, request.excluded
        items.append(item)
    base = HouseholdInputs(profile, params, {})
    loads = _loads(base, items)
    for use in END_USES:
        if use in loads:
            _run_use(use, *loads[use], items, params)
    pv_cap = _production(base, items)
    if pv_cap or any(e.use == "production" for i in items for e in i.effects):
        loads["production"] = (pv_cap, EnergyCarrier.ELECTRICITY)
    return _assemble(items, loads, base, requests, profile, params, with_alone)


def _assemble(
    items: list[_Item],
    loads: Mapping[str, tuple[float, str]],
    base: HouseholdInputs,
    requests: Sequence[MeasureRequest],
    profile: EnergyProfile,
    params: ParameterSet,
    with_alone: bool,
) -> Combination:
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
        kwh_parts[use] = _apportion(exact_kwh, 10)
        money_parts[use] = _apportion(exact_money, minor)
        co2_parts[use] = _apportion(exact_co2, 10)
        totals.append(
            EndUseTotal(
                use=use,
                load_kwh=_tenths(loads[use][0]),
                kwh_saved=sum(kwh_parts[use].values()) / 10,
                money_saved=Decimal(sum(money_parts[use].values())) / minor,
                co2_kg_saved=sum(co2_parts[use].values()) / 10,
            )
        )
    alone: dict[str, MeasureShare] = {}
    if with_alone and len(requests) > 1:
        for request in requests:
            single = combine([request], profile, params, with_alone=False)
            alone[request.measure.code] = single.measures[0]
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


def _first_carrier(item: _Item, loads: Mapping[str, tuple[float, str]]) -> str:
    for effect in item.effects:
        if effect.use in loads:
            return loads[effect.use][1]
    return EnergyCarrier.ELECTRICITY


__all__ = [
    "CURRENCY_DECIMALS",
    "NEEDS_BOILER",
    "NEEDS_HEATING",
    "NEEDS_ROOF",
    "OVERLAPS",
    "Combination",
    "EndUseTotal",
    "Flow",
    "MeasureRequest",
    "MeasureShare",
    "OverlapError",
    "combine",
    "initial_values",
    "not_applicable_reason",
    "overlap_in",
    "round_money",
]
