"""Centre ▸ Export for the network: the preview shows what the file will hold, the file
written is that preview, the log lists it; cancel, errors, keyboard names, Arabic."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAction
from PySide6.QtWidgets import QWidget
from sqlalchemy import update

from siec_desk.network.export.display import blocks, suppressed_mark
from siec_desk.network.export.export_format import json_bytes
from siec_desk.network.export.tables import TABLES
from siec_desk.services.demo.generator import DemoOptions, generate_demo
from siec_desk.storage.models import Centre
from siec_desk.ui.app.main_window import MainWindow
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.network.export_dialog import NetworkExportDialog

TODAY = date(2025, 7, 10)  # the default period: the last quarter ended, April to June 2025


@pytest.fixture
def centre(ui: UiContext) -> UiContext:
    generate_demo(ui.app, DemoOptions(households=500, seed=3, years=2, until=date(2025, 6, 30)))
    with ui.app.db.write() as session:
        session.execute(update(Centre).values(network_code="ECFR-13"))
    return ui


def _dialog(qtbot: Any, ui: UiContext) -> NetworkExportDialog:
    dialog = NetworkExportDialog(ui, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_preview_shows_the_tables_as_they_will_be_written(
    qtbot: Any, centre: UiContext
) -> None:
    dialog = _dialog(qtbot, centre)
    document = dialog.document
    assert document is not None
    assert document.meta.months[0] == "2025-04" and document.meta.months[-1] == "2025-06"
    assert dialog.panel.tables.count() == len(TABLES) + 1  # and the before/after table
    assert "ECFR-13" in dialog.summary.text()
    assert dialog.write_button.isEnabled()
    # Every table: the grid holds the display blocks, suppressed entries as the mark.
    for row, table in enumerate(document.tables):
        dialog.panel.tables.setCurrentRow(row)
        (first, *_rest) = blocks(table, dialog.locale_name, document.meta.currency, lambda c, _l: c)
        shown = dialog.panel.shown_texts()
        assert len(shown) == len(first.rows)
        hidden = [
            (r, c)
            for r, (_label, entries) in enumerate(first.rows)
            for c, entry in enumerate(entries)
            if entry.value is None
        ]
        assert [
            (r, c)
            for r, line in enumerate(shown)
            for c, text in enumerate(line)
            if text == suppressed_mark()
        ] == hidden
    assert any(len(t.suppressed()) for t in document.tables)


def test_write_saves_exactly_the_previewed_document_and_logs_it(
    qtbot: Any, centre: UiContext, dialogs: Any, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, centre)
    dialogs.file_answers.append(str(tmp_path / "for-network"))
    qtbot.mouseClick(dialog.write_button, Qt.MouseButton.LeftButton)
    out = tmp_path / "for-network.json"
    assert out.read_bytes() == json_bytes(dialog.document)
    assert dialogs.calls[-1] == ("save_file", "ECFR-13_2025-04_2025-06.json")
    assert dialog.written is not None and dialog.written.sha256 in dialog.status.text()
    assert dialog.log_table.rowCount() == 1
    assert dialog.log_table.item(0, 5).text().strip("\u2066\u2069") == dialog.written.sha256
    (entry,) = centre.app.network_export.log()
    assert (entry.period_from, entry.period_to, entry.threshold) == ("2025-04", "2025-06", 11)
    assert json.loads(out.read_text("utf-8"))["protection"]["threshold"] == 11


def test_only_ended_calendar_periods_are_offered_and_an_overlap_cannot_be_written(
    qtbot: Any, centre: UiContext, dialogs: Any, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, centre)
    dialogs.file_answers.append(str(tmp_path / "q2.json"))
    dialog.write()
    assert dialog.written is not None
    dialog.kind.setCurrentIndex(dialog.kind.findData("year"))
    offered = [dialog.period.itemData(i) for i in range(dialog.period.count())]
    assert offered[0].start == date(2024, 1, 1)  # 2025 has not ended
    assert all(p.kind == "year" for p in offered)
    dialog.kind.setCurrentIndex(dialog.kind.findData("month"))
    assert dialog.period.itemData(0).start == date(2025, 6, 1)  # June: inside Q2, written
    dialog.preview()
    assert dialog.document is not None
    assert "overlaps the export of 2025-04 to 2025-06" in dialog.status.text()
    assert not dialog.write_button.isEnabled()
    dialog.period.setCurrentIndex(1)  # May: also inside Q2
    dialog.preview()
    assert not dialog.write_button.isEnabled()
    dialog.period.setCurrentIndex(3)  # March: never exported
    dialog.preview()
    assert dialog.status.text() == "" and dialog.write_button.isEnabled()


def test_excel_is_chosen_by_the_format_and_nothing_is_written_when_cancelled(
    qtbot: Any, centre: UiContext, dialogs: Any, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, centre)
    dialog.format.setCurrentIndex(dialog.format.findData("xlsx"))
    dialogs.file_answers.append(None)  # the user closes the file dialog
    dialog.write()
    assert list(tmp_path.glob("*.xlsx")) == [] and centre.app.network_export.log() == []
    dialogs.file_answers.append(str(tmp_path / "stats.xlsx"))
    dialog.write()
    assert (tmp_path / "stats.xlsx").read_bytes()[:2] == b"PK"


def test_a_new_threshold_needs_a_new_preview_before_writing(qtbot: Any, centre: UiContext) -> None:
    dialog = _dialog(qtbot, centre)
    hidden_at_11 = dialog.document.counts()[1]  # type: ignore[union-attr]
    dialog.threshold.setValue(30)
    assert not dialog.write_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.document.meta.threshold == 30, timeout=5000)  # type: ignore[union-attr]
    assert dialog.write_button.isEnabled()
    assert dialog.document.counts()[1] > hidden_at_11  # type: ignore[union-attr]


def test_cancelling_the_preview_stops_it(qtbot: Any, centre: UiContext) -> None:
    dialog = _dialog(qtbot, centre)
    dialog._progress.step.connect(lambda done, _total: dialog.cancel() if done == 2 else None)
    dialog.preview()
    assert dialog.document is None
    assert "cancelled" in dialog.status.text()
    assert not dialog.write_button.isEnabled()


def test_without_a_network_code_the_dialog_says_where_to_set_it(qtbot: Any, ui: UiContext) -> None:
    dialog = _dialog(qtbot, ui)
    assert dialog.document is None
    assert "Letter settings" in dialog.status.text()
    assert not dialog.write_button.isEnabled()


def test_every_control_has_a_stable_identifier_and_a_name(qtbot: Any, centre: UiContext) -> None:
    dialog = _dialog(qtbot, centre)
    for widget in dialog.findChildren(QWidget):
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisible():
            identifier = widget.objectName()
            if not identifier.startswith("network_export."):
                continue  # Qt's inner parts (spin box line edit, scroll bars, headers)
            spoken = QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Name)
            assert spoken.strip(), identifier  # what a screen reader announces
    names = {w.objectName() for w in dialog.findChildren(QWidget)}
    for identifier in ("kind", "period", "threshold", "format", "write", "grid", "tables", "log"):
        assert f"network_export.{identifier}" in names


def test_the_centre_menu_opens_it(
    qtbot: Any, centre: UiContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = []
    monkeypatch.setattr(NetworkExportDialog, "exec", lambda self: opened.append(self) or 0)
    window = MainWindow(centre)
    qtbot.addWidget(window)
    action = window.findChild(QAction, "action.network_export")
    action.trigger()
    assert len(opened) == 1


def test_arabic_dialog_is_right_to_left_with_the_same_marks(
    qtbot: Any, centre: UiContext, arabic: None
) -> None:
    dialog = _dialog(qtbot, centre)
    assert dialog.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert dialog.document is not None
    table = next(i for i, t in enumerate(dialog.document.tables) if t.suppressed())
    dialog.panel.tables.setCurrentRow(table)
    texts = [t for line in dialog.panel.shown_texts() for t in line]
    assert suppressed_mark() in texts
