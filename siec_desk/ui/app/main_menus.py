"""The main window's menus: every action with its stable id and shortcut (Help ▸
Keyboard shortcuts lists them from here)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

from siec_desk.core import i18n
from siec_desk.core.i18n import _
from siec_desk.ui.app.help_menu import HelpActions
from siec_desk.ui.kit.undo import undo_manager

if TYPE_CHECKING:
    from siec_desk.ui.app.main_window import MainWindow


def _action(
    window: MainWindow,
    text: str,
    identifier: str,
    shortcut: QKeySequence | QKeySequence.StandardKey | str | None,
    slot: Callable[..., object],  # triggered(checked) or a no-argument slot
) -> QAction:
    action = QAction(text, window)
    action.setObjectName(identifier)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(slot)
    return action


def build_menus(window: MainWindow) -> HelpActions:
    """File, Edit, View, Settings, Centre and Help, every entry with its id and shortcut."""
    bar = window.menuBar()
    file_menu = bar.addMenu(_("&File"))
    file_menu.addAction(
        _action(
            window,
            _("&New household…"),
            "action.new_household",
            QKeySequence.StandardKey.New,
            window.new_household,
        )
    )
    file_menu.addAction(
        _action(
            window,
            _("&Log a consultation…"),
            "action.new_consultation",
            "Ctrl+L",
            lambda: window.new_consultation(window.selected_household()),
        )
    )
    file_menu.addSeparator()
    file_menu.addAction(
        _action(
            window,
            _("&Import from a spreadsheet…"),
            "action.import",
            None,
            window.import_spreadsheet,
        )
    )
    file_menu.addAction(_action(window, _("&Backups…"), "action.backups", None, window.backups))
    file_menu.addAction(
        _action(
            window, _("&Network statistics (coordinator)…"), "action.network", None, window.network
        )
    )
    file_menu.addSeparator()
    file_menu.addAction(
        _action(window, _("&Quit"), "action.quit", QKeySequence.StandardKey.Quit, window.close)
    )
    edit_menu = bar.addMenu(_("&Edit"))
    undo_manager(window.ui).add_to(edit_menu)
    edit_menu.addAction(
        _action(
            window,
            _("&Find a household"),
            "action.find",
            QKeySequence.StandardKey.Find,
            window.find_household,
        )
    )
    view_menu = bar.addMenu(_("&View"))
    for index, page in enumerate(window.pages):
        view_menu.addAction(
            _action(
                window,
                page.title(),
                f"action.view.{page.key}",
                f"Ctrl+{index + 1}",
                lambda _c=False, k=page.key: window.show_page(k),
            )
        )
    view_menu.addAction(
        _action(
            window,
            _("&Refresh"),
            "action.refresh",
            QKeySequence.StandardKey.Refresh,
            window.refresh_current,
        )
    )
    settings_menu = bar.addMenu(_("&Settings"))
    language_menu = settings_menu.addMenu(_("&Language"))
    for code, name in (("en", "English"), ("fr", "Français"), ("ar", "العربية")):
        action = _action(
            window,
            name,
            f"action.language.{code}",
            None,
            lambda _c=False, c=code: window.change_language(c),
        )
        action.setCheckable(True)
        action.setChecked(code == i18n.current_language())
        language_menu.addAction(action)
    settings_menu.addAction(
        _action(window, _("Change &advisor…"), "action.advisor", None, window.change_advisor)
    )
    centre_menu = bar.addMenu(_("&Centre"))
    centre_menu.addAction(
        _action(
            window, _("&Letter settings…"), "action.letter_settings", None, window.letter_settings
        )
    )
    centre_menu.addAction(
        _action(
            window, _("E-&mail settings…"), "action.email_settings", None, window.email_settings
        )
    )
    centre_menu.addAction(
        _action(window, _("&Parameters…"), "action.parameters", None, window.parameters)
    )

    def act_types() -> None:
        from siec_desk.ui.admin.act_types_dialog import open_act_types  # not at start-up

        open_act_types(window.ui, window)

    centre_menu.addAction(_action(window, _("Act &types…"), "action.act_types", None, act_types))
    centre_menu.addSeparator()
    centre_menu.addAction(
        _action(window, _("&Retention and privacy…"), "action.retention", None, window.retention)
    )
    centre_menu.addAction(_action(window, _("&Audit trail…"), "action.audit", None, window.audit))
    centre_menu.addSeparator()
    centre_menu.addAction(
        _action(
            window,
            _("&Export for the network…"),
            "action.network_export",
            None,
            window.network_export,
        )
    )
    return HelpActions(window.ui, window, bar.addMenu(_("&Help")), window.about)
