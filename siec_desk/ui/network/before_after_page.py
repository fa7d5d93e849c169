"""The network window's before/after tab: the merged table of the centres' files of
format version 3 (``documents.network_report.before_after``), with its note; a message
when no imported file carries it (files of earlier versions)."""

from __future__ import annotations

from siec_desk.core.i18n import _
from siec_desk.network.export.before_after_display import TITLE
from siec_desk.ui.network.grid_table_page import GridTablePage


class BeforeAfterPage(GridTablePage):
    def __init__(self) -> None:
        super().__init__(
            "before_after",
            str(TITLE),
            _(
                "No imported file holds this table yet: centres send it from SIEC Desk "
                "0.7 on (network export format 3)."
            ),
        )
