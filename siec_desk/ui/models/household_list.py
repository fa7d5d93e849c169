"""The household list: a lazy window over every household, or a set of search results.

Households can number 100k+; the model asks the service for pages of
:data:`PAGE_SIZE` rows only when a view needs them, through the UI runner (off the
GUI thread), and keeps at most :data:`MAX_PAGES` pages, dropping the least recently
used. A row whose page has not arrived shows a placeholder until it does.
"""

from __future__ import annotations

import unicodedata
from collections import OrderedDict
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from shiboken6 import isValid

from siec_desk.formatting import ltr
from siec_desk.i18n import _
from siec_desk.labels import FIELDS, label
from siec_desk.services.household_types import HouseholdSummary
from siec_desk.services.validation import format_phone
from siec_desk.ui.context import UiContext

PAGE_SIZE = 200
MAX_PAGES = 30
PLACEHOLDER = "…"
_ROLES = frozenset(
    {Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.UserRole, Qt.ItemDataRole.AccessibleTextRole}
)
NAME, PHONE, EMAIL, COMMUNE = range(4)
_HEADERS = ("name", "phone", "email", "commune")
_Index = QModelIndex | QPersistentModelIndex


def isolate(text: str | None) -> str:
    """Isolate a value that starts left-to-right (Latin name, e-mail…) for RTL layouts;
    text starting with Arabic is left as it is, so its word order is kept."""
    if not text:
        return ""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return ltr(text)
        if kind in ("R", "AL"):
            return text
    return ltr(text)


class HouseholdListModel(QAbstractTableModel):
    """Columns: name, phone, e-mail, commune. ``Qt.UserRole`` gives the household id."""

    # Class defaults: Qt may ask for rowCount() while __init__ is still running.
    _count = 0
    _results: list[HouseholdSummary] | None = None

    def __init__(self, ui: UiContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self._count = 0
        self._pages: OrderedDict[int, list[HouseholdSummary]] = OrderedDict()
        self._loading: set[int] = set()
        self._queued: list[int] = []  # pages asked for during this turn of the event loop
        self._shown: dict[tuple[int, int], str] = {}  # formatted cells, by household id
        self._generation = 0  # bumped by reload(): late pages of an older list are dropped
        self._results: list[HouseholdSummary] | None = None

    # -- loading ---------------------------------------------------------------------
    def reload(self) -> None:
        """Forget every cached page and count the households again."""
        self._generation += 1
        generation = self._generation
        self.ui.runner.run(
            self.ui.app.households.count,
            lambda count: self._counted(generation, count),
        )

    def _counted(self, generation: int, count: int) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self._count = count
        self._pages.clear()
        self._loading.clear()
        self._queued.clear()
        self._shown.clear()  # names or phones may have changed
        self.endResetModel()

    def _request(self, page: int) -> None:
        if page in self._loading:
            return
        self._loading.add(page)
        self._queued.append(page)
        if len(self._queued) == 1:
            # Never load inside data(): a runner that answers at once would emit dataChanged
            # while the view is painting. The next turn of the event loop is soon enough;
            # the model is the timer's context, so a deleted model never gets the call.
            QTimer.singleShot(0, self, self._flush_requests)

    def _flush_requests(self) -> None:
        if not isValid(self):  # the view went away before the event loop came back
            return
        queued, self._queued = self._queued, []
        generation = self._generation
        households = self.ui.app.households
        for page in queued:
            self.ui.runner.run(
                lambda page=page: households.page(page * PAGE_SIZE, PAGE_SIZE),
                lambda rows, page=page: self._arrived(generation, page, rows),
                self.ui.show_error,  # the page stays "loading" until reload(): no error storm
            )

    def _arrived(self, generation: int, page: int, rows: list[HouseholdSummary]) -> None:
        if not isValid(self) or generation != self._generation:
            return
        self._loading.discard(page)
        self._pages[page] = rows
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        if self._results is None:
            first = page * PAGE_SIZE
            last = min(first + PAGE_SIZE, self._count) - 1
            if last >= first:
                self.dataChanged.emit(self.index(first, 0), self.index(last, len(_HEADERS) - 1))

    @property
    def loaded_pages(self) -> int:
        """How many pages are cached (at most :data:`MAX_PAGES`)."""
        return len(self._pages)

    # -- search mode -----------------------------------------------------------------
    def show_results(self, results: list[HouseholdSummary]) -> None:
        """Show just these households (search results), in this order."""
        self.beginResetModel()
        self._results = list(results)
        self.endResetModel()

    def show_all(self) -> None:
        """Back to the whole list, by name."""
        if self._results is None:
            return
        self.beginResetModel()
        self._results = None
        self.endResetModel()

    @property
    def searching(self) -> bool:
        return self._results is not None

    # -- rows ------------------------------------------------------------------------
    def summary(self, row: int) -> HouseholdSummary | None:
        """The household on *row*, or None while its page is not loaded."""
        if self._results is not None:
            return self._results[row] if 0 <= row < len(self._results) else None
        if not 0 <= row < self._count:
            return None
        rows = self._pages.get(row // PAGE_SIZE)
        if rows is None:
            return None
        self._pages.move_to_end(row // PAGE_SIZE)
        offset = row % PAGE_SIZE
        return rows[offset] if offset < len(rows) else None

    def household_id(self, row: int) -> int | None:
        found = self.summary(row)
        return found.id if found else None

    def row_of(self, household_id: int) -> int | None:
        """The row showing *household_id* among the rows loaded, if any."""
        if self._results is not None:
            return next((i for i, s in enumerate(self._results) if s.id == household_id), None)
        for page, rows in self._pages.items():
            for offset, s in enumerate(rows):
                if s.id == household_id:
                    return page * PAGE_SIZE + offset
        return None

    # -- Qt model --------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        if parent.isValid():
            return 0
        return len(self._results) if self._results is not None else self._count

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(_HEADERS)
        ):
            return _("Name") if section == NAME else label(FIELDS, _HEADERS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Qt asks each visible cell for a dozen roles on every paint: answer the unused
        # ones before any lookup, and format each shown cell once (see _display_cached).
        if role not in _ROLES or not index.isValid():
            return None
        row, column = index.row(), index.column()
        found = self.summary(row)
        if found is None and self._results is None and 0 <= row < self._count:
            self._request(row // PAGE_SIZE)
            found = self.summary(row)  # a synchronous runner has already delivered it
        if role == Qt.ItemDataRole.UserRole:
            return found.id if found else None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display_cached(found, column) if found else PLACEHOLDER
        if found is None:
            return _("Loading…")
        return self._plain(found, column) or _("not given")

    def _display_cached(self, s: HouseholdSummary, column: int) -> str:
        key = (s.id, column)
        text = self._shown.get(key)
        if text is None:
            if len(self._shown) > 20_000:
                self._shown.clear()
            text = self._shown[key] = self._display(s, column)
        return text

    def _plain(self, s: HouseholdSummary, column: int) -> str:
        if column == NAME:
            return s.display_name
        if column == PHONE:
            return format_phone(s.phone, self.ui.app.centre.country)
        if column == EMAIL:
            return s.email or ""
        return s.commune or ""

    def _display(self, s: HouseholdSummary, column: int) -> str:
        if column == NAME:
            return isolate(s.display_name) or _("(no name)")
        if column in (PHONE, EMAIL):
            return ltr(self._plain(s, column))
        return isolate(self._plain(s, column))
