"""The activity figures of one group of consultations, and comparisons between periods."""

from __future__ import annotations

from dataclasses import dataclass, fields

from siec_desk.services.activity.period import Period


@dataclass(frozen=True)
class Indicators:
    """Counts over consultations *in the period*, follow-ups *due in it*, outcomes
    *recorded in it*; savings of the measures recommended in the period and of measures
    reported done in outcomes recorded in it. Money in minor units (cents, millimes)."""

    consultations: int = 0
    households: int = 0
    new_households: int = 0
    anonymous: int = 0
    duration_total_min: int = 0
    duration_median_min: float | None = None
    follow_ups_due: int = 0
    follow_ups_done: int = 0
    follow_ups_overdue: int = 0
    follow_up_delay_median_days: float | None = None
    outcomes_recorded: int = 0
    outcomes_decided: int = 0
    outcomes_done: int = 0
    outcomes_abandoned: int = 0
    measures_recommended: int = 0
    kwh_recommended: float = 0.0
    money_recommended_minor: int = 0
    co2_recommended_kg: float = 0.0
    measures_done: int = 0
    kwh_done: float = 0.0
    money_done_minor: int = 0
    co2_done_kg: float = 0.0

    @property
    def returning_households(self) -> int:
        return self.households - self.new_households

    @property
    def acted_share(self) -> float | None:
        """Households that decided or did works, among outcomes recorded (ADEME's 6-month
        "décision d'action"; about 1 in 4 in domain.md)."""
        if not self.outcomes_recorded:
            return None
        return (self.outcomes_decided + self.outcomes_done) / self.outcomes_recorded

    def as_json(self) -> dict[str, object]:
        data: dict[str, object] = {f.name: getattr(self, f.name) for f in fields(self)}
        data["returning_households"] = self.returning_households
        data["acted_share"] = self.acted_share
        return data


@dataclass(frozen=True)
class Comparison:
    period: Period
    current: Indicators
    previous: Indicators
    year_before: Indicators


@dataclass(frozen=True)
class TrendPoint:
    period: Period
    consultations: int
    households: int
