"""Household form (stub, replaced by the full implementation)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget

from siec_desk.ui.context import UiContext


class HouseholdForm(QDialog):
    def __init__(self, ui: UiContext, household_id: int | None, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.saved_id: int | None = None
