"""The centre's events in the agenda (issue 19 point 1: a calendar shared with the
follow-up agenda): an event planned next week shows in the week view and in "Upcoming",
marked apart from the follow-ups; selecting it leaves no follow-up action; Enter opens
its form and a change shows at once; "Show events" hides them and is remembered; the
week runs from right to left in Arabic."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from siec_desk.domain.consultation_records import ConsultationInput
from siec_desk.domain.event_records import EventInput
from siec_desk.domain.household_records import HouseholdInput
from siec_desk.ui.agenda.event_items import EVENT_MARK
from siec_desk.ui.agenda.view import DAY, UPCOMING, WEEK, AgendaView
from siec_desk.ui.events.dialog import EventDialog
from siec_desk.ui.kit.context import UiContext

TODAY = date.today()
NEXT_WEEK = TODAY + timedelta(days=7)


def _event(ui: UiContext, day: date, **fields: Any) -> int:
    values: dict[str, Any] = {
        "occurred_on": day, "event_type": "school_visit", "title": "Visite école Jules Ferry",
        "commune": "Chefchaouen", "starts_at": time(9, 0), **fields,
    }  # fmt: skip
    return ui.app.events.add(EventInput(**values))


def _follow_up(ui: UiContext, due: date) -> int:
    household = ui.app.households.create(HouseholdInput(first_name="Omar", last_name="Idrissi"))
    return ui.app.consultations.add(
        ConsultationInput(
            mode="phone",
            themes=("heating",),
            household_id=household,
            occurred_at=datetime.now() - timedelta(days=3),
            follow_up_action="Rappeler",
            follow_up_due=due,
            follow_up_time=time(14, 0),
        )
    )


def _agenda(qtbot: Any, ui: UiContext) -> AgendaView:
    view = AgendaView(ui)
    qtbot.addWidget(view)
    view.refresh()
    return view


def test_an_event_planned_next_week_shows_in_the_week_and_upcoming_apart_from_follow_ups(
    qtbot: Any, ui: UiContext
) -> None:
    event_id = _event(ui, NEXT_WEEK)
    _event(ui, TODAY + timedelta(days=30))  # planned later: not in "Upcoming"
    cid = _follow_up(ui, NEXT_WEEK)
    agenda = _agenda(qtbot, ui)
    heading = agenda.upcoming.topLevelItem(0)
    assert heading.text(0) == "Next 7 days (2)"
    event_row, follow_up_row = heading.child(0), heading.child(1)  # 09:00 before 14:00
    assert event_row.text(1) == "09:00" and EVENT_MARK in event_row.text(2)
    assert "Visite école Jules Ferry" in event_row.text(2)
    assert (event_row.text(4), event_row.text(6)) == ("School or student visit", "Planned event")
    assert event_row.background(0) != follow_up_row.background(0)  # told apart at a glance
    agenda.show_view(WEEK, NEXT_WEEK)
    assert agenda.week.events_on(NEXT_WEEK) == [event_id]
    assert agenda.week.ids_on(NEXT_WEEK) == [cid]
    agenda.show_view(DAY, NEXT_WEEK)
    assert agenda.day_list.row_count() == 2


def test_a_past_event_says_its_participants_and_an_all_day_one_says_so(
    qtbot: Any, ui: UiContext
) -> None:
    yesterday = TODAY - timedelta(days=1)
    _event(ui, yesterday, starts_at=None, audiences={"pupils_students": 45, "professionals": 3})
    agenda = _agenda(qtbot, ui)
    agenda.show_view(DAY, yesterday)
    row = agenda.day_list.topLevelItem(0)
    assert row.text(1) == "All day"
    assert "48 participants" in row.text(5) and "Chefchaouen" in row.text(5)
    assert row.text(6) == "Past event"


def test_selecting_an_event_disables_the_follow_up_actions_and_enter_opens_its_form(
    qtbot: Any, ui: UiContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    event_id = _event(ui, NEXT_WEEK)
    _follow_up(ui, NEXT_WEEK)
    agenda = _agenda(qtbot, ui)
    agenda.show_view(WEEK, NEXT_WEEK)
    agenda.week.select_event(event_id)
    assert agenda.selected_event() is not None and agenda.selected() is None
    for button in (agenda.done_button, agenda.postpone_button, agenda.cancel_button,
                   agenda.tomorrow_button, agenda.open_button):  # fmt: skip
        assert not button.isEnabled(), button.objectName()
    opened: list[int | None] = []

    def fake_exec(dialog: EventDialog) -> int:  # the real form, answered as if saved
        opened.append(dialog.event_id)
        got = ui.app.events.get(event_id)
        changed = EventInput(got.occurred_on, got.event_type, starts_at=got.starts_at,
                             title="Stand du souk")  # fmt: skip
        ui.app.events.update(event_id, changed, got.version)
        return int(QDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(EventDialog, "exec", fake_exec)
    agenda.week.setFocus()
    qtbot.keyClick(agenda.week, Qt.Key.Key_Return)
    assert opened == [event_id]
    cell = agenda.week.currentItem()
    assert cell is not None and "Stand du souk" in cell.text()  # refreshed, still selected
    agenda.week.select_id(agenda.week.ids_on(NEXT_WEEK)[0])
    assert agenda.done_button.isEnabled()


def test_unticking_show_events_hides_them_and_is_remembered(qtbot: Any, ui: UiContext) -> None:
    _event(ui, NEXT_WEEK)
    agenda = _agenda(qtbot, ui)
    agenda.show_view(WEEK, NEXT_WEEK)
    assert agenda.week.events_on(NEXT_WEEK)
    agenda.show_events.setChecked(False)
    assert agenda.week.events_on(NEXT_WEEK) == []
    agenda.show_view(UPCOMING)
    assert agenda.upcoming.row_count() == 0
    again = _agenda(qtbot, ui)
    assert not again.show_events.isChecked()  # remembered in the UI settings


def test_the_advisor_filter_keeps_the_events_of_that_advisor(qtbot: Any, ui: UiContext) -> None:
    salma = ui.app.centres.add_advisor("Salma Idrissi").id
    hers = _event(ui, NEXT_WEEK, advisor_ids=(salma,))
    _event(ui, NEXT_WEEK, title="Stand")
    agenda = _agenda(qtbot, ui)
    agenda.show_view(WEEK, NEXT_WEEK)
    assert len(agenda.week.events_on(NEXT_WEEK)) == 2
    agenda.advisor.setCurrentIndex(agenda.advisor.findData(salma))
    assert agenda.week.events_on(NEXT_WEEK) == [hers]


@pytest.mark.usefixtures("arabic")
def test_the_week_with_its_events_runs_right_to_left_in_arabic(qtbot: Any, ui: UiContext) -> None:
    _event(ui, NEXT_WEEK)
    agenda = _agenda(qtbot, ui)
    agenda.resize(1166, 600)
    agenda.show_view(WEEK, NEXT_WEEK)
    agenda.show()
    qtbot.waitExposed(agenda)
    week = agenda.week
    assert week.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert week.columnViewportPosition(0) > week.columnViewportPosition(6)  # first day right
    cell = next(i for i in week.findItems(EVENT_MARK, Qt.MatchFlag.MatchContains))
    assert "\u2066" in cell.text() or "\u2068" in cell.text()  # the French title isolated
    assert "School or student visit" not in cell.text()  # the type in Arabic
