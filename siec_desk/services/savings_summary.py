"""The combined savings of a consultation, read back from its stored measure rows.

Each stored row carries its *share* of the combined estimate (services/measures.py), so
the totals here are plain sums of the rows: the same numbers the Activity page, the
monthly report and the network export add up in SQL. The letter, ``consultation show
--json`` and the consultation editor take their totals from :func:`summarise` (one
function), and the "assumptions" line from :func:`assumptions_text`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from siec_desk.core.formatting import format_kwh, format_number, format_percent
from siec_desk.core.i18n import N_, LazyText, _
from siec_desk.domain.consultation_records import MeasureSnapshot
from siec_desk.domain.savings_formulas import END_USES
from siec_desk.services.measures import reason_text
from siec_desk.texts import labels

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
    kwh: float
    money_minor: int
    co2_kg: float

    def as_json(self) -> dict[str, object]:
        return {
            "use": self.use,
            "load_kwh": self.load_kwh,
            "kwh_per_year": self.kwh,
            "money_per_year_minor": self.money_minor,
            "co2_kg_per_year": self.co2_kg,
        }


@dataclass(frozen=True)
class SavingsSummary:
    """Totals of a consultation's measures (sums of their stored shares)."""

    kwh_per_year: float
    money_per_year_minor: int
    co2_kg_per_year: float
    cost_minor: int | None
    currency: str | None
    by_use: tuple[UseTotal, ...]
    parameter_sets: tuple[str, ...]
    #: Some rows were saved before combined estimates (each measure alone, summed).
    legacy: bool
    #: Translated one-line notes: alternatives not counted, measures that do not apply.
    notes: tuple[str, ...]

    def as_json(self) -> dict[str, object]:
        return {
            "kwh_per_year": self.kwh_per_year,
            "money_per_year_minor": self.money_per_year_minor,
            "co2_kg_per_year": self.co2_kg_per_year,
            "cost_minor": self.cost_minor,
            "currency": self.currency,
            "end_uses": [u.as_json() for u in self.by_use],
            "parameter_sets": list(self.parameter_sets),
            "combined": not self.legacy,
        }


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


# --- The assumptions line --------------------------------------------------------------


def assumed_values(measures: Sequence[MeasureSnapshot]) -> dict[str, Any]:
    """Household defaults and measure defaults the stored figures relied on."""
    found: dict[str, Any] = {}
    for m in sorted(measures, key=lambda m: m.priority):
        record: Mapping[str, Any] = m.combination or {}
        found.update(record.get("assumed") or {})
        for code, value in (record.get("defaults") or {}).items():
            found.setdefault(f"{m.code}.{code}", value)
    return found


def assumptions_text(measures: Sequence[MeasureSnapshot], locale: str) -> str:
    """One line naming every default the figures rely on, so the household can correct
    it; "" when none was needed."""
    values = assumed_values(measures)
    parts = [p for p in (_phrase(k, v, locale) for k, v in values.items()) if p]
    if not parts:
        return ""
    return _(
        "Where we did not know your home, these estimates assume: {list}. Tell us if "
        "anything differs and we will update them."
    ).format(list=_("; ").join(parts))


def _number(value: Any, locale: str) -> str:
    number = float(value)
    return format_number(number, locale, 0 if number.is_integer() else 1)


def _phrase(key: str, value: Any, locale: str) -> str:
    household: dict[str, Callable[[], str]] = {
        "default_surface": lambda: _("a surface of {n} m²").format(n=_number(value, locale)),
        "default_construction_period": lambda: _("an unknown construction period"),
        "default_heating_kwh": lambda: _("heating of {kwh} a year").format(
            kwh=format_kwh(float(value), locale)
        ),
        "default_heating_carrier": lambda: _("heating with {carrier}").format(
            carrier=labels.label(labels.ENERGY_CARRIERS, str(value)).lower()
        ),
        "unpriced_heating_carrier": lambda: _("heating priced as {carrier}").format(
            carrier=labels.label(labels.ENERGY_CARRIERS, str(value)).lower()
        ),
        "default_hot_water_carrier": lambda: _("hot water heated with {carrier}").format(
            carrier=labels.label(labels.ENERGY_CARRIERS, str(value)).lower()
        ),
        "unpriced_hot_water_carrier": lambda: _("hot water priced as {carrier}").format(
            carrier=labels.label(labels.ENERGY_CARRIERS, str(value)).lower()
        ),
        "default_hot_water_kwh": lambda: _("hot water of {kwh} a year").format(
            kwh=format_kwh(float(value), locale)
        ),
        "default_household_size": lambda: _("{n} people in the home").format(
            n=_number(value, locale)
        ),
        "default_electricity_kwh": lambda: _("electricity of {kwh} a year").format(
            kwh=format_kwh(float(value), locale)
        ),
        "default_butane_bottles": lambda: _("{n} gas bottles a month").format(
            n=_number(value, locale)
        ),
        "default_top_floor": lambda: _("a flat on the top floor"),
    }
    if key in household:
        return household[key]()
    _measure, _dot, code = key.partition(".")
    measure: dict[str, Callable[[], str]] = {
        "watts_before": lambda: _("today's lamps of {n} W").format(n=_number(value, locale)),
        "watts_after": lambda: _("LED lamps of {n} W").format(n=_number(value, locale)),
        "hours_per_day": lambda: _("lamps lit {n} hours a day").format(n=_number(value, locale)),
        "fitted_share_pct": lambda: _(
            "flow reducers on outlets drawing {share} of the hot water"
        ).format(share=format_percent(float(value) / 100, locale)),
        "serviced": lambda: (
            _("a boiler already serviced every year")
            if float(value) >= 1
            else _("a boiler not serviced every year")
        ),
        "kwp": lambda: _("a {n} kWp solar system").format(n=_number(value, locale)),
        "yield_kwh_per_kwp": lambda: _("{n} kWh a year per kWp").format(n=_number(value, locale)),
        "self_consumption_pct": lambda: _("{share} of the solar power used at home").format(
            share=format_percent(float(value) / 100, locale)
        ),
        "coverage_pct": lambda: _("the sun covering {share} of the hot water").format(
            share=format_percent(float(value) / 100, locale)
        ),
        "cooling_kwh_per_year": lambda: _("air conditioning of {kwh} a year").format(
            kwh=format_kwh(float(value), locale)
        ),
        "hours_per_year": lambda: _("air conditioning {n} hours a year").format(
            n=_number(value, locale)
        ),
    }
    return measure[code]() if code in measure else ""
