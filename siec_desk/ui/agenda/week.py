"""The week view: one column a day, starting on the locale's first day of the week
(Babel: Monday in France and Tunisia, Saturday or Monday in Morocco as CLDR says), each
day's follow-ups down its column, untimed ones at the top, then by time. A cell is one
follow-up; arrows move between them, Enter opens it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from babel import Locale
from babel.dates import format_date as babel_format_date
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from siec_desk.core.formatting import plain
from siec_desk.domain.agenda import AgendaRow, sort_key
from siec_desk.texts.labels import FOLLOW_UP_KINDS, FOLLOW_UP_STATUSES, label
from siec_desk.ui.agenda.rows import action_text, name_text, phone_text, time_text
from siec_desk.ui.widgets.accessible import tag


def week_start(day: date, locale: str) -> date:
    """The first day of *day*'s week in *locale* (CLDR's first day of the week)."""
    first = Locale.parse(locale).first_week_day  # 0 = Monday
    return day - timedelta(days=(day.weekday() - first) % 7)


class WeekGrid(QTableWidget):
    activated_id = Signal(int)

    def __init__(self, identifier: str, name: str, locale: str, country: str) -> None:
        super().__init__(0, 7)
        tag(self, identifier, name)
        self.locale_name, self.country = locale, country
        self.rows: dict[int, AgendaRow] = {}
        self.days: list[date] = []
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        self.setTabKeyNavigation(False)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.itemActivated.connect(self._activated)

    def show_week(self, start: date, rows: Sequence[AgendaRow], today: date) -> None:
        selected = self.selected_id()
        self.days = [start + timedelta(days=i) for i in range(7)]
        self.rows = {r.consultation_id: r for r in rows}
        by_day: dict[date, list[AgendaRow]] = {d: [] for d in self.days}
        for row in sorted(rows, key=sort_key):
            if row.due in by_day:
                by_day[row.due].append(row)
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
            for line, row in enumerate(by_day[day]):
                self.setItem(line, column, self._item(row))
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

    def _cells(self) -> list[QTableWidgetItem]:
        found = []
        for column in range(self.columnCount()):
            for line in range(self.rowCount()):
                item = self.item(line, column)
                if item is not None:
                    found.append(item)
        return found

    def _select(self, consultation_id: int | None) -> None:
        cells = self._cells()
        chosen = next(
            (c for c in cells if c.data(Qt.ItemDataRole.UserRole) == consultation_id),
            cells[0] if cells else None,
        )
        if chosen is not None:
            self.setCurrentItem(chosen)

    def select_id(self, consultation_id: int) -> None:
        self._select(consultation_id)

    def selected_id(self) -> int | None:
        item = self.currentItem()
        value = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return int(value) if value is not None else None

    def selected_row(self) -> AgendaRow | None:
        ident = self.selected_id()
        return self.rows.get(ident) if ident is not None else None

    def ids_on(self, day: date) -> list[int]:
        """The follow-ups shown in *day*'s column, top to bottom (tests, screen readers)."""
        if day not in self.days:
            return []
        column = self.days.index(day)
        items = (self.item(line, column) for line in range(self.rowCount()))
        return [int(i.data(Qt.ItemDataRole.UserRole)) for i in items if i is not None]

    def _activated(self, item: QTableWidgetItem) -> None:
        value = item.data(Qt.ItemDataRole.UserRole)
        if value is not None:
            self.activated_id.emit(int(value))
