"""The main window: pages, shortcuts, remembered view, direction, leaving guards."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from siec_desk.ui.app.main_window import MainWindow
from siec_desk.ui.kit.context import UiContext

pytestmark = pytest.mark.ui


def _window(qtbot, ui: UiContext) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(ui)
    qtbot.addWidget(window)
    return window


def test_opens_on_the_last_view_and_remembers_the_new_one(qtbot, ui: UiContext) -> None:  # type: ignore[no-untyped-def]
    ui.settings.set_last_view("followups")
    window = _window(qtbot, ui)
    assert window.stack.currentWidget().key == "followups"
    window.show_page("households")
    assert ui.settings.last_view() == "households"


def test_every_page_has_a_ctrl_number_shortcut(qtbot, ui: UiContext) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, ui)
    for index, page in enumerate(window.pages):
        action = window.findChild(type(window.menuBar().actions()[0]), f"action.view.{page.key}")
        assert action is not None
        assert action.shortcut() == QKeySequence(f"Ctrl+{index + 1}")
        action.trigger()
        assert window.stack.currentWidget() is page


def test_status_bar_names_the_database_and_the_advisor(qtbot, ui: UiContext) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, ui)
    assert window.location_label.text() == f"\u2066{ui.app.db.location}\u2069"
    advisor = next(a for a in ui.app.centres.advisors() if a.id == ui.advisor_id)
    assert advisor.display_name in window.advisor_label.text()


def test_a_page_with_unsaved_work_keeps_the_user_there(qtbot, ui: UiContext, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, ui)
    window.show_page("today")
    today = window.stack.currentWidget()
    monkeypatch.setattr(today, "can_leave", lambda: False)
    window.show_page("households")
    assert window.stack.currentWidget() is today
    assert window.nav.currentRow() == 0
    assert window.close() is False  # closing asks the pages too


def test_arabic_window_is_right_to_left(qtbot, ui: UiContext, arabic: None) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, ui)
    window.show()
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.isRightToLeft()
    assert any("\u0600" <= c <= "\u06ff" for c in window.pages[0].title())
