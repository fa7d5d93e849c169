"""Consultations: every consultation of a period, newest first; open to edit, or write
the letter of the selected one."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from siec_desk.core.formatting import locale_for
from siec_desk.core.i18n import _, ngettext
from siec_desk.domain.consultation_records import ConsultationSummary
from siec_desk.ui.kit.base import Page
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.kit.empty_state import check_empty, consultations_empty
from siec_desk.ui.widgets.accessible import labelled, tag
from siec_desk.ui.widgets.consultation_table import ConsultationTable
from siec_desk.ui.widgets.dates import date_edit, from_qdate, to_qdate

MAX_ROWS = 2000


class ConsultationsPage(Page):
    key = "consultations"

    def __init__(self, ui: UiContext) -> None:
        super().__init__()
        self.ui = ui
        today = date.today()
        self.start = date_edit(to_qdate(today.replace(day=1)))
        self.end = date_edit(to_qdate(today))
        for field in (self.start, self.end):
            field.setMaximumDate(to_qdate(today))
            field.dateChanged.connect(self.refresh)
        self.count = QLabel()
        tag(self.count, "consultations.count")
        self.open_button = QPushButton(_("&Open"))
        tag(self.open_button, "consultations.open")
        self.new_button = QPushButton(_("&Log a consultation…"))
        tag(self.new_button, "consultations.new")
        self.letter_button = QPushButton(_("Le&tter…"))
        tag(self.letter_button, "consultations.letter", _("Letter of the selected consultation"))
        self.table = ConsultationTable(
            ["when", "household", "mode", "act", "themes", "duration", "measures", "commune"],
            locale_for(None, ui.app.centre.country),
            "consultations.list",
            _("Consultations"),
        )
        bar = QHBoxLayout()
        bar.addWidget(labelled(_("&From"), self.start, "consultations.from"))
        bar.addWidget(self.start)
        bar.addWidget(labelled(_("&To"), self.end, "consultations.to"))
        bar.addWidget(self.end)
        bar.addWidget(self.count, 1)
        bar.addWidget(self.open_button)
        bar.addWidget(self.letter_button)
        bar.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        self.empty = consultations_empty([self.table])  # D43: nothing logged yet
        layout.addWidget(self.empty)
        self.table.activated_id.connect(ui.events.edit_consultation.emit)
        self.open_button.clicked.connect(self.table.activate_selected)
        self.letter_button.clicked.connect(self._letter_for_selected)
        self.new_button.clicked.connect(lambda: ui.events.new_consultation.emit(None))

    def title(self) -> str:
        return _("Consultations")

    def focus_primary(self) -> None:
        if not self.empty.focus():
            self.table.setFocus()

    def refresh(self) -> None:
        start = from_qdate(self.start.date())
        end = from_qdate(self.end.date())
        service = self.ui.app.consultations
        self.ui.runner.run(lambda: service.between(start, end, MAX_ROWS + 1), self._show)

    def _show(self, rows: list[ConsultationSummary]) -> None:
        self.table.set_rows(rows[:MAX_ROWS])
        if rows:
            self.empty.set_empty(False)
        else:  # none in these dates: none at all?
            check_empty(self.ui, self.empty)
        if len(rows) > MAX_ROWS:
            self.count.setText(
                _("More than {n} consultations: showing the newest {n}.").format(n=MAX_ROWS)
            )
        else:
            self.count.setText(
                ngettext("{n} consultation", "{n} consultations", len(rows)).format(n=len(rows))
            )

    def _letter_for_selected(self) -> None:
        selected = self.table.selected_id()
        if selected is None:
            self.ui.dialogs.info(_("Letter"), _("Choose a consultation in the list first."))
            return
        from siec_desk.ui.letters.dialog import open_letter

        open_letter(self.ui, selected, self)
