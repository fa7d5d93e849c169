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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from itertools import product

from siec_desk.domain.catalogue import CatalogueMeasure
from siec_desk.domain.codes import DwellingType, EnergyCarrier
from siec_desk.domain.parameters import ParameterSet
from siec_desk.domain.savings_applicability import (
    NEEDS_ROOF,
    OverlapError,
    overlap_in,
)
from siec_desk.domain.savings_formulas import (
    END_USES,
    FORMULAS,
    Effect,
)
from siec_desk.domain.savings_inputs import Assumption, EnergyProfile, HouseholdInputs
from siec_desk.domain.savings_shares import (
    Combination,
    MeasureItem,
    MeasureRequest,
    MeasureShare,
    assemble,
    round_money,
)

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


def _loads(base: HouseholdInputs, items: Sequence[MeasureItem]) -> dict[str, tuple[float, str]]:
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


def _reduce(parts: list[_Part], effects: list[tuple[MeasureItem, Effect]], use: str) -> None:
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


def _move(parts: list[_Part], item: MeasureItem, effect: Effect, use: str) -> list[_Part]:
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
    use: str,
    load: float,
    carrier: str,
    items: Sequence[MeasureItem],
    params: ParameterSet,
    forced: Mapping[str, str],
) -> None:
    parts = [_Part(carrier, load)]
    acting = [(i, _sized(e, load)) for i in items for e in i.effects if e.use == use]
    _reduce(parts, [(i, e) for i, e in acting if e.stage == "envelope"], use)
    system = [(i, e) for i, e in acting if e.stage == "system"]
    # The existing equipment's own improvements (servicing the boiler, a better fridge)
    # first, then a change of system acts on what is left.
    _reduce(parts, [(i, e) for i, e in system if e.group is None], use)
    groups: dict[str, list[tuple[MeasureItem, Effect]]] = defaultdict(list)
    for i, e in system:
        if e.group is not None and e.fraction > 0:
            groups[e.group].append((i, e))
    for group, members in groups.items():
        ranked = sorted(
            members,
            key=lambda ie: (*_negated(_system_saving(parts, ie[1], params)), ie[0].code),
        )
        ranked.sort(key=lambda ie: ie[0].code != forced.get(group))  # a choice to try
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


def _production(base: HouseholdInputs, items: Sequence[MeasureItem]) -> float:
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
    chosen = _run(requests, profile, params, {})  # each end use's own best alternative
    best = assemble(*chosen, requests, params, {})
    for forced in _other_choices(chosen[0]):
        run = _run(requests, profile, params, forced)
        found = assemble(*run, requests, params, {})
        if _better(found, best):
            best, chosen = found, run
    alone: dict[str, MeasureShare] = {}
    if with_alone and len(requests) > 1:
        for request in requests:
            single = combine([request], profile, params, with_alone=False)
            alone[request.measure.code] = single.measures[0]
    items, loads, base = chosen
    return assemble(items, loads, base, requests, params, alone)


def _run(
    requests: Sequence[MeasureRequest],
    profile: EnergyProfile,
    params: ParameterSet,
    forced: Mapping[str, str],
) -> tuple[list[MeasureItem], dict[str, tuple[float, str]], HouseholdInputs]:
    """One pass over the end uses, then PV, with *forced* alternatives (group: code)."""
    items = [_item(request, profile, params) for request in requests]
    base = HouseholdInputs(profile, params, {})
    loads = _loads(base, items)
    for use in END_USES:
        if use in loads:
            _run_use(use, *loads[use], items, params, forced)
    pv_cap = _production(base, items)
    if pv_cap or any(e.use == "production" for i in items for e in i.effects):
        loads["production"] = (pv_cap, EnergyCarrier.ELECTRICITY)
    return items, loads, base


def _other_choices(items: Sequence[MeasureItem]) -> list[dict[str, str]]:
    """The other choices of alternatives to compare with each end use's own best. With
    solar panels another choice can leave them more electricity to cover (a heat-pump
    water heater instead of a solar one), so every combination of alternatives is tried
    and the whole wins; without panels there is nothing to compare."""
    if not any(e.use == "production" for i in items for e in i.effects):
        return []
    groups: dict[str, list[str]] = defaultdict(list)
    for item, effect in ((i, e) for i in items for e in i.effects):
        grouped = effect.stage == "system" and effect.group and effect.fraction > 0
        if grouped and item.code not in groups[str(effect.group)]:
            groups[str(effect.group)].append(item.code)
    choosing = {g: sorted(codes) for g, codes in groups.items() if len(codes) > 1}
    names = sorted(choosing)
    return [dict(zip(names, pick, strict=True)) for pick in product(*(choosing[n] for n in names))]


def _better(found: Combination, best: Combination) -> bool:
    """More kWh saved; at equal kWh, more money (ties keep the first choice)."""
    if found.kwh_per_year > best.kwh_per_year + 1e-6:
        return True
    return abs(found.kwh_per_year - best.kwh_per_year) <= 1e-6 and (
        found.money_per_year > best.money_per_year
    )


def _item(request: MeasureRequest, profile: EnergyProfile, params: ParameterSet) -> MeasureItem:
    """One measure's inputs and effects, before the combination (none when excluded)."""
    _check_context(request.measure, profile, params)
    inp = HouseholdInputs(profile, params, initial_values(request.measure, request.values))
    effects = FORMULAS[request.measure.code](inp) if request.excluded is None else []
    if (
        request.measure.code in NEEDS_ROOF
        and profile.dwelling_type == DwellingType.APARTMENT
        and profile.top_floor is None
    ):
        inp.assume(Assumption.DEFAULT_TOP_FLOOR, "yes")
    item = MeasureItem(request.measure.code, inp, effects, _cost(request.measure, inp))
    if request.excluded is not None:
        item.counted, item.excluded = False, request.excluded
    return item


__all__ = ["combine", "initial_values"]
