"""Today: the quick-log line, today's consultations, follow-ups and outcomes due."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from siec_desk.core.formatting import format_date, locale_for
from siec_desk.core.i18n import _, ngettext
from siec_desk.domain.agenda import AgendaRow
from siec_desk.domain.consultation_records import ConsultationSummary
from siec_desk.ui.agenda.rows import AgendaList
from siec_desk.ui.kit.base import Page
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.kit.empty_state import check_empty, today_empty
from siec_desk.ui.loans.due_box import LoansDueBox
from siec_desk.ui.today.quick_log import QuickLogBar
from siec_desk.ui.widgets.accessible import tag
from siec_desk.ui.widgets.builders import button_row
from siec_desk.ui.widgets.consultation_table import ConsultationTable

#: Due lists show the oldest entries only; the heading gives the full count.
DUE_LIST_LIMIT = 200
#: How many of the next follow-ups (after today) Today lists.
NEXT_FOLLOW_UPS = 8


@dataclass(frozen=True)
class TodayData:
    todays: list[ConsultationSummary]
    followups: list[ConsultationSummary]
    outcomes: list[ConsultationSummary]
    communes: list[str] | None  # None: already loaded
    n_followups: int
    n_outcomes: int
    upcoming: list[AgendaRow] = field(default_factory=list)  # the next follow-ups


def list_box(title: str, table: ConsultationTable, *buttons: QPushButton) -> QGroupBox:
    """A titled list, with its *buttons* (if any) under it on the right."""
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    layout.addWidget(table)
    if buttons:
        layout.addLayout(button_row(*buttons))
    return box


class TodayPage(Page):
    key = "today"

    def __init__(self, ui: UiContext) -> None:
        super().__init__()
        self.ui = ui
        locale = locale_for(None, ui.app.centre.country)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.quick_log = QuickLogBar(ui)
        self.new_consultation = QPushButton(_("Log a full consultation…"))
        tag(self.new_consultation, "today.new_consultation")
        self.today_table = ConsultationTable(
            ["time", "household", "mode", "act", "themes", "duration"],
            locale,
            "today.consultations",
            _("Today's consultations"),
        )
        self.followups_table = ConsultationTable(
            ["due", "household", "status", "mode", "themes"],
            locale,
            "today.followups",
            _("Follow-ups due"),
        )
        self.outcomes_table = ConsultationTable(
            ["when", "household", "act", "measures"],
            locale,
            "today.outcomes",
            _("6-month outcomes due"),
        )
        self.today_box = list_box(_("Today's consultations"), self.today_table)
        self.followups_box = list_box(_("Follow-ups due today and overdue"), self.followups_table)
        self.outcomes_box = list_box(_("6-month outcomes due"), self.outcomes_table)
        self.next_followups = AgendaList(
            "today.next_followups", _("Next follow-ups"), locale, ui.app.centre.country
        )
        for column in (4, 6):  # all open: no status; the kind is in the agenda (Ctrl+4)
            self.next_followups.setColumnHidden(column, True)
        # No minimum width: at 1024 px the three lists share the row and scroll sideways.
        self.next_followups.setMinimumWidth(240)
        self.next_box = QGroupBox(_("Next follow-ups"))
        QVBoxLayout(self.next_box).addWidget(self.next_followups)
        self.next_followups.activated_id.connect(ui.events.edit_consultation.emit)

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.new_consultation)
        lower = QHBoxLayout()
        lower.addWidget(self.followups_box, 2)
        lower.addWidget(self.next_box, 3)
        lower.addWidget(self.outcomes_box, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        quick = QGroupBox(_("Quick log: first-level information (Enter saves)"))
        QVBoxLayout(quick).addWidget(self.quick_log)
        layout.addWidget(quick)
        self.loans_box = LoansDueBox(ui)  # issue 19: beside today's list, hidden if none due
        middle = QHBoxLayout()
        middle.addWidget(self.today_box, 3)
        middle.addWidget(self.loans_box, 2)
        layout.addLayout(middle, 3)
        layout.addLayout(lower, 2)
        covered = (self.today_box, self.followups_box, self.next_box, self.outcomes_box)
        self.empty = today_empty(covered)  # D43: a new centre's first steps
        layout.addWidget(self.empty, 5)

        self.quick_log.logged.connect(lambda _id: ui.events.consultations_changed.emit())
        self.new_consultation.clicked.connect(lambda: ui.events.new_consultation.emit(None))
        for table in (self.today_table, self.followups_table, self.outcomes_table):
            table.activated_id.connect(ui.events.edit_consultation.emit)
        self._locale = locale
        self._communes_loaded = False

    def title(self) -> str:
        return _("Today")

    def focus_primary(self) -> None:
        self.quick_log.themes.setFocus()

    def refresh(self) -> None:
        today = date.today()
        self.heading.setText(format_date(today, self._locale, "full"))
        service, agenda = self.ui.app.consultations, self.ui.app.agenda
        # The commune completion list is a year-long GROUP BY (~150 ms on 100k): load it
        # once, not after every quick-log save.
        need_communes = not self._communes_loaded

        def load() -> TodayData:
            return TodayData(
                service.between(today, today),
                service.follow_ups_due(today, DUE_LIST_LIMIT),
                service.outcomes_due(today, DUE_LIST_LIMIT),
                service.frequent_communes() if need_communes else None,
                *service.due_counts(today),
                upcoming=agenda.upcoming(today, limit=NEXT_FOLLOW_UPS),
            )

        self.ui.runner.run(load, self._show)
        self.loans_box.refresh()
        check_empty(self.ui, self.empty, households=True)

    def _show(self, data: TodayData) -> None:
        self.today_table.set_rows(data.todays)
        self.followups_table.set_rows(data.followups, date.today())
        self.outcomes_table.set_rows(data.outcomes)
        self.next_followups.show_rows(data.upcoming, date.today(), grouped=False)
        if data.communes is not None:
            self.quick_log.set_communes(data.communes)
            self._communes_loaded = True
        n = len(data.todays)
        self.today_box.setTitle(
            ngettext("Today: {n} consultation", "Today: {n} consultations", n).format(n=n)
        )
        self.followups_box.setTitle(
            due_title(
                ngettext(
                    "{n} follow-up due today or overdue",
                    "{n} follow-ups due today or overdue",
                    data.n_followups,
                ).format(n=data.n_followups),
                len(data.followups),
                data.n_followups,
            )
        )
        self.outcomes_box.setTitle(
            due_title(
                ngettext(
                    "{n} 6-month outcome due", "{n} 6-month outcomes due", data.n_outcomes
                ).format(n=data.n_outcomes),
                len(data.outcomes),
                data.n_outcomes,
            )
        )


def due_title(title: str, shown: int, total: int) -> str:
    """A list heading that says when only the oldest part of a long list is shown."""
    if shown >= total:
        return title
    return _("{title} (showing the oldest {shown})").format(title=title, shown=shown)
