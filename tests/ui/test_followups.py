"""Follow-ups (Ctrl+4): the agenda (issue 20, D6, D24) and the 6-month outcome form.

Plan a call-back next week and see it in the week view; mark one done with a note and
get it back with Ctrl+Z; postpone it by a week; the upcoming groups; the page fits a
1366×768 screen."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QPushButton

from siec_desk.domain.agenda import next_working_day
from siec_desk.domain.consultation_records import ConsultationInput, MeasureChoice
from siec_desk.domain.household_records import HouseholdInput
from siec_desk.ui.agenda.dialogs import NoteDialog
from siec_desk.ui.agenda.view import DAY, UPCOMING, WEEK
from siec_desk.ui.agenda.week import week_start
from siec_desk.ui.app.main_window import MainWindow
from siec_desk.ui.consultations.followups import FollowUpsPage
from siec_desk.ui.consultations.outcome_form import OutcomeForm
from siec_desk.ui.kit.context import UiContext

TODAY = date.today()


def _household(ui: UiContext) -> int:
    return ui.app.households.create(
        HouseholdInput(
            first_name="Omar",
            last_name="Idrissi",
            phone="06 12 34 56 78",
            surface_m2=80,
            heating_energy="electricity",
        )
    )


def _plan(ui: UiContext, due: date, at: time | None = None, kind: str | None = None) -> int:
    return ui.app.consultations.add(
        ConsultationInput(
            mode="phone",
            themes=("heating",),
            household_id=_household(ui),
            occurred_at=datetime.now() - timedelta(days=10),
            follow_up_action="Rappeler pour les devis",
            follow_up_due=due,
            follow_up_time=at,
            follow_up_kind=kind,
        )
    )


def _page(qtbot, ui: UiContext) -> FollowUpsPage:  # type: ignore[no-untyped-def]
    page = FollowUpsPage(ui)
    qtbot.addWidget(page)
    ui.events.consultations_changed.connect(page.refresh)
    page.refresh()
    return page


def test_a_call_back_planned_next_week_shows_in_the_week_view_and_upcoming(
    qtbot, ui: UiContext
) -> None:  # type: ignore[no-untyped-def]
    next_week = TODAY + timedelta(days=7)
    cid = _plan(ui, next_week, time(14, 30), "appointment")
    untimed = _plan(ui, next_week)
    page = _page(qtbot, ui)
    agenda = page.agenda
    assert agenda.upcoming.row_count() == 2  # not only due and overdue (D6)
    heading = agenda.upcoming.topLevelItem(0)
    assert heading.text(0) == "Next 7 days (2)"
    first = heading.child(0)
    assert first.text(1) == "Any time"  # untimed at the top of its day
    second = heading.child(1)
    assert second.text(1) == "14:30"
    assert "Omar Idrissi" in second.text(2)
    assert "06 12 34 56 78" in second.text(3)  # national format, not E.164
    assert (second.text(4), second.text(5)) == ("Appointment", "Rappeler pour les devis")
    agenda.show_view(WEEK, next_week)
    assert agenda.week.ids_on(next_week) == [untimed, cid]
    first_day = week_start(next_week, agenda.locale_name)
    assert agenda.week.days[0] == first_day and first_day.weekday() == 0  # Monday in fr/en
    agenda.show_view(DAY, next_week)
    assert agenda.day_list.row_count() == 2


def test_done_with_a_note_then_ctrl_z_brings_it_back(qtbot, ui: UiContext, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    cid = _plan(ui, TODAY - timedelta(days=2))
    window = MainWindow(ui)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.show_page("followups")
    page = window.stack.currentWidget().page()
    assert isinstance(page, FollowUpsPage)
    agenda = page.agenda
    qtbot.waitUntil(lambda: agenda.upcoming.row_count() == 1)
    agenda.upcoming.select_id(cid)

    def answer(dialog: NoteDialog) -> int:
        dialog.note.setPlainText("Devis reçus, travaux en mars")
        return 1

    monkeypatch.setattr(NoteDialog, "exec", answer)
    qtbot.mouseClick(agenda.done_button, Qt.MouseButton.LeftButton)
    state, _version = ui.app.agenda.state(cid)
    assert (state.status, state.note) == ("done", "Devis reçus, travaux en mars")
    qtbot.waitUntil(lambda: agenda.upcoming.row_count() == 0)
    window.activateWindow()
    window.nav.setFocus()
    qtbot.waitUntil(window.nav.hasFocus)
    qtbot.keyClick(window.nav, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    state, _version = ui.app.agenda.state(cid)
    assert (state.status, state.note, state.done_on) == ("to_call_back", None, None)
    qtbot.waitUntil(lambda: agenda.upcoming.row_count() == 1)


def test_plus_one_week_postpones_and_undo_restores_the_day(qtbot, ui: UiContext) -> None:  # type: ignore[no-untyped-def]
    from siec_desk.ui.kit.undo import undo_manager

    cid = _plan(ui, TODAY, time(9, 0))
    page = _page(qtbot, ui)
    page.agenda.upcoming.select_id(cid)
    page.agenda.week_button.click()
    state, _v = ui.app.agenda.state(cid)
    assert (state.due, state.at, state.postponed) == (TODAY + timedelta(days=7), time(9, 0), 1)
    undo_manager(ui).undo()
    state, _v = ui.app.agenda.state(cid)
    assert (state.due, state.postponed) == (TODAY, None)


def test_buttons_follow_the_selection_and_closed_rows_offer_no_action(qtbot, ui: UiContext) -> None:  # type: ignore[no-untyped-def]
    cid = _plan(ui, TODAY)
    ui.app.agenda.mark_done(cid)
    page = _page(qtbot, ui)
    agenda = page.agenda
    assert agenda.upcoming.row_count() == 0 and not agenda.done_button.isEnabled()
    agenda.show_view(DAY, TODAY)
    assert agenda.day_list.row_count() == 1  # the day shows what was done, too
    assert agenda.day_list.selected_row() is not None
    assert not agenda.done_button.isEnabled() and agenda.open_button.isEnabled()
    agenda.show_view(UPCOMING)


def test_every_agenda_button_has_an_id_and_a_name_and_the_page_fits_1366x768(
    qtbot, ui: UiContext
) -> None:  # type: ignore[no-untyped-def]
    _plan(ui, TODAY + timedelta(days=3), time(10, 0))
    page = _page(qtbot, ui)
    page.resize(1366 - 200, 768 - 120)  # the window's page area, less the side list
    page.show()
    qtbot.waitExposed(page)
    for button in page.agenda.findChildren(QPushButton):
        assert button.objectName().startswith("agenda.")
        assert button.accessibleName() or button.text().replace("&", "")
    area = QRect(0, 0, page.width(), page.height())
    for button in (page.agenda.done_button, page.agenda.household_button):
        corner = button.mapTo(page, button.rect().bottomRight())
        assert area.contains(corner), button.objectName()


@pytest.mark.usefixtures("arabic")
def test_the_agenda_is_mirrored_in_arabic(qtbot, ui: UiContext) -> None:  # type: ignore[no-untyped-def]
    _plan(ui, TODAY + timedelta(days=1))
    page = _page(qtbot, ui)
    assert page.agenda.upcoming.layoutDirection() == Qt.LayoutDirection.RightToLeft
    phone = page.agenda.upcoming.topLevelItem(0).child(0).text(3)
    assert phone.startswith("\u2066") or phone.startswith("\u200e")  # isolated LTR


def test_next_working_day_skips_the_weekend() -> None:
    friday = date(2026, 12, 11)
    assert next_working_day(friday) == date(2026, 12, 14)
    assert next_working_day(date(2026, 12, 7)) == date(2026, 12, 8)


def test_outcome_form_records_measures_done(qtbot, ui: UiContext) -> None:  # type: ignore[no-untyped-def]
    cid = ui.app.consultations.add(
        ConsultationInput(
            mode="walk_in",
            themes=("insulation",),
            household_id=_household(ui),
            occurred_at=datetime.now() - timedelta(days=190),
            measures=(MeasureChoice("attic_insulation"), MeasureChoice("led_lighting")),
        )
    )
    form = OutcomeForm(ui, ui.app.consultations.get(cid), None)
    qtbot.addWidget(form)
    form.status.set_code("done")
    form.measures.item(1).setCheckState(form.measures.item(0).checkState().Checked)
    form.works.setValue(250)
    form.save()
    detail = ui.app.consultations.get(cid)
    assert detail.outcome_status == "done"
    assert {m.code: m.status for m in detail.measures} == {
        "attic_insulation": "recommended",
        "led_lighting": "done",
    }
    assert ui.app.consultations.outcomes_due() == []


def test_the_upcoming_list_says_when_it_shows_only_the_first_follow_ups(
    qtbot, ui: UiContext, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """Never a silent cap (D4's lesson): past the limit, the true count is given."""
    from siec_desk.ui.agenda import view

    monkeypatch.setattr(view, "UPCOMING_LIMIT", 2)
    for days in (3, 4, 5):
        _plan(ui, TODAY + timedelta(days=days))
    page = _page(qtbot, ui)
    qtbot.waitUntil(lambda: "first 2 of 3" in page.agenda.period.text())
    assert page.agenda.upcoming.row_count() == 2
    assert ui.app.agenda.count(today=TODAY) == 3
