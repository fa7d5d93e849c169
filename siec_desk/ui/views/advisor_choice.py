"""Choosing the current advisor, once per computer and database."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from siec_desk.i18n import _
from siec_desk.services.centre import AdvisorInfo
from siec_desk.ui.widgets.accessible import tag


class AdvisorDialog(QDialog):
    def __init__(self, advisors: list[AdvisorInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Who is at this desk?"))
        tag(self, "advisor_choice", _("Who is at this desk?"))
        self.combo = QComboBox()
        for advisor in advisors:
            self.combo.addItem(advisor.display_name, advisor.id)
        label = QLabel(_("&Advisor"))
        label.setBuddy(self.combo)
        tag(self.combo, "advisor_choice.advisor", _("Advisor"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        tag(buttons.button(QDialogButtonBox.StandardButton.Ok), "advisor_choice.ok")
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.combo)
        layout.addWidget(buttons)

    def advisor_id(self) -> int:
        return int(self.combo.currentData())


def choose_advisor(
    advisors: list[AdvisorInfo], remembered: int | None, parent: QWidget | None = None
) -> int | None:
    """The remembered advisor if still there; the only one; else ask."""
    ids = [a.id for a in advisors if a.active]
    if remembered in ids:
        return remembered
    if len(ids) == 1:
        return ids[0]
    if not ids:
        return None
    dialog = AdvisorDialog([a for a in advisors if a.active], parent)
    dialog.exec()
    return dialog.advisor_id()
