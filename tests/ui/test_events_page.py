"""The Events page and form (issue 19 point 1): a school visit with 45 pupils and 3
teachers and a mobile-desk day with 30 households are recorded through the form, listed,
and counted on the Activity page; a refused event is one line and nothing is saved;
stable ids, keyboard order, Arabic mirrored, fits 1366×768; the consultation editor says
where the household was met."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from siec_desk.domain.activity_period import Period
from siec_desk.domain.event_records import EventInput
from siec_desk.domain.household_records import HouseholdInput
from siec_desk.ui.activity.page import ActivityPage
from siec_desk.ui.events.dialog import EventDialog
from siec_desk.ui.events.page import EventsPage
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.widgets.dates import to_qdate

DAY = date.today() - timedelta(days=2)


def _fill(dialog: EventDialog, kind: str, counts: dict[str, int], title: str) -> None:
    dialog.when.setDate(to_qdate(DAY))
    dialog.event_type.set_code(kind)
    dialog.title_field.setText(title)
    dialog.commune.setText("Chefchaouen")
    for code, n in counts.items():
        dialog.audiences.spins[code].setValue(n)


def test_two_events_recorded_in_the_form_are_listed_and_counted(ui: UiContext, qtbot: Any) -> None:
    for kind, counts, title in (
        ("school_visit", {"pupils_students": 45, "professionals": 3}, "École Ibn Khaldoun"),
        ("mobile_desk", {"general_public": 30}, "Souk de Bab Taza"),
    ):
        dialog = EventDialog(ui, None, None)
        qtbot.addWidget(dialog)
        _fill(dialog, kind, counts, title)
        assert dialog.is_modified()
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert dialog.saved_id is not None and dialog.result()

    page = EventsPage(ui)
    qtbot.addWidget(page)
    page.refresh()
    qtbot.waitUntil(lambda: page.table.rowCount() == 2)
    texts = {page.table.item(r, 2).text(): page.table.item(r, 4).text() for r in range(2)}
    assert texts == {"École Ibn Khaldoun": "48", "Souk de Bab Taza": "30"}
    assert "2 events, 78 participants" in page.count.text()
    page.event_type.set_code("mobile_desk")
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)

    activity = ActivityPage(ui)
    qtbot.addWidget(activity)
    activity.set_period(Period(DAY.replace(day=1), DAY))
    activity.refresh()
    tab = activity.events_tab
    qtbot.waitUntil(lambda: tab.by_audience.rowCount() == 3)
    audiences = {tab.by_audience.item(r, 0).text(): tab.by_audience.item(r, 1).text()
                 for r in range(3)}  # fmt: skip
    assert audiences == {"General public / households": "30", "Professionals": "3",
                         "Pupils and students": "45"}  # fmt: skip
    assert "2 events held · 78 participants" in tab.summary.text()


def test_a_refused_event_is_one_line_and_nothing_is_saved(ui: UiContext, qtbot: Any) -> None:
    dialog = EventDialog(ui, None, None)
    qtbot.addWidget(dialog)
    dialog.when.setDate(to_qdate(DAY))  # a past event with nobody counted
    dialog.starts_at.setText("25:00")
    dialog.save()
    assert dialog.saved_id is None and not dialog.error.isHidden()
    assert "HH:MM" in dialog.error.text()
    dialog.starts_at.setText("9:30")
    dialog.save()
    assert "at least one audience" in dialog.error.text()
    assert ui.app.events.list() == []


def test_an_event_opens_changes_and_deletes(ui: UiContext, qtbot: Any, dialogs: Any) -> None:
    eid = ui.app.events.add(EventInput(DAY, "training", audiences={"professionals": 12}))
    dialog = EventDialog(ui, eid, None)
    qtbot.addWidget(dialog)
    assert dialog.audiences.spins["professionals"].value() == 12 and not dialog.is_modified()
    assert not dialog.delete_button.isHidden()
    dialog.audiences.spins["municipal_staff"].setValue(5)
    dialog.save()
    assert ui.app.events.get(eid).audiences == {"municipal_staff": 5, "professionals": 12}
    again = EventDialog(ui, eid, None)
    qtbot.addWidget(again)
    dialogs.confirm_answers.append(True)
    again.delete()
    assert again.deleted and ui.app.events.list() == []


def test_every_control_has_a_stable_id_and_tab_reaches_the_audiences(
    ui: UiContext, qtbot: Any
) -> None:
    dialog = EventDialog(ui, None, None)
    qtbot.addWidget(dialog)
    for name in ("event.date", "event.type", "event.time", "event.duration", "event.title",
                 "event.commune", "event.place", "event.partners", "event.notes",
                 "event.audience.pupils_students", "event.themes", "event.advisors",
                 "event.save"):  # fmt: skip
        found = dialog.findChild(QWidget, name)
        assert found is not None, name
        assert found.accessibleName() or found.text(), name  # type: ignore[attr-defined]
    dialog.show()
    dialog.when.setFocus()
    qtbot.waitUntil(dialog.when.hasFocus)
    chain = []
    for _step in range(24):  # Tab from the date through the form, people, themes
        focused = dialog.focusWidget()
        chain.append(focused.objectName() if focused is not None else "")
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    expected = ["event.type", "event.time", "event.duration", "event.title",
                "event.audience.general_public", "event.audience.other", "event.themes",
                "event.advisors", "event.save"]  # fmt: skip
    positions = [chain.index(name) for name in expected]
    assert positions == sorted(positions), chain


def test_the_page_and_form_are_mirrored_in_arabic_and_fit_a_small_screen(
    ui: UiContext, qtbot: Any, arabic: None
) -> None:
    page = EventsPage(ui)
    qtbot.addWidget(page)
    dialog = EventDialog(ui, None, None)
    qtbot.addWidget(dialog)
    assert page.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert dialog.layoutDirection() == Qt.LayoutDirection.RightToLeft
    hint = dialog.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 768 - 60


def test_the_consultation_editor_says_where_the_household_was_met(
    ui: UiContext, qtbot: Any
) -> None:
    from siec_desk.ui.consultations.editor import ConsultationEditor

    eid = ui.app.events.add(EventInput(DAY, "mobile_desk", audiences={"general_public": 30}))
    hid = ui.app.households.create(HouseholdInput(last_name="Alaoui"))
    editor = ConsultationEditor(ui, None, hid, None)
    qtbot.addWidget(editor)
    combo = editor.met_at
    assert combo.objectName() == "consultation.event" and combo.count() == 2
    combo.setCurrentIndex(combo.findData(eid))
    editor.themes.item(0).setCheckState(Qt.CheckState.Checked)
    editor.save()
    assert editor.saved_id is not None
    assert ui.app.consultations.get(editor.saved_id).event_id == eid
    reopened = ConsultationEditor(ui, editor.saved_id, None, None)
    qtbot.addWidget(reopened)
    assert reopened.met_at.event_id() == eid and not reopened.is_modified()


@pytest.mark.parametrize("key", ["events"])
def test_the_main_window_offers_the_page_with_its_shortcut(
    ui: UiContext, qtbot: Any, key: str
) -> None:
    from siec_desk.ui.app.main_window import MainWindow

    window = MainWindow(ui)
    qtbot.addWidget(window)
    window.show_page(key)
    assert isinstance(window.page(key), EventsPage)
    action = window.findChild(QWidget, f"action.view.{key}") or next(
        a for a in window.findChildren(object) if getattr(a, "objectName", lambda: "")()
        == f"action.view.{key}"
    )  # fmt: skip
    assert "Ctrl+" in action.shortcut().toString()
