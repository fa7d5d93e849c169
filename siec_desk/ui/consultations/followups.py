"""Follow-ups: due and overdue call-backs, and 6-month outcomes to record."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QVBoxLayout

from siec_desk.core.formatting import locale_for
from siec_desk.core.i18n import _, ngettext
from siec_desk.domain.consultation_records import ConsultationDetail, ConsultationSummary
from siec_desk.ui.consultations.outcome_form import OutcomeForm
from siec_desk.ui.kit.base import Page
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.today.page import DUE_LIST_LIMIT, due_title, list_box
from siec_desk.ui.widgets.builders import push_button
from siec_desk.ui.widgets.consultation_table import ConsultationTable


class FollowUpsPage(Page):
    key = "followups"

    def __init__(self, ui: UiContext) -> None:
        super().__init__()
        self.ui = ui
        locale = locale_for(None, ui.app.centre.country)
        self.followups = ConsultationTable(
            ["due", "household", "status", "when", "mode", "themes"],
            locale,
            "followups.list",
            _("Follow-ups due"),
        )
        self.outcomes = ConsultationTable(
            ["when", "household", "act", "themes", "measures"],
            locale,
            "followups.outcomes",
            _("6-month outcomes due"),
        )
        self.mark_done = push_button(
            _("Mark &done"), "followups.mark_done", on_click=self._mark_done
        )
        self.open_followup = push_button(
            _("&Open consultation"), "followups.open", on_click=self.followups.activate_selected
        )
        self.record = push_button(
            _("&Record outcome…"),
            "followups.record_outcome",
            on_click=self.outcomes.activate_selected,
        )
        self.top = list_box(
            _("Follow-ups due today and overdue"),
            self.followups,
            self.open_followup,
            self.mark_done,
        )
        self.bottom = list_box(_("6-month outcomes to record"), self.outcomes, self.record)
        layout = QVBoxLayout(self)
        layout.addWidget(self.top, 1)
        layout.addWidget(self.bottom, 1)

        self.followups.activated_id.connect(ui.events.edit_consultation.emit)
        self.outcomes.activated_id.connect(self._record)

    def title(self) -> str:
        return _("Follow-ups")

    def focus_primary(self) -> None:
        self.followups.setFocus()

    def refresh(self) -> None:
        service = self.ui.app.consultations
        today = date.today()
        self.ui.runner.run(
            lambda: (
                service.follow_ups_due(today, DUE_LIST_LIMIT),
                service.outcomes_due(today, DUE_LIST_LIMIT),
                service.due_counts(today),
            ),
            self._show,
        )

    def _show(
        self,
        data: tuple[list[ConsultationSummary], list[ConsultationSummary], tuple[int, int]],
    ) -> None:
        followups, outcomes, (n_followups, n_outcomes) = data
        self.followups.set_rows(followups, date.today())
        self.outcomes.set_rows(outcomes)
        self.top.setTitle(
            due_title(
                ngettext(
                    "{n} follow-up due today or overdue",
                    "{n} follow-ups due today or overdue",
                    n_followups,
                ).format(n=n_followups),
                len(followups),
                n_followups,
            )
        )
        self.bottom.setTitle(
            due_title(
                ngettext(
                    "{n} 6-month outcome to record", "{n} 6-month outcomes to record", n_outcomes
                ).format(n=n_outcomes),
                len(outcomes),
                n_outcomes,
            )
        )

    def _mark_done(self) -> None:
        selected = self.followups.selected_id()
        if selected is None:
            return
        self.ui.runner.run(
            lambda: self.ui.app.consultations.complete_follow_up(selected),
            lambda _r: self.ui.events.consultations_changed.emit(),
        )

    def _record(self, consultation_id: int | None) -> None:
        if consultation_id is None:
            return
        self.ui.runner.run(
            lambda: self.ui.app.consultations.get(consultation_id), self._open_outcome_form
        )

    def _open_outcome_form(self, detail: ConsultationDetail) -> None:
        if OutcomeForm(self.ui, detail, self).exec():
            self.ui.events.consultations_changed.emit()
