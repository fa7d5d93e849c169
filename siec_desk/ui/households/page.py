"""The Households page: search-as-you-type list on the left, the household on the right.

The list is a lazy window over every household (:class:`HouseholdListModel`); typing
in the search box shows the best matches instead. The detail pane shows the
household and the timeline of its consultations, newest first
(:class:`~siec_desk.ui.households.detail.HouseholdDetailPane`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from siec_desk.core.formatting import format_number, locale_for
from siec_desk.core.i18n import _, ngettext
from siec_desk.services.households import SearchWindow
from siec_desk.ui.households.detail import HouseholdDetailPane
from siec_desk.ui.households.list_delegate import ListTextDelegate
from siec_desk.ui.kit.base import Page
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.kit.empty_state import households_empty
from siec_desk.ui.models.household_list import COMMUNE, EMAIL, NAME, PHONE, HouseholdListModel
from siec_desk.ui.widgets.accessible import labelled, tag
from siec_desk.ui.widgets.builders import push_button, splitter, tab_chain

SELECTION_DELAY_MS = 150  # moving through the list with the arrows loads once at rest


class _SearchBox(QLineEdit):
    """Down arrow moves into the list, as in a combo box; Escape clears the search."""

    def __init__(self, on_down: Callable[[], None]) -> None:
        super().__init__()
        self._on_down = on_down

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Down:
            self._on_down()
            return
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        super().keyPressEvent(event)


class HouseholdsPage(Page):
    key = "households"

    def __init__(self, ui: UiContext) -> None:
        super().__init__()
        self.ui = ui
        self._search_seq = 0
        self._current_id: int | None = None
        self._pending_select = False  # select the shown household once its row is loaded
        self._selecting = False
        self.model = HouseholdListModel(ui, self)
        self._selection_timer = QTimer(self)
        self._selection_timer.setSingleShot(True)
        self._selection_timer.setInterval(SELECTION_DELAY_MS)
        self._selection_timer.timeout.connect(self._show_current_row)
        self._build()
        self.model.modelReset.connect(self._after_reset)
        self.model.dataChanged.connect(self._page_arrived)

    # -- layout ----------------------------------------------------------------------
    def _build(self) -> None:
        self.search = _SearchBox(self._enter_list)
        self.search.setPlaceholderText(_("Search by name, phone, e-mail or commune…"))
        self.search.setClearButtonEnabled(True)
        search_label = labelled(_("&Search:"), self.search, "households.search")
        self.search.textChanged.connect(self._search_changed)
        self.search.returnPressed.connect(self._enter_list)
        self.new_button = push_button(
            _("New household…"), "households.new", on_click=self._new_household
        )
        self.count_label = QLabel()
        tag(self.count_label, "households.count")

        self.table = QTableView()
        tag(self.table, "households.list", _("Households"))
        self.table.setModel(self.model)
        # Each keystroke repaints every visible cell: texts are laid out once (issue 22).
        self.table.setItemDelegate(ListTextDelegate(self.model, self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        # Fixed row heights: the view never asks 100k rows for their size.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)  # the e-mail, last: name and commune always show
        for column, width in ((NAME, 190), (COMMUNE, 140), (PHONE, 130), (EMAIL, 200)):
            header.resizeSection(column, width)
        self.table.activated.connect(self._row_activated)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)

        top = QHBoxLayout()
        top.addWidget(search_label)
        top.addWidget(self.search, 1)
        top.addWidget(self.new_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(top)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count_label)

        self.detail = HouseholdDetailPane(self.ui)
        self.detail.edit_requested.connect(self._edit_household)
        self.detail.erased.connect(self._household_erased)
        layout = QVBoxLayout(self)
        content = splitter(Qt.Orientation.Horizontal, (left, 5), (self.detail, 4))
        layout.addWidget(content)
        self.empty = households_empty([content])  # D43: no household yet
        layout.addWidget(self.empty)
        tab_chain(self.search, self.new_button, self.table, self.detail.first_focus())

    # -- Page ------------------------------------------------------------------------
    def title(self) -> str:
        return _("Households")

    def refresh(self) -> None:
        self.model.reload()
        if self.search.text().strip():
            self._search_changed(self.search.text())
        if self._current_id is not None:
            self.detail.load(self._current_id)

    def warm_up(self) -> None:
        """The detail pane's last boxes, on an idle turn (``ui.app.idle_warmup``)."""
        self.detail.ensure_boxes()

    def focus_primary(self) -> None:
        if self.empty.focus():
            return
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def show_household(self, household_id: int) -> None:
        """Show this household's details, and select it if the list shows it."""
        self._current_id = household_id
        self._pending_select = not self._select_current(scroll=True)
        self.detail.load(household_id)

    def can_leave(self) -> bool:
        return True

    def selected_household(self) -> int | None:
        """The household the advisor has selected: the list's current row, else the one
        on the right (Ctrl+L logs a consultation for it, D7)."""
        index = self.table.currentIndex()
        if index.isValid() and self.table.selectionModel().isSelected(index):
            found = self.model.household_id(index.row())
            if found is not None:
                return found
        return self._current_id

    # -- search ----------------------------------------------------------------------
    def _search_changed(self, text: str) -> None:
        self._search_seq += 1
        seq = self._search_seq
        if not text.strip():
            self.model.show_all()
            return
        households = self.ui.app.households
        size = self.model.search_page_size

        def search() -> SearchWindow | None:
            # Runs on the DB thread: a keystroke typed since this one was queued makes it
            # useless, so it is not run at all (the newest search waits for nothing).
            if seq != self._search_seq:
                return None
            return households.search_window(text, size)

        self.ui.runner.run(search, lambda found: self._search_done(seq, text, found))

    def _search_done(self, seq: int, text: str, found: SearchWindow | None) -> None:
        if found is None or seq != self._search_seq:  # the user typed on since
            return
        self.model.show_results(text, found.total, found.rows)
        if found.total == 0 and self._current_id is not None:
            # Nothing matches: the household on the right is not one the advisor is
            # looking for, so it goes (no editing the wrong person by mistake).
            self._current_id = None
            self._pending_select = False
            self.detail.clear()

    def _enter_list(self) -> None:
        if self.model.rowCount() == 0:
            return
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(0, 0))

    # -- selection -------------------------------------------------------------------
    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and not self._selecting:
            self._pending_select = False
            self._selection_timer.start()

    def _show_current_row(self) -> None:
        household_id = self.model.household_id(self.table.currentIndex().row())
        if household_id is not None and household_id != self._current_id:
            self._current_id = household_id
            self.detail.load(household_id)

    def _row_activated(self, index: QModelIndex) -> None:
        self._selection_timer.stop()
        household_id = self.model.household_id(index.row())
        if household_id is not None:
            self._current_id = household_id
            self.detail.load(household_id)

    def _select_current(self, scroll: bool = False) -> bool:
        """Select the household shown on the right if its row is loaded."""
        row = self.model.row_of(self._current_id) if self._current_id is not None else None
        if row is None:
            return False
        index = self.model.index(row, 0)
        self._selecting = True  # already shown on the right: no second load
        self.table.setCurrentIndex(index)
        self._selecting = False
        if scroll:
            self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    def _page_arrived(self) -> None:
        # Pending only until the user moves in the list, so scrolling to it is welcome.
        if self._pending_select and self._select_current(scroll=True):
            self._pending_select = False

    def _after_reset(self) -> None:
        self._pending_select = not self._select_current(scroll=True)
        locale = locale_for(None, self.ui.app.centre.country)
        n = self.model.rowCount()
        self.empty.set_empty(n == 0 and not self.model.searching)
        if self.model.searching:
            text = ngettext("{n} household found", "{n} households found", n)
        else:
            text = ngettext("{n} household", "{n} households", n)
        self.count_label.setText(text.format(n=format_number(n, locale)))

    # -- actions ---------------------------------------------------------------------
    def _new_household(self) -> None:
        from siec_desk.ui.households.form import HouseholdForm  # not needed at start-up

        form = HouseholdForm(self.ui, None, self)
        if form.exec() and form.saved_id is not None:
            self.ui.events.households_changed.emit()
            self.show_household(form.saved_id)

    def _household_erased(self, household_id: int) -> None:
        """Back to the list: the household shown is gone."""
        if self._current_id == household_id:
            self._current_id = None
        self.detail.clear()
        self.table.clearSelection()
        self.search.setFocus()

    def _edit_household(self, household_id: int) -> None:
        from siec_desk.ui.households.form import HouseholdForm

        form = HouseholdForm(self.ui, household_id, self)
        if form.exec() and form.saved_id is not None:
            self.ui.events.households_changed.emit()
            self.show_household(form.saved_id)
