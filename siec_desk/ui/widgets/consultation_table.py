"""A read-only table of consultations (Today, Consultations, Follow-ups)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from siec_desk.formatting import format_date, format_datetime, isolate, plain
from siec_desk.i18n import _, pgettext
from siec_desk.labels import ACT_LEVELS, CONTACT_MODES, FOLLOW_UP_STATUSES, THEMES, label
from siec_desk.services.consultation_types import ConsultationSummary

Column = tuple[str, Callable[[ConsultationSummary, str], str]]


def list_separator() -> str:
    """ ", " in French and English, "، " in Arabic."""
    return pgettext("list separator", ", ")


def _household(row: ConsultationSummary, _locale: str) -> str:
    if row.household_id is None:
        return _("Anonymous")
    return isolate(row.household_name) if row.household_name else _("(no name)")


def _due(row: ConsultationSummary, locale: str) -> str:
    return format_date(row.follow_up_due, locale) if row.follow_up_due else ""


COLUMNS: dict[str, Callable[[], Column]] = {
    "when": lambda: (_("Date"), lambda r, loc: format_datetime(r.occurred_at, loc)),
    "time": lambda: (_("Time"), lambda r, _loc: r.occurred_at.strftime("%H:%M")),
    "household": lambda: (_("Household"), _household),
    "mode": lambda: (_("Mode"), lambda r, _loc: label(CONTACT_MODES, r.mode)),
    "act": lambda: (_("Act"), lambda r, _loc: label(ACT_LEVELS, r.act)),
    "themes": lambda: (
        _("Themes"),
        lambda r, _loc: list_separator().join(label(THEMES, t) for t in r.themes),
    ),
    "duration": lambda: (_("Minutes"), lambda r, _loc: str(r.duration_min)),
    "measures": lambda: (_("Measures"), lambda r, _loc: str(len(r.measures)) if r.measures else ""),
    "commune": lambda: (_("Commune"), lambda r, _loc: r.commune or ""),
    "due": lambda: (_("Due"), _due),
    "status": lambda: (_("Status"), lambda r, _loc: label(FOLLOW_UP_STATUSES, r.follow_up_status)),
}


class ConsultationTable(QTableWidget):
    """Rows of consultations; Enter or double-click emits ``activated_id``."""

    activated_id = Signal(int)

    def __init__(self, columns: Sequence[str], locale: str) -> None:
        super().__init__()
        self._columns = [COLUMNS[c]() for c in columns]
        self._locale = locale
        self._ids: list[int] = []
        self.setColumnCount(len(self._columns))
        self.setHorizontalHeaderLabels([title for title, _fn in self._columns])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)
        self.setTabKeyNavigation(False)
        self.cellDoubleClicked.connect(lambda row, _col: self._activate(row))

    def set_rows(self, rows: Sequence[ConsultationSummary], today: date | None = None) -> None:
        self.setRowCount(len(rows))
        self._ids = [r.id for r in rows]
        overdue = QBrush(QColor("#b3261e"))
        for i, row in enumerate(rows):
            late = today is not None and row.follow_up_due is not None and row.follow_up_due < today
            for j, (_title, fn) in enumerate(self._columns):
                text = fn(row, self._locale)
                item = QTableWidgetItem(text)
                # Screen readers get the text without the invisible bidi isolates.
                item.setData(Qt.ItemDataRole.AccessibleTextRole, plain(text))
                if late:
                    item.setForeground(overdue)
                self.setItem(i, j, item)

    def selected_id(self) -> int | None:
        row = self.currentRow()
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def _activate(self, row: int) -> None:
        if 0 <= row < len(self._ids):
            self.activated_id.emit(self._ids[row])

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._activate(self.currentRow())
            return
        super().keyPressEvent(event)
