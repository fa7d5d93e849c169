"""How the household list paints a cell: its text laid out once, then drawn from cache.

Search as you type repaints every visible cell of the list on each keystroke (about a
hundred). Qt's standard delegate asks the model for seven roles and shapes the text
again for each cell, every paint: half the time of a keystroke on 100,000 households
(issue 22). This delegate asks the model once, for the text, and keeps each text laid
out (elided to its column, in the view's direction and font) as a ``QStaticText``, so a
row seen before, or the same commune on another row, is drawn without shaping it again.

It draws what the standard delegate draws for these cells, which hold plain text only:
the selection's highlight, the text (left-aligned, or right-aligned in a right-to-left
layout, elided at its end, vertically centred, with the style's margin) and the focus
frame of the current cell. Alternate row colours and the grid are the view's own.
Accessibility is unchanged: it reads the model, not the paint.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPalette, QStaticText, QTextOption
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionFocusRect,
    QStyleOptionViewItem,
)

_DISPLAY = Qt.ItemDataRole.DisplayRole
_ENABLED = QStyle.StateFlag.State_Enabled.value
_ACTIVE = QStyle.StateFlag.State_Active.value
_SELECTED = QStyle.StateFlag.State_Selected.value
_HAS_FOCUS = QStyle.StateFlag.State_HasFocus.value
#: Colour groups by index: disabled, active (the window has the focus), inactive.
_GROUPS = (QPalette.ColorGroup.Disabled, QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive)
_HIGHLIGHT = QPalette.ColorRole.Highlight
_HIGHLIGHTED_TEXT = QPalette.ColorRole.HighlightedText
_TEXT = QPalette.ColorRole.Text
_WINDOW = QPalette.ColorRole.Window
_FOCUS_MARGIN = QStyle.PixelMetric.PM_FocusFrameHMargin


def _layout(direction: Qt.LayoutDirection) -> QTextOption:
    """A line as QCommonStyle lays out an item's text: in the view's direction, never
    wrapped, at the start of the line (its right end in a right-to-left layout)."""
    layout = QTextOption()
    layout.setTextDirection(direction)
    layout.setWrapMode(QTextOption.WrapMode.ManualWrap)
    start = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    layout.setAlignment(QStyle.visualAlignment(direction, start))
    return layout


#: What makes the view's cells look otherwise: every laid-out text is forgotten.
_LOOK_CHANGES = frozenset(
    {
        QEvent.Type.FontChange,
        QEvent.Type.PaletteChange,
        QEvent.Type.LayoutDirectionChange,
        QEvent.Type.StyleChange,
        QEvent.Type.LanguageChange,
    }
)


@dataclass
class _Looks:
    """What every cell of the view shares, as the standard delegate gets it from the view."""

    font: QFont
    blank: QStaticText  # no text yet: plain text, laid out as the view's cells are
    margin: int
    highlight: list[QBrush]  # by colour group (see _GROUPS)
    text: list[QColor]
    highlighted_text: list[QColor]


#: Laid-out texts kept (a text and its column width); cleared when full.
MAX_CACHED = 4000


class ListTextDelegate(QStyledItemDelegate):
    """Draws the view's cells from texts laid out once. What every cell of a paint shares
    (font, palette colours, direction, margin) is the view's: read once, and again when
    the view says it changed, rather than from each cell's style option."""

    def __init__(self, model: QAbstractItemModel, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._model = model
        self._view = view
        self._laid_out: dict[tuple[str, int], QStaticText] = {}
        self._looks: _Looks | None = None
        view.installEventFilter(self)

    def laid_out(self) -> int:
        """How many texts are kept laid out (for tests)."""
        return len(self._laid_out)

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in _LOOK_CHANGES:
            self._looks = None  # read again at the next paint
            self._laid_out.clear()
        return False

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        text = self._model.data(index, _DISPLAY)
        if not isinstance(text, str):
            super().paint(painter, option, index)  # not a text cell: Qt's own way
            return
        looks = self._looks or self._read_looks()
        # Plain integers: Python's enum operators cost more than the drawing here.
        state = option.state.value
        rect = option.rect
        group = 0 if not state & _ENABLED else 1 if state & _ACTIVE else 2
        selected = state & _SELECTED
        if selected:
            painter.fillRect(rect, looks.highlight[group])
        width = rect.width() - 2 * looks.margin
        if text and width > 0:
            static = self._laid_out.get((text, width)) or self._lay_out(text, width, option)
            # As QCommonStyle places a text: its size rounded, centred in whole pixels; the
            # line is the column's width, the text aligned in it.
            height = math.floor(static.size().height() + 0.5)
            top = rect.y() + (rect.height() - height) // 2
            painter.save()
            painter.setPen(looks.highlighted_text[group] if selected else looks.text[group])
            painter.setClipRect(rect)
            painter.drawStaticText(QPointF(rect.x() + looks.margin, top), static)
            painter.restore()
        if state & _HAS_FOCUS:
            frame = QStyleOptionFocusRect()
            frame.initFrom(self._view)
            frame.rect = rect
            frame.state = (
                option.state
                | QStyle.StateFlag.State_KeyboardFocusChange
                | QStyle.StateFlag.State_Item
            )
            frame.backgroundColor = option.palette.color(
                _GROUPS[group], _HIGHLIGHT if selected else _WINDOW
            )
            self._view.style().drawPrimitive(
                QStyle.PrimitiveElement.PE_FrameFocusRect, frame, painter, self._view
            )

    def _read_looks(self) -> _Looks:
        view = self._view
        palette = view.palette()
        blank = QStaticText()
        blank.setTextFormat(Qt.TextFormat.PlainText)  # a name is never markup
        blank.setTextOption(_layout(view.layoutDirection()))
        looks = _Looks(
            font=view.font(),
            blank=blank,
            margin=view.style().pixelMetric(_FOCUS_MARGIN, None, view) + 1,
            highlight=[palette.brush(g, _HIGHLIGHT) for g in _GROUPS],
            text=[palette.color(g, _TEXT) for g in _GROUPS],
            highlighted_text=[palette.color(g, _HIGHLIGHTED_TEXT) for g in _GROUPS],
        )
        self._looks = looks
        return looks

    def _lay_out(self, text: str, width: int, option: QStyleOptionViewItem) -> QStaticText:
        looks = self._looks or self._read_looks()
        if len(self._laid_out) >= MAX_CACHED:
            self._laid_out.clear()
        static = QStaticText(looks.blank)  # plain text, the view's line: one call fewer each
        static.setText(text)
        static.setTextWidth(width)
        static.prepare(font=looks.font)
        if static.size().width() > width:  # too long: elided at its end, as Qt does
            metrics = option.fontMetrics
            mode = option.textElideMode
            static.setText(metrics.elidedText(text, mode, width))
            static.prepare(font=looks.font)
        self._laid_out[(text, width)] = static
        return static
