"""A follow-up in words (time, household, phone in national format, kind, action,
status) and :class:`AgendaList`, the list of the "Upcoming" and "Day" views: rows under
group headings (overdue, today, next 7 days, later; or one day's), untimed ones first,
with the centre's events of those days among them (``event_items``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem

from siec_desk.core.formatting import format_clock, format_date, isolate, isolate_ltr_runs, plain
from siec_desk.core.i18n import N_, LazyText, _, lazy_pgettext
from siec_desk.domain.agenda import AgendaEvent, AgendaRow, Bucket, merged
from siec_desk.domain.validation import format_phone
from siec_desk.texts.labels import FOLLOW_UP_KINDS, FOLLOW_UP_STATUSES, label
from siec_desk.ui.agenda.event_items import (
    EVENT_BACKGROUND,
    EVENT_FOREGROUND,
    EVENT_ROLE,
    event_detail,
    event_status,
    event_time_text,
    event_title,
    event_type_text,
)
from siec_desk.ui.widgets.accessible import tag

BUCKET_TITLES: dict[Bucket, LazyText] = {
    Bucket.OVERDUE: N_("Overdue"),
    Bucket.TODAY: lazy_pgettext("agenda", "Today"),
    Bucket.NEXT_7_DAYS: N_("Next 7 days"),
    Bucket.LATER: N_("Later"),
}


def time_text(row: AgendaRow, locale: str) -> str:
    return format_clock(row.at, locale) if row.at else _("Any time")


def phone_text(row: AgendaRow, country: str) -> str:
    """The phone in national format, isolated so it reads left to right in Arabic."""
    return isolate_ltr_runs(format_phone(row.phone, country)) if row.phone else ""


def name_text(row: AgendaRow) -> str:
    return isolate(row.household_name) if row.household_name else _("(no name)")


def action_text(row: AgendaRow) -> str:
    return isolate_ltr_runs(row.action) if row.action else ""


#: A follow-up row's seven cell texts, and what a screen reader says of each.
RowTexts = tuple[tuple[str, ...], tuple[str, ...]]


def row_texts(rows: Sequence[AgendaRow], locale: str, country: str) -> dict[int, RowTexts]:
    """The cells of *rows* by consultation id: plain Python, so a long list's are made on
    the database thread (issue 22: 1000 "Upcoming" rows held the GUI thread ~0.2 s)."""
    dates: dict[date, str] = {}  # few distinct days: each formatted once
    found: dict[int, RowTexts] = {}
    for row in rows:
        day = dates.get(row.due)
        if day is None:
            day = dates[row.due] = format_date(row.due, locale)
        texts = (
            day,
            time_text(row, locale),
            name_text(row),
            phone_text(row, country),
            label(FOLLOW_UP_KINDS, row.kind),
            action_text(row),
            label(FOLLOW_UP_STATUSES, row.status),
        )
        found[row.consultation_id] = texts, tuple(plain(text) for text in texts)
    return found


class AgendaList(QTreeWidget):
    """Follow-ups (and events) under headings; ``activated_id`` when a follow-up is
    opened (Enter, double-click), ``activated_event`` when an event is."""

    activated_id = Signal(int)
    activated_event = Signal(int)

    def __init__(self, identifier: str, name: str, locale: str, country: str) -> None:
        super().__init__()
        tag(self, identifier, name)
        self.locale_name, self.country = locale, country
        self.rows: dict[int, AgendaRow] = {}
        self.events: dict[int, AgendaEvent] = {}
        self.setHeaderLabels(
            [_("Day"), _("Time"), _("Household"), _("Phone"), _("Kind"), _("Action"),
             _("Status")]
        )  # fmt: skip
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        # Widths from the first 100 rows, not all 1000 of "Upcoming" (issue 22: the list's
        # layout took ~110 ms of the GUI thread at each visit; the values are short).
        header.setResizeContentsPrecision(100)
        self._texts: dict[int, RowTexts] = {}
        self.itemActivated.connect(self._activated)

    def show_rows(
        self,
        rows: Sequence[AgendaRow],
        today: date,
        *,
        grouped: bool = True,
        events: Sequence[AgendaEvent] = (),
        texts: dict[int, RowTexts] | None = None,
    ) -> None:
        """*rows* and *events* in the agenda's order under the groups of the "Upcoming"
        list, or without headings (*grouped* False: the day view). *texts*: the rows'
        cells made beforehand (:func:`row_texts`, on the database thread)."""
        selected = self._key(self.currentItem())
        self._texts = texts if texts is not None else self.row_texts(rows)
        self.clear()
        self.rows = {r.consultation_id: r for r in rows}
        self.events = {e.event_id: e for e in events}
        entries = merged(rows, events)
        if grouped:
            groups: dict[Bucket, list[AgendaRow | AgendaEvent]] = {}
            for entry in entries:
                groups.setdefault(entry.bucket(today), []).append(entry)
            for bucket in Bucket:
                if bucket in groups:
                    title = _("{group} ({n})").format(
                        group=BUCKET_TITLES[bucket], n=len(groups[bucket])
                    )
                    self._group(title, [self._entry(e, today) for e in groups[bucket]])
        else:
            for entry in entries:
                self.addTopLevelItem(self._entry(entry, today))
        self.expandAll()
        self._select(selected)

    def _entry(self, entry: AgendaRow | AgendaEvent, today: date) -> QTreeWidgetItem:
        if isinstance(entry, AgendaEvent):
            return self._event_item(entry, today)
        return self._item(entry)

    def _event_item(self, event: AgendaEvent, today: date) -> QTreeWidgetItem:
        item = QTreeWidgetItem(
            [
                format_date(event.day, self.locale_name),
                event_time_text(event, self.locale_name),
                event_title(event),
                "",
                event_type_text(event),
                event_detail(event, self.locale_name, today),
                event_status(event, today),
            ]
        )
        item.setData(0, EVENT_ROLE, event.event_id)
        for column in range(self.columnCount()):
            item.setBackground(column, EVENT_BACKGROUND)
            item.setForeground(column, EVENT_FOREGROUND)
            item.setData(column, Qt.ItemDataRole.AccessibleTextRole, plain(item.text(column)))
        return item

    def _group(self, title: str, items: list[QTreeWidgetItem]) -> None:
        heading = QTreeWidgetItem([title])
        heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
        font = QFont(self.font())
        font.setBold(True)
        heading.setFont(0, font)
        self.addTopLevelItem(heading)
        heading.setFirstColumnSpanned(True)
        heading.addChildren(items)

    def row_texts(self, rows: Sequence[AgendaRow]) -> dict[int, RowTexts]:
        """:func:`row_texts` in this list's locale and country (any thread: no Qt)."""
        return row_texts(rows, self.locale_name, self.country)

    def _item(self, row: AgendaRow) -> QTreeWidgetItem:
        texts, spoken = (
            self._texts.get(row.consultation_id) or self.row_texts([row])[row.consultation_id]
        )
        item = QTreeWidgetItem(list(texts))
        item.setData(0, Qt.ItemDataRole.UserRole, row.consultation_id)
        if row.closed:  # done or cancelled (the day view shows them): greyed
            grey = self.palette().color(QPalette.ColorRole.PlaceholderText)
            for column in range(self.columnCount()):
                item.setForeground(column, grey)
        for column, text in enumerate(spoken):  # what a screen reader says
            item.setData(column, Qt.ItemDataRole.AccessibleTextRole, text)
        return item

    def _items(self) -> list[QTreeWidgetItem]:
        found: list[QTreeWidgetItem] = []
        for index in range(self.topLevelItemCount()):
            top = self.topLevelItem(index)
            if top is None:
                continue
            found.append(top)
            found.extend(c for i in range(top.childCount()) if (c := top.child(i)) is not None)
        return [i for i in found if self._key(i) is not None]

    @staticmethod
    def _key(item: QTreeWidgetItem | None) -> tuple[str, int] | None:
        """("c", consultation id) for a follow-up, ("e", event id) for an event."""
        if item is None:
            return None
        for kind, role in (("c", Qt.ItemDataRole.UserRole), ("e", EVENT_ROLE)):
            value = item.data(0, role)
            if value is not None:
                return kind, int(value)
        return None

    def _select(self, key: tuple[str, int] | None) -> None:
        items = self._items()
        chosen = next(
            (i for i in items if self._key(i) == key),
            items[0] if items else None,
        )
        if chosen is not None:
            self.setCurrentItem(chosen)

    def selected_id(self) -> int | None:
        item = self.currentItem()
        value = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        return int(value) if value is not None else None

    def selected_row(self) -> AgendaRow | None:
        ident = self.selected_id()
        return self.rows.get(ident) if ident is not None else None

    def selected_event(self) -> AgendaEvent | None:
        key = self._key(self.currentItem())
        return self.events.get(key[1]) if key is not None and key[0] == "e" else None

    def row_count(self) -> int:
        return len(self._items())

    def select_id(self, consultation_id: int) -> None:
        self._select(("c", consultation_id))

    def select_event(self, event_id: int) -> None:
        self._select(("e", event_id))

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        key = self._key(item)
        if key is not None:
            (self.activated_id if key[0] == "c" else self.activated_event).emit(key[1])
