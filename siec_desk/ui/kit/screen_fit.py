"""Dialogs fit the screen they open on (D1): buttons always visible on a 1366×768 laptop.

:func:`fit_to_screen` sizes a dialog to the available geometry of its screen (the
screen of its parent window, else the primary one), less room for a window manager's
frame and title bar. A dialog whose content cannot shrink that far gets its content in a
scroll area, while its button row (a ``QDialogButtonBox`` or the last row of buttons of
its layout) stays below the scroll area, always visible. :class:`ScreenFitter`, installed
on the application at start-up, fits every dialog each time it is shown, so a new dialog
needs nothing of its own.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QBoxLayout,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QLayout,
    QLayoutItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

#: Room left for the window manager's frame (width) and title bar with frame (height).
FRAME = QSize(16, 40)
#: Set on a dialog once its content went into a scroll area.
SCROLLED = "siecScrolled"


def available_geometry(widget: QWidget) -> QRect:
    """The available geometry (no taskbar or dock) of the screen *widget* opens on."""
    parent = widget.parentWidget()
    screen = parent.window().screen() if parent is not None else None
    if screen is None:
        screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 728)


def size_limit(area: QRect) -> QSize:
    """The largest window size whose frame fits *area*."""
    return QSize(max(200, area.width() - FRAME.width()), max(150, area.height() - FRAME.height()))


def _is_button_row(item: QLayoutItem | None) -> bool:
    """A button box or a button, or a row holding buttons and at most labels and spacing."""
    if item is None:
        return False
    widget = item.widget()
    if widget is not None:
        return isinstance(widget, QDialogButtonBox | QAbstractButton)
    layout = item.layout()
    if layout is None:
        return False
    items = [layout.itemAt(i) for i in range(layout.count())]
    shown = [w for w in (i.widget() for i in items if i is not None) if w is not None]
    return any(isinstance(w, QAbstractButton | QDialogButtonBox) for w in shown) and all(
        isinstance(w, QAbstractButton | QDialogButtonBox | QLabel) for w in shown
    )


def button_row(dialog: QWidget) -> QLayoutItem | None:
    """The dialog's button row: the last item of its top-level layout, if it is one."""
    layout = dialog.layout()
    if layout is None or layout.count() == 0:
        return None
    last = layout.itemAt(layout.count() - 1)
    return last if _is_button_row(last) else None


def _scroll_content(dialog: QWidget) -> None:
    """Move everything but the button row into a scroll area (once)."""
    old = dialog.layout()
    if bool(dialog.property(SCROLLED)) or not isinstance(old, QBoxLayout) or old.count() == 0:
        return
    margins = old.contentsMargins()
    row = old.takeAt(old.count() - 1) if _is_button_row(button_row(dialog)) else None
    row_widget = row.widget() if row is not None else None
    row_layout = row.layout() if row is not None and row_widget is None else None
    if row_layout is not None:
        row_layout.setParent(None)  # free for the new layout
    body = QWidget()
    body.setLayout(old)  # takes the layout and its widgets off the dialog
    old.setContentsMargins(0, 0, 0, 0)
    scroll = QScrollArea()
    scroll.setObjectName("dialog.scroll")
    scroll.setWidget(body)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes through the fields, not it
    layout = QVBoxLayout(dialog)
    layout.setContentsMargins(margins)
    layout.addWidget(scroll, 1)
    if row_widget is not None:
        layout.addWidget(row_widget)
    elif isinstance(row_layout, QLayout):
        layout.addLayout(row_layout)
    dialog.setProperty(SCROLLED, True)


def fit_to_screen(dialog: QWidget, area: QRect | None = None) -> None:
    """Size *dialog* (and place it, when it has a position) inside *area*, by default
    the available geometry of the screen it opens on."""
    area = area if area is not None else available_geometry(dialog)
    limit = size_limit(area)
    layout = dialog.layout()
    if layout is not None:
        layout.activate()
    needed = dialog.minimumSizeHint()
    if needed.height() > limit.height() or needed.width() > limit.width():
        _scroll_content(dialog)
    if dialog.minimumWidth() > limit.width() or dialog.minimumHeight() > limit.height():
        dialog.setMinimumSize(dialog.minimumSize().boundedTo(limit))
    wanted = (
        dialog.size() if dialog.testAttribute(Qt.WidgetAttribute.WA_Resized) else dialog.sizeHint()
    )
    if wanted.width() > limit.width() or wanted.height() > limit.height():
        dialog.resize(wanted.boundedTo(limit))
    if dialog.isVisible() or dialog.testAttribute(Qt.WidgetAttribute.WA_Moved):
        frame = dialog.frameGeometry()
        x = min(max(frame.x(), area.left()), area.right() + 1 - frame.width())
        y = min(max(frame.y(), area.top()), area.bottom() + 1 - frame.height())
        if (x, y) != (frame.x(), frame.y()):
            dialog.move(max(x, area.left()), max(y, area.top()))


class ScreenFitter(QObject):
    """Fits every dialog when it is shown (install with ``app.installEventFilter``)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if (
            event.type() == QEvent.Type.Show
            and isinstance(watched, QDialog)
            and watched.isWindow()
            and not event.spontaneous()
        ):
            fit_to_screen(watched)
        return False
