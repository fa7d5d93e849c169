"""The before/after table on screen: the export dialog previews it as it will be written
(its last table), the network window shows it merged in its own tab, says when no file
holds it, and mirrors it in Arabic."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import update
from testkit.coordinator import centre_export, older_file

from siec_desk.core import i18n
from siec_desk.core.formatting import format_number, locale_for
from siec_desk.network.export import before_after_display as ba
from siec_desk.network.export.display import suppressed_mark
from siec_desk.services.demo.generator import DemoOptions, generate_demo
from siec_desk.storage.models import Centre
from siec_desk.texts.labels import COUNTRIES, label
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.network.export_dialog import NetworkExportDialog
from siec_desk.ui.network.window import NetworkWindow


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("centres")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SIEC_DESK_HOME", str(tmp_path_factory.mktemp("home")))
        (fr,) = centre_export(folder, "FR", "FR-01", 1, households=300)
    old = older_file(json.loads(fr.read_text("utf-8")), 2)
    v2 = folder / "FR-01-v2.json"
    v2.write_text(json.dumps(old, ensure_ascii=False), "utf-8")
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


def test_the_window_shows_the_merged_table_in_its_own_tab(
    qtbot: Any, ui: UiContext, files: dict[str, Path], tmp_path: Path
) -> None:
    window = _window(qtbot, ui, tmp_path / "network.sqlite3", files["v3"])
    page = window.before_after
    assert window.tabs.indexOf(page) >= 0
    assert page.table.objectName() == "network.before_after"
    rows = {
        r["kind"]: r for r in json.loads(files["v3"].read_text("utf-8"))["before_after"]["rows"]
    }
    electricity = rows["electricity_kwh"]
    shown = {line[0]: line for line in _texts(page.table)}
    france = label(COUNTRIES, "FR")
    assert f"{france} — {ba.kind_label('electricity_kwh')}" in shown, _texts(page.table)
    line = shown[f"{france} — {ba.kind_label('electricity_kwh')}"]
    locale = locale_for(i18n.current_language(), "FR")
    assert line[1] == format_number(electricity["households"], locale)
    assert line[2] == format_number(electricity["quantity_before"], locale, 1)
    assert ba.note() in page.note.text()
    assert f"{france} — {ba.kind_label('water_m3')}" not in shown  # no household: no row


def test_without_a_version_3_file_the_tab_says_why_it_is_empty(
    qtbot: Any, ui: UiContext, files: dict[str, Path], tmp_path: Path
) -> None:
    window = _window(qtbot, ui, tmp_path / "network.sqlite3", files["v2"])
    assert window.before_after.table.rowCount() == 0
    assert window.before_after.note.text() == i18n._(
        "No imported file holds this table yet: centres send it from SIEC Desk "
        "0.7 on (network export format 3)."
    )


def test_the_arabic_tab_is_mirrored(
    qtbot: Any, ui: UiContext, files: dict[str, Path], tmp_path: Path, arabic: None
) -> None:
    window = _window(qtbot, ui, tmp_path / "network.sqlite3", files["v3"])
    page = window.before_after
    assert page.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert page.table.rowCount() == 2


def test_the_export_dialog_previews_the_table_as_it_will_be_written(
    qtbot: Any, ui: UiContext
) -> None:
    generate_demo(ui.app, DemoOptions(households=500, seed=3, years=2, until=date(2025, 6, 30)))
    with ui.app.db.write() as session:
        session.execute(update(Centre).values(network_code="ECFR-13"))
    dialog = NetworkExportDialog(ui, today=date(2025, 7, 10))
    qtbot.addWidget(dialog)
    dialog.show()
    document = dialog.document
    assert document is not None and document.before_after
    panel = dialog.panel
    panel.tables.setCurrentRow(panel.tables.count() - 1)
    assert str(ba.TITLE) in panel.tables.currentItem().text()
    meta = document.meta
    lines = ba.centre_lines(document.before_after, meta.country, meta.currency)
    expected = [
        [suppressed_mark()] * 6
        if line.suppressed
        else [
            ba.value_text(c, v, meta.currency, dialog.locale_name)
            for c, v in enumerate(line.values)
        ]
        for line in lines
    ]
    assert panel.shown_texts() == expected
    assert panel.note.text() == ba.note(meta.threshold)
