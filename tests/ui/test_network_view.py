"""File ▸ Network statistics: the coordinator imports centres' files through the file
dialog, sees the merged tables and charts by country, centre and month, is told which
files were refused, writes the report; Arabic is mirrored."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from testkit.coordinator import centre_export, grand_total

from siec_desk.ui.app.main_window import MainWindow
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.network.window import NetworkWindow


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[Path]]:
    folder = tmp_path_factory.mktemp("centres")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SIEC_DESK_HOME", str(tmp_path_factory.mktemp("home")))
        yield [
            *centre_export(folder, "FR", "FR-01", 1, households=120),
            *centre_export(folder, "MA", "MA-01", 2, households=120),
            *centre_export(folder, "MA", "MA-02", 3, households=120),
        ]


def _window(qtbot: Any, ui: UiContext, path: Path) -> NetworkWindow:
    window = NetworkWindow(ui, path=path)
    qtbot.addWidget(window)
    window.show()
    return window


def _column(table: Any, column: int) -> list[str]:
    return [table.item(r, column).text() for r in range(table.rowCount())]


def _consultations(path: Path) -> int:
    value = grand_total(path, "consultations_by_month_mode", "consultations")
    assert isinstance(value, int)
    return value


def test_import_through_the_dialog_fills_the_tables(
    qtbot: Any, ui: UiContext, files: list[Path], tmp_path: Path
) -> None:
    network = tmp_path / "network.sqlite3"
    window = _window(qtbot, ui, network)
    assert "No centre file imported yet" in window.status.text()
    assert not window.report_button.isEnabled()
    assert not network.exists()  # nothing created until something is imported

    ui.dialogs.files_answers.append([str(f) for f in files])  # type: ignore[attr-defined]
    window.import_button.click()
    assert network.exists()
    assert "3 centres" in window.status.text()
    assert ui.dialogs.kinds() == ["open_files"]  # type: ignore[attr-defined]

    centres = window.by_centre.table
    assert _column(centres, 0) == ["FR-01", "MA-01", "MA-02"]
    assert _column(centres, 2) == [f"{_consultations(f):,}" for f in files]
    countries = window.by_country.table
    assert _column(countries, 0) == ["France", "Morocco", "Network"]
    assert _column(countries, 2)[1] == f"{_consultations(files[1]) + _consultations(files[2]):,}"
    assert window.by_month.table.rowCount() == 12
    assert window.by_country.chart.category_count() == 2  # the network row is not charted
    assert window.by_centre.chart.category_count() == 3
    assert window.imports.rowCount() == 3
    assert window.report_button.isEnabled()


def test_refused_files_are_named_and_the_good_ones_kept(
    qtbot: Any, ui: UiContext, files: list[Path], tmp_path: Path
) -> None:
    cut = tmp_path / "cut.json"
    cut.write_bytes(files[0].read_bytes()[:500])
    window = _window(qtbot, ui, tmp_path / "network.sqlite3")
    ui.dialogs.files_answers.append([str(cut), str(files[1])])  # type: ignore[attr-defined]
    window.import_button.click()
    [(_kind, text)] = [c for c in ui.dialogs.calls if c[0] == "error"]  # type: ignore[attr-defined]
    assert "1 file imported." in text and "cut.json" in text and "truncated" in text
    assert _column(window.by_centre.table, 0) == ["MA-01"]


def test_replacing_a_centres_figures_is_confirmed_with_the_earlier_file_shown(
    qtbot: Any, ui: UiContext, files: list[Path], tmp_path: Path
) -> None:
    """Anyone can write MA-01's code in a file: the coordinator sees which file of which
    centre and country it would replace, and decides."""
    import json

    window = _window(qtbot, ui, tmp_path / "network.sqlite3")
    ui.dialogs.files_answers.append([str(files[1])])  # type: ignore[attr-defined]
    window.import_button.click()
    doc = json.loads(files[2].read_text("utf-8"))
    doc["centre"]["network_code"] = "MA-01"
    fake = tmp_path / "fake.json"
    fake.write_text(json.dumps(doc), "utf-8")
    for answer in (False, True):
        ui.dialogs.calls.clear()  # type: ignore[attr-defined]
        ui.dialogs.confirm_answers.append(answer)  # type: ignore[attr-defined]
        ui.dialogs.files_answers.append([str(fake)])  # type: ignore[attr-defined]
        window.import_button.click()
        [(_kind, question)] = [c for c in ui.dialogs.calls if c[0] == "confirm"]  # type: ignore[attr-defined]
        assert files[1].name in question and "MA-01" in question and "Morocco" in question
        errors = [c for c in ui.dialogs.calls if c[0] == "error"]  # type: ignore[attr-defined]
        assert bool(errors) == (not answer)
        expected = _consultations(files[1]) if not answer else _consultations(files[2])
        assert _column(window.by_centre.table, 2) == [f"{expected:,}"]


def test_the_report_is_written_where_chosen(
    qtbot: Any, ui: UiContext, files: list[Path], tmp_path: Path
) -> None:
    window = _window(qtbot, ui, tmp_path / "network.sqlite3")
    ui.dialogs.files_answers.append([str(f) for f in files])  # type: ignore[attr-defined]
    window.import_button.click()
    out = tmp_path / "report.xlsx"
    ui.dialogs.file_answers.append(str(out))  # type: ignore[attr-defined]
    window.report_button.click()
    assert "Report written to" in window.status.text()
    book = load_workbook(out)
    assert "By country" in book.sheetnames


def test_a_centre_database_is_refused_as_network_database(qtbot: Any, ui: UiContext) -> None:
    centre = ui.app.db.path
    assert centre is not None
    window = _window(qtbot, ui, centre)
    [(kind, text)] = ui.dialogs.calls  # type: ignore[attr-defined]
    assert kind == "error" and "centre's database" in text
    assert window.content is None


def test_the_file_menu_opens_the_network_window(
    qtbot: Any, ui: UiContext, monkeypatch: Any
) -> None:
    opened: list[NetworkWindow] = []
    monkeypatch.setattr(NetworkWindow, "exec", lambda self: opened.append(self) or 0)
    window = MainWindow(ui)
    qtbot.addWidget(window)
    action = window.findChild(QAction, "action.network")
    assert action is not None
    action.trigger()
    assert len(opened) == 1


def test_arabic_window_is_mirrored(
    qtbot: Any, ui: UiContext, files: list[Path], tmp_path: Path, arabic: None
) -> None:
    window = _window(qtbot, ui, tmp_path / "network.sqlite3")
    ui.dialogs.files_answers.append([str(f) for f in files])  # type: ignore[attr-defined]
    window.import_button.click()
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert _column(window.by_country.table, 0)[1] == "المغرب"
    assert window.path_label.text().startswith("\u2066")  # the path reads left to right


def test_the_network_screenshot_shows_the_window(tmp_path: Path, capsys: Any) -> None:
    from PySide6.QtGui import QImage

    from siec_desk.cli import main

    out = tmp_path / "network.png"
    code = main(["--db", str(tmp_path / "c.sqlite3"), "screenshot", "--view", "network",
                 "--out", str(out), "--size", "1024x700"])  # fmt: skip
    assert code == 0, capsys.readouterr().err
    assert QImage(str(out)).width() == 1000  # the network window, not the main window


def test_the_pdf_report_is_previewed_then_saved_as(
    qtbot: Any, ui: UiContext, files: list[Path], tmp_path: Path
) -> None:
    """Report… as PDF: rendered by the document worker, shown with its pages, saved where
    the coordinator chooses."""
    window = _window(qtbot, ui, tmp_path / "network.sqlite3")
    ui.dialogs.files_answers.append([str(f) for f in files])  # type: ignore[attr-defined]
    window.import_button.click()
    ui.dialogs.file_answers.append(str(tmp_path / "network-report.pdf"))  # type: ignore[attr-defined]
    window.report_button.click()
    dialog = window.preview_dialog
    assert dialog is not None and dialog.objectName() == "network.report.preview_dialog"
    qtbot.waitUntil(lambda: dialog.state == "ready", timeout=120_000)
    assert dialog.rendered is not None
    assert dialog.preview.document.pageCount() == dialog.rendered.pages >= 2
    assert dialog.preview.status.text() == f"{dialog.rendered.pages} pages"
    out = tmp_path / "saved" / "network.pdf"
    out.parent.mkdir()
    ui.dialogs.file_answers.append(str(out.with_suffix("")))  # type: ignore[attr-defined]
    dialog.save_button.click()
    assert dialog.state == "saved" and out.read_bytes() == dialog.rendered.pdf
    dialog.close()
