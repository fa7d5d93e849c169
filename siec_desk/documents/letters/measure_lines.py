"""The measures of a letter: each recommended measure's line (savings, cost after any
subsidy, payback or "not cost-effective", the saving at unsubsidised prices), the notes
under the table and the combined totals, translated and formatted in the letter's
language. The totals are the sums of the measures' stored shares
(``domain.savings_summary``): the same numbers as the Activity page and the network export.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal

from siec_desk.core.formatting import (
    currency_digits,
    format_co2_kg,
    format_kwh,
    format_money_whole,
    format_number,
    isolate,
    locale_for,
    ltr,
)
from siec_desk.core.i18n import N_, _, ngettext
from siec_desk.documents.letters.content import MeasureLine, Totals
from siec_desk.documents.letters.inputs import LetterInputs
from siec_desk.domain.catalogue import CatalogueMeasure
from siec_desk.domain.consultation_records import MeasureSnapshot
from siec_desk.domain.parameters import MAX_PAYBACK_YEARS, payback_is_cost_effective
from siec_desk.domain.savings import EnergyProfile, estimate
from siec_desk.domain.savings_summary import measure_note, summarise


class MeasureLines:
    """The measure table of the letter for *inputs* (run inside the letter's language)."""

    def __init__(self, inputs: LetterInputs) -> None:
        self.i = inputs
        self.lang = inputs.language
        self.locale = locale_for(inputs.language, inputs.branding.country)
        self.currency = inputs.branding.currency
        self.digits = 10 ** currency_digits(self.currency)

    def money(self, minor: int) -> str:
        return format_money_whole(Decimal(minor) / self.digits, self.currency, self.locale)

    def measure_line(self, m: MeasureSnapshot) -> MeasureLine:
        measure = self.i.catalogue.get(m.code)
        name = measure.name(self.lang) if measure else m.code
        why = measure.why(self.lang) if measure else ""
        kind = _KIND_LABELS.get(measure.kind, "") if measure else ""
        net_minor, after_subsidy = self.net_cost(m)
        years = m.payback_years
        if net_minor != m.cost_minor:  # a subsidy is deducted: payback on the net cost
            years = None
            if net_minor is not None and m.money_per_year_minor > 0:
                years = round(net_minor / m.money_per_year_minor, 1)
        lifetime = measure.lifetime_years if measure else None
        effective = payback_is_cost_effective(years, lifetime)
        return MeasureLine(
            name=name,
            why=why,
            kind=str(kind),
            kwh=_("{kwh}/year").format(kwh=ltr(format_kwh(m.kwh_per_year, self.locale))),
            money=_("{amount}/year").format(amount=self.money(m.money_per_year_minor)),
            cost=self.cost(m.cost_minor),
            cost_after_subsidy=after_subsidy,
            payback=(
                self.payback(net_minor, years) if effective else self.not_cost_effective(years)
            ),
            co2=_("{co2}/year").format(co2=ltr(format_co2_kg(m.co2_kg_per_year, self.locale))),
            money_unsubsidised=self.unsubsidised(m, measure),
            not_cost_effective=not effective,
        )

    def net_cost(self, m: MeasureSnapshot) -> tuple[int | None, str]:
        """The cost after a public subsidy of the parameter set (TN: PROSOL), and its text
        ("" without a subsidy)."""
        subsidy = self.i.parameters.subsidy_for(m.code)
        if subsidy is None or not m.cost_minor:
            return m.cost_minor, ""
        values: Mapping[str, float] = m.parameters
        measure = self.i.catalogue.get(m.code)
        if subsidy.per not in values and measure is not None:  # a default: resolve it
            try:
                values = estimate(
                    measure, self._profile(), self.i.parameters, m.parameters
                ).parameters
            except ValueError:
                return m.cost_minor, ""
        deducted = int(subsidy.total(values) * self.digits)
        net = max(0, m.cost_minor - deducted)
        return net, _("{net} after the {subsidy} subsidy").format(
            net=self.money(net), subsidy=isolate(subsidy.label)
        )

    def not_cost_effective(self, years: float | None) -> str:
        """Short, for the table; the note under it explains (25 years, the lifetime)."""
        if years is None or years > MAX_PAYBACK_YEARS:
            return _("over {years} years: not cost-effective").format(years=MAX_PAYBACK_YEARS)
        return _("{years} years, beyond its life: not cost-effective").format(
            years=format_number(round(years), self.locale, 0)
        )

    def _profile(self) -> EnergyProfile:
        h = self.i.household
        return EnergyProfile(
            country=self.i.parameters.country,
            household_size=h.household_size,
            dwelling_type=h.dwelling_type,
            construction_period=h.construction_period,
            surface_m2=h.surface_m2,
            heating_carrier=h.heating_energy,
            hot_water_carrier=h.hot_water_energy,
            heating_kwh_per_year=h.heating_kwh_per_year,
            electricity_kwh_per_year=h.electricity_kwh_per_year,
            butane_bottles_per_month=h.butane_bottles_per_month,
        )

    def unsubsidised(self, m: MeasureSnapshot, measure: CatalogueMeasure | None) -> str:
        """The same saving at the unsubsidised reference prices of the set (MA/TN butane),
        "" when the set has none or they change nothing. The measure's own flows give the
        ratio (money is linear in prices), applied to the figure printed in the table."""
        params = self.i.parameters
        if measure is None or not params.unsubsidised_prices or m.money_per_year_minor <= 0:
            return ""
        try:
            profile = self._profile()
            values = {k: v for k, v in m.parameters.items() if v is not None}
            subsidised = estimate(measure, profile, params, values).money_per_year
            real = estimate(measure, profile, params.at_unsubsidised_prices(), values)
        except ValueError:
            return ""
        if subsidised <= 0 or real.money_per_year == subsidised:
            return ""
        minor = round(m.money_per_year_minor * float(real.money_per_year / subsidised))
        return _("{amount}/year at the unsubsidised price").format(amount=self.money(minor))

    def table_notes(self, lines: tuple[MeasureLine, ...]) -> tuple[str, ...]:
        notes: list[str] = []
        if any(line.not_cost_effective for line in lines):
            notes.append(
                _(
                    "“Not cost-effective at today's prices”: the measure would take more than "
                    "{years} years, or longer than it lasts, to pay for itself at today's "
                    "prices. It may still bring comfort, or pay if prices rise."
                ).format(years=MAX_PAYBACK_YEARS)
            )
        if any(line.money_unsubsidised for line in lines):
            notes.append(
                _(
                    "Part of your energy is subsidised by the State: the amount “at the "
                    "unsubsidised price” is what the same saving is worth at the energy's "
                    "real cost, which the community pays."
                )
            )
        return tuple(notes)

    def cost(self, minor: int | None) -> str:
        if minor is None:
            return "—"
        if minor == 0:
            return _("Free")
        return _("about {amount}").format(amount=self.money(minor))

    def payback(self, cost_minor: int | None, years: float | None) -> str:
        if cost_minor == 0:
            return _("Immediate")
        if years is None:
            return "—"
        if years < 1:
            return _("under a year")
        rounded = round(years, 1)
        whole = rounded >= 10 or rounded == int(rounded)  # "8 ans", not "8,0 ans"
        # The grammatical number: "1,8 an" in French; a decimal takes the singular in
        # Arabic ("2,7 سنة"), never the dual or the plural of whole counts.
        count = round(rounded) if whole else (1 if self.lang == "ar" else int(rounded))
        return ngettext("{years} year", "{years} years", count).format(
            years=format_number(rounded, self.locale, 0 if whole else 1)
        )

    def totals(self, measures: list[MeasureSnapshot]) -> Totals:
        """The combined totals: sums of the measures' stored shares (savings_summary),
        the same numbers as the Activity page and the network export."""
        total = summarise(measures)
        cost = total.cost_minor
        return Totals(
            kwh=_("{kwh}/year").format(kwh=ltr(format_kwh(total.kwh_per_year, self.locale))),
            money=_("{amount}/year").format(amount=self.money(total.money_per_year_minor)),
            cost=_("about {amount}").format(amount=self.money(cost)) if cost else "—",
            co2=_("{co2}/year").format(co2=ltr(format_co2_kg(total.co2_kg_per_year, self.locale))),
        )

    def with_combination(self, m: MeasureSnapshot, line: MeasureLine) -> MeasureLine:
        """A measure not counted in the totals (an alternative, or one that does not apply)
        shows no figures of its own in the table, and says why."""
        note = measure_note(m, self._measure_name)
        if not note:
            return line
        return replace(line, kwh="—", money="—", co2="—", payback="—", note=note)

    def _measure_name(self, code: str) -> str:
        measure = self.i.catalogue.get(code)
        return measure.name(self.lang) if measure else code


_KIND_LABELS = {
    "gesture": N_("Free or low cost"),
    "small_equipment": N_("Small equipment"),
    "works": N_("Works (investment)"),
}
