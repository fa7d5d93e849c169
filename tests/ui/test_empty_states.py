"""D43: on an empty database each view says what to do first, with a button; data hides it."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from siec_desk.domain.consultation_records import ConsultationInput
from siec_desk.domain.household_records import HouseholdInput
from siec_desk.ui.app.main_window import MainWindow
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.kit.empty_state import EmptyState

pytestmark = pytest.mark.ui


def _window(qtbot: Any, ui: UiContext, view: str) -> MainWindow:
    ui.settings.set_last_view(view)
    window = MainWindow(ui)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def _empty(window: MainWindow, key: str) -> EmptyState:
    state = window.page(key).findChild(EmptyState)
    assert isinstance(state, EmptyState)
    return state


def test_households_say_how_to_start_and_give_way_to_the_first_household(
    qtbot: Any, ui: UiContext
) -> None:
    window = _window(qtbot, ui, "households")
    page = window.page("households")
    state = _empty(window, "households")
    qtbot.waitUntil(state.isVisible)
    assert "No household yet" in state.label.text()
    assert not page.table.isVisible() and not page.search.isVisible()
    page.focus_primary()
    qtbot.waitUntil(state.buttons[0].hasFocus)  # keyboard: Enter creates the first household
    assert [b.isEnabled() for b in state.buttons] == [True, True]
    new = window.findChild(QAction, "action.new_household")
    imported = window.findChild(QAction, "action.import")
    triggered: list[str] = []
    new.triggered.disconnect()
    imported.triggered.disconnect()
    new.triggered.connect(lambda: triggered.append("new"))
    imported.triggered.connect(lambda: triggered.append("import"))
    qtbot.mouseClick(state.buttons[0], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(state.buttons[1], Qt.MouseButton.LeftButton)
    assert triggered == ["new", "import"]  # the menu's own commands

    ui.app.households.create(HouseholdInput(first_name="Amina", last_name="Tazi"))
    ui.events.households_changed.emit()
    qtbot.waitUntil(lambda: not state.isVisible())
    assert page.table.isVisible() and page.search.isVisible()


def test_consultations_say_how_to_log_the_first_one(qtbot: Any, ui: UiContext) -> None:
    window = _window(qtbot, ui, "consultations")
    page = window.page("consultations")
    state = _empty(window, "consultations")
    qtbot.waitUntil(state.isVisible)
    assert "No consultation yet" in state.label.text()
    assert not page.table.isVisible()
    ui.app.consultations.add(ConsultationInput(mode="phone", themes=("heating",)))
    ui.events.consultations_changed.emit()
    qtbot.waitUntil(lambda: not state.isVisible())
    assert page.table.isVisible()


def test_today_and_activity_welcome_a_new_centre_until_something_is_logged(
    qtbot: Any, ui: UiContext, arabic: None
) -> None:
    window = _window(qtbot, ui, "today")
    today = _empty(window, "today")
    qtbot.waitUntil(today.isVisible)
    assert "\u2066F1\u2069" in today.label.text()  # keys isolated in the Arabic sentence
    assert window.isRightToLeft() and today.isRightToLeft()
    assert window.page("today").quick_log.isVisible()  # the first thing to do stays there
    window.show_page("activity")
    activity = _empty(window, "activity")
    qtbot.waitUntil(activity.isVisible)
    window.show_page("today")
    window.page("today").quick_log.themes.setText("chauffage")
    ui.app.consultations.add(ConsultationInput(mode="phone", themes=("heating",)))
    ui.events.consultations_changed.emit()
    qtbot.waitUntil(lambda: not today.isVisible())
    window.show_page("activity")
    qtbot.waitUntil(lambda: not activity.isVisible())
