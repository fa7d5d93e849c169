"""The Help menu: User guide (F1), Keyboard shortcuts (Ctrl+?) and About.

Kept out of ``main_window.py`` (its size). The guide opens beside the work (not modal),
once, in the UI's language; its link to the shortcuts opens the shortcuts list.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from siec_desk.core.i18n import _
from siec_desk.ui.kit.context import UiContext

if TYPE_CHECKING:
    from siec_desk.ui.app.help_guide import GuideDialog

#: Ctrl+? (Ctrl+Shift+/ on a US keyboard; Qt matches "?" on every layout).
SHORTCUTS_KEY = "Ctrl+?"


def _action(window: QMainWindow, text: str, identifier: str, slot: Callable[[], object]) -> QAction:
    action = QAction(text, window)
    action.setObjectName(identifier)
    action.triggered.connect(slot)
    return action


class HelpActions:
    """The Help menu's actions and the dialogs they open."""

    def __init__(
        self, ui: UiContext, window: QMainWindow, menu: QMenu, about: Callable[[], object]
    ) -> None:
        self.ui = ui
        self.window = window
        self.guide_dialog: GuideDialog | None = None
        self.guide = _action(window, _("&User guide"), "action.guide", self.open_guide)
        self.guide.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        self.shortcuts = _action(
            window, _("&Keyboard shortcuts"), "action.shortcuts", self.open_shortcuts
        )
        self.shortcuts.setShortcut(QKeySequence(SHORTCUTS_KEY))
        menu.addAction(self.guide)
        menu.addAction(self.shortcuts)
        menu.addSeparator()
        menu.addAction(_action(window, _("&About SIEC Desk"), "action.about", about))

    def open_guide(self) -> None:
        from siec_desk.ui.app.help_guide import GuideDialog

        if self.guide_dialog is None:
            self.guide_dialog = GuideDialog(self.ui, self.window)
            self.guide_dialog.shortcuts_requested.connect(self.open_shortcuts)
        self.guide_dialog.show()
        self.guide_dialog.raise_()
        self.guide_dialog.activateWindow()

    def open_shortcuts(self) -> None:
        from siec_desk.ui.app.help_shortcuts import ShortcutsDialog

        ShortcutsDialog(self.window).exec()
