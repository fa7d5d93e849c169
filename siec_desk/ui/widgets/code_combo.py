"""A combo box of shared codes showing their translated labels.

Typing a label's first letters selects it whatever the accents and case ("e" selects
"Électricité", D31), as Qt's own type-ahead does for plain letters."""

from __future__ import annotations

import time

from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QComboBox, QWidget

from siec_desk.core.i18n import LazyText, _
from siec_desk.domain.normalise import fold


class CodeCombo(QComboBox):
    """Items are (label, code); ``code()`` returns the selected code or None."""

    def __init__(
        self,
        labels: dict[str, LazyText],
        *,
        empty: str | None = None,
        codes: list[str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._typed = ""
        self._typed_at = 0.0
        if empty is not None:
            self.addItem(empty or _("— not specified —"), None)
        for code in codes or list(labels):
            self.addItem(str(labels.get(code, code)), code)

    def code(self) -> str | None:
        data = self.currentData()
        return str(data) if data is not None else None

    def set_code(self, code: str | None) -> None:
        index = self.findData(code)
        self.setCurrentIndex(index if index >= 0 else 0)

    def type_ahead(self, text: str) -> bool:
        """Select the first item (after the current one for a repeated letter) whose
        folded label starts with what was typed lately; False if none does."""
        now = time.monotonic()
        if now - self._typed_at > QApplication.keyboardInputInterval() / 1000:
            self._typed = ""
        self._typed_at = now
        wanted = fold(self._typed + text)
        repeat = len(wanted) > 1 and wanted == wanted[0] * len(wanted)
        self._typed = "" if repeat else self._typed + text
        prefix = wanted[0] if repeat else wanted
        count = self.count()
        start = self.currentIndex() + 1 if repeat or len(prefix) == 1 else 0
        for step in range(count):
            index = (start + step) % count
            if fold(self.itemText(index)).startswith(prefix):
                self.setCurrentIndex(index)
                return True
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        text = event.text()
        if (
            not self.isEditable()
            and text.isprintable()
            and text.strip()
            and not event.modifiers() & ~event.modifiers().ShiftModifier
            and self.type_ahead(text)
        ):
            return
        super().keyPressEvent(event)
