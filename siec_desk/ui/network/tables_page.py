"""The coordinator's merged tables, one at a time: every table the centres' files carry
(consultations by mode, theme, act level, orientation, measures, places…), summed over the
centres, chosen from a list; the same grids as the network report's detail pages."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from siec_desk.core.i18n import _
from siec_desk.documents.network_report.content import Grid
from siec_desk.ui.activity.charts import FigureTable
from siec_desk.ui.network.grid_table_page import fill
from siec_desk.ui.widgets.accessible import tag


class TablesPage(QWidget):
    """A list of the merged tables and the one chosen, with its note."""

    def __init__(self) -> None:
        super().__init__()
        self.grids: list[Grid] = []
        self.choice = QComboBox()
        tag(self.choice, "network.tables.choice", _("Merged table"))
        self.choice.currentIndexChanged.connect(self._show)
        label = QLabel(_("&Table:"))
        label.setBuddy(self.choice)
        self.table = FigureTable("network.tables.table", _("Merged table"))
        self.note = QLabel()
        self.note.setWordWrap(True)
        tag(self.note, "network.tables.note")
        top = QHBoxLayout()
        top.addWidget(label)
        top.addWidget(self.choice, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)

    def show_grids(self, grids: list[Grid]) -> None:
        """Show *grids*, keeping the table chosen before when it is still there."""
        kept = self.choice.currentText()
        self.grids = grids
        self.choice.blockSignals(True)
        self.choice.clear()
        self.choice.addItems([grid.title for grid in grids])
        index = self.choice.findText(kept) if kept else -1
        self.choice.setCurrentIndex(max(index, 0) if grids else -1)
        self.choice.blockSignals(False)
        self._show(self.choice.currentIndex())

    def _show(self, index: int) -> None:
        if not 0 <= index < len(self.grids):
            self.table.set_table([], [])
            self.note.setText(_("No merged table yet: import the centres' files first."))
            return
        grid = self.grids[index]
        fill(self.table, grid)
        self.table.resizeColumnsToContents()
        self.note.setText(grid.note)
