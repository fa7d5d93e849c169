"""A read-only table of consultations (Today, Consultations, Follow-ups).

Backed by a model that formats a row only when the view shows it: filling hundreds of
QTableWidgetItems on the GUI thread stalled Today for ~270 ms on the 100k demo.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from siec_desk.core.formatting import format_date, format_datetime, isolate, plain
from siec_desk.core.i18n import _, pgettext
from siec_desk.domain.consultation_records import ConsultationSummary
from siec_desk.texts.labels import ACT_LEVELS, CONTACT_MODES, FOLLOW_UP_STATUSES, THEMES, label
from siec_desk.ui.widgets.accessible import tag

Column = tuple[str, Callable[[ConsultationSummary, str], str]]
_Index = QModelIndex | QPersistentModelIndex
_OVERDUE = QColor("#b3261e")


def list_separator() -> str:
    """ ", " in French and English, "، " in Arabic."""
    return pgettext("list separator", ", ")


def _household(row: ConsultationSummary, _locale: str) -> str:
    if row.household_id is None:
        return _("Anonymous")
    return isolate(row.household_name) if row.household_name else _("(no name)")


def _due(row: ConsultationSummary, locale: str) -> str:
    return format_date(row.follow_up_due, locale) if row.follow_up_due else ""


def _themes(row: ConsultationSummary, _locale: str) -> str:
    return list_separator().join(label(THEMES, t) for t in row.themes)


COLUMNS: dict[str, Callable[[], Column]] = {
    "when": lambda: (_("Date"), lambda r, loc: format_datetime(r.occurred_at, loc)),
    "time": lambda: (_("Time"), lambda r, _loc: r.occurred_at.strftime("%H:%M")),
    "household": lambda: (_("Household"), _household),
    "mode": lambda: (_("Mode"), lambda r, _loc: label(CONTACT_MODES, r.mode)),
    "act": lambda: (_("Act"), lambda r, _loc: label(ACT_LEVELS, r.act)),
    "themes": lambda: (_("Themes"), _themes),
    "duration": lambda: (_("Minutes"), lambda r, _loc: str(r.duration_min)),
    "measures": lambda: (_("Measures"), lambda r, _loc: str(len(r.measures)) if r.measures else ""),
    "commune": lambda: (_("Commune"), lambda r, _loc: r.commune or ""),
    "due": lambda: (_("Due"), _due),
    "status": lambda: (_("Status"), lambda r, _loc: label(FOLLOW_UP_STATUSES, r.follow_up_status)),
}


class ConsultationModel(QAbstractTableModel):
    """Rows of consultations; each row's texts are formatted once, when first shown."""

    def __init__(self, columns: Sequence[str], locale: str) -> None:
        super().__init__()
        self._columns = [COLUMNS[c]() for c in columns]
        self._locale = locale
        self._rows: list[ConsultationSummary] = []
        self._texts: dict[int, list[str]] = {}
        self._today: date | None = None

    def set_rows(self, rows: Sequence[ConsultationSummary], today: date | None) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._texts.clear()
        self._today = today
        self.endResetModel()

    def summary(self, row: int) -> ConsultationSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def text(self, row: int, column: int) -> str:
        texts = self._texts.get(row)
        if texts is None:
            summary = self._rows[row]
            texts = self._texts[row] = [fn(summary, self._locale) for _t, fn in self._columns]
        return texts[column]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(  # noqa: N802 - Qt override
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section][0]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(index.row(), index.column())
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return plain(self.text(index.row(), index.column()))  # without bidi isolates
        if role == Qt.ItemDataRole.ForegroundRole:
            due = self._rows[index.row()].follow_up_due
            if self._today is not None and due is not None and due < self._today:
                return QBrush(_OVERDUE)
        return None


class ConsultationTable(QTableView):
    """Enter, double-click or :meth:`activate_selected` (an "Open" button) emits
    ``activated_id``; *identifier* and *name* are the list's stable and spoken names."""

    activated_id = Signal(int)

    def __init__(self, columns: Sequence[str], locale: str, identifier: str, name: str) -> None:
        super().__init__()
        tag(self, identifier, name)
        self._model = ConsultationModel(columns, locale)
        self.setModel(self._model)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setResizeContentsPrecision(40)  # size columns from the first rows only
        header.setStretchLastSection(True)
        self.setTabKeyNavigation(False)
        self.doubleClicked.connect(lambda index: self._activate(index.row()))

    def set_rows(self, rows: Sequence[ConsultationSummary], today: date | None = None) -> None:
        self._model.set_rows(rows, today)

    def row_count(self) -> int:
        return self._model.rowCount()

    def text(self, row: int, column: int) -> str:
        return self._model.text(row, column)

    def select_row(self, row: int) -> None:
        self.setCurrentIndex(self._model.index(row, 0))

    def selected_id(self) -> int | None:
        summary = self._model.summary(self.currentIndex().row())
        return summary.id if summary else None

    def ids(self) -> list[int]:
        """The consultations listed, in the order shown."""
        found = (self._model.summary(row) for row in range(self._model.rowCount()))
        return [summary.id for summary in found if summary is not None]

    def activate_selected(self) -> None:
        """What Enter does: emit ``activated_id`` for the current row, if any."""
        self._activate(self.currentIndex().row())

    def _activate(self, row: int) -> None:
        summary = self._model.summary(row)
        if summary is not None:
            self.activated_id.emit(summary.id)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.activate_selected()
            return
        super().keyPressEvent(event)
