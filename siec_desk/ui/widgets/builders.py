"""Small builders for the widgets every dialog repeats: a tagged button wired to its
slot, a row of buttons, a read-only table, a text label, a scroll area, a splitter,
a keyboard (Tab) order and a debounce timer.

Each does exactly the calls the dialogs made by hand, so a dialog built with them looks
and behaves as before; the options say where the dialogs differ on purpose.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QWidget,
)

from siec_desk.ui.widgets.accessible import tag


def push_button(
    text: str,
    identifier: str,
    name: str | None = None,
    *,
    on_click: Callable[[], object] | None = None,
) -> QPushButton:
    """A button with its stable identifier (and spoken *name*), calling *on_click*."""
    button = QPushButton(text)
    tag(button, identifier, name)
    if on_click is not None:
        button.clicked.connect(on_click)
    return button


def button_row(*trailing: QWidget, leading: Sequence[QWidget] = ()) -> QHBoxLayout:
    """*leading* widgets at the start of the row, a stretch, then *trailing* at its end."""
    row = QHBoxLayout()
    for widget in leading:
        row.addWidget(widget)
    row.addStretch(1)
    for widget in trailing:
        row.addWidget(widget)
    return row


def natural_width(widget: QWidget) -> QHBoxLayout:
    """A form field at its natural width (a spin box need not span the dialog)."""
    return button_row(leading=[widget])


def read_only_table(
    columns: int | Sequence[str],
    identifier: str,
    name: str,
    *,
    selection: QAbstractItemView.SelectionMode | None = None,
    striped: bool = True,
    tab_in_cells: bool = False,
) -> QTableWidget:
    """A table to read and pick whole rows from: no editing, no row numbers.

    *columns* is a count or the column titles; *selection* overrides Qt's (extended)
    selection mode; *tab_in_cells* keeps Tab moving from cell to cell instead of on to
    the next control.
    """
    table = QTableWidget(0, columns if isinstance(columns, int) else len(columns))
    tag(table, identifier, name)
    if not isinstance(columns, int):
        table.setHorizontalHeaderLabels(list(columns))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    if selection is not None:
        table.setSelectionMode(selection)
    if not tab_in_cells:
        table.setTabKeyNavigation(False)
    table.verticalHeader().hide()
    if striped:
        table.setAlternatingRowColors(True)
    return table


def text_label(
    identifier: str,
    text: str = "",
    *,
    wrap: bool = True,
    plain: bool = True,
    style: str | None = None,
) -> QLabel:
    """A label for sentences: wrapped, shown as plain text (never as markup) unless told."""
    label = QLabel(text)
    tag(label, identifier)
    label.setWordWrap(wrap)
    if plain:
        label.setTextFormat(Qt.TextFormat.PlainText)
    if style is not None:
        label.setStyleSheet(style)
    return label


def align_labels(labels: Sequence[QLabel]) -> None:
    """One label column across several groups: every label as wide as the widest."""
    if not labels:
        return
    width = max(label.sizeHint().width() for label in labels)
    for label in labels:
        label.setMinimumWidth(width)


def scroll_area(
    content: QWidget, identifier: str, name: str, *, takes_focus: bool = True
) -> QScrollArea:
    """*content* in a frameless scroll area that follows the dialog's size.

    ``takes_focus=False`` leaves the keyboard focus to the fields inside.
    """
    scroll = QScrollArea()
    tag(scroll, identifier, name)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    if not takes_focus:
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    scroll.setWidget(content)
    return scroll


def splitter(orientation: Qt.Orientation, *parts: tuple[QWidget, int]) -> QSplitter:
    """A splitter whose panes cannot be collapsed; each part is (widget, stretch)."""
    split = QSplitter(orientation)
    split.setChildrenCollapsible(False)
    for index, (widget, stretch) in enumerate(parts):
        split.addWidget(widget)
        split.setStretchFactor(index, stretch)
    return split


def tab_chain(*widgets: QWidget) -> None:
    """Tab goes through *widgets* in this order."""
    for first, second in itertools.pairwise(widgets):
        QWidget.setTabOrder(first, second)


def debounce_timer(parent: QObject, delay_ms: int, slot: Callable[[], object]) -> QTimer:
    """A single-shot timer calling *slot* *delay_ms* after its last (re)start."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(delay_ms)
    timer.timeout.connect(slot)
    return timer
