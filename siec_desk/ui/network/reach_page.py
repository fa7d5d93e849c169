"""The network window's "Events and people reached" tab: events, participants (people),
households met at events and items lent, per centre, per country and for the network
(``documents.network_report.reach``), with its note; a message when no imported file
carries the events tables (files of format versions 1 and 2)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from siec_desk.core.i18n import _
from siec_desk.documents.network_report.content import Grid
from siec_desk.ui.activity.charts import FigureTable
from siec_desk.ui.widgets.accessible import tag


class ReachPage(QWidget):
    def __init__(self) -> None:
        super().__init__()
        title = _("Events and people reached")
        tag(self, "network.reach_page", title)
        self.table = FigureTable("network.reach", title)
        self.note = QLabel()
        self.note.setWordWrap(True)
        tag(self.note, "network.reach_note", _("About this table"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)

    def show_grid(self, grid: Grid | None) -> None:
        if grid is None:
            self.table.set_table([], [])
            self.note.setText(
                _(
                    "No imported file holds the events tables yet: centres send them from "
                    "SIEC Desk 0.7 on (network export format 3)."
                )
            )
            return
        self.table.set_table(
            grid.headers, [[name, *(e.text for e in entries)] for name, entries in grid.rows]
        )
        self.note.setText(grid.note)
