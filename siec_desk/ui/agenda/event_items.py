"""An event of the register in the agenda's lists and week grid (issue 19): its time or
"All day", type, title (or place), commune and, once past, its participants; marked with
a sign and its own background so it is never taken for a follow-up; its id is kept under
:data:`EVENT_ROLE` (a follow-up's under ``UserRole``)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from siec_desk.core.formatting import format_clock, format_number, isolate, isolate_ltr_runs
from siec_desk.core.i18n import _, ngettext
from siec_desk.domain.agenda import AgendaEvent
from siec_desk.texts.labels import EVENT_TYPES, label

#: Where an item keeps its event's id.
EVENT_ROLE = Qt.ItemDataRole.UserRole + 1
#: The sign before an event (follow-ups have none).
EVENT_MARK = "\u25c6"  # ◆
EVENT_BACKGROUND = QBrush(QColor("#dcebf7"))
EVENT_FOREGROUND = QBrush(QColor("#0b2e4f"))


def event_time_text(event: AgendaEvent, locale: str) -> str:
    return format_clock(event.at, locale) if event.at else _("All day")


def event_type_text(event: AgendaEvent) -> str:
    return label(EVENT_TYPES, event.event_type)


def event_title(event: AgendaEvent) -> str:
    """The sign and the title, else the place, else the type (isolated: French titles
    keep their order in Arabic)."""
    name = event.title or event.place
    shown = isolate_ltr_runs(isolate(name)) if name else event_type_text(event)
    return f"{EVENT_MARK} {shown}"


def event_detail(event: AgendaEvent, locale: str, today: date) -> str:
    """The commune and, for a past event, the people counted there."""
    parts = [isolate(event.commune)] if event.commune else []
    if event.is_past(today):
        parts.append(
            ngettext("{n} participant", "{n} participants", event.participants).format(
                n=format_number(event.participants, locale)
            )
        )
    return " · ".join(parts)


def event_status(event: AgendaEvent, today: date) -> str:
    return _("Past event") if event.is_past(today) else _("Planned event")
