"""Compose the activity report, in the report's language, from a period's figures
(``domain.activity_results.Dashboard``, computed by ``services.activity``): no query here."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from siec_desk.core.formatting import (
    currency_digits,
    format_co2_kg,
    format_date,
    format_kwh,
    format_money_whole,
    format_number,
    locale_for,
)
from siec_desk.core.i18n import _, language_override, text_direction
from siec_desk.documents.activity_report.change import change_text
from siec_desk.documents.activity_report.content import (
    Breakdown,
    BreakdownRow,
    Figure,
    ReportContent,
    TrendMonth,
)
from siec_desk.domain.activity_dimensions import DIMENSIONS, HOUSEHOLD
from siec_desk.domain.activity_period import Period
from siec_desk.domain.activity_results import Dashboard, Indicators
from siec_desk.texts import labels

#: The breakdowns of the report, in order.
BREAKDOWNS = (
    "mode",
    "act",
    "theme",
    "orientation",
    "advisor",
    "commune",
    "origin",
    "tenure",
    "income_category",
)
#: What a breakdown row shows (the dashboard's parts of each breakdown).
BREAKDOWN_PARTS = ("activity", "recommended")
#: The months of the trend, ending with the period's last month (a year shows its 12).
TREND_MONTHS = 12
REPORT_LANGUAGES = ("fr", "ar", "en")


def compose_report(
    dashboard: Dashboard,
    period: Period,
    *,
    language: str,
    country: str,
    currency: str,
    centre_name: str,
    advisors: Mapping[int, str],
    today: date | None = None,
    co2_conventions: tuple[str, ...] = (),
) -> ReportContent:
    """The report of *period* from its *dashboard* (:data:`BREAKDOWNS` with
    :data:`BREAKDOWN_PARTS`, a trend of :data:`TREND_MONTHS`); *co2_conventions*: names
    (in *language*) of the CO2 conventions behind the period's figures, printed in the
    notes."""
    with language_override(language):
        composer = _Composer(
            dashboard,
            period,
            language,
            country,
            currency,
            centre_name,
            advisors,
            today or date.today(),
        )
        composer.co2_conventions = co2_conventions
        return composer.content()


class _Composer:
    def __init__(
        self,
        dashboard: Dashboard,
        period: Period,
        language: str,
        country: str,
        currency: str,
        centre_name: str,
        advisors: Mapping[int, str],
        today: date,
    ) -> None:
        self.dashboard, self.period, self.language = dashboard, period, language
        self.locale = locale_for(language, country)
        self.country = country
        self.currency, self.centre_name, self.advisors, self.today = (
            currency,
            centre_name,
            advisors,
            today,
        )
        self.minor = 10 ** currency_digits(currency)
        self.co2_conventions: tuple[str, ...] = ()

    def content(self) -> ReportContent:
        dashboard = self.dashboard
        comparison = dashboard.comparison
        return ReportContent(
            language=self.language,
            direction=text_direction(self.language),
            locale=self.locale,
            currency=self.currency,
            title=(
                _("Monthly activity report")
                if self.period.kind == "month"
                else _("Activity report")
            ),
            period_code=self.period.code(),
            period_label=self.period_label(),
            centre_name=self.centre_name,
            generated_on=format_date(self.today, self.locale, "long"),
            generated=self.today,
            figures=self.figures(comparison.current, comparison.previous, comparison.year_before),
            trend=tuple(
                TrendMonth(
                    self.month_label(p.period.start, short=True),
                    p.consultations,
                    p.households,
                    p.period.start,
                )
                for p in dashboard.trend
            ),
            breakdowns=tuple(
                self.breakdown(code, dashboard.breakdowns[code]) for code in BREAKDOWNS
            ),
            notes=(
                _(
                    "Consultations are counted in the period of their date; follow-ups in the "
                    "period they are due; 6-month outcomes in the period they were recorded."
                ),
                _("A consultation with several themes counts once in each of its themes."),
                _(
                    "A consultation that referred the household to several places counts once "
                    "in each; one that referred it nowhere is in no orientation row."
                ),
                _("Savings are the advisors' estimates, not measured figures."),
                *self.convention_notes(),
            ),
        )

    def convention_notes(self) -> tuple[str, ...]:
        if not self.co2_conventions:
            return ()
        names = "; ".join(self.co2_conventions)
        if len(self.co2_conventions) == 1:
            return (_("CO₂ convention: {name}.").format(name=names),)
        return (
            _(
                "CO₂ conventions: {names}. The period mixes parameter sets with different "
                "factors: its CO₂ figures are not strictly comparable."
            ).format(names=names),
        )

    # -- labels --------------------------------------------------------------------------
    def month_label(self, day: date, short: bool = False) -> str:
        from babel.dates import format_date as babel_format_date

        return str(babel_format_date(day, "MMM y" if short else "MMMM y", locale=self.locale))

    def period_label(self) -> str:
        p = self.period
        if p.kind == "month":
            return self.month_label(p.start)
        return _("{start} to {end}").format(
            start=format_date(p.start, self.locale, "long"),
            end=format_date(p.end, self.locale, "long"),
        )

    def value_label(self, code: str, value: object) -> str:
        if value is None:
            return _("Not recorded")
        if code == "advisor":
            return self.advisors.get(int(str(value)), str(value))
        table = DIMENSIONS[code].label_table
        return labels.label(labels.ALL_LABELS[table], str(value)) if table else str(value)

    # -- figures -------------------------------------------------------------------------
    def text(self, unit: str, value: float | None) -> str:
        if value is None:
            return "—"
        if unit == "share":
            return f"{format_number(round(value * 100), self.locale)} %"
        if unit == "kwh":
            return format_kwh(value, self.locale)
        if unit == "co2":
            return format_co2_kg(value, self.locale)
        if unit == "money":
            return format_money_whole(Decimal(value) / self.minor, self.currency, self.locale)
        if unit == "hours":
            return format_number(value, self.locale, 1)
        return format_number(value, self.locale, 0 if float(value).is_integer() else 1)

    def change(self, unit: str, current: float | None, before: float | None) -> str:
        """A share changes in points ("+1 pt"), anything else in percent ("+12 %")."""
        found = change_text(current, before, self.locale, share=unit == "share")
        return "—" if found is None else found

    def figures(self, now: Indicators, prev: Indicators, year: Indicators) -> tuple[Figure, ...]:
        rows: list[tuple[str, str, str]] = [
            (_("Consultations"), "count", "consultations"),
            (_("Households advised"), "count", "households"),
            (_("New households"), "count", "new_households"),
            (_("Returning households"), "count", "returning_households"),
            (_("Anonymous first-level contacts"), "count", "anonymous"),
            (_("Time spent (hours)"), "hours", "duration_hours"),
            (_("Median duration (minutes)"), "count", "duration_median_min"),
            (_("Follow-ups due"), "count", "follow_ups_due"),
            (_("Follow-ups done"), "count", "follow_ups_done"),
            (_("Follow-ups overdue"), "count", "follow_ups_overdue"),
            (_("Median delay to follow-up (days)"), "count", "follow_up_delay_median_days"),
            (_("6-month outcomes recorded"), "count", "outcomes_recorded"),
            (_("Households who acted (decided or did works)"), "share", "acted_share"),
            (_("Measures recommended"), "count", "measures_recommended"),
            (_("Energy savings recommended per year"), "kwh", "kwh_recommended"),
            (_("Money savings recommended per year"), "money", "money_recommended_minor"),
            (_("CO₂ avoided per year, recommended"), "co2", "co2_recommended_kg"),
            (_("Measures reported done"), "count", "measures_done"),
            (_("Energy savings of measures done per year"), "kwh", "kwh_done"),
        ]

        if self.country == "FR":
            rows.append((_("France Rénov' attestations issued"), "count", "attestations_issued"))

        def get(ind: Indicators, name: str) -> float | None:
            if name == "duration_hours":
                return ind.duration_total_min / 60
            value = getattr(ind, name)
            return None if value is None else float(value)

        figures = []
        for label, unit, name in rows:
            c, p, y = get(now, name), get(prev, name), get(year, name)
            figures.append(
                Figure(
                    label,
                    unit,
                    c,
                    p,
                    y,
                    self.text(unit, c),
                    self.text(unit, p),
                    self.text(unit, y),
                    self.change(unit, c, p),
                    self.change(unit, c, y),
                )
            )
        return tuple(figures)

    def breakdown(self, code: str, groups: Mapping[tuple[Any, ...], Indicators]) -> Breakdown:
        # "Not recorded" (empty) and "Unknown" (recorded as not known) are one row: a table
        # with two unknowns reads as two different groups of people.
        merged: dict[object, list[int | float]] = {}
        for key, ind in groups.items():
            value = self.folded(code, key[0])
            sums = merged.setdefault(value, [0, 0, 0, 0.0, 0, 0.0])
            for i, part in enumerate(
                (
                    ind.consultations,
                    ind.households,
                    ind.duration_total_min,
                    ind.kwh_recommended,
                    ind.money_recommended_minor,
                    ind.co2_recommended_kg,
                )
            ):
                sums[i] += part
        ordered = sorted(merged.items(), key=lambda kv: (-kv[1][0], self.row_label(code, kv[0])))
        top = max((int(sums[0]) for _k, sums in ordered), default=0) or 1
        rows = tuple(
            BreakdownRow(
                label=self.row_label(code, value),
                consultations=int(sums[0]),
                households=int(sums[1]),
                duration_min=int(sums[2]),
                kwh=float(sums[3]),
                money_minor=int(sums[4]),
                co2_kg=float(sums[5]),
                share=sums[0] / top,
            )
            for value, sums in ordered
        )
        return Breakdown(code, str(DIMENSIONS[code].label), rows)

    @staticmethod
    def folded(code: str, value: object) -> object:
        """*value*, with "not recorded" (None) folded into "unknown" where the dimension
        has an "unknown" value; only for a household's own values (a household has one, so
        the households of the two rows add up)."""
        dimension = DIMENSIONS[code]
        table = dimension.label_table
        if (
            value is None
            and dimension.source == HOUSEHOLD
            and table
            and "unknown" in labels.ALL_LABELS.get(table, {})
        ):
            return "unknown"
        return value

    def row_label(self, code: str, value: object) -> str:
        if value == "unknown" and self.folded(code, None) == "unknown":
            return _("Unknown or not recorded")
        return self.value_label(code, value)
