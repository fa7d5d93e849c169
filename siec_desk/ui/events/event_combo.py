"""The consultation editor's "Met at event" combo: "—" or one of the recent events
(date · type · title). An event set before the list arrived, or older than it, is still
shown and kept."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from siec_desk.core.formatting import format_date
from siec_desk.core.i18n import _
from siec_desk.domain.event_records import EventRecord
from siec_desk.texts.event_text import event_name, event_type_label

#: How many recent events the combo offers (newest first).
RECENT = 60


class EventCombo(QComboBox):
    def __init__(self, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._locale = locale
        self._wanted: int | None = None
        self.addItem(_("— not met at an event —"), None)

    def set_events(self, events: list[EventRecord]) -> None:
        """Offer *events*; the one set (or chosen) stays selected."""
        wanted = self.event_id() if self._wanted is None else self._wanted
        self.blockSignals(True)
        while self.count() > 1:
            self.removeItem(1)
        for event in events:
            text = " · ".join(
                (
                    format_date(event.occurred_on, self._locale),
                    event_type_label(event.event_type),
                    event_name(event),
                )
            )
            self.addItem(text, event.id)
        self.blockSignals(False)
        self.set_event(wanted)

    def set_event(self, event_id: int | None) -> None:
        self._wanted = event_id
        if event_id is None:
            self.setCurrentIndex(0)
            return
        index = self.findData(event_id)
        if index < 0:  # older than the recent ones: kept as it is
            self.addItem(_("Event {id}").format(id=event_id), event_id)
            index = self.count() - 1
        self.setCurrentIndex(index)

    def event_id(self) -> int | None:
        data = self.currentData()
        return int(data) if data is not None else None
