"""The agenda (issue 20, D6, D24): every open follow-up grouped as overdue, today, next 7
days and later ("Upcoming"), one day, or one week; filtered by advisor; with Done (and
the call's result), Postpone (a day and time, or straight to tomorrow or a week later),
Cancel (and why), and Open the consultation or the household. Each action can be undone
(Ctrl+Z). The rows come from ``AgendaService`` in one query per view. The day and week
views also show the centre's events of those days, "Upcoming" those of the next 7 days
("Show events", remembered); Enter opens an event's form, where no follow-up action
applies (issue 19)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from siec_desk.core.formatting import format_date, format_number, locale_for
from siec_desk.core.i18n import _, is_rtl
from siec_desk.domain.agenda import WEEK as NEXT_DAYS
from siec_desk.domain.agenda import AgendaEvent, AgendaRow, AgendaStatus
from siec_desk.services.centre import AdvisorInfo
from siec_desk.ui.agenda.actions import AgendaActions
from siec_desk.ui.agenda.dialogs import NoteDialog, PostponeDialog
from siec_desk.ui.agenda.rows import AgendaList, RowTexts
from siec_desk.ui.agenda.week import WeekGrid, week_start
from siec_desk.ui.events.dialog import EventDialog
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.widgets.accessible import labelled, tag
from siec_desk.ui.widgets.builders import button_row, push_button, tab_chain

#: The "Upcoming" list shows at most this many open follow-ups (the earliest).
UPCOMING_LIMIT = 1000
UPCOMING, DAY, WEEK = 0, 1, 2
#: The UI setting that remembers "Show events".
SHOW_EVENTS = "agenda/show_events"


class AgendaView(QWidget):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        tag(self, "agenda")
        self.ui = ui
        self.agenda_actions = AgendaActions(ui)
        self.locale_name = locale_for(None, ui.app.centre.country)
        country = ui.app.centre.country
        self.day = date.today()
        self._advisors_loaded = False
        self.upcoming = AgendaList(
            "agenda.upcoming", _("Upcoming follow-ups"), self.locale_name, country
        )
        self.day_list = AgendaList(
            "agenda.day", _("Follow-ups of the day"), self.locale_name, country
        )
        self.week = WeekGrid("agenda.week", _("Follow-ups of the week"), self.locale_name, country)
        self.tabs = QTabWidget()
        tag(self.tabs, "agenda.views", _("Agenda views"))
        self.tabs.addTab(self.upcoming, _("&Upcoming"))
        self.tabs.addTab(self.day_list, _("D&ay"))
        self.tabs.addTab(self.week, _("Wee&k"))
        self.advisor = QComboBox()
        self.advisor.addItem(_("All advisors"), None)
        self.show_events = QCheckBox(_("Show events"))
        tag(self.show_events, "agenda.show_events", _("Show the centre's events"))
        self.show_events.setChecked(ui.settings.view_flag(SHOW_EVENTS, True))
        back, forward = ("›", "‹") if is_rtl() else ("‹", "›")  # they point the reading way
        self.previous = push_button(back, "agenda.previous", _("Previous"), on_click=self._back)
        self.today_button = push_button(
            _("T&oday"), "agenda.today", on_click=lambda: self._go(date.today())
        )
        self.next = push_button(forward, "agenda.next", _("Next"), on_click=self._forward)
        self.period = QLabel()
        tag(self.period, "agenda.period")
        self.done_button = push_button(_("&Done…"), "agenda.done", on_click=self.mark_done)
        self.postpone_button = push_button(
            _("&Postpone…"), "agenda.postpone", on_click=self.postpone
        )
        self.tomorrow_button = push_button(
            _("To&morrow"), "agenda.tomorrow", _("Postpone to tomorrow"),
            on_click=lambda: self._postpone_by(1),
        )  # fmt: skip
        self.week_button = push_button(
            _("+1 &week"), "agenda.plus_week", _("Postpone by one week"),
            on_click=lambda: self._postpone_by(7),
        )  # fmt: skip
        self.cancel_button = push_button(
            _("Ca&ncel follow-up…"), "agenda.cancel", on_click=self.cancel_follow_up
        )
        self.open_button = push_button(
            _("Open consul&tation"), "agenda.open", on_click=self.open_consultation
        )
        self.household_button = push_button(
            _("Open househo&ld"), "agenda.open_household", on_click=self.open_household
        )
        self._layout()
        self.tabs.currentChanged.connect(lambda _i: self.refresh())
        self.advisor.currentIndexChanged.connect(lambda _i: self.refresh())
        self.show_events.toggled.connect(self._show_events_toggled)
        for view in (self.upcoming, self.day_list, self.week):
            view.activated_id.connect(ui.events.edit_consultation.emit)
            view.activated_event.connect(self.open_event)
            view.itemSelectionChanged.connect(self._update_buttons)

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.previous)
        top.addWidget(self.today_button)
        top.addWidget(self.next)
        top.addWidget(self.period, 1)
        top.addWidget(self.show_events)
        top.addWidget(labelled(_("Adv&isor"), self.advisor, "agenda.advisor"))
        top.addWidget(self.advisor)
        buttons = button_row(
            self.open_button,
            self.household_button,
            leading=[
                self.done_button,
                self.postpone_button,
                self.tomorrow_button,
                self.week_button,
                self.cancel_button,
            ],
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        tab_chain(
            self.tabs, self.previous, self.today_button, self.next, self.show_events,
            self.advisor,
            self.done_button, self.postpone_button, self.tomorrow_button, self.week_button,
            self.cancel_button, self.open_button, self.household_button,
        )  # fmt: skip

    # -- showing -----------------------------------------------------------------------
    def current(self) -> AgendaList | WeekGrid:
        return (self.upcoming, self.day_list, self.week)[self.tabs.currentIndex()]

    def selected(self) -> AgendaRow | None:
        return self.current().selected_row()

    def selected_event(self) -> AgendaEvent | None:
        return self.current().selected_event()

    def show_view(self, index: int, day: date | None = None) -> None:
        if day is not None:
            self.day = day
        if self.tabs.currentIndex() == index:
            self.refresh()
        else:
            self.tabs.setCurrentIndex(index)  # refreshes

    def refresh(self) -> None:
        agenda, index, today = self.ui.app.agenda, self.tabs.currentIndex(), date.today()
        advisor_id = self.advisor.currentData()
        start, end, status, limit = self._range(index)
        need_advisors = not self._advisors_loaded
        first, last = (today, today + NEXT_DAYS) if index == UPCOMING else (start, end)
        with_events = self.show_events.isChecked()

        listed = self.upcoming if index == UPCOMING else self.day_list

        def load() -> tuple[
            list[AgendaRow], list[AgendaEvent], list[AdvisorInfo] | None, int, dict[int, RowTexts]
        ]:
            rows = agenda.rows(
                start, end, status=status, advisor_id=advisor_id, today=today, limit=limit
            )
            total = len(rows)
            if limit is not None and total >= limit:  # say how many are not listed
                total = agenda.count(start, end, status=status, advisor_id=advisor_id, today=today)
            events = (
                agenda.events(first, last, advisor_id=advisor_id)
                if with_events and first is not None and last is not None
                else []
            )
            advisors = self.ui.app.centres.advisors() if need_advisors else None
            # the rows' texts here, off the GUI thread (issue 22); the week grid has its own
            return rows, events, advisors, total, listed.row_texts(rows) if index != WEEK else {}

        self.ui.runner.run(load, lambda data: self._show(index, start, *data))

    def _range(self, index: int) -> tuple[date | None, date | None, AgendaStatus, int | None]:
        if index == UPCOMING:
            return None, None, AgendaStatus.OPEN, UPCOMING_LIMIT
        if index == DAY:
            return self.day, self.day, AgendaStatus.ALL, None
        start = week_start(self.day, self.locale_name)
        return start, start + timedelta(days=6), AgendaStatus.ALL, None

    def _show(
        self,
        index: int,
        start: date | None,
        rows: list[AgendaRow],
        events: list[AgendaEvent],
        advisors: list[AdvisorInfo] | None,
        total: int,
        texts: dict[int, RowTexts],
    ) -> None:
        if advisors is not None:
            self._advisors_loaded = True
            self.advisor.blockSignals(True)
            for advisor in advisors:
                self.advisor.addItem(advisor.display_name, advisor.id)
            self.advisor.blockSignals(False)
        today = date.today()
        if index == UPCOMING:
            self.upcoming.show_rows(rows, today, events=events, texts=texts)
            self.period.setText(
                _("Every open follow-up, earliest first")
                if total <= len(rows)
                else _(
                    "The first {shown} of {total} open follow-ups, earliest first: the week "
                    "view and the advisor filter reach the others."
                ).format(
                    shown=format_number(len(rows), self.locale_name),
                    total=format_number(total, self.locale_name),
                )
            )
        elif index == DAY:
            self.day_list.show_rows(rows, today, grouped=False, events=events, texts=texts)
            self.period.setText(format_date(self.day, self.locale_name, "full"))
        elif start is not None:
            self.week.show_week(start, rows, today, events)
            self.period.setText(
                _("Week of {day}").format(day=format_date(start, self.locale_name, "long"))
            )
        for button in (self.previous, self.next, self.today_button):
            button.setEnabled(index != UPCOMING)
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.selected()
        is_open = row is not None and not row.closed
        for button in (
            self.done_button,
            self.postpone_button,
            self.tomorrow_button,
            self.week_button,
            self.cancel_button,
        ):
            button.setEnabled(is_open)
        self.open_button.setEnabled(row is not None)
        self.household_button.setEnabled(row is not None and row.household_id is not None)

    def _show_events_toggled(self, checked: bool) -> None:
        self.ui.settings.set_view_flag(SHOW_EVENTS, checked)
        self.refresh()

    def _go(self, day: date) -> None:
        self.day = day
        self.refresh()

    def _step(self) -> int:
        return 7 if self.tabs.currentIndex() == WEEK else 1

    def _back(self) -> None:
        self._go(self.day - timedelta(days=self._step()))

    def _forward(self) -> None:
        self._go(self.day + timedelta(days=self._step()))

    # -- actions -----------------------------------------------------------------------
    def _dialog_args(self) -> dict[str, str]:
        return {"locale": self.locale_name, "country": self.ui.app.centre.country}

    def mark_done(self) -> None:
        row = self.selected()
        if row is None or row.closed:
            return
        dialog = NoteDialog(
            row,
            title=_("Mark the follow-up done"),
            prompt=_("&Result of the call (optional)"),
            ok=_("Mark done"),
            identifier="agenda.done_dialog",
            parent=self,
            **self._dialog_args(),
        )
        if dialog.exec():
            self.agenda_actions.done(row.consultation_id, row.version, dialog.text())

    def cancel_follow_up(self) -> None:
        row = self.selected()
        if row is None or row.closed:
            return
        dialog = NoteDialog(
            row,
            title=_("Cancel the follow-up"),
            prompt=_("&Why is it cancelled? (optional)"),
            ok=_("Cancel the follow-up"),
            identifier="agenda.cancel_dialog",
            parent=self,
            **self._dialog_args(),
        )
        if dialog.exec():
            self.agenda_actions.cancel(row.consultation_id, row.version, dialog.text())

    def postpone(self) -> None:
        row = self.selected()
        if row is None or row.closed:
            return
        dialog = PostponeDialog(row, parent=self, **self._dialog_args())
        if dialog.exec():
            day, at = dialog.chosen()
            self.agenda_actions.postpone(row.consultation_id, row.version, day, at)

    def _postpone_by(self, days: int) -> None:
        row = self.selected()
        if row is None or row.closed:
            return
        day = max(date.today(), row.due if days == 7 else date.today()) + timedelta(days=days)
        self.agenda_actions.postpone(row.consultation_id, row.version, day, row.at)

    def open_consultation(self) -> None:
        row = self.selected()
        if row is not None:
            self.ui.events.edit_consultation.emit(row.consultation_id)

    def open_event(self, event_id: int) -> None:
        """The event's form; a change (or a delete) shows in the agenda at once."""
        dialog = EventDialog(self.ui, event_id, self)
        if dialog.exec():
            self.refresh()

    def open_household(self) -> None:
        row = self.selected()
        if row is not None and row.household_id is not None:
            self.ui.events.open_household.emit(row.household_id)
