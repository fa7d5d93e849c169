"""The measure catalogue for the centre's country, and savings estimates for households.

The figures stored on each recommended measure are its *share* in the consultation's
combined estimate (:func:`~siec_desk.domain.savings_combined.combine`), so every sum of
stored rows (letters, Activity, reports, network export) equals the combined total.
:meth:`MeasureService.recommendations` is the one path that computes them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from siec_desk.core.errors import FieldError, ValidationError
from siec_desk.core.formatting import currency_digits, format_number, locale_for
from siec_desk.core.i18n import _, current_language
from siec_desk.core.json_fields import NOT_IN_JSON, to_json
from siec_desk.domain.catalogue import CatalogueMeasure
from siec_desk.domain.consultation_records import MeasureChoice
from siec_desk.domain.parameters import ParameterSet
from siec_desk.domain.savings import (
    Combination,
    EnergyProfile,
    MeasureRequest,
    MeasureShare,
    OverlapError,
    SavingsEstimate,
    combine,
    estimate,
    not_applicable_reason,
)
from siec_desk.domain.savings_summary import reason_text
from siec_desk.services.centre import CentreInfo
from siec_desk.services.reference import ReferenceData
from siec_desk.storage.models import Household, RecommendedMeasure


@dataclass(frozen=True)
class MeasureInfo:
    code: str
    name: str
    why: str = field(metadata=NOT_IN_JSON)
    theme: str
    kind: str
    default_priority: int

    def as_json(self) -> dict[str, object]:
        return to_json(self)


def to_minor(amount: Decimal, currency: str) -> int:
    """Money in integer minor units (cents, centimes, millimes)."""
    scale = Decimal(10) ** currency_digits(currency)
    return int((amount * scale).to_integral_value(ROUND_HALF_UP))


def from_minor(minor: int, currency: str) -> Decimal:
    return Decimal(minor) / (Decimal(10) ** currency_digits(currency))


def profile_of(household: Household | None, country: str) -> EnergyProfile:
    if household is None:
        return EnergyProfile(country)
    return EnergyProfile(
        country=country,
        household_size=household.household_size,
        dwelling_type=household.dwelling_type,
        construction_period=household.construction_period,
        surface_m2=household.surface_m2,
        heating_carrier=household.heating_energy,
        hot_water_carrier=household.hot_water_energy,
        heating_kwh_per_year=household.heating_kwh_per_year,
        electricity_kwh_per_year=household.electricity_kwh_per_year,
        butane_bottles_per_month=household.butane_bottles_per_month,
        top_floor=household.top_floor,
    )


class MeasureService:
    def __init__(self, reference: ReferenceData, centre: CentreInfo) -> None:
        self.reference = reference
        self.centre = centre

    def catalogue(self, country: str | None = None) -> list[MeasureInfo]:
        lang = current_language()
        return [
            MeasureInfo(m.code, m.name(lang), m.why(lang), m.theme, m.kind, m.default_priority)
            for m in self.reference.measures_for(country or self.centre.country)
        ]

    def applicable(self, code: str) -> CatalogueMeasure:
        measure = self.reference.measure(code)
        if self.centre.country not in measure.countries:
            raise ValidationError(
                [
                    FieldError(
                        "measures",
                        _("The measure “{code}” does not apply in this country.").format(code=code),
                    )
                ]
            )
        return measure

    def estimate(
        self, code: str, profile: EnergyProfile, values: Mapping[str, float] | None = None
    ) -> SavingsEstimate:
        measure = self.applicable(code)
        self._check_values(measure, values or {})
        params = self.reference.parameters(self.centre.country)
        try:
            return estimate(measure, profile, params, values)
        except ValueError as exc:
            raise ValidationError([FieldError("measures", str(exc))]) from exc

    def _check_values(self, measure: CatalogueMeasure, values: Mapping[str, float]) -> None:
        """The advisor's values against the catalogue, with translated messages (the
        domain's own checks are English, for developers)."""
        name = measure.name(current_language())
        allowed = {p.code: p for p in measure.parameters}
        problems: list[str] = []
        for code, value in values.items():
            parameter = allowed.get(code)
            if parameter is None:
                problems.append(
                    _("“{measure}” has no value named “{name}”.").format(measure=name, name=code)
                )
            elif (
                isinstance(value, bool)
                or not isinstance(value, int | float)
                or not math.isfinite(value)
            ):
                problems.append(
                    _("“{measure}”: “{value}” is not a number.").format(measure=name, value=value)
                )
            elif not parameter.minimum <= value <= parameter.maximum:
                message = _("“{measure}”: {value} is outside the allowed range ({low} to {high}).")
                problems.append(
                    message.format(
                        measure=name,
                        value=self._number(value),
                        low=self._number(parameter.minimum),
                        high=self._number(parameter.maximum),
                    )
                )
        if problems:
            raise ValidationError([FieldError("measures", p) for p in problems])

    def _number(self, value: float) -> str:
        if abs(value) >= 1e12:
            return f"{value:g}"
        digits = 0 if float(value).is_integer() else 2
        return format_number(value, locale_for(None, self.centre.country), digits)

    # -- applicability and the combined estimate ---------------------------------------
    def not_applicable(self, code: str, profile: EnergyProfile) -> str | None:
        """Why measure *code* does not apply to this dwelling (translated), or None."""
        params = self.reference.parameters(profile.country)
        reason = not_applicable_reason(code, profile, params)
        return reason_text(reason) if reason else None

    def applicability(self, profile: EnergyProfile) -> dict[str, str]:
        """Catalogue code → translated reason, for the measures that do not apply."""
        found: dict[str, str] = {}
        for info in self.catalogue(profile.country):
            reason = self.not_applicable(info.code, profile)
            if reason:
                found[info.code] = reason
        return found

    def _name(self, code: str) -> str:
        return self.reference.measure(code).name(current_language())

    def combine(
        self,
        profile: EnergyProfile,
        choices: Sequence[MeasureChoice],
        *,
        params: ParameterSet | None = None,
        keep_inapplicable: bool = False,
    ) -> Combination:
        """The combined estimate of *choices* (translated ``ValidationError`` for a
        measure of another country, out-of-range values, a measure given twice, two
        overlapping measures, and — unless *keep_inapplicable*, when such a measure
        just counts for nothing — a measure that does not apply to the dwelling)."""
        problems: list[str] = []
        codes = [c.code for c in choices]
        if len(set(codes)) != len(codes):
            problems.append(_("Each measure can be recommended only once."))
        requests: list[MeasureRequest] = []
        for choice in choices:
            measure = self.applicable(choice.code)
            self._check_values(measure, choice.values or {})
            reason = not_applicable_reason(choice.code, profile, params or self._params(profile))
            if reason and not keep_inapplicable:
                problems.append(
                    _("“{measure}” does not apply to this home: {reason}.").format(
                        measure=measure.name(current_language()), reason=reason_text(reason)
                    )
                )
            requests.append(MeasureRequest(measure, choice.values, excluded=reason))
        if problems:
            raise ValidationError([FieldError("measures", p) for p in problems])
        try:
            return combine(requests, profile, params or self._params(profile))
        except OverlapError as exc:
            first, second = (self._name(code) for code in exc.codes)
            message = _("“{first}” and “{second}” cover the same roof: keep only one of them.")
            raise ValidationError(
                [FieldError("measures", message.format(first=first, second=second))]
            ) from exc
        except ValueError as exc:
            raise ValidationError([FieldError("measures", str(exc))]) from exc

    def _params(self, profile: EnergyProfile) -> ParameterSet:
        return self.reference.parameters(profile.country)

    def recommendations(
        self,
        household: Household | None,
        choices: Sequence[MeasureChoice],
        *,
        params: ParameterSet | None = None,
        keep_inapplicable: bool = False,
    ) -> list[RecommendedMeasure]:
        """Measure rows carrying their share of the combined estimate as a snapshot
        (the rows' figures add up exactly to the combined totals)."""
        if not choices:
            return []
        profile = profile_of(household, self.centre.country)
        result = self.combine(profile, choices, params=params, keep_inapplicable=keep_inapplicable)
        rows = []
        for index, (choice, share) in enumerate(zip(choices, result.measures, strict=True)):
            priority = choice.priority if choice.priority is not None else index + 1
            rows.append(self._row(choice, share, priority, result))
        return rows

    def _row(
        self, choice: MeasureChoice, share: MeasureShare, priority: int, result: Combination
    ) -> RecommendedMeasure:
        currency = result.currency
        return RecommendedMeasure(
            measure_code=share.code,
            priority=priority,
            parameters=dict(choice.values or {}),
            kwh_per_year=share.kwh_per_year,
            money_per_year_minor=to_minor(share.money_per_year, currency),
            currency=currency,
            co2_kg_per_year=share.co2_kg_per_year,
            cost_minor=to_minor(share.cost, currency) if share.cost is not None else None,
            payback_years=share.payback_years,
            parameter_set_version=result.parameter_set_version,
            assumptions=list(share.assumptions),
            combination=combination_record(
                share, result, self.reference.measure(share.code), choice.values
            ),
        )


def combination_record(
    share: MeasureShare,
    result: Combination,
    measure: CatalogueMeasure,
    values: Mapping[str, float] | None = None,
) -> dict[str, Any]:
    """What a measure row keeps of the combination (``recommended_measures.combination``):
    counted or not and why, its parts per end use, its figures alone, the end-use loads,
    and the defaults it relied on (household ``assumed``; measure ``defaults``: derived
    parameters the advisor did not set, printed in the letter's assumptions line)."""
    alone = share.alone or share
    given = values or {}
    defaults = {
        p.code: share.parameters[p.code]
        for p in measure.parameters
        if p.default is None
        and p.code not in given
        and p.code != "surface_m2"
        and p.code in share.parameters
    }
    return {
        "counted": share.counted,
        "alternative_to": share.alternative_to,
        "not_applicable": share.excluded,
        "by_use": {
            use: {
                "kwh": share.by_use[use],
                "money_minor": to_minor(share.by_use_money[use], result.currency),
                "co2_kg": share.by_use_co2[use],
            }
            for use in share.by_use
            if share.by_use[use] or share.by_use_money[use] or share.by_use_co2[use]
        },
        "alone": {
            "kwh_per_year": alone.kwh_per_year,
            "money_per_year_minor": to_minor(alone.money_per_year, result.currency),
            "co2_kg_per_year": alone.co2_kg_per_year,
            "payback_years": alone.payback_years,
        },
        "loads": {t.use: t.load_kwh for t in result.end_uses},
        "assumed": dict(result.assumed),
        "defaults": defaults,
    }


def recombine(
    service: MeasureService, household: Household, rows: Sequence[RecommendedMeasure]
) -> list[RecommendedMeasure]:
    """New rows for a consultation's measures after the household's dwelling changed:
    same measures, values, priorities and statuses, shares recomputed with the parameter
    set the rows used (when still known). A measure that no longer applies is kept and
    counts for nothing (the advisor removes it)."""
    if not rows:
        return []
    choices = [MeasureChoice(r.measure_code, dict(r.parameters or {}), r.priority) for r in rows]
    versions = {r.parameter_set_version for r in rows}
    params = next(
        (p for p in service.reference.parameter_sets if p.version in versions),
        None,
    )
    fresh = service.recommendations(household, choices, params=params, keep_inapplicable=True)
    for old, new in zip(rows, fresh, strict=True):
        new.status = old.status
    return fresh
