"""The import wizard: a sheet of a layout never seen, mapped by hand, checked, imported."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QLabel,
    QSpinBox,
    QTabBar,
    QWidget,
)
from sqlalchemy import func, select

from siec_desk.importing.mapping import load_mapping
from siec_desk.storage import bulk_import as apply
from siec_desk.storage.models import Consultation, Household
from siec_desk.ui.app.main_window import MainWindow
from siec_desk.ui.import_wizard.wizard import MAPPING, REPORT, SHEET, VALUES, ImportWizard
from siec_desk.ui.kit.context import UiContext

# A layout no guess fully understands: "Qui" and "Quand" mean nothing to the app.
SHEET_LINES = [
    "Registre de l'accueil",
    "Qui;Tél.;Quand;Canal;Objet;Ville",
    "DUPONT Jean;06 12 34 56 78;12/03/2025;Perm.;Isolation;Lyon",
    ";;;;;",
    "MARTIN Éloïse;;31/02/2025;Tél.;Chauffage;Lyon",
    "Qui;Tél.;Quand;Canal;Objet;Ville",
    "DUPONT Jean;0612345678;14/03/2025;Tél.;Aides;Lyon",
]


@pytest.fixture
def sheet(tmp_path: Path) -> Path:
    path = tmp_path / "registre.csv"
    path.write_bytes("\n".join(SHEET_LINES).encode("cp1252"))
    return path


def counts(ui: UiContext) -> tuple[int, int]:
    with ui.app.db.read() as session:
        return (
            int(session.scalar(select(func.count(Household.id))) or 0),
            int(session.scalar(select(func.count(Consultation.id))) or 0),
        )


def open_wizard(qtbot: Any, ui: UiContext, path: Path) -> ImportWizard:
    wizard = ImportWizard(ui)
    qtbot.addWidget(wizard)
    ui.dialogs.file_answers.append(str(path))  # type: ignore[attr-defined]
    wizard.file_page.choose_button.click()
    return wizard


def combo(wizard: ImportWizard, identifier: str) -> QComboBox:
    found = wizard.findChild(QComboBox, identifier)
    assert found is not None, identifier
    return found


def choose(box: QComboBox, data: str) -> None:
    index = box.findData(data)
    assert index >= 0, data
    box.setCurrentIndex(index)


def map_and_check(wizard: ImportWizard) -> None:
    """Columns mapped by hand, the unknown value given a code, then the dry run."""
    wizard.next_button.click()
    assert wizard.page() == SHEET
    assert wizard.sheet_page.header_row.value() == 2
    wizard.next_button.click()
    assert wizard.page() == MAPPING
    assert combo(wizard, "import.column.1").currentData() == "phone"  # "Tél." was guessed
    assert combo(wizard, "import.column.0").currentData() is None  # "Qui" was not
    choose(combo(wizard, "import.column.0"), "full_name")
    choose(combo(wizard, "import.column.2"), "date")
    wizard.next_button.click()
    assert wizard.page() == VALUES
    values = wizard.values_page
    first = values.infos[0]
    assert (first.field, first.value, first.how) == ("mode", "Perm.", "unknown")
    choose(combo(wizard, "import.value.0"), "walk_in")
    wizard.next_button.click()
    assert wizard.page() == REPORT


def test_a_new_layout_imports_after_mapping_and_a_second_import_adds_nothing(
    qtbot: Any, ui: UiContext, sheet: Path
) -> None:
    wizard = open_wizard(qtbot, ui, sheet)
    assert "Windows-1252" in wizard.file_page.path.text()
    map_and_check(wizard)

    report = wizard.report
    assert report is not None and report.dry_run
    table = wizard.report_page.rejected
    assert table.rowCount() == 1
    assert table.item(0, 0).data(Qt.ItemDataRole.AccessibleTextRole) == "5"
    assert "31/02/2025" in table.item(0, 2).text()
    assert (report.households_new, report.consultations_new) == (1, 2)
    assert counts(ui) == (0, 0)  # the dry run wrote nothing

    changed: list[str] = []
    ui.events.households_changed.connect(lambda: changed.append("households"))
    ui.dialogs.confirm_answers.append(True)  # type: ignore[attr-defined]
    wizard.run_button.click()
    assert counts(ui) == (1, 2)
    assert changed == ["households"]
    assert wizard.imported is not None and wizard.imported.backup
    assert not wizard.run_button.isVisible()
    assert wizard.close_button.text() == "Close"
    mode = {c.mode for c in ui.app.consultations.between()}
    assert mode == {"walk_in", "phone"}

    # The same file again, with the mapping saved the first time
    mapping_file = sheet.with_name("registre.json")
    ui.dialogs.file_answers.append(str(mapping_file))  # type: ignore[attr-defined]
    wizard.save_button.click()
    assert load_mapping(mapping_file).values == {"mode": {"Perm.": "walk_in"}}
    second = open_wizard(qtbot, ui, sheet)
    ui.dialogs.file_answers.append(str(mapping_file))  # type: ignore[attr-defined]
    second.file_page.mapping_button.click()
    second.next_button.click()
    second.next_button.click()
    assert combo(second, "import.column.0").currentData() == "full_name"
    second.next_button.click()
    second.next_button.click()
    assert second.report is not None
    assert (second.report.households_new, second.report.consultations_new) == (0, 0)
    assert not second.run_button.isEnabled()  # nothing to import


def test_choices_survive_going_back_and_forth(qtbot: Any, ui: UiContext, sheet: Path) -> None:
    wizard = open_wizard(qtbot, ui, sheet)
    map_and_check(wizard)
    wizard.back_button.click()  # values
    wizard.back_button.click()  # columns
    wizard.back_button.click()  # sheet
    wizard.next_button.click()
    assert combo(wizard, "import.column.0").currentData() == "full_name"
    wizard.next_button.click()
    assert combo(wizard, "import.value.0").currentText() == "Walk-in at the centre"
    wizard.next_button.click()
    assert wizard.report is not None and wizard.report.rejected_lines == [5]


def test_cancelling_the_import_writes_nothing(
    qtbot: Any, ui: UiContext, sheet: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(apply, "CHUNK", 1)
    wizard = open_wizard(qtbot, ui, sheet)
    map_and_check(wizard)

    def cancel_while_writing(_done: int, _total: int, phase: str) -> None:
        if phase == "write":
            wizard.work.cancel_button.click()

    wizard.work.step.connect(cancel_while_writing)
    ui.dialogs.confirm_answers.append(True)  # type: ignore[attr-defined]
    wizard.run_button.click()
    assert counts(ui) == (0, 0)
    assert ("info", "Import cancelled: nothing was written.") in ui.dialogs.calls  # type: ignore[attr-defined]
    assert wizard.imported is None and wizard.run_button.isEnabled()


def test_declining_the_confirmation_imports_nothing(qtbot: Any, ui: UiContext, sheet: Path) -> None:
    wizard = open_wizard(qtbot, ui, sheet)
    map_and_check(wizard)
    wizard.run_button.click()  # the fake dialog answers "Cancel"
    assert counts(ui) == (0, 0)


def test_an_unreadable_file_is_reported(qtbot: Any, ui: UiContext, tmp_path: Path) -> None:
    path = tmp_path / "vieux.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    wizard = open_wizard(qtbot, ui, path)
    assert wizard.table is None and not wizard.next_button.isEnabled()
    [(kind, text)] = ui.dialogs.calls[-1:]  # type: ignore[attr-defined]
    assert kind == "error" and "Save it as .xlsx or .csv" in text


def test_a_zip_bomb_is_refused_in_one_line_before_it_is_read(
    qtbot: Any, ui: UiContext, tmp_path: Path
) -> None:
    from testkit.hostile_files import zip_bomb

    path = tmp_path / "bombe.xlsx"
    path.write_bytes(zip_bomb(20))  # 20 MB of rows in a few hundred KB
    wizard = open_wizard(qtbot, ui, path)
    assert wizard.table is None and not wizard.next_button.isEnabled()
    [(kind, text)] = ui.dialogs.calls[-1:]  # type: ignore[attr-defined]
    assert kind == "error" and "bombe.xlsx" in text and "zip bomb" in text
    assert "\n" not in text


def test_every_control_has_an_identifier_and_a_name(qtbot: Any, ui: UiContext, sheet: Path) -> None:
    wizard = open_wizard(qtbot, ui, sheet)
    map_and_check(wizard)
    missing = []
    for widget in wizard.findChildren(QWidget):
        if not isinstance(widget, QAbstractButton | QComboBox | QSpinBox):
            continue
        if not widget.isVisibleTo(wizard) or isinstance(
            widget.parent(), QAbstractItemView | QTabBar
        ):
            continue  # Qt's own parts (a table's corner button, a tab bar's arrows)
        named = widget.accessibleName() or _buddy_text(wizard, widget)
        if not widget.objectName().startswith("import.") or not named:
            missing.append((type(widget).__name__, widget.objectName()))
    assert missing == []


def _buddy_text(root: QWidget, widget: QWidget) -> str:
    return next((lb.text() for lb in root.findChildren(QLabel) if lb.buddy() is widget), "")


def test_file_menu_opens_the_wizard(qtbot: Any, ui: UiContext, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    opened: list[ImportWizard] = []
    monkeypatch.setattr(ImportWizard, "exec", lambda self: opened.append(self) or 0)
    window = MainWindow(ui)
    qtbot.addWidget(window)
    window.findChild(QAction, "action.import").trigger()
    assert len(opened) == 1


def test_the_wizard_is_right_to_left_in_arabic(
    qtbot: Any, ui: UiContext, sheet: Path, arabic: None
) -> None:
    wizard = open_wizard(qtbot, ui, sheet)
    map_and_check(wizard)
    assert wizard.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert not wizard.report_page.grab().isNull()
