"""The household list: a lazy window over every household, or over a search's results.

Households can number 100k+; the model asks the service for pages of
:data:`PAGE_SIZE` rows only when a view needs them, through the UI runner (off the
GUI thread), and keeps at most :data:`MAX_PAGES` pages, dropping the least recently
used. A row whose page has not arrived shows a placeholder until it does.

Search results are a second window of the same kind: the search gives the true count
and the first page at once, and further pages are read as the list is scrolled, so
every household found can be reached. The whole list keeps its pages meanwhile, and
comes back as it was when the search is cleared.
"""

from __future__ import annotations

import unicodedata
from collections import OrderedDict
from collections.abc import Callable
from functools import partial
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

from siec_desk.core.formatting import ltr
from siec_desk.core.i18n import _
from siec_desk.domain.household_records import HouseholdSummary
from siec_desk.domain.validation import format_phone
from siec_desk.texts.labels import FIELDS, label
from siec_desk.ui.kit.context import UiContext

PAGE_SIZE = 200
#: Rows per page of search results: the first page comes with every keystroke.
SEARCH_PAGE_SIZE = 50
MAX_PAGES = 30
PLACEHOLDER = "…"
_ROLES = frozenset(
    {Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.UserRole, Qt.ItemDataRole.AccessibleTextRole}
)
#: The commune comes second so that it shows at every width (homonyms told apart).
NAME, COMMUNE, PHONE, EMAIL = range(4)
_HEADERS = ("name", "commune", "phone", "email")
_Index = QModelIndex | QPersistentModelIndex


class _Window:
    """One list read page by page: the whole list, or one search's results."""

    def __init__(self, query: str | None = None, count: int = 0) -> None:
        self.query = query  # None for the whole list
        self.count = count
        self.size = PAGE_SIZE if query is None else SEARCH_PAGE_SIZE  # rows per page
        self.pages: OrderedDict[int, list[HouseholdSummary]] = OrderedDict()
        self.loading: set[int] = set()


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
    """Columns: name, commune, phone, e-mail. ``Qt.UserRole`` gives the household id."""

    # Class defaults: Qt may ask for rowCount() while __init__ is still running.
    _all = _Window()
    _search: _Window | None = None
    _active = _all  # the window shown: _search while searching, else _all

    def __init__(self, ui: UiContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self._all = _Window()
        self._search = None
        self._active = self._all
        self._queued: list[tuple[_Window, int]] = []  # pages asked for during this turn
        self._shown: dict[tuple[int, int], str] = {}  # formatted cells, by household id
        self._generation = 0  # bumped by reload(): the count of an older reload is dropped

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
        searching = self._search is not None
        if not searching:
            self.beginResetModel()
        self._all = _Window(None, count)  # pages of the old one still on their way are dropped
        if not searching:
            self._active = self._all
        self._shown.clear()  # names or phones may have changed
        if not searching:
            self.endResetModel()

    def _request(self, window: _Window, page: int) -> None:
        if page in window.loading:
            return
        window.loading.add(page)
        self._queued.append((window, page))
        if len(self._queued) == 1:
            # Never load inside data(): a runner that answers at once would emit dataChanged
            # while the view is painting. The next turn of the event loop is soon enough;
            # the model is the timer's context, so a deleted model never gets the call.
            QTimer.singleShot(0, self, self._flush_requests)

    def _flush_requests(self) -> None:
        if not isValid(self):  # the view went away before the event loop came back
            return
        queued, self._queued = self._queued, []
        for window, page in queued:
            self.ui.runner.run(
                self._reader(window, page),
                partial(self._arrived, window, page),
                self.ui.show_error,  # the page stays "loading" until reload(): no error storm
            )

    def _reader(self, window: _Window, page: int) -> Callable[[], list[HouseholdSummary]]:
        """The service call that reads *page* of *window* (run off the GUI thread)."""
        households = self.ui.app.households
        start, size, query = page * window.size, window.size, window.query
        if query is None:
            return lambda: households.page(start, size)
        return lambda: households.search_page(query, start, size)

    def _arrived(self, window: _Window, page: int, rows: list[HouseholdSummary]) -> None:
        if not isValid(self) or window not in (self._all, self._search):
            return  # a list replaced since (reload, another search)
        window.loading.discard(page)
        window.pages[page] = rows
        while len(window.pages) > MAX_PAGES:
            window.pages.popitem(last=False)
        if window is self._active:
            first = page * window.size
            last = min(first + window.size, window.count) - 1
            if last >= first:
                self.dataChanged.emit(self.index(first, 0), self.index(last, len(_HEADERS) - 1))

    @property
    def search_page_size(self) -> int:
        """Rows per page of search results (the first page comes with the count)."""
        return SEARCH_PAGE_SIZE

    @property
    def loaded_pages(self) -> int:
        """How many pages of the list shown are cached (at most :data:`MAX_PAGES`)."""
        return len(self._active.pages)

    # -- search mode -----------------------------------------------------------------
    def show_results(self, query: str, total: int, first: list[HouseholdSummary]) -> None:
        """Show a search's results: *total* households, of which the first page is
        *first*; the others are read from the service as they are scrolled to."""
        self.beginResetModel()
        self._search = self._active = _Window(query, total)
        if first:
            self._search.pages[0] = list(first)
        self.endResetModel()

    def show_all(self) -> None:
        """Back to the whole list, by name."""
        if self._search is None:
            return
        self.beginResetModel()
        self._search = None
        self._active = self._all
        self.endResetModel()

    @property
    def searching(self) -> bool:
        return self._search is not None

    # -- rows ------------------------------------------------------------------------
    def summary(self, row: int) -> HouseholdSummary | None:
        """The household on *row*, or None while its page is not loaded."""
        window = self._active
        if not 0 <= row < window.count:
            return None
        rows = window.pages.get(row // window.size)
        if rows is None:
            return None
        window.pages.move_to_end(row // window.size)
        offset = row % window.size
        return rows[offset] if offset < len(rows) else None

    def household_id(self, row: int) -> int | None:
        found = self.summary(row)
        return found.id if found else None

    def row_of(self, household_id: int) -> int | None:
        """The row showing *household_id* among the rows loaded, if any."""
        for page, rows in self._active.pages.items():
            for offset, s in enumerate(rows):
                if s.id == household_id:
                    return page * self._active.size + offset
        return None

    # -- Qt model --------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        if parent.isValid():
            return 0
        return self._active.count

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
        window = self._active
        if found is None and 0 <= row < window.count:
            self._request(window, row // window.size)
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
