"""Once the window is idle (issue 22): the start-up's objects are frozen out of the
garbage collector, the pages not shown yet are built one per event-loop turn, the
household pane's last boxes with them, and the user's keys or clicks pause that work."""

from __future__ import annotations

import gc
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from siec_desk.domain.household_records import HouseholdInput
from siec_desk.ui.app.idle_warmup import IdleWarmup, page_steps
from siec_desk.ui.app.main_window import MainWindow
from siec_desk.ui.households.consumption import ConsumptionBox
from siec_desk.ui.households.page import HouseholdsPage
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.loans.household_box import HouseholdLoansBox

pytestmark = pytest.mark.ui


@pytest.fixture(autouse=True)
def _no_real_freeze(monkeypatch: pytest.MonkeyPatch) -> None:
    """The test process's objects stay collectable (the real start is frozen in
    ``tests/integration/test_gui_startup.py``)."""
    monkeypatch.setattr(gc, "freeze", lambda: None)


def _window(qtbot: Any, ui: UiContext) -> MainWindow:
    ui.settings.set_last_view("today")
    window = MainWindow(ui)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _built(window: MainWindow) -> list[str]:
    return [page.key for page in window.pages if page.built]


def test_the_objects_alive_are_frozen_once_the_window_is_idle(
    qtbot: Any, ui: UiContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot, ui)
    frozen: list[list[str]] = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(_built(window)))
    warmup = IdleWarmup(window, page_steps(window.pages), start_after_ms=0)
    warmup.start()
    assert frozen == []  # not while the window is still being shown
    qtbot.waitUntil(lambda: warmup.finished, timeout=30000)
    # once idle, before any other page; again once every page lives with the window
    assert frozen == [["today"], [p.key for p in window.pages]]


def test_every_page_and_the_household_pane_are_built_on_idle_turns(
    qtbot: Any, ui: UiContext
) -> None:
    window = _window(qtbot, ui)
    assert _built(window) == ["today"]
    warmup = IdleWarmup(window, page_steps(window.pages), start_after_ms=0)
    warmup.start()
    qtbot.waitUntil(lambda: warmup.finished, timeout=30000)
    assert _built(window) == [p.key for p in window.pages]
    assert window.stack.currentWidget().key == "today"  # the user's page stays
    households = window.page("households")
    assert isinstance(households, HouseholdsPage)
    # the pane's readings chart and loans, otherwise built with the first household
    assert households.detail.findChild(ConsumptionBox) is not None
    assert households.detail.findChild(HouseholdLoansBox) is not None
    assert households.detail.stack.currentWidget() is households.detail.empty


def test_a_key_press_pauses_the_warm_up_until_the_user_is_still(qtbot: Any, ui: UiContext) -> None:
    window = _window(qtbot, ui)
    warmup = IdleWarmup(window, page_steps(window.pages), start_after_ms=0, resume_after_ms=600_000)
    warmup.start()
    qtbot.keyClick(window.nav, Qt.Key.Key_Shift)  # the user is at the keyboard
    assert warmup.paused
    for _ in range(20):  # zero-delay turns: none of them builds a page while paused
        QApplication.processEvents()
    assert _built(window) == ["today"] and not warmup.finished
    warmup._resume.start(0)  # the user has been still long enough
    qtbot.waitUntil(lambda: warmup.finished, timeout=30000)
    assert _built(window) == [p.key for p in window.pages]


def test_a_page_the_user_opened_first_is_not_built_twice(qtbot: Any, ui: UiContext) -> None:
    window = _window(qtbot, ui)
    steps = page_steps(window.pages)
    window.show_page("activity")
    activity = window.page("activity")
    warmup = IdleWarmup(window, steps, start_after_ms=0)
    warmup.start()
    qtbot.waitUntil(lambda: warmup.finished, timeout=30000)
    assert window.page("activity") is activity
    assert window.stack.currentWidget().key == "activity"


def test_the_first_household_shown_brings_its_readings_and_loans(qtbot: Any, ui: UiContext) -> None:
    household = ui.app.households.create(HouseholdInput(last_name="Martin"))
    window = _window(qtbot, ui)
    window.show_page("households")
    page = window.page("households")
    assert isinstance(page, HouseholdsPage)
    assert page.detail.findChild(ConsumptionBox) is None  # not before a household
    page.show_household(household)
    qtbot.waitUntil(lambda: page.detail.household_id == household)
    consumption = page.detail.findChild(ConsumptionBox)
    loans = page.detail.findChild(HouseholdLoansBox)
    assert consumption is not None and consumption.isVisibleTo(page)
    assert loans is not None and loans.isVisibleTo(page)
    page.show_household(household)  # built once
    assert page.detail.findChildren(ConsumptionBox) == [consumption]


def test_a_closed_window_builds_nothing_more(qtbot: Any, ui: UiContext) -> None:
    window = _window(qtbot, ui)
    warmup = IdleWarmup(window, page_steps(window.pages), start_after_ms=0)
    warmup.start()
    window.close()
    qtbot.waitUntil(lambda: warmup.finished, timeout=30000)
    assert _built(window) == ["today"]
