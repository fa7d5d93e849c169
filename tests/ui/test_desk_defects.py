"""Desk defects of the GUI walkthrough (docs/desk-defects.md) that a test can keep fixed:
Ctrl+L with a selected household (D7), the Arabic quick log without the article (D8),
completion of later themes and messages that do not go stale (D29), legible Activity
chart labels (D10) and tiles that end with an ellipsis (D26)."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from siec_desk.domain.household_records import HouseholdInput
from siec_desk.ui.activity.charts import BarChart
from siec_desk.ui.app.main_window import MainWindow
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.today.page import TodayPage
from siec_desk.ui.today.quick_log import parse_themes
from siec_desk.ui.widgets.elided_label import ElidedLabel

pytestmark = pytest.mark.ui


class _Editor:
    """Stands in for the consultation editor: records what it was opened with."""

    opened: ClassVar[list[int | None]] = []

    def __init__(self, _ui: Any, _consultation: Any, household: int | None, _parent: Any) -> None:
        _Editor.opened.append(household)

    def exec(self) -> int:
        return 0


def test_ctrl_l_logs_a_consultation_for_the_selected_household(
    qtbot: Any, ui: UiContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    import siec_desk.ui.consultations.editor as editor_module

    monkeypatch.setattr(editor_module, "ConsultationEditor", _Editor)
    _Editor.opened = []
    household = ui.app.households.create(HouseholdInput(last_name="Dupré", first_name="Hélène"))
    window = MainWindow(ui)
    qtbot.addWidget(window)
    action = window.findChild(QAction, "action.new_consultation")
    window.show_page("today")
    action.trigger()
    window.show_page("households")
    window.open_household(household)
    action.trigger()
    assert _Editor.opened == [None, household]


def test_the_arabic_quick_log_accepts_a_theme_without_its_article(
    qtbot: Any, ui: UiContext, arabic: None
) -> None:
    assert parse_themes("تدف") == (["heating"], [])
    assert parse_themes("التدف، عزل") == (["heating", "insulation"], [])
    page = TodayPage(ui)
    qtbot.addWidget(page)
    page.refresh()
    bar = page.quick_log
    bar.themes.setText("تدف")  # typed as on an Arabic keyboard (keyClicks is ASCII only)
    bar.submit()
    assert "b3261e" not in bar.message.styleSheet()  # no "unknown theme"
    (row,) = ui.app.consultations.between(date.today(), date.today())
    assert row.themes == ("heating",)


def test_the_quick_log_completes_each_theme_after_a_comma(qtbot: Any, ui: UiContext) -> None:
    page = TodayPage(ui)
    qtbot.addWidget(page)
    page.show()
    page.activateWindow()
    bar = page.quick_log
    bar.themes.setFocus()
    qtbot.waitUntil(bar.themes.hasFocus)  # a line edit listens to its completer when focused
    qtbot.keyClicks(bar.themes, "Insulation, fina")
    completer = bar.themes.completer()
    assert completer.completionCount() == 1  # "fina" alone is completed
    popup = completer.popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    assert completer.currentCompletion() == "Insulation, Financial aid"
    qtbot.keyClick(popup, Qt.Key.Key_Return)  # Enter on the proposal
    assert bar.themes.text() == "Insulation, Financial aid"


def test_quick_log_messages_do_not_go_stale(qtbot: Any, ui: UiContext) -> None:
    page = TodayPage(ui)
    qtbot.addWidget(page)
    page.show()
    bar = page.quick_log
    qtbot.keyClicks(bar.themes, "xyz")
    qtbot.keyClick(bar.themes, Qt.Key.Key_Return)
    assert bar.message.isVisible() and "xyz" in bar.message.text()
    qtbot.keyClick(bar.themes, Qt.Key.Key_Backspace)  # retyping: the error goes
    assert not bar.message.isVisible()
    bar.themes.setText("heating")
    bar.submit()
    assert bar.message.isVisible() and bar.message_timer.isActive()  # "Logged." goes by itself
    bar.message_timer.setInterval(10)
    bar.message_timer.start()
    qtbot.waitUntil(lambda: not bar.message.isVisible())


def test_breakdown_chart_labels_are_drawn_not_dots_at_1024_px(qtbot: Any) -> None:
    chart = BarChart("test.chart", "Themes", horizontal=True)
    qtbot.addWidget(chart)
    chart.resize(470, 360)  # the chart's share of a 1024-px window
    names = ["Heating", "Audit / energy performance diagnosis (DPE) and more words", "Lighting"]
    chart.set_bars(names, [("Consultations", [3, 2, 1])])
    labels = chart.category_labels()
    assert "Heating" in labels and "Lighting" in labels  # whole, never "…"
    long = next(label for label in labels if label.startswith("Audit"))
    assert long.endswith("…") and len(long) < len(names[1])
    assert chart.chart().axes(Qt.Orientation.Vertical)[0].truncateLabels() is False
    chart.show()
    chart.resize(1400, 360)
    qtbot.waitUntil(lambda: names[1] in chart.category_labels())  # wide enough: whole again


def test_a_tile_line_too_long_for_its_width_ends_with_an_ellipsis(qtbot: Any) -> None:
    label = ElidedLabel("Energy savings recommended to households this month")
    qtbot.addWidget(label)
    label.resize(90, 20)
    shown = label.shown_text()
    assert shown.endswith("…") and shown[:-1] in label.text()
    assert label.text() == "Energy savings recommended to households this month"
