"""The "assumptions" line of a consultation's savings: every default the stored figures
relied on, in words, so the household can correct it (letters, ``consultation show``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from siec_desk.core.formatting import format_kwh, format_number, format_percent
from siec_desk.core.i18n import _
from siec_desk.domain.consultation_records import MeasureSnapshot
from siec_desk.domain.savings_summary import assumed_values
from siec_desk.texts import labels


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
