"""Plain data passed to and returned by the consultation service."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from siec_desk.core.json_fields import MERGED_IN_JSON, json_name, to_json


@dataclass(frozen=True)
class MeasureChoice:
    code: str
    values: Mapping[str, float] | None = None
    priority: int | None = None


@dataclass(frozen=True)
class ConsultationInput:
    mode: str
    themes: tuple[str, ...]
    act: str | None = None
    household_id: int | None = None
    occurred_at: datetime | None = None
    duration_min: int | None = None
    origin: str | None = None
    commune: str | None = None
    postal_code: str | None = None
    notes: str | None = None
    advisor_id: int | None = None
    follow_up_action: str | None = None
    follow_up_due: date | None = None
    measures: tuple[MeasureChoice, ...] = ()
    project_type: str | None = None  # a France Rénov' appointment's project (FR)
    orientations: tuple[str, ...] = ()  # where the household was referred (several allowed)
    follow_up_time: time | None = None  # schema 0015: the follow-up's time of day
    follow_up_kind: str | None = None  # call_back (the default), appointment, visit, other
    event_id: int | None = None  # schema 0016: the event where the household was met


@dataclass(frozen=True)
class OutcomeInput:
    """What the household did 6 months later. Amounts in major units of the currency."""

    status: str
    measures_decided: tuple[str, ...] = ()
    measures_done: tuple[str, ...] = ()
    works_amount: Decimal | None = None
    aids_amount: Decimal | None = None
    abandon_reason: str | None = None
    recorded_on: date | None = None


@dataclass(frozen=True)
class MeasureSnapshot:
    code: str
    priority: int
    parameters: dict[str, float]
    kwh_per_year: float
    money_per_year_minor: int
    currency: str
    co2_kg_per_year: float
    cost_minor: int | None
    payback_years: float | None
    parameter_set_version: str
    status: str
    #: How the figures came from the combined estimate (``recommended_measures.combination``);
    #: None for a measure saved before combined estimates (its figures are its own alone).
    combination: Mapping[str, Any] | None = None

    @property
    def counted(self) -> bool:
        """False for an alternative not counted, or a measure that does not apply."""
        return self.combination is None or bool(self.combination.get("counted", True))

    @property
    def alternative_to(self) -> str | None:
        return None if self.combination is None else self.combination.get("alternative_to")

    @property
    def not_applicable(self) -> str | None:
        return None if self.combination is None else self.combination.get("not_applicable")

    def as_json(self) -> dict[str, object]:
        return to_json(self)


@dataclass(frozen=True)
class ConsultationSummary:
    id: int
    occurred_at: datetime
    mode: str
    act: str
    themes: tuple[str, ...]
    duration_min: int
    household_id: int | None
    household_name: str | None
    commune: str | None
    measures: tuple[str, ...]
    follow_up_due: date | None
    follow_up_status: str | None
    orientations: tuple[str, ...] = ()  # where the household was referred
    follow_up_time: time | None = None
    follow_up_kind: str | None = None

    def as_json(self) -> dict[str, object]:
        # Hand-written (not ``to_json``): one field is two keys, "date" and "time" (HH:MM).
        return {
            "id": self.id,
            "date": self.occurred_at.date().isoformat(),
            "time": self.occurred_at.strftime("%H:%M"),
            "mode": self.mode,
            "act": self.act,
            "themes": list(self.themes),
            "duration_min": self.duration_min,
            "household_id": self.household_id,
            "commune": self.commune,
            "measures": list(self.measures),
            "follow_up_due": self.follow_up_due.isoformat() if self.follow_up_due else None,
            "follow_up_status": self.follow_up_status,
            "follow_up_time": self.follow_up_time.strftime("%H:%M")
            if self.follow_up_time
            else None,
            "follow_up_kind": self.follow_up_kind,
            "orientations": list(self.orientations),
        }


@dataclass(frozen=True)
class ConsultationDetail:
    """A consultation as stored; its fields are in the order of its JSON object."""

    summary: ConsultationSummary = field(metadata=MERGED_IN_JSON)
    origin: str | None
    notes: str | None
    advisor_id: int | None
    follow_up_action: str | None
    outcome_due: date | None
    outcome_status: str | None
    measures: list[MeasureSnapshot] = field(
        default_factory=list, metadata=json_name("measure_details")
    )
    project_type: str | None = None  # a France Rénov' appointment's project (FR)
    version: int = 1
    follow_up_note: str | None = None  # the call-result note (done or cancelled)
    follow_up_postponed: int | None = None  # times postponed
    event_id: int | None = None  # schema 0016: the event where the household was met

    def as_json(self) -> dict[str, object]:
        return to_json(self)
