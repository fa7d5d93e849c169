"""Plain data of the events register (schema 0016), passed to and returned by the event
service: what a form or the command line gives (:class:`EventInput`), an event as stored
(:class:`EventRecord`) and the period's figures (:class:`EventFigures`, counted by
:func:`siec_desk.domain.event_rules.count_events`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, time

from siec_desk.core.json_fields import to_json


@dataclass(frozen=True)
class EventInput:
    """An event as typed: participants by audience code (people, not households)."""

    occurred_on: date | None
    event_type: str | None
    starts_at: time | None = None
    duration_min: int | None = None
    title: str | None = None
    commune: str | None = None
    postal_code: str | None = None
    place: str | None = None
    partners: str | None = None
    notes: str | None = None
    audiences: Mapping[str, int] = field(default_factory=dict)
    themes: tuple[str, ...] = ()
    advisor_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class EventRecord:
    """An event as stored; its fields are in the order of its JSON object."""

    id: int
    occurred_on: date
    event_type: str
    starts_at: time | None
    duration_min: int | None
    title: str | None
    commune: str | None
    postal_code: str | None
    place: str | None
    partners: str | None
    notes: str | None
    audiences: dict[str, int]
    themes: tuple[str, ...]
    advisor_ids: tuple[int, ...]
    participants: int  # the sum over the audiences
    consultations: int = 0  # consultations that met their household there
    version: int = 1

    def as_json(self) -> dict[str, object]:
        return to_json(self)


@dataclass(frozen=True)
class EventFigures:
    """A period's events counted: events by type, participants by audience (people),
    and the distinct households met through the consultations linked to them."""

    events: int
    participants: int
    by_type: dict[str, int]
    participants_by_audience: dict[str, int]
    households_reached: int = 0

    def as_json(self) -> dict[str, object]:
        return to_json(self)
