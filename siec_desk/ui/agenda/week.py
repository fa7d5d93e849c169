"""The week view: one column a day, starting on the locale's first day of the week
(Babel: Monday in France and Tunisia, Saturday or Monday in Morocco as CLDR says), each
day's follow-ups and the centre's events down its column, untimed ones at the top, then
by time. A cell is one follow-up or one event (marked, on its own background); arrows
move between them, Enter opens it. In Arabic the days run from right to left."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from babel import Locale
from babel.dates import format_date as babel_format_date
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from siec_desk.core.formatting import plain
from siec_desk.domain.agenda import AgendaEvent, AgendaRow, merged
from siec_desk.texts.labels import FOLLOW_UP_KINDS, FOLLOW_UP_STATUSES, label
from siec_desk.ui.agenda.event_items import (
    EVENT_BACKGROUND,
    EVENT_FOREGROUND,
    EVENT_ROLE,
    event_detail,
    event_time_text,
    event_title,
    event_type_text,
)
from siec_desk.ui.agenda.rows import action_text, name_text, phone_text, time_text
from siec_desk.ui.widgets.accessible import tag


def week_start(day: date, locale: str) -> date:
    """The first day of *day*'s week in *locale* (CLDR's first day of the week)."""
    first = Locale.parse(locale).first_week_day  # 0 = Monday
    return day - timedelta(days=(day.weekday() - first) % 7)


class WeekGrid(QTableWidget):
    activated_id = Signal(int)
    activated_event = Signal(int)

    def __init__(self, identifier: str, name: str, locale: str, country: str) -> None:
        super().__init__(0, 7)
        tag(self, identifier, name)
        self.locale_name, self.country = locale, country
        self.rows: dict[int, AgendaRow] = {}
        self.events: dict[int, AgendaEvent] = {}
        self.days: list[date] = []
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        self.setTabKeyNavigation(False)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.itemActivated.connect(self._activated)

    def show_week(
        self,
        start: date,
        rows: Sequence[AgendaRow],
        today: date,
        events: Sequence[AgendaEvent] = (),
    ) -> None:
        selected = self._key(self.currentItem())
        self.days = [start + timedelta(days=i) for i in range(7)]
        self.rows = {r.consultation_id: r for r in rows}
        self.events = {e.event_id: e for e in events}
        by_day: dict[date, list[AgendaRow | AgendaEvent]] = {d: [] for d in self.days}
        for entry in merged(rows, events):
            day = entry.day if isinstance(entry, AgendaEvent) else entry.due
            if day in by_day:
                by_day[day].append(entry)
        self.clear()
        self.setRowCount(max((len(v) for v in by_day.values()), default=0))
        for column, day in enumerate(self.days):
            title = babel_format_date(day, "EEE d MMM", locale=self.locale_name)
            header = QTableWidgetItem(title)
            if day == today:
                font = header.font()
                font.setBold(True)
                header.setFont(font)
            self.setHorizontalHeaderItem(column, header)
            for line, entry in enumerate(by_day[day]):
                item = (
                    self._event_item(entry, today)
                    if isinstance(entry, AgendaEvent)
                    else self._item(entry)
                )
                self.setItem(line, column, item)
        self._select(selected)

    def _item(self, row: AgendaRow) -> QTableWidgetItem:
        lines = [
            " · ".join((time_text(row, self.locale_name), label(FOLLOW_UP_KINDS, row.kind))),
            name_text(row),
        ]
        phone = phone_text(row, self.country)
        if phone:
            lines.append(phone)
        if row.closed:  # done or cancelled: said, and greyed
            lines.insert(1, label(FOLLOW_UP_STATUSES, row.status))
        item = QTableWidgetItem("\n".join(lines))
        if row.closed:
            item.setForeground(self.palette().color(QPalette.ColorRole.PlaceholderText))
        item.setData(Qt.ItemDataRole.UserRole, row.consultation_id)
        item.setToolTip(action_text(row))
        spoken = " ".join(plain(p) for p in (*lines, row.action or ""))
        item.setData(Qt.ItemDataRole.AccessibleTextRole, spoken)
        return item

    def _event_item(self, event: AgendaEvent, today: date) -> QTableWidgetItem:
        lines = [
            " · ".join((event_time_text(event, self.locale_name), event_type_text(event))),
            event_title(event),
        ]
        detail = event_detail(event, self.locale_name, today)
        if detail:
            lines.append(detail)
        item = QTableWidgetItem("\n".join(lines))
        item.setBackground(EVENT_BACKGROUND)
        item.setForeground(EVENT_FOREGROUND)
        item.setData(EVENT_ROLE, event.event_id)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, " ".join(plain(p) for p in lines))
        return item

    @staticmethod
    def _key(item: QTableWidgetItem | None) -> tuple[str, int] | None:
        """("c", consultation id) for a follow-up, ("e", event id) for an event."""
        if item is None:
            return None
        for kind, role in (("c", Qt.ItemDataRole.UserRole), ("e", EVENT_ROLE)):
            value = item.data(role)
            if value is not None:
                return kind, int(value)
        return None

    def _cells(self) -> list[QTableWidgetItem]:
        found = []
        for column in range(self.columnCount()):
            for line in range(self.rowCount()):
                item = self.item(line, column)
                if item is not None:
                    found.append(item)
        return found

    def _select(self, key: tuple[str, int] | None) -> None:
        cells = self._cells()
        chosen = next((c for c in cells if self._key(c) == key), cells[0] if cells else None)
        if chosen is not None:
            self.setCurrentItem(chosen)

    def select_id(self, consultation_id: int) -> None:
        self._select(("c", consultation_id))

    def select_event(self, event_id: int) -> None:
        self._select(("e", event_id))

    def selected_id(self) -> int | None:
        item = self.currentItem()
        value = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return int(value) if value is not None else None

    def selected_row(self) -> AgendaRow | None:
        ident = self.selected_id()
        return self.rows.get(ident) if ident is not None else None

    def selected_event(self) -> AgendaEvent | None:
        key = self._key(self.currentItem())
        return self.events.get(key[1]) if key is not None and key[0] == "e" else None

    def ids_on(self, day: date) -> list[int]:
        """The follow-ups shown in *day*'s column, top to bottom (tests, screen readers)."""
        return self._column(day, Qt.ItemDataRole.UserRole)

    def events_on(self, day: date) -> list[int]:
        """The events shown in *day*'s column, top to bottom."""
        return self._column(day, EVENT_ROLE)

    def _column(self, day: date, role: int) -> list[int]:
        if day not in self.days:
            return []
        column = self.days.index(day)
        values = (
            item.data(role) for line in range(self.rowCount()) if (item := self.item(line, column))
        )
        return [int(v) for v in values if v is not None]

    def _activated(self, item: QTableWidgetItem) -> None:
        key = self._key(item)
        if key is not None:
            (self.activated_id if key[0] == "c" else self.activated_event).emit(key[1])
