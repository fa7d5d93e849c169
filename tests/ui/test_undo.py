"""Edit ▸ Undo / Redo: one application-wide stack, run through the runner, failures dropped."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLineEdit

from siec_desk.core.errors import ConflictError, NotFoundError
from siec_desk.ui.app.main_window import MainWindow
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.kit.undo import push_undoable, undo_manager, undo_stack

pytestmark = pytest.mark.ui


def _window(qtbot, ui: UiContext) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(ui)
    qtbot.addWidget(window)
    return window


def _actions(window: MainWindow) -> tuple[QAction, QAction]:
    undo = window.findChild(QAction, "action.undo")
    redo = window.findChild(QAction, "action.redo")
    assert isinstance(undo, QAction) and isinstance(redo, QAction)
    return undo, redo


def test_one_stack_per_application(ui: UiContext) -> None:
    assert undo_stack(ui) is undo_stack(ui)
    assert undo_manager(ui) is undo_manager(ui)


def test_undo_and_redo_run_the_callables_and_name_the_change(qtbot, ui: UiContext) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, ui)
    undo, redo = _actions(window)
    assert not undo.isEnabled() and not redo.isEnabled()  # nothing to undo yet
    assert undo.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    assert QKeySequence("Ctrl+Shift+Z") in redo.shortcuts()
    state = {"value": "new"}
    refreshed: list[str] = []
    push_undoable(
        ui,
        "Mark done",
        undo=lambda: state.update(value="old"),
        redo=lambda: state.update(value="new"),
        changed=lambda: refreshed.append(state["value"]),
    )
    assert state["value"] == "new"  # the change was already made: pushing does not redo it
    assert undo.isEnabled() and "Mark done" in undo.text()
    undo.trigger()
    assert state["value"] == "old" and refreshed == ["old"]
    assert not undo.isEnabled() and redo.isEnabled() and "Mark done" in redo.text()
    redo.trigger()
    assert state["value"] == "new" and refreshed == ["old", "new"]
    assert undo.isEnabled() and not redo.isEnabled()


@pytest.mark.parametrize("error", [ConflictError, NotFoundError])
def test_a_failed_undo_says_so_in_one_line_and_drops_the_command(  # type: ignore[no-untyped-def]
    qtbot, ui: UiContext, dialogs, error: type[Exception]
) -> None:
    window = _window(qtbot, ui)
    undo, redo = _actions(window)
    kept: list[str] = []
    push_undoable(ui, "First", undo=lambda: kept.append("first undone"), redo=lambda: None)

    def refuse() -> None:
        raise error("changed since")

    push_undoable(ui, "Second", undo=refuse, redo=lambda: None)
    undo.trigger()
    [(kind, text)] = dialogs.calls
    assert kind == "error" and "Second" in text and "\n" not in text
    stack = undo_stack(ui)
    assert stack.count() == 1 and not redo.isEnabled()  # dropped, not offered as a redo
    assert "First" in undo.text()
    undo.trigger()  # the change beneath is still undoable
    assert kept == ["first undone"]


def test_a_focused_line_edit_keeps_its_own_ctrl_z(qtbot, ui: UiContext) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, ui)
    window.show()
    qtbot.waitExposed(window)
    undone: list[bool] = []
    push_undoable(ui, "Change", undo=lambda: undone.append(True), redo=lambda: None)
    edit = QLineEdit(window.statusBar())
    window.statusBar().addWidget(edit)
    edit.show()
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    qtbot.keyClicks(edit, "abc")
    qtbot.keyClick(edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert edit.text() == ""  # the line edit undid its typing
    assert undone == []  # the window's Undo did not run
    window.nav.setFocus()
    qtbot.waitUntil(window.nav.hasFocus)
    qtbot.keyClick(window.nav, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert undone == [True]  # elsewhere Ctrl+Z is the application's Undo


def test_ctrl_z_brings_back_a_deleted_consultation(qtbot, ui: UiContext, dialogs) -> None:  # type: ignore[no-untyped-def]
    from siec_desk.domain.consultation_records import ConsultationInput, MeasureChoice
    from siec_desk.domain.household_records import HouseholdInput
    from siec_desk.ui.consultations.editor import ConsultationEditor

    household = ui.app.households.create(
        HouseholdInput(first_name="Éloïse", last_name="Martin", commune="Lyon", surface_m2=85)
    )
    saved = ui.app.consultations.add(
        ConsultationInput(
            mode="walk_in",
            themes=("heating", "insulation"),
            household_id=household,
            orientations=("adil",),
            measures=(MeasureChoice("attic_insulation"),),
            notes="Loft is open",
        )
    )
    before = ui.app.consultations.get(saved)
    window = _window(qtbot, ui)
    window.show()
    qtbot.waitExposed(window)
    changed: list[bool] = []
    ui.events.consultations_changed.connect(lambda: changed.append(True))
    editor = ConsultationEditor(ui, saved, None, window)
    qtbot.addWidget(editor)
    editor.show()
    dialogs.confirm_answers = [True]
    qtbot.mouseClick(editor.delete_button, Qt.MouseButton.LeftButton)
    assert editor.deleted
    with pytest.raises(NotFoundError):
        ui.app.consultations.get(saved)
    undo, redo = _actions(window)
    assert undo.isEnabled()
    window.activateWindow()
    window.nav.setFocus()
    qtbot.waitUntil(window.nav.hasFocus)
    qtbot.keyClick(window.nav, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert ui.app.consultations.get(saved) == before  # back, identical
    assert changed  # the pages were told to refresh
    redo.trigger()
    with pytest.raises(NotFoundError):
        ui.app.consultations.get(saved)
