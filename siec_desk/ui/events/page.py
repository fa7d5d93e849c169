"""Events: the register of stands, school visits, mobile-desk days, trainings… of a
period, newest first, with their participants; filter by type and commune; record,
open, delete, import a sheet. The agenda's day and week views show the events too."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QLineEdit, QTableWidgetItem, QVBoxLayout

from siec_desk.core.formatting import format_number, locale_for
from siec_desk.core.i18n import _, ngettext
from siec_desk.domain.event_records import EventRecord
from siec_desk.texts.event_text import audiences_text, event_cells
from siec_desk.texts.labels import EVENT_TYPES
from siec_desk.ui.events.dialog import EventDialog
from siec_desk.ui.kit.base import Page
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.widgets.accessible import labelled
from siec_desk.ui.widgets.builders import (
    button_row,
    debounce_timer,
    push_button,
    read_only_table,
    text_label,
)
from siec_desk.ui.widgets.code_combo import CodeCombo
from siec_desk.ui.widgets.dates import date_edit, from_qdate, to_qdate

MAX_ROWS = 2000


class EventsPage(Page):
    key = "events"

    def __init__(self, ui: UiContext) -> None:
        super().__init__()
        self.ui = ui
        self._locale = locale_for(None, ui.app.centre.country)
        self._rows: list[EventRecord] = []
        today = date.today()
        self.start = date_edit(to_qdate(today - timedelta(days=365)))
        self.end = date_edit(to_qdate(today + timedelta(days=365)))
        self.event_type = CodeCombo(EVENT_TYPES, empty=_("All types"))
        self.commune = QLineEdit()
        self.commune.setPlaceholderText(_("any commune"))
        self.count = text_label("events.count", wrap=False)
        self.new_button = push_button(
            _("&Record an event…"), "events.new", on_click=lambda: self.open_event(None)
        )
        self.open_button = push_button(_("&Open"), "events.open", on_click=self._open_selected)
        self.import_button = push_button(
            _("&Import events…"), "events.import", on_click=self.import_events
        )
        self.table = read_only_table(
            [_("Date"), _("Type"), _("Event"), _("Commune"), _("Participants"), _("Audiences")],
            "events.list",
            _("Events"),
        )
        self.table.setSelectionMode(self.table.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        filters = button_row(
            self.open_button,
            self.new_button,
            self.import_button,
            leading=[
                labelled(_("&From"), self.start, "events.from"),
                self.start,
                labelled(_("&To"), self.end, "events.to"),
                self.end,
                labelled(_("T&ype"), self.event_type, "events.type"),
                self.event_type,
                labelled(_("&Commune"), self.commune, "events.commune"),
                self.commune,
            ],
        )
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.count)
        layout.addWidget(self.table, 1)
        typing = debounce_timer(self, 300, self.refresh)
        self.commune.textChanged.connect(lambda _t: typing.start())
        for field in (self.start, self.end):
            field.dateChanged.connect(self.refresh)
        self.event_type.currentIndexChanged.connect(self.refresh)
        self.table.cellActivated.connect(lambda row, _c: self._open_row(row))
        self.table.cellDoubleClicked.connect(lambda row, _c: self._open_row(row))

    def title(self) -> str:
        return _("Events")

    def focus_primary(self) -> None:
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def refresh(self) -> None:
        start, end = from_qdate(self.start.date()), from_qdate(self.end.date())
        kind, commune = self.event_type.code(), self.commune.text().strip() or None
        service = self.ui.app.events
        self.ui.runner.run(
            lambda: service.list(start, end, kind, commune, limit=MAX_ROWS), self._show
        )

    def _show(self, rows: list[EventRecord]) -> None:
        self._rows = rows
        self.table.setRowCount(len(rows))
        for row, event in enumerate(rows):
            audiences = audiences_text(event.audiences, self._locale)
            cells = (*event_cells(event, self._locale), audiences)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 4:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(row, column, item)
        people = format_number(sum(e.participants for e in rows), self._locale)
        counted = ngettext(
            "{n} event, {people} participants", "{n} events, {people} participants", len(rows)
        )
        self.count.setText(
            counted.format(n=len(rows), people=people)
            if rows
            else _("No event in this period. Record one with “Record an event…”.")
        )

    def _open_selected(self) -> None:
        row = self.table.currentRow()
        if row < 0 or row >= len(self._rows):
            self.ui.dialogs.info(_("Events"), _("Choose an event in the list first."))
            return
        self._open_row(row)

    def _open_row(self, row: int) -> None:
        if 0 <= row < len(self._rows):
            self.open_event(self._rows[row].id)

    def import_events(self) -> None:
        from siec_desk.ui.events.import_dialog import EventImportDialog

        dialog = EventImportDialog(self.ui, self)
        dialog.exec()
        if dialog.imported:
            self.refresh()

    def open_event(self, event_id: int | None) -> None:
        dialog = EventDialog(self.ui, event_id, self)
        if dialog.exec():
            self.refresh()
