"""An event of the events register in words: its type, audiences and participants, as
the command line's table, the Events page and the Activity figures show them."""

from __future__ import annotations

from datetime import date

from siec_desk.core.formatting import format_date, format_number
from siec_desk.core.i18n import _, pgettext
from siec_desk.domain.event_records import EventRecord
from siec_desk.texts.labels import AUDIENCES, EVENT_TYPES, label


def event_type_label(code: str) -> str:
    return label(EVENT_TYPES, code)


def audience_label(code: str) -> str:
    return label(AUDIENCES, code)


def audiences_text(audiences: dict[str, int], locale: str) -> str:
    """ "Pupils and students: 45, Professionals: 3" (only audiences with participants)."""
    separator = pgettext("list separator", ", ")
    return separator.join(
        _("{audience}: {n}").format(audience=audience_label(code), n=format_number(n, locale))
        for code, n in audiences.items()
        if n
    )


def event_name(event: EventRecord) -> str:
    """The event's title, else its place, else its type."""
    return event.title or event.place or event_type_label(event.event_type)


def event_cells(event: EventRecord, locale: str, today: date | None = None) -> tuple[str, ...]:
    """Date, type, title (or place), commune, participants ("planned" for an event to
    come with nobody counted yet): one row of a list."""
    planned = event.occurred_on > (today or date.today()) and not event.participants
    return (
        format_date(event.occurred_on, locale),
        event_type_label(event.event_type),
        event_name(event),
        event.commune or "",
        _("planned") if planned else format_number(event.participants, locale),
    )
