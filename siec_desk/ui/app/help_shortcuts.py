"""Help ▸ Keyboard shortcuts (Ctrl+?): every shortcut, generated so the list cannot drift.

The first groups are read from the main window itself: each menu's actions that have a
shortcut (text without its "&", keys in the platform's own notation), then any other
action of the window with a shortcut (e.g. the Activity view's exports). Shortcuts that
live in dialogs and panels, which do not exist until opened, are listed in
:data:`PANEL_SHORTCUTS` with the module that defines them;
``tests/ui/test_help.py`` reads the sources of ``siec_desk/ui`` and fails when a
``QShortcut``/``setShortcut`` there is missing from that list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QMainWindow,
    QMenu,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from siec_desk.core.i18n import N_, LazyText, _
from siec_desk.ui.kit.base import Page
from siec_desk.ui.kit.keys import key_text
from siec_desk.ui.widgets.accessible import tag
from siec_desk.ui.widgets.builders import button_row

Keys = str | QKeySequence.StandardKey


@dataclass(frozen=True)
class PanelShortcut:
    """A shortcut of a dialog or panel: *module* (under ``siec_desk.ui``) defines it."""

    module: str
    where: LazyText
    what: LazyText
    keys: Keys


_EDITOR = N_("Consultation")
_LETTER = N_("Letter")
PANEL_SHORTCUTS: tuple[PanelShortcut, ...] = (
    PanelShortcut("consultations.layout", _EDITOR, N_("Save"), QKeySequence.StandardKey.Save),
    PanelShortcut("consultations.layout", _EDITOR, N_("Write its letter"), "Ctrl+L"),
    PanelShortcut("consultations.measures_panel", _EDITOR, N_("Move the measure up"), "Alt+Up"),
    PanelShortcut("consultations.measures_panel", _EDITOR, N_("Move the measure down"), "Alt+Down"),
    PanelShortcut(
        "consultations.measures_panel",
        _EDITOR,
        N_("Remove the measure"),
        QKeySequence.StandardKey.Delete,
    ),
    PanelShortcut("households.form", N_("Household"), N_("Save"), QKeySequence.StandardKey.Save),
    PanelShortcut("letters.dialog", _LETTER, N_("Save the letter"), QKeySequence.StandardKey.Save),
    PanelShortcut("letters.dialog", _LETTER, N_("Print"), QKeySequence.StandardKey.Print),
    PanelShortcut(
        "letters.dialog", _LETTER, N_("Update the preview"), QKeySequence.StandardKey.Refresh
    ),
    PanelShortcut(
        "letters.settings", N_("Letter settings"), N_("Save"), QKeySequence.StandardKey.Save
    ),
    PanelShortcut(
        "letters.settings",
        N_("Letter settings"),
        N_("Update the preview"),
        QKeySequence.StandardKey.Refresh,
    ),
    PanelShortcut("activity.export", N_("Activity"), N_("Export the report as PDF"), "Ctrl+E"),
    PanelShortcut(
        "activity.export", N_("Activity"), N_("Export the report as Excel"), "Ctrl+Shift+E"
    ),
)


@dataclass(frozen=True)
class ShortcutRow:
    group: str
    what: str
    keys: str


def plain(text: str) -> str:
    """A menu text without its mnemonic ("&Find" → "Find", "&&" → "&")."""
    return re.sub(r"&(&?)", r"\1", text)


def native(sequences: list[QKeySequence]) -> str:
    """Key sequences as the platform writes them, isolated for right-to-left text."""
    return ", ".join(key_text(s) for s in sequences if not s.isEmpty())


def _menu_rows(menu: QMenu, group: str, seen: set[QAction]) -> list[ShortcutRow]:
    rows = []
    for action in menu.actions():
        sub = action.menu()
        if isinstance(sub, QMenu):
            rows += _menu_rows(sub, group, seen)
        elif action.shortcuts():
            seen.add(action)
            rows.append(ShortcutRow(group, plain(action.text()), native(action.shortcuts())))
    return rows


def window_shortcuts(window: QMainWindow) -> list[ShortcutRow]:
    """Every action of *window* with a shortcut: by menu, then the others."""
    seen: set[QAction] = set()
    rows: list[ShortcutRow] = []
    for bar_action in window.menuBar().actions():
        menu = bar_action.menu()
        if isinstance(menu, QMenu):
            rows += _menu_rows(menu, plain(menu.title()), seen)
    for action in window.findChildren(QAction):
        if action not in seen and action.shortcuts() and action.menu() is None:
            seen.add(action)
            rows.append(
                ShortcutRow(_owner(action), plain(action.text()), native(action.shortcuts()))
            )
    return rows


def _owner(action: QAction) -> str:
    """The title of the view an action belongs to (its shortcut works there)."""
    owner = action.parent()
    while owner is not None and not isinstance(owner, Page):
        owner = owner.parent()
    return owner.title() if isinstance(owner, Page) else _("Views")


def panel_shortcuts() -> list[ShortcutRow]:
    return [
        ShortcutRow(str(s.where), str(s.what), native([QKeySequence(s.keys)]))
        for s in PANEL_SHORTCUTS
    ]


class ShortcutsDialog(QDialog):
    """The list, grouped by menu and by window, to read and scroll with the keyboard."""

    def __init__(self, window: QMainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        tag(self, "help.shortcuts", _("Keyboard shortcuts"))
        self.setWindowTitle(_("Keyboard shortcuts"))
        self.tree = QTreeWidget()
        tag(self.tree, "help.shortcuts.list", _("Keyboard shortcuts"))
        self.tree.setHeaderLabels([_("Command"), _("Shortcut")])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        shown = window_shortcuts(window)
        known = {(row.group, row.keys) for row in shown}  # a built view's own actions
        self.rows = shown + [r for r in panel_shortcuts() if (r.group, r.keys) not in known]
        groups: dict[str, QTreeWidgetItem] = {}
        for row in self.rows:
            group = groups.get(row.group)
            if group is None:
                group = groups[row.group] = QTreeWidgetItem(self.tree, [row.group])
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
                group.setFirstColumnSpanned(True)
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            QTreeWidgetItem(group, [row.what, row.keys])
        self.tree.expandAll()
        close = QPushButton(_("Close"))
        tag(close, "help.shortcuts.close", _("Close"))
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addLayout(button_row(close))
        self.resize(560, 600)
        self.tree.setFocus()

    def listed(self) -> list[tuple[str, str]]:
        """(command, shortcut) as shown, in order (tests, screen readers)."""
        return [(row.what, row.keys) for row in self.rows]
