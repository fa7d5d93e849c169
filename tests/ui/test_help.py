"""Help ▸ User guide (F1) and Help ▸ Keyboard shortcuts (Ctrl+?), generated from the actions."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QKeySequence

import siec_desk.ui as ui_package
from siec_desk.ui.app.help_guide import GuideDialog, guide_path
from siec_desk.ui.app.help_shortcuts import PANEL_SHORTCUTS, ShortcutsDialog, native, plain
from siec_desk.ui.app.main_window import MainWindow
from siec_desk.ui.kit.context import UiContext

pytestmark = pytest.mark.ui


def _window(qtbot: Any, ui: UiContext) -> MainWindow:
    window = MainWindow(ui)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_f1_opens_the_guide_in_the_ui_language(qtbot: Any, ui: UiContext) -> None:
    window = _window(qtbot, ui)
    assert window.findChild(QAction, "action.guide").shortcut() == QKeySequence("F1")
    window.activateWindow()
    window.nav.setFocus()
    qtbot.waitUntil(window.nav.hasFocus)
    qtbot.keyClick(window.nav, Qt.Key.Key_F1)
    dialog = window.help.guide_dialog
    assert isinstance(dialog, GuideDialog)
    qtbot.waitUntil(dialog.isVisible)
    assert Path(dialog.browser.source().toLocalFile()) == guide_path("en")
    assert "User guide" in dialog.browser.toPlainText()


def test_f1_in_arabic_opens_the_arabic_guide(qtbot: Any, ui: UiContext, arabic: None) -> None:
    window = _window(qtbot, ui)
    window.findChild(QAction, "action.guide").trigger()
    dialog = window.help.guide_dialog
    assert isinstance(dialog, GuideDialog)
    assert Path(dialog.browser.source().toLocalFile()) == guide_path("ar")
    assert "دليل الاستخدام" in dialog.browser.toPlainText()


def test_contents_links_open_their_section_and_the_browser_button_the_file(
    qtbot: Any, ui: UiContext, dialogs: Any
) -> None:
    dialog = GuideDialog(ui, None, "fr")
    qtbot.addWidget(dialog)
    dialog.resize(800, 500)
    dialog.show()
    qtbot.waitExposed(dialog)
    bar = dialog.browser.verticalScrollBar()
    assert bar.value() == 0
    dialog.follow(QUrl("#backups"))  # what a click on the last contents line sends
    qtbot.waitUntil(lambda: bar.value() > 0)
    at_backups = bar.value()
    qtbot.keyClick(dialog.browser, Qt.Key.Key_PageUp)  # the keyboard scrolls it
    qtbot.waitUntil(lambda: bar.value() < at_backups)
    up = bar.value()
    qtbot.keyClick(dialog.browser, Qt.Key.Key_PageDown)
    qtbot.waitUntil(lambda: bar.value() > up)
    qtbot.mouseClick(dialog.browser_button, Qt.MouseButton.LeftButton)
    assert dialogs.opened == [guide_path("fr")]


def test_the_guides_shortcuts_link_and_ctrl_question_open_the_shortcuts(
    qtbot: Any, ui: UiContext, monkeypatch: Any
) -> None:
    opened: list[ShortcutsDialog] = []
    monkeypatch.setattr(ShortcutsDialog, "exec", lambda self: opened.append(self) or 0)
    window = _window(qtbot, ui)
    window.help.open_guide()
    assert window.help.guide_dialog is not None
    window.help.guide_dialog.follow(QUrl("siec:shortcuts"))
    assert len(opened) == 1
    action = window.findChild(QAction, "action.shortcuts")
    assert action.shortcut() == QKeySequence("Ctrl+?")
    window.activateWindow()
    window.nav.setFocus()
    qtbot.waitUntil(window.nav.hasFocus)
    # Ctrl+Shift+/ on a US keyboard: the platform's key mapper offers it as Ctrl+?
    qtbot.keyClick(window.nav, Qt.Key.Key_Question, Qt.KeyboardModifier.ControlModifier)
    assert len(opened) == 2


def test_every_window_action_with_a_shortcut_is_listed(qtbot: Any, ui: UiContext) -> None:
    window = _window(qtbot, ui)
    window.show_page("activity")  # a view with actions of its own
    listed = ShortcutsDialog(window).listed()
    actions = [a for a in window.findChildren(QAction) if a.shortcuts()]
    assert len(actions) >= 15
    for action in actions:
        assert (plain(action.text()), native(action.shortcuts())) in listed, action.text()
    assert ("Undo", native([QKeySequence(QKeySequence.StandardKey.Undo)])) in listed
    assert ("Find a household", native([QKeySequence(QKeySequence.StandardKey.Find)])) in listed


def test_a_new_action_appears_without_editing_the_list(qtbot: Any, ui: UiContext) -> None:
    window = _window(qtbot, ui)
    action = QAction("&Frobnicate && polish", window)
    action.setShortcut(QKeySequence("Ctrl+Alt+J"))
    window.addAction(action)
    listed = ShortcutsDialog(window).listed()
    assert ("Frobnicate & polish", native([QKeySequence("Ctrl+Alt+J")])) in listed


# -- the dialogs' and panels' own shortcuts, read from the sources ---------------------------
_WINDOW_LEVEL = {"app/main_window.py", "app/help_menu.py", "app/help_shortcuts.py", "kit/undo.py"}


def _portable(keys: object) -> str:
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.PortableText)  # type: ignore[call-overload]


def _keys_in(tree: ast.Module) -> set[str]:
    """Keys given literally to QKeySequence(...) or QShortcut(...) in a module."""
    dicts = {
        target.id: [v.value for v in node.value.values if isinstance(v, ast.Constant)]
        for node in tree.body
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    found: set[str] = set()
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and node.args):
            continue
        name = getattr(node.func, "id", getattr(node.func, "attr", ""))
        if name not in ("QKeySequence", "QShortcut"):
            continue
        arg = node.args[0]
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            found.add(_portable(arg.value))
        elif isinstance(arg, ast.Attribute) and getattr(arg.value, "attr", "") == "StandardKey":
            found.add(_portable(getattr(QKeySequence.StandardKey, arg.attr)))
        elif isinstance(arg, ast.Subscript) and isinstance(arg.value, ast.Name):
            found.update(_portable(v) for v in dicts.get(arg.value.id, []))
    return found


def test_every_shortcut_of_a_dialog_or_panel_is_in_the_list() -> None:
    root = Path(ui_package.__file__).parent
    documented: dict[str, set[str]] = {}
    for shortcut in PANEL_SHORTCUTS:
        documented.setdefault(shortcut.module, set()).add(_portable(shortcut.keys))
    checked = 0
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root).as_posix()
        source = path.read_text(encoding="utf-8")
        if relative in _WINDOW_LEVEL or (
            "QShortcut(" not in source and "setShortcut" not in source
        ):
            continue
        module = relative.removesuffix(".py").replace("/", ".")
        keys = _keys_in(ast.parse(source))
        missing = keys - documented.get(module, set())
        assert not missing, f"{module}: add {sorted(missing)} to PANEL_SHORTCUTS"
        checked += 1
    assert checked >= 5
    assert set(documented) <= {
        p.relative_to(root).as_posix().removesuffix(".py").replace("/", ".")
        for p in root.rglob("*.py")
    }


def test_shortcuts_read_whole_in_arabic(qtbot: Any, ui: UiContext, arabic: None) -> None:
    from siec_desk.ui.kit.keys import key_text

    assert key_text("Ctrl+N") == "\u2066Ctrl+N\u2069"  # never "CtrlN"
    window = _window(qtbot, ui)
    listed = dict(ShortcutsDialog(window).listed())
    assert "\u2066Ctrl+Shift+E\u2069" in listed.values() or "\u2066Ctrl+E\u2069" in listed.values()
