"""The combined savings of a consultation, read back from its stored measure rows (pure:
no database; the notes are translated in the current language).

Each stored row carries its *share* of the combined estimate (services/measures.py), so
the totals here are plain sums of the rows: the same numbers the Activity page, the
monthly report and the network export add up in SQL. The letter, ``consultation show
--json`` and the consultation editor take their totals from :func:`summarise` (one
function), and the "assumptions" line from
:func:`siec_desk.texts.savings_assumptions.assumptions_text`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from siec_desk.core.i18n import N_, LazyText, _, label
from siec_desk.core.json_fields import NOT_IN_JSON, json_name, to_json
from siec_desk.domain.consultation_records import MeasureSnapshot
from siec_desk.domain.savings_formulas import END_USES

#: Why a measure does not apply to a dwelling (codes of ``not_applicable_reason``).
NOT_APPLICABLE: Mapping[str, LazyText] = {
    "no_roof": N_("a flat below the top floor has no roof of its own"),
    "no_boiler": N_("the home is not heated by a gas, oil or LPG boiler"),
    "no_heating": N_("the home has no heating"),
    "already_wood": N_("the home is already heated with wood"),
    "already_solar": N_("the hot water is already solar"),
    "no_hot_water": N_("the home has no water heater"),
}


def reason_text(reason: str) -> str:
    return label(NOT_APPLICABLE, reason)


#: Translated names of the end uses.
END_USE_LABELS: Mapping[str, LazyText] = {
    "heating": N_("Space heating"),
    "hot_water": N_("Hot water"),
    "cooling": N_("Cooling"),
    "lighting": N_("Lighting"),
    "appliances": N_("Appliances and standby"),
    "cooking": N_("Cooking"),
    "production": N_("Electricity produced and used at home"),
}


@dataclass(frozen=True)
class UseTotal:
    use: str
    load_kwh: float | None
    kwh: float = field(metadata=json_name("kwh_per_year"))
    money_minor: int = field(metadata=json_name("money_per_year_minor"))
    co2_kg: float = field(metadata=json_name("co2_kg_per_year"))

    def as_json(self) -> dict[str, object]:
        return to_json(self)


@dataclass(frozen=True)
class SavingsSummary:
    """Totals of a consultation's measures (sums of their stored shares)."""

    kwh_per_year: float
    money_per_year_minor: int
    co2_kg_per_year: float
    cost_minor: int | None
    currency: str | None
    by_use: tuple[UseTotal, ...] = field(metadata=json_name("end_uses"))
    parameter_sets: tuple[str, ...]
    #: Some rows were saved before combined estimates (each measure alone, summed).
    legacy: bool = field(metadata=NOT_IN_JSON)  # written as "combined"
    #: Translated one-line notes: alternatives not counted, measures that do not apply.
    notes: tuple[str, ...] = field(metadata=NOT_IN_JSON)

    def as_json(self) -> dict[str, object]:
        return {**to_json(self), "combined": not self.legacy}


def summarise(
    measures: Sequence[MeasureSnapshot], name: Callable[[str], str] = str
) -> SavingsSummary:
    """The totals of *measures* (plain sums of their stored shares), per end use and
    overall; *name* gives a measure's name for the notes."""
    uses: dict[str, list[float]] = {}
    loads: dict[str, float] = {}
    for m in measures:
        record: Mapping[str, Any] = m.combination or {}
        for use, load in (record.get("loads") or {}).items():
            loads[use] = float(load)
        for use, part in (record.get("by_use") or {}).items():
            total = uses.setdefault(use, [0.0, 0.0, 0.0])
            total[0] += float(part.get("kwh", 0))
            total[1] += int(part.get("money_minor", 0))
            total[2] += float(part.get("co2_kg", 0))
    order = {use: i for i, use in enumerate(END_USES)}
    by_use = tuple(
        UseTotal(use, loads.get(use), round(t[0], 1), int(t[1]), round(t[2], 1))
        for use, t in sorted(uses.items(), key=lambda kv: order.get(kv[0], len(order)))
    )
    costs = [m.cost_minor for m in measures if m.counted and m.cost_minor is not None]
    return SavingsSummary(
        kwh_per_year=round(sum(m.kwh_per_year for m in measures), 1),
        money_per_year_minor=sum(m.money_per_year_minor for m in measures),
        co2_kg_per_year=round(sum(m.co2_kg_per_year for m in measures), 1),
        cost_minor=sum(costs) if costs else None,
        currency=measures[0].currency if measures else None,
        by_use=by_use,
        parameter_sets=tuple(sorted({m.parameter_set_version for m in measures})),
        legacy=any(m.combination is None for m in measures),
        notes=tuple(_notes(measures, name)),
    )


def measure_note(m: MeasureSnapshot, name: Callable[[str], str]) -> str:
    """Why a measure's figures are not in the totals, or ""."""
    if m.not_applicable:
        return _("Does not apply to this home ({reason}): not counted in the total.").format(
            reason=reason_text(m.not_applicable)
        )
    if m.alternative_to:
        return _("Alternative to “{other}”, which saves more: not counted in the total.").format(
            other=name(m.alternative_to)
        )
    return ""


def _notes(measures: Sequence[MeasureSnapshot], name: Callable[[str], str]) -> list[str]:
    notes = []
    for m in measures:
        note = measure_note(m, name)
        if note:
            notes.append(f"{name(m.code)}: {note}")
    if any(m.combination is None for m in measures):
        notes.append(
            _(
                "Some figures were saved before combined estimates: each measure was counted "
                "alone, so their total may overstate the saving. Save the consultation again "
                "to combine them."
            )
        )
    return notes


def assumed_values(measures: Sequence[MeasureSnapshot]) -> dict[str, Any]:
    """Household defaults and measure defaults the stored figures relied on."""
    found: dict[str, Any] = {}
    for m in sorted(measures, key=lambda m: m.priority):
        record: Mapping[str, Any] = m.combination or {}
        found.update(record.get("assumed") or {})
        for code, value in (record.get("defaults") or {}).items():
            found.setdefault(f"{m.code}.{code}", value)
    return found
