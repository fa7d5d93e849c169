"""Choosing the current advisor, once per computer and database, and the title they sign
letters with."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from siec_desk.core.i18n import _
from siec_desk.services.centre import AdvisorInfo
from siec_desk.texts.labels import TITLE_GENDERS
from siec_desk.ui.widgets.accessible import tag
from siec_desk.ui.widgets.code_combo import CodeCombo


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
        self._genders = {a.id: a.title_gender or "neutral" for a in advisors}
        self.title = CodeCombo(TITLE_GENDERS)
        title_label = QLabel(_("&Title in letters"))
        title_label.setBuddy(self.title)
        tag(self.title, "advisor_choice.title", _("Title in letters"))
        self.combo.currentIndexChanged.connect(lambda _i: self._show_title())
        self._show_title()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        tag(buttons.button(QDialogButtonBox.StandardButton.Ok), "advisor_choice.ok")
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.combo)
        layout.addWidget(title_label)
        layout.addWidget(self.title)
        layout.addWidget(buttons)

    def advisor_id(self) -> int:
        return int(self.combo.currentData())

    def _show_title(self) -> None:
        if self.combo.currentData() is not None:
            self.title.set_code(self._genders.get(self.advisor_id(), "neutral"))

    def title_gender(self) -> str:
        """The title chosen for the selected advisor (feminine, masculine, neutral)."""
        return self.title.code() or "neutral"

    def title_changed(self) -> bool:
        stored = self._genders.get(self.advisor_id(), "neutral")
        return self.combo.currentData() is not None and self.title_gender() != stored


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
