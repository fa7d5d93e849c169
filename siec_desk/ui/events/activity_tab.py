"""The Activity page's "Events and people reached" tab (schema 0016): the period's events,
participants (people, not households) and households met there, then two tables: events
by type and participants by audience. The figures are the events service's one count
(``services.events.event_figures``), the same as the monthly report's."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from siec_desk.core.formatting import format_number
from siec_desk.core.i18n import _, ngettext
from siec_desk.domain.event_records import EventFigures
from siec_desk.texts.event_text import audience_label, event_type_label
from siec_desk.ui.activity.charts import FigureTable
from siec_desk.ui.widgets.builders import text_label


class EventsTab(QWidget):
    def __init__(self, locale: str) -> None:
        super().__init__()
        self._locale = locale
        self.summary = text_label("activity.events.summary")
        self.by_type = FigureTable("activity.table.event_type", _("Events by type"))
        self.by_audience = FigureTable("activity.table.audience", _("Participants by audience"))
        note = text_label(
            "activity.events.note",
            _(
                "Participants are people, not households: a person who came to two events "
                "is counted twice."
            ),
            style="color: palette(placeholder-text);",
        )
        tables = QHBoxLayout()
        tables.addWidget(self.by_type, 1)
        tables.addWidget(self.by_audience, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addLayout(tables, 1)
        layout.addWidget(note)

    def show_figures(self, figures: EventFigures) -> None:
        def number(value: int) -> str:
            return format_number(value, self._locale)

        counts = (
            ngettext("{n} event held", "{n} events held", figures.events),
            ngettext("{n} participant", "{n} participants", figures.participants),
            ngettext(
                "{n} household met at events",
                "{n} households met at events",
                figures.households_reached,
            ),
        )
        values = (figures.events, figures.participants, figures.households_reached)
        self.summary.setText(
            " · ".join(t.format(n=number(v)) for t, v in zip(counts, values, strict=True))
        )
        self.by_type.set_table(
            [_("Event type"), _("Events")],
            [[event_type_label(c), number(n)] for c, n in _largest_first(figures.by_type)],
        )
        self.by_audience.set_table(
            [_("Audience"), _("Participants")],
            [
                [audience_label(c), number(n)]
                for c, n in _largest_first(figures.participants_by_audience)
            ],
        )


def _largest_first(counts: dict[str, int]) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))
