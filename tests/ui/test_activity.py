"""The Activity page on the hand-counted March 2024 centre (see test_stats_engine.py):
tiles, period switching, drill-down from bars, rows and tiles, Arabic right to left."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCharts import QBarCategoryAxis
from PySide6.QtCore import QDate, QSettings, Qt
from testkit.activity import march_2024_centre

from siec_desk.core.formatting import plain
from siec_desk.domain.activity_period import month
from siec_desk.domain.consultation_records import ConsultationInput
from siec_desk.ui.activity.page import ActivityPage
from siec_desk.ui.activity.tiles import Tile
from siec_desk.ui.kit.context import UiContext, error_text
from siec_desk.ui.kit.events import DataEvents
from siec_desk.ui.kit.runner import ImmediateRunner
from siec_desk.ui.kit.ui_settings import UiSettings

APRIL_2024 = date(2024, 4, 15)  # "today": March 2024 is the last complete month


@pytest.fixture
def centre(tmp_path: Path, dialogs: Any, qapp: Any) -> Iterator[tuple[UiContext, dict[int, int]]]:
    ctx, ids = march_2024_centre(tmp_path / "activity.sqlite3")
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    ui = UiContext(
        app=ctx,
        runner=ImmediateRunner(lambda exc: dialogs.error("", error_text(exc))),
        dialogs=dialogs,
        events=DataEvents(),
        settings=UiSettings(settings),
    )
    ui.advisor_id = ctx.centres.advisors()[0].id
    yield ui, ids
    ctx.close()


def _page(qtbot: Any, ui: UiContext) -> ActivityPage:
    page = ActivityPage(ui, today=lambda: APRIL_2024)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    page.refresh()
    return page


def _tile(page: ActivityPage, key: str) -> Tile:
    return next(t for t in page.tiles if t.figures.key == key)


def _value(page: ActivityPage, key: str) -> str:
    return plain(_tile(page, key).value.text())


def test_tiles_show_the_figures_of_the_last_complete_month(qtbot, centre) -> None:  # type: ignore[no-untyped-def]
    ui, _ids = centre
    page = _page(qtbot, ui)
    assert page.period() == month(date(2024, 3, 1))
    assert plain(page.period_bar.label.text()) == "March 2024"
    assert not page.is_loading()
    assert _value(page, "consultations") == "4"
    assert _value(page, "households") == "2"
    assert _tile(page, "households").detail.text() == "1 new, 1 returning"
    assert _value(page, "anonymous") == "1"
    assert _value(page, "duration") == "2.2 h"  # 20 + 60 + 5 + 45 min
    assert _value(page, "median") == "32.5 min"
    assert _value(page, "follow_ups") == "2"
    assert _tile(page, "follow_ups").detail.text() == "1 done, 1 overdue"
    assert _value(page, "outcomes") == "2"
    assert plain(_tile(page, "outcomes").detail.text()) == "Acted: 50%"
    # February had one consultation, March 2023 none.
    consultations = _tile(page, "consultations")
    assert plain(consultations.previous.text()) == "▲ 300% vs previous period"
    assert consultations.year_before.text() == "None a year earlier"
    assert "Consultations: 4" in consultations.accessibleName()
    assert consultations.accessibleIdentifier() == "activity.tile.consultations"


def test_switching_period_updates_the_tiles(qtbot, centre) -> None:  # type: ignore[no-untyped-def]
    ui, _ids = centre
    page = _page(qtbot, ui)
    page.period_bar.next.click()
    assert page.period() == month(date(2024, 4, 1))  # the current month, so far
    assert _value(page, "consultations") == "1"
    assert not page.period_bar.next.isEnabled()  # nothing to see in May yet
    page.period_bar.previous.click()
    page.period_bar.previous.click()
    assert page.period() == month(date(2024, 2, 1))
    assert _value(page, "consultations") == "1"
    page.period_bar.next.click()
    page.period_bar.kind.setCurrentIndex(page.period_bar.kind.findData("quarter"))
    assert page.period().code() == "2024-Q1"
    assert _value(page, "consultations") == "5"
    page.period_bar.kind.setCurrentIndex(page.period_bar.kind.findData("year"))
    assert page.period().code() == "2024"
    assert _value(page, "consultations") == "6"
    page.period_bar.kind.setCurrentIndex(page.period_bar.kind.findData("custom"))
    assert page.period_bar.start.isVisible()
    page.period_bar.start.setDate(QDate(2024, 3, 15))
    page.period_bar.end.setDate(QDate(2024, 3, 31))
    assert page.period().code() == "2024-03-15..2024-03-31"
    assert _value(page, "consultations") == "3"  # #3, #4, #6


def _cell(page: ActivityPage, key: str, row: int, column: int) -> str:
    item = page.panels[key].table.item(row, column)
    assert item is not None
    return item.text()


def _row_of(page: ActivityPage, key: str, text: str) -> int:
    table = page.panels[key].table
    return next(r for r in range(table.rowCount()) if _cell(page, key, r, 0) == text)


def test_a_table_row_opens_the_consultations_behind_it(qtbot, centre) -> None:  # type: ignore[no-untyped-def]
    ui, ids = centre
    page = _page(qtbot, ui)
    table = page.panels["mode"].table
    assert _cell(page, "mode", 0, 0) == "Phone call"  # the most frequent first
    row = _row_of(page, "mode", "Phone call")
    assert _cell(page, "mode", row, 1) == "2"
    table.setFocus()
    table.setCurrentCell(row, 0)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert page.drilldown is not None
    assert sorted(page.drilldown.ids()) == sorted([ids[2], ids[4]])
    assert "Phone call" in page.drilldown.windowTitle()
    opened: list[int] = []
    ui.events.edit_consultation.connect(opened.append)
    page.drilldown.table.select_row(0)
    qtbot.keyClick(page.drilldown.table, Qt.Key.Key_Return)
    assert opened == [page.drilldown.ids()[0]]


def test_a_bar_opens_the_consultations_behind_it(qtbot, centre) -> None:  # type: ignore[no-untyped-def]
    ui, ids = centre
    page = _page(qtbot, ui)
    chart = page.panels["theme"].chart
    row = _row_of(page, "theme", "Insulation")
    # Horizontal bars are drawn bottom-up: the table's row r is bar (n - 1 - r).
    chart.bar_sets[0].clicked.emit(chart.category_count() - 1 - row)
    assert page.drilldown is not None
    assert sorted(page.drilldown.ids()) == sorted([ids[2], ids[3]])
    trend = page.panels["trend"].chart
    trend.bar_sets[1].clicked.emit(trend.category_count() - 1)  # the newest month: March
    assert sorted(page.drilldown.ids()) == sorted([ids[2], ids[3], ids[4], ids[6]])


def test_tiles_open_their_consultations_by_keyboard(qtbot, centre) -> None:  # type: ignore[no-untyped-def]
    ui, ids = centre
    page = _page(qtbot, ui)
    anonymous = _tile(page, "anonymous")
    anonymous.setFocus()
    qtbot.keyClick(anonymous, Qt.Key.Key_Space)
    assert page.drilldown is not None and page.drilldown.ids() == [ids[4]]
    follow_ups = _tile(page, "follow_ups")
    qtbot.keyClick(follow_ups, Qt.Key.Key_Return)
    assert sorted(page.drilldown.ids()) == sorted([ids[2], ids[3]])
    qtbot.mouseClick(_tile(page, "consultations"), Qt.MouseButton.LeftButton)
    assert sorted(page.drilldown.ids()) == sorted([ids[2], ids[3], ids[4], ids[6]])


def test_the_page_refreshes_when_consultations_change(qtbot, centre) -> None:  # type: ignore[no-untyped-def]
    from siec_desk.ui.app.main_window import MainWindow

    ui, _ids = centre
    window = MainWindow(ui)
    qtbot.addWidget(window)
    window.show_page("activity")
    page = window.page("activity")
    assert isinstance(page, ActivityPage)
    assert [p.key for p in window.pages].index("activity") == 4  # Ctrl+5, after Follow-ups
    page.set_period(month(date(2024, 3, 1)))
    assert _value(page, "consultations") == "4"
    ui.app.consultations.add(
        ConsultationInput(mode="email", themes=("heating",), occurred_at=datetime(2024, 3, 9, 9))
    )
    ui.events.consultations_changed.emit()
    assert _value(page, "consultations") == "5"


def test_the_page_opens_right_to_left_in_arabic(qtbot, centre, arabic) -> None:  # type: ignore[no-untyped-def]
    ui, _ids = centre
    page = _page(qtbot, ui)
    assert page.isRightToLeft()
    assert "مارس" in page.period_bar.label.text()
    assert _value(page, "consultations") == "4"
    chart = page.panels["mode"].chart.chart()
    [category] = [a for a in chart.axes() if isinstance(a, QBarCategoryAxis)]
    assert category.alignment() == Qt.AlignmentFlag.AlignRight
    trend = page.panels["trend"].chart.chart()
    [months] = [a for a in trend.axes() if isinstance(a, QBarCategoryAxis)]
    assert "مارس" in months.categories()[0]  # the newest month is on the right, drawn first
    header = page.panels["mode"].table.horizontalHeaderItem(0)
    assert header is not None and header.text() == page.panels["mode"].table.accessibleName()


def test_figures_load_on_the_db_thread_with_a_busy_state(qtbot, centre) -> None:  # type: ignore[no-untyped-def]
    from siec_desk.ui.kit.runner import ThreadRunner

    ui, _ids = centre
    runner = ThreadRunner(lambda exc: None)
    ui.runner = runner
    try:
        page = _page(qtbot, ui)
        assert page.is_loading() and page.status.text()
        qtbot.waitUntil(lambda: not page.is_loading(), timeout=10_000)
        assert _value(page, "consultations") == "4"
    finally:
        runner.shutdown()
