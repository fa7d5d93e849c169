"""The coordinator's merged view carries every table of the centres' files, orientations
included (issue 18 "Done when"): the Tables tab lists them and shows the one chosen, with
the network's total as the centre published it, in French and in Arabic."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from testkit.coordinator import centre_export, grand_total

from siec_desk.core import i18n
from siec_desk.core.formatting import format_number, locale_for
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.network.window import NetworkWindow

ORIENTATIONS = "orientation_mentions_by_month_orientation"


@pytest.fixture(scope="module")
def centre_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("centres")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SIEC_DESK_HOME", str(tmp_path_factory.mktemp("home")))
        (fr,) = centre_export(folder, "FR", "FR-01", 3, households=200)
    return fr


def _orientations_shown(
    qtbot: Any, ui: UiContext, centre_file: Path, network: Path
) -> tuple[NetworkWindow, Any]:
    window = NetworkWindow(ui, path=network)
    qtbot.addWidget(window)
    window.show()
    ui.dialogs.files_answers.append([str(centre_file)])  # type: ignore[attr-defined]
    window.import_button.click()
    page = window.tables
    qtbot.waitUntil(lambda: page.choice.count() > 0)
    assert window.tabs.indexOf(page) >= 0
    titles = [page.choice.itemText(i) for i in range(page.choice.count())]
    wanted = [i for i, t in enumerate(titles) if t == page.grids[i].title]
    assert len(wanted) == len(titles) > 5  # every merged table, one entry each
    index = next(i for i, g in enumerate(page.grids) if "rient" in g.title or "توجيه" in g.title)
    page.choice.setCurrentIndex(index)
    return window, page  # the window must outlive the test's look at its page


def test_the_tables_tab_shows_the_merged_orientations(
    qtbot: Any, ui: UiContext, centre_file: Path, tmp_path: Path
) -> None:
    _window, page = _orientations_shown(qtbot, ui, centre_file, tmp_path / "network.sqlite3")
    table = page.table
    last = table.rowCount() - 1  # the total row, last column the grand total
    shown = table.item(last, table.columnCount() - 1).text()
    total = grand_total(centre_file, ORIENTATIONS, "orientation_mentions")
    assert isinstance(total, int) and total > 0
    assert shown == format_number(total, locale_for(i18n.current_language(), "FR"))
    assert page.choice.objectName() == "network.tables.choice" and page.choice.accessibleName()


def test_the_tables_tab_in_arabic(
    qtbot: Any, ui: UiContext, centre_file: Path, tmp_path: Path, arabic: None
) -> None:
    _window, page = _orientations_shown(qtbot, ui, centre_file, tmp_path / "network.sqlite3")
    assert page.table.rowCount() > 1
    assert page.isRightToLeft()
