"""A network window tab holding one merged grid as a table, with its note, or a message
when no imported file carries it (the before/after and "events and people reached"
tabs); :func:`fill` puts any grid into a figure table (the Tables tab too)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from siec_desk.core.i18n import _
from siec_desk.documents.network_report.content import Grid
from siec_desk.ui.activity.charts import FigureTable
from siec_desk.ui.widgets.accessible import tag


def fill(table: FigureTable, grid: Grid) -> None:
    """*grid*'s headers and rows, as shown in the report."""
    table.set_table(
        grid.headers, [[name, *(e.text for e in entries)] for name, entries in grid.rows]
    )


class GridTablePage(QWidget):
    """One grid (ids ``network.<key>``, ``network.<key>_page``, ``network.<key>_note``)."""

    def __init__(self, key: str, title: str, missing: str) -> None:
        super().__init__()
        self.missing = missing
        tag(self, f"network.{key}_page", title)
        self.table = FigureTable(f"network.{key}", title)
        self.note = QLabel()
        self.note.setWordWrap(True)
        tag(self.note, f"network.{key}_note", _("About this table"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)

    def show_grid(self, grid: Grid | None) -> None:
        if grid is None:
            self.table.set_table([], [])
            self.note.setText(self.missing)
            return
        fill(self.table, grid)
        self.note.setText(grid.note)
