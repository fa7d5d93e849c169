"""The network window's "Events and people reached" tab: events, participants (people),
households met at events and items lent, per centre, per country and for the network
(``documents.network_report.reach``), with its note; a message when no imported file
carries the events tables (files of format versions 1 and 2)."""

from __future__ import annotations

from siec_desk.core.i18n import _
from siec_desk.ui.network.grid_table_page import GridTablePage


class ReachPage(GridTablePage):
    def __init__(self) -> None:
        super().__init__(
            "reach",
            _("Events and people reached"),
            _(
                "No imported file holds the events tables yet: centres send them from "
                "SIEC Desk 0.7 on (network export format 3)."
            ),
        )
