"""What a view shows on an empty database: what to do first, and the buttons to do it.

A page adds an :class:`EmptyState` to its layout with the widgets it stands in for
(*covers*) and calls :meth:`EmptyState.set_empty` once it knows whether there is data:
the message (centred, word-wrapped) and its buttons take the place of those widgets, and
give them back as soon as data exists. Until told, the page looks as usual (no flash of
the message while the first query runs).

Each button triggers one of the main window's actions by its stable name
(``action.new_household``, ``action.import``, ``action.new_consultation``,
``action.guide``), so it does exactly what the menu does; without a main window (a page
tested alone) the buttons are disabled.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from siec_desk.core.i18n import N_, LazyText, _
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.kit.keys import key_text
from siec_desk.ui.widgets.accessible import tag


class EmptyState(QWidget):
    def __init__(
        self,
        identifier: str,
        text: str,
        buttons: Sequence[tuple[str, str]],
        covers: Sequence[QWidget] = (),
    ) -> None:
        """*buttons*: (label, name of the main window's action) pairs, first the default."""
        super().__init__()
        tag(self, identifier)
        self.covers = list(covers)
        self.label = QLabel(text)
        tag(self.label, f"{identifier}.text")
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setMaximumWidth(560)
        self.label.setStyleSheet("font-size: 12pt;")
        self.setAccessibleName(text)
        self.buttons: list[QPushButton] = []
        self.action_names = [action for _label, action in buttons]
        row = QHBoxLayout()
        row.addStretch(1)
        for label, action in buttons:
            button = QPushButton(label)
            tag(button, f"{identifier}.{action.removeprefix('action.')}", label.replace("&", ""))
            button.clicked.connect(lambda _checked=False, a=action: self.trigger(a))
            self.buttons.append(button)
            row.addWidget(button)
        row.addStretch(1)
        centre = QHBoxLayout()
        centre.addStretch(1)
        centre.addWidget(self.label, 4)
        centre.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(centre)
        layout.addSpacing(12)
        layout.addLayout(row)
        layout.addStretch(2)
        self.hide()

    def is_empty(self) -> bool:
        """The message is what the page shows."""
        return not self.isHidden()

    def set_empty(self, empty: bool) -> None:
        """Show the message instead of the covered widgets (or give them back)."""
        if empty == self.is_empty():
            return
        focus = QApplication.focusWidget()
        had_focus = focus is not None and any(
            w is focus or w.isAncestorOf(focus) for w in [*self.covers, self]
        )
        for widget in self.covers:
            widget.setVisible(not empty)
        self.setVisible(empty)
        for button, action in zip(self.buttons, self.action_names, strict=True):
            button.setEnabled(self._find(action) is not None)
        if had_focus and empty:
            self.focus()

    def focus(self) -> bool:
        """Focus the first button if the message is shown (the page's first stop)."""
        if not self.is_empty() or not self.buttons:
            return False
        self.buttons[0].setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def _find(self, action: str) -> QAction | None:
        found = self.window().findChild(QAction, action)
        return found if isinstance(found, QAction) else None

    def trigger(self, action: str) -> None:
        """What the button does: the main window's action of that name."""
        found = self._find(action)
        if found is not None and found.isEnabled():
            found.trigger()


def check_empty(ui: UiContext, state: EmptyState, *, households: bool = False) -> None:
    """Ask on the DB thread whether the centre has no consultation yet (and, with
    *households*, no household either), and show or hide *state* accordingly."""
    app = ui.app

    def work() -> bool:
        if app.consultations.between(limit=1):
            return False
        return not households or not app.households.page(0, 1)

    ui.runner.run(work, state.set_empty)


# -- the messages of the views -------------------------------------------------------------
_NEW_HOUSEHOLD = (N_("&New household…"), "action.new_household")
_IMPORT = (N_("&Import from a spreadsheet…"), "action.import")
_LOG = (N_("&Log a consultation…"), "action.new_consultation")
_GUIDE = (N_("&User guide"), "action.guide")


def _buttons(*pairs: tuple[LazyText, str]) -> list[tuple[str, str]]:
    return [(str(label), action) for label, action in pairs]


def today_empty(covers: Sequence[QWidget]) -> EmptyState:
    text = _(
        "Welcome to SIEC Desk. Nothing is recorded yet: note a call with the quick-log "
        "line above, create a first household ({new}) or import a spreadsheet. The user "
        "guide ({guide}) shows an advisor's day step by step."
    ).format(new=key_text("Ctrl+N"), guide=key_text("F1"))
    return EmptyState("today.empty", text, _buttons(_NEW_HOUSEHOLD, _IMPORT, _GUIDE), covers)


def households_empty(covers: Sequence[QWidget]) -> EmptyState:
    text = _(
        "No household yet. Create the first one ({new}) or import a spreadsheet of "
        "households (File ▸ Import from a spreadsheet…)."
    ).format(new=key_text("Ctrl+N"))
    return EmptyState("households.empty", text, _buttons(_NEW_HOUSEHOLD, _IMPORT), covers)


def consultations_empty(covers: Sequence[QWidget]) -> EmptyState:
    text = _(
        "No consultation yet. Log the first one ({log}); a short call can also be noted "
        "in a few keystrokes on the Today view ({today})."
    ).format(log=key_text("Ctrl+L"), today=key_text("Ctrl+1"))
    return EmptyState("consultations.empty", text, _buttons(_LOG), covers)


def activity_empty(covers: Sequence[QWidget]) -> EmptyState:
    text = _(
        "Nothing to count yet: the activity figures and the monthly report appear here "
        "once consultations are logged ({log})."
    ).format(log=key_text("Ctrl+L"))
    return EmptyState("activity.empty", text, _buttons(_LOG), covers)
