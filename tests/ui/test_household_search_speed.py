"""Search as you type made fast (issue 22), and nothing else changed: the household list's
own cell painting shows exactly what Qt's standard delegate draws (left to right and right
to left, selection included), and a keystroke's search overtaken by the next one is
dropped before it runs."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QStyledItemDelegate

from siec_desk.domain.household_records import HouseholdInput
from siec_desk.ui.households.list_delegate import ListTextDelegate
from siec_desk.ui.households.page import HouseholdsPage
from siec_desk.ui.kit.context import UiContext

pytestmark = pytest.mark.ui


class DeferredRunner:
    """Keeps jobs until the test runs them, as the real DB thread delivers them later."""

    def __init__(self) -> None:
        self.jobs: list[tuple[Callable[[], Any], Any]] = []

    def run(self, work: Callable[[], Any], done: Any = None, failed: Any = None) -> None:
        self.jobs.append((work, done))

    def run_all(self) -> None:
        while self.jobs:
            work, done = self.jobs.pop(0)
            result = work()
            if done is not None:
                done(result)

    def shutdown(self) -> None:
        return None


def names(page: HouseholdsPage) -> list[str]:
    rows = (page.model.summary(row) for row in range(page.model.rowCount()))
    return [s.display_name for s in rows if s is not None]


PEOPLE = (
    ("Éloïse", "Lefèvre", "+33612345678", "eloise.lefevre@example.fr", "Lyon"),
    ("أحمد", "بنعلي", "+212612345678", None, "الدار البيضاء"),
    ("Jean-Baptiste", "Martin", None, "jb.martin@example.fr", "Saint-Rémy-de-Provence-la-Longue"),
    ("فاطمة", "العلوي", "+21620123456", "f.alaoui@example.tn", "Marseille"),
    (None, None, "+33798765432", None, "Istres"),  # no name: "(no name)"
)


def _page(ui: UiContext, qtbot: Any) -> HouseholdsPage:
    for first, last, phone, email, commune in PEOPLE:
        ui.app.households.create(
            HouseholdInput(
                first_name=first, last_name=last, phone=phone, email=email, commune=commune
            )
        )
    page = HouseholdsPage(ui)
    qtbot.addWidget(page)
    page.resize(1000, 420)
    page.show()
    page.refresh()
    qtbot.waitUntil(lambda: page.model.summary(len(PEOPLE) - 1) is not None)
    # The current row selected, with the keyboard focus in the list.
    page.table.setFocus()
    page.table.selectionModel().setCurrentIndex(
        page.model.index(1, 1),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    return page


def _both(page: HouseholdsPage) -> tuple[QImage, QImage]:
    assert isinstance(page.table.itemDelegate(), ListTextDelegate)
    ours = page.table.grab().toImage()
    page.table.setItemDelegate(QStyledItemDelegate(page.table))
    standard = page.table.grab().toImage()
    return ours, standard


def test_the_list_paints_what_qt_s_standard_delegate_paints(ui: UiContext, qtbot: Any) -> None:
    page = _page(ui, qtbot)
    ours, standard = _both(page)
    assert not ours.isNull() and ours == standard


def test_the_list_paints_like_the_standard_delegate_right_to_left(
    ui: UiContext, qtbot: Any, arabic: None
) -> None:
    page = _page(ui, qtbot)
    assert page.table.layoutDirection() == Qt.LayoutDirection.RightToLeft
    ours, standard = _both(page)
    assert not ours.isNull() and ours == standard


def test_a_narrow_column_elides_like_the_standard_delegate(ui: UiContext, qtbot: Any) -> None:
    page = _page(ui, qtbot)
    page.table.horizontalHeader().resizeSection(2, 60)  # the commune and phone cut short
    page.table.horizontalHeader().resizeSection(1, 70)
    ours, standard = _both(page)
    assert ours == standard


def test_a_text_is_laid_out_once_and_then_drawn_from_cache(ui: UiContext, qtbot: Any) -> None:
    page = _page(ui, qtbot)
    delegate = page.table.itemDelegate()
    assert isinstance(delegate, ListTextDelegate)
    page.table.viewport().repaint()
    kept = delegate.laid_out()
    assert kept >= len(PEOPLE)  # every non-empty cell shown
    page.table.viewport().repaint()
    assert delegate.laid_out() == kept  # a second paint lays out nothing new


def test_a_search_superseded_by_the_next_keystroke_is_never_run(
    ui: UiContext, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    ui.app.households.create(HouseholdInput(first_name="Marie", last_name="Dupont"))
    ui.app.households.create(HouseholdInput(first_name="Martin", last_name="Leroy"))
    runner = DeferredRunner()
    page = HouseholdsPage(dataclasses.replace(ui, runner=runner))
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    runner.run_all()
    searched: list[str] = []
    search_window = ui.app.households.search_window

    def recording(text: str, limit: int) -> Any:
        searched.append(text)
        return search_window(text, limit)

    monkeypatch.setattr(ui.app.households, "search_window", recording)

    qtbot.keyClicks(page.search, "mar")  # typed faster than the DB thread answers
    runner.run_all()

    assert searched == ["mar"]  # "m" and "ma" were dropped before they ran
    assert sorted(names(page)) == ["Marie Dupont", "Martin Leroy"]
    qtbot.keyClick(page.search, "i")
    runner.run_all()
    assert searched == ["mar", "mari"]
    assert names(page) == ["Marie Dupont"]
