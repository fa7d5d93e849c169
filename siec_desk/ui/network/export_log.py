"""The network export dialog's choices of period and its log of exports written.

:func:`periods` lists the whole months, quarters or years that have ended (going back
``MAX_MONTHS`` months) that the dialog offers; :class:`ExportLog` is the dialog's
second tab: who wrote which export, when, with which threshold, and its SHA-256.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from siec_desk.core.formatting import format_datetime, ltr
from siec_desk.core.i18n import _
from siec_desk.domain.activity_period import Period, month, quarter, year
from siec_desk.services.audit import COMMAND_LINE
from siec_desk.services.network.export import MAX_MONTHS, ExportLogEntry
from siec_desk.ui.households.letters import local_time
from siec_desk.ui.widgets.accessible import tag

KINDS = ("month", "quarter", "year")


def periods(kind: str, today: date) -> list[Period]:
    """The periods of *kind* offered, newest first: those that have ended, going back
    *MAX_MONTHS* months."""
    earliest = month(today)
    for _n in range(MAX_MONTHS):
        earliest = earliest.previous()
    starts: dict[str, Callable[[date], Period]] = {
        "month": month,
        "quarter": quarter,
        "year": lambda d: year(d.year),
    }
    first = starts[kind]
    found = [first(today)]
    while found[-1].start > earliest.start:
        found.append(first(found[-1].start - timedelta(days=1)))
    return [p for p in found if p.end < month(today).start and p.start >= earliest.start]


class ExportLog(QTableWidget):
    """The exports already written (the log read from the audit trail)."""

    def __init__(self, locale_name: str, parent: QWidget | None = None) -> None:
        super().__init__(0, 6, parent)
        self.locale_name = locale_name
        tag(self, "network_export.log", _("Exports already written"))
        self.setHorizontalHeaderLabels(
            [_("When"), _("Who"), _("Period"), _("Threshold"), _("File"), _("SHA-256")]
        )
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)

    def show_entries(self, entries: list[ExportLogEntry]) -> None:
        """One row per export written, newest first as the service gives them."""
        self.setRowCount(len(entries))
        for r, entry in enumerate(entries):
            months = f"{entry.period_from} – {entry.period_to}"
            values = [
                format_datetime(local_time(entry.occurred_at), self.locale_name),
                _("Command line") if entry.actor == COMMAND_LINE else entry.actor,
                ltr(months),
                str(entry.threshold),
                ltr(entry.file_name),
                ltr(entry.sha256),
            ]
            for c, value in enumerate(values):
                self.setItem(r, c, QTableWidgetItem(value))
        self.resizeColumnsToContents()
