"""The event form's participants table (one row per audience with a spin box of people,
0–100 000) and its checklists (themes, advisors)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
)

from siec_desk.core.i18n import _
from siec_desk.domain.codes import Audience
from siec_desk.domain.event_rules import PARTICIPANTS_MAX
from siec_desk.texts.event_text import audience_label
from siec_desk.ui.widgets.accessible import tag
from siec_desk.ui.widgets.form_fields import no_wheel


class AudienceTable(QTableWidget):
    """Audience in words, participants in a spin box; Tab goes from box to box."""

    def __init__(self) -> None:
        super().__init__(0, 2)
        tag(self, "event.audiences", _("Participants by audience"))
        self.setHorizontalHeaderLabels([_("Audience"), _("Participants")])
        self.verticalHeader().hide()
        self.setTabKeyNavigation(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.spins: dict[str, QSpinBox] = {}
        codes = [a.value for a in Audience]
        self.setRowCount(len(codes))
        for row, code in enumerate(codes):
            self.setItem(row, 0, QTableWidgetItem(audience_label(code)))
            spin = QSpinBox()
            spin.setRange(0, PARTICIPANTS_MAX)
            spin.setGroupSeparatorShown(True)
            spin.setMinimumWidth(110)
            spin.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
            no_wheel(spin)
            tag(spin, f"event.audience.{code}", audience_label(code))
            self.setCellWidget(row, 1, spin)
            self.spins[code] = spin
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.resizeRowsToContents()
        self.setMinimumHeight(self.verticalHeader().length() + header.sizeHint().height() + 4)

    def counts(self) -> dict[str, int]:
        """Participants of every audience given (zero left out)."""
        return {code: spin.value() for code, spin in self.spins.items() if spin.value()}

    def set_counts(self, counts: Mapping[str, int]) -> None:
        for code, spin in self.spins.items():
            spin.setValue(int(counts.get(code, 0)))


class CheckList(QListWidget):
    """Items to tick (Space ticks the current one); ``chosen()`` gives their data."""

    def __init__(self, identifier: str, name: str) -> None:
        super().__init__()
        tag(self, identifier, name)

    def fill(self, items: Iterable[tuple[str, object]]) -> None:
        chosen = set(self.chosen())
        self.clear()
        for text, data in items:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, data)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if data in chosen else Qt.CheckState.Unchecked)
            self.addItem(item)

    def chosen(self) -> list[object]:
        return [
            self.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.count())
            if self.item(i).checkState() == Qt.CheckState.Checked
        ]

    def set_chosen(self, values: Iterable[object]) -> None:
        wanted = set(values)
        for i in range(self.count()):
            item = self.item(i)
            checked = item.data(Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
