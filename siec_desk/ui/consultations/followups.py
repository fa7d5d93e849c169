"""Follow-ups (Ctrl+4): the agenda of call-backs and appointments (``ui/agenda/``: upcoming,
day and week, with Done, Postpone and Cancel), and the 6-month outcomes to record."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from siec_desk.core.formatting import locale_for
from siec_desk.core.i18n import _, ngettext
from siec_desk.domain.consultation_records import ConsultationDetail, ConsultationSummary
from siec_desk.ui.agenda.view import AgendaView
from siec_desk.ui.consultations.outcome_form import OutcomeForm
from siec_desk.ui.kit.base import Page
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.today.page import DUE_LIST_LIMIT, due_title
from siec_desk.ui.widgets.accessible import tag
from siec_desk.ui.widgets.builders import button_row, push_button, text_label
from siec_desk.ui.widgets.consultation_table import ConsultationTable


class FollowUpsPage(Page):
    key = "followups"

    def __init__(self, ui: UiContext) -> None:
        super().__init__()
        self.ui = ui
        locale = locale_for(None, ui.app.centre.country)
        self.agenda = AgendaView(ui)
        self.outcomes = ConsultationTable(
            ["when", "household", "act", "themes", "measures"],
            locale,
            "followups.outcomes",
            _("6-month outcomes due"),
        )
        self.record = push_button(
            _("&Record outcome…"),
            "followups.record_outcome",
            on_click=self.outcomes.activate_selected,
        )
        self.outcomes_title = text_label("followups.outcomes_title", wrap=False)
        outcomes = QWidget()
        box = QVBoxLayout(outcomes)
        box.addWidget(self.outcomes_title)
        box.addWidget(self.outcomes, 1)
        box.addLayout(button_row(self.record))
        self.tabs = QTabWidget()
        tag(self.tabs, "followups.tabs", _("Follow-ups"))
        self.tabs.addTab(self.agenda, _("A&genda"))
        self.tabs.addTab(outcomes, _("&6-month outcomes"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.outcomes.activated_id.connect(self._record)

    def title(self) -> str:
        return _("Follow-ups")

    def focus_primary(self) -> None:
        self.agenda.current().setFocus()

    def refresh(self) -> None:
        self.agenda.refresh()
        service = self.ui.app.consultations
        today = date.today()
        self.ui.runner.run(
            lambda: (service.outcomes_due(today, DUE_LIST_LIMIT), service.due_counts(today)[1]),
            self._show,
        )

    def _show(self, data: tuple[list[ConsultationSummary], int]) -> None:
        outcomes, n_outcomes = data
        self.outcomes.set_rows(outcomes)
        title = ngettext(
            "{n} 6-month outcome to record", "{n} 6-month outcomes to record", n_outcomes
        ).format(n=n_outcomes)
        self.outcomes_title.setText(due_title(title, len(outcomes), n_outcomes))

    def _record(self, consultation_id: int | None) -> None:
        if consultation_id is None:
            return
        self.ui.runner.run(
            lambda: self.ui.app.consultations.get(consultation_id), self._open_outcome_form
        )

    def _open_outcome_form(self, detail: ConsultationDetail) -> None:
        if OutcomeForm(self.ui, detail, self).exec():
            self.ui.events.consultations_changed.emit()
