"""A combo box of shared codes showing their translated labels."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from siec_desk.core.i18n import LazyText, _


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
