"""The network window's before/after tab: the merged table of the centres' files of
format version 3 (``documents.network_report.before_after``), with its note; a message
when no imported file carries it (files of earlier versions)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from siec_desk.core.i18n import _
from siec_desk.documents.network_report.content import Grid
from siec_desk.network.export.before_after_display import TITLE
from siec_desk.ui.activity.charts import FigureTable
from siec_desk.ui.widgets.accessible import tag


class BeforeAfterPage(QWidget):
    def __init__(self) -> None:
        super().__init__()
        tag(self, "network.before_after_page", str(TITLE))
        self.table = FigureTable("network.before_after", str(TITLE))
        self.note = QLabel()
        self.note.setWordWrap(True)
        tag(self.note, "network.before_after_note", _("About this table"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)

    def show_grid(self, grid: Grid | None) -> None:
        if grid is None:
            self.table.set_table([], [])
            self.note.setText(
                _(
                    "No imported file holds this table yet: centres send it from SIEC Desk "
                    "0.7 on (network export format 3)."
                )
            )
            return
        self.table.set_table(
            grid.headers, [[name, *(e.text for e in entries)] for name, entries in grid.rows]
        )
        self.note.setText(grid.note)
