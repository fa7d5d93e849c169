"""The activity figures as plain results: one group of consultations' indicators,
comparisons between periods, the trend and a period's dashboard (computed by
``services.activity``; shown by the Activity page, the report and the CLI)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from siec_desk.core.json_fields import to_json
from siec_desk.domain.activity_period import Period


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
    attestations_issued: int = 0  # France Rénov' appointments' (the whole centre's only)

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
        return {
            **to_json(self),
            "returning_households": self.returning_households,
            "acted_share": self.acted_share,
        }


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


@dataclass(frozen=True)
class Dashboard:
    """Everything a period's dashboard shows: key figures with both comparisons, the
    trend, and one breakdown per dimension code (group key → indicators)."""

    comparison: Comparison
    trend: list[TrendPoint]
    breakdowns: dict[str, dict[tuple[Any, ...], Indicators]]
