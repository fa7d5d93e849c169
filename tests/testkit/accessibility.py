"""What an assistive tool needs from every widget a user can reach: a stable identifier
(``accessibleIdentifier``), checked on any window or page."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QMenuBar,
    QTabWidget,
    QWidget,
)

_INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
    QTabWidget,
)
#: Widgets whose parts are theirs: a line edit's clear button, a tab widget's bar and
#: its scroll arrows (the tab widget carries the id), the menu bar's overflow button.
_COMPOSITE = (
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
    QLineEdit,
    QTabWidget,
    QMenuBar,
)


def unnamed_interactive_widgets(root: QWidget) -> list[str]:
    """Focusable widgets without a stable identifier (the parts of a combo, spin box,
    list or line edit belong to it and are skipped)."""
    missing = []
    for widget in root.findChildren(QWidget):
        parent = widget.parentWidget()
        inside = False
        while parent is not None and parent is not root:
            inside = inside or isinstance(parent, _COMPOSITE)
            parent = parent.parentWidget()
        focusable = bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        if inside or not (focusable or isinstance(widget, _INTERACTIVE)):
            continue
        if not widget.accessibleIdentifier():
            missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return missing
