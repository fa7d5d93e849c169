"""Events and people reached on screen: the network window's own tab shows events,
participants, households met and items lent per centre and country, says when no file
holds the events tables (format version 2), and is mirrored in Arabic; the export dialog
previews the events tables as they will be written."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import update
from testkit.coordinator import centre_export, grand_total, older_file

from siec_desk.core import i18n
from siec_desk.core.formatting import format_number, locale_for
from siec_desk.network.export.tables import TABLES
from siec_desk.services.demo.generator import DemoOptions, generate_demo
from siec_desk.storage.models import Centre
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.network.export_dialog import NetworkExportDialog
from siec_desk.ui.network.window import NetworkWindow

EVENTS = "events_by_month_event_type"


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("centres")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SIEC_DESK_HOME", str(tmp_path_factory.mktemp("home")))
        (fr,) = centre_export(folder, "FR", "FR-01", 1, households=200)
    v2 = folder / "FR-01-v2.json"
    v2.write_text(json.dumps(older_file(json.loads(fr.read_text("utf-8")), 2)), "utf-8")
    return {"v3": fr, "v2": v2}


def _window(qtbot: Any, ui: UiContext, path: Path, file: Path) -> NetworkWindow:
    window = NetworkWindow(ui, path=path)
    qtbot.addWidget(window)
    window.show()
    ui.dialogs.files_answers.append([str(file)])  # type: ignore[attr-defined]
    window.import_button.click()
    return window


def _texts(table: Any) -> list[list[str]]:
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def test_the_window_shows_events_and_people_reached_per_centre_and_country(
    qtbot: Any, ui: UiContext, files: dict[str, Path], tmp_path: Path
) -> None:
    window = _window(qtbot, ui, tmp_path / "network.sqlite3", files["v3"])
    page = window.reach
    qtbot.waitUntil(lambda: page.table.rowCount() > 0)
    assert window.tabs.indexOf(page) >= 0
    assert page.table.objectName() == "network.reach"
    assert page.table.accessibleName()
    rows = {line[0]: line for line in _texts(page.table)}
    locale = locale_for(i18n.current_language(), "FR")
    events = grand_total(files["v3"], EVENTS, "events")
    people = grand_total(files["v3"], EVENTS, "participants")
    assert isinstance(events, int) and isinstance(people, int)
    assert rows["FR-01"][2:4] == [format_number(events, locale), format_number(people, locale)]
    assert len(rows) == 3  # the centre, its country, the network
    assert page.note.text()  # what the figures are: people, not households


def test_without_a_0_7_file_the_tab_says_why_it_is_empty(
    qtbot: Any, ui: UiContext, files: dict[str, Path], tmp_path: Path
) -> None:
    window = _window(qtbot, ui, tmp_path / "network.sqlite3", files["v2"])
    qtbot.waitUntil(lambda: window.by_centre.table.rowCount() > 0)
    assert window.reach.table.rowCount() == 0
    assert "0.7" in window.reach.note.text()


def test_the_arabic_tab_is_mirrored(
    qtbot: Any, ui: UiContext, files: dict[str, Path], tmp_path: Path, arabic: None
) -> None:
    window = _window(qtbot, ui, tmp_path / "network.sqlite3", files["v3"])
    page = window.reach
    qtbot.waitUntil(lambda: page.table.rowCount() == 3)
    assert page.layoutDirection() == Qt.LayoutDirection.RightToLeft
    window.tabs.setCurrentWidget(page)
    shot = os.environ.get("SIEC_DESK_SHOT")
    if shot:  # for looking at it: SIEC_DESK_SHOT=/tmp/reach-ar.png
        window.grab().save(shot)


def test_the_export_dialog_previews_the_events_tables(qtbot: Any, ui: UiContext) -> None:
    generate_demo(ui.app, DemoOptions(households=200, seed=3, years=1, until=date(2025, 6, 30)))
    with ui.app.db.write() as session:
        session.execute(update(Centre).values(network_code="ECFR-13"))
    dialog = NetworkExportDialog(ui, today=date(2025, 7, 10))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.document is not None)
    listed = [dialog.panel.tables.item(i).text() for i in range(dialog.panel.tables.count())]
    for spec in TABLES[-4:]:
        assert any(str(spec.title) in text for text in listed), (spec.id, listed)
