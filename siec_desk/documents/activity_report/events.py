"""The monthly report's "Events and people reached" section (schema 0016): how many
events, participants (people, not households) by type of event and by audience, and
the households met there (through the consultations linked to the events). Plain,
picklable data, composed in the report's language from the figures it is given."""

from __future__ import annotations

from dataclasses import dataclass

from siec_desk.core.formatting import format_number
from siec_desk.core.i18n import _, language_override
from siec_desk.domain.event_records import EventFigures
from siec_desk.texts.labels import AUDIENCES, EVENT_TYPES, label


@dataclass(frozen=True)
class EventLine:
    label: str
    value: int
    text: str  # the value formatted in the report's locale


@dataclass(frozen=True)
class EventsReport:
    title: str
    summary: tuple[EventLine, ...]  # events, participants, households met there
    by_type_title: str
    by_type: tuple[EventLine, ...]  # events of each type
    by_audience_title: str
    by_audience: tuple[EventLine, ...]  # participants of each audience
    note: str


def compose_events(figures: EventFigures, *, language: str, locale: str) -> EventsReport:
    with language_override(language):

        def line(text: str, value: int) -> EventLine:
            return EventLine(text, value, format_number(value, locale))

        return EventsReport(
            title=_("Events and people reached"),
            summary=(
                line(_("Events"), figures.events),
                line(_("Participants (people)"), figures.participants),
                line(_("Households met at events"), figures.households_reached),
            ),
            by_type_title=_("Events by type"),
            by_type=tuple(line(label(EVENT_TYPES, c), n) for c, n in figures.by_type.items()),
            by_audience_title=_("Participants by audience"),
            by_audience=tuple(
                line(label(AUDIENCES, c), n) for c, n in figures.participants_by_audience.items()
            ),
            note=_(
                "Participants are people counted at each event, not households; a person "
                "who came to two events is counted twice. Households met at events are the "
                "distinct households of the consultations linked to them."
            ),
        )
