"""Events ▸ Import events… (issue 19 point 4): the dialog shows the recognised columns, the
first rows and one line per refused or skipped row, imports the valid rows, and the page
lists them; a file that cannot be used is one line and Import stays off; stable ids,
keyboard labels, Arabic mirrored and fitting a small screen."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from siec_desk.ui.events.import_dialog import EventImportDialog
from siec_desk.ui.events.page import EventsPage
from siec_desk.ui.kit.context import UiContext

DAY = (date.today() - timedelta(days=3)).strftime("%d/%m/%Y")
SHEET = (
    "Date;Type;Commune;Intitulé;Élèves;Grand public\n"
    f"{DAY};Atelier;Lyon;Atelier isolation;;25\n"
    f"{DAY};Karaoké;Lyon;Soirée;;10\n"
    f"{DAY};Atelier;Lyon;Atelier isolation;;25\n"
)


def _sheet(tmp_path: Path) -> Path:
    path = tmp_path / "animations.csv"
    path.write_bytes(b"\xef\xbb\xbf" + SHEET.encode("utf-8"))
    return path


def test_the_dialog_previews_lists_refused_rows_and_imports(
    ui: UiContext, qtbot: Any, dialogs: Any, tmp_path: Path
) -> None:
    dialogs.file_answers = [str(_sheet(tmp_path))]
    dialog = EventImportDialog(ui, None)
    qtbot.addWidget(dialog)
    assert not dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled())
    columns = [dialog.columns.item(r, 1).text() for r in range(dialog.columns.rowCount())]
    assert columns[:2] == ["Event date", "Event type"] and columns[4] == "Pupils and students"
    assert dialog.preview.rowCount() == 3 and dialog.preview.item(0, 0).text() == "2"
    assert "1 event would be imported" in dialog.summary.text()
    lines = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert len(lines) == 2 and "Karaoké" in lines[0] and "3" in lines[0]
    assert "skipped" in lines[1] and ui.app.events.list() == []

    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.imported == 1)
    assert "1 event imported" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()
    assert [e.title for e in ui.app.events.list()] == ["Atelier isolation"]

    page = EventsPage(ui)
    qtbot.addWidget(page)
    page.refresh()
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)
    assert page.findChild(QWidget, "events.import") is page.import_button


def test_a_file_that_cannot_be_used_is_one_line(ui: UiContext, qtbot: Any, tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text("Nom;Téléphone\nDupont;0612345678\n", encoding="utf-8")
    dialog = EventImportDialog(ui, None)
    qtbot.addWidget(dialog)
    dialog.load(path)
    qtbot.waitUntil(lambda: not dialog.error.isHidden())
    assert "contacts.csv" in dialog.error.text() and len(dialog.error.text().splitlines()) == 1
    assert not dialog.import_button.isEnabled() and dialog.columns.rowCount() == 0
    dialog.load(tmp_path / "missing.xlsx")
    qtbot.waitUntil(lambda: "missing.xlsx" in dialog.error.text())


def test_stable_ids_labels_and_arabic_mirroring(ui: UiContext, qtbot: Any, arabic: None) -> None:
    dialog = EventImportDialog(ui, None)
    qtbot.addWidget(dialog)
    for name in ("events.import.file", "events.import.choose", "events.import.columns",
                 "events.import.preview", "events.import.problems", "events.import.run",
                 "events.import.close", "events.import.summary"):  # fmt: skip
        found = dialog.findChild(QWidget, name)
        assert found is not None, name
    for name in ("events.import.file", "events.import.columns", "events.import.problems"):
        assert dialog.findChild(QWidget, name).accessibleName(), name  # type: ignore[union-attr]
    assert dialog.layoutDirection() == Qt.LayoutDirection.RightToLeft
    hint = dialog.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 768 - 60
