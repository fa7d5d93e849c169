"""An optional time of day typed as HH:MM (empty: any time that day), left-to-right in
every layout like the other date and time editors (``ui/widgets/dates.py``)."""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QLineEdit, QWidget

from siec_desk.core.i18n import _
from siec_desk.domain.consultation_rules import parse_clock

#: What can be typed on the way to a time: "9", "09:", "14h3", "14:30".
_TYPING = QRegularExpression(r"^\d{0,2}([:h.]\d{0,2})?$")


class TimeField(QLineEdit):
    """``value()``: the time typed, or None when empty; ``problem()``: the one line that
    says why the text is not a time (None when it is one or is empty)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft)
        self.setValidator(QRegularExpressionValidator(_TYPING, self))
        self.setPlaceholderText(_("HH:MM"))
        self.setToolTip(_("Time of day (24-hour clock); leave empty for any time that day."))
        self.setMaxLength(5)
        self.setFixedWidth(self.fontMetrics().horizontalAdvance("00:00") * 2)

    def value(self) -> time | None:
        text = self.text().strip()
        if not text:
            return None
        try:
            return parse_clock(text)
        except ValueError:
            return None

    def problem(self) -> str | None:
        text = self.text().strip()
        if not text:
            return None
        try:
            parse_clock(text)
        except ValueError as exc:
            return str(exc)
        return None

    def set_value(self, value: time | None) -> None:
        self.setText(value.strftime("%H:%M") if value else "")
