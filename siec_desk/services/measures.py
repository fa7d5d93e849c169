"""The measure catalogue for the centre's country, and savings estimates for households."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from siec_desk.domain.catalogue import CatalogueMeasure
from siec_desk.domain.savings import EnergyProfile, SavingsEstimate, estimate
from siec_desk.errors import FieldError, ValidationError
from siec_desk.formatting import currency_digits, format_number, locale_for
from siec_desk.i18n import _, current_language
from siec_desk.services.centre import CentreInfo
from siec_desk.services.reference import ReferenceData
from siec_desk.storage.models import Household, RecommendedMeasure


@dataclass(frozen=True)
class MeasureInfo:
    code: str
    name: str
    why: str
    theme: str
    kind: str
    default_priority: int

    def as_json(self) -> dict[str, object]:
        return {
            "code": self.code,
            "name": self.name,
            "theme": self.theme,
            "kind": self.kind,
            "default_priority": self.default_priority,
        }


def to_minor(amount: Decimal, currency: str) -> int:
    """Money in integer minor units (cents, centimes, millimes)."""
    scale = Decimal(10) ** currency_digits(currency)
    return int((amount * scale).to_integral_value(ROUND_HALF_UP))


def from_minor(minor: int, currency: str) -> Decimal:
    return Decimal(minor) / (Decimal(10) ** currency_digits(currency))


def profile_of(household: Household | None, country: str) -> EnergyProfile:
    if household is None:
        return EnergyProfile(country, None, None, None, None, None, None, None, None, None)
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

    def recommendation(
        self,
        code: str,
        household: Household | None,
        values: Mapping[str, float] | None,
        priority: int,
    ) -> RecommendedMeasure:
        """A measure row carrying its estimate as a snapshot."""
        result = self.estimate(code, profile_of(household, self.centre.country), values)
        return RecommendedMeasure(
            measure_code=code,
            priority=priority,
            parameters=dict(values or {}),
            kwh_per_year=round(result.kwh_per_year, 1),
            money_per_year_minor=to_minor(result.money_per_year, result.currency),
            currency=result.currency,
            co2_kg_per_year=round(result.co2_kg_per_year, 1),
            cost_minor=to_minor(result.cost, result.currency) if result.cost is not None else None,
            payback_years=(
                round(result.payback_years, 1) if result.payback_years is not None else None
            ),
            parameter_set_version=result.parameter_set_version,
            assumptions=list(result.assumptions),
        )
