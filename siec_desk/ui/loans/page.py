"""Equipment loans: the inventory (each item's type, label, state and who has it, overdue
ones highlighted), and under it the history of the chosen item; Add item…, Change…,
Lend…, Return…, Slip… (the loan slip to print). Everything through the loan service on
the database thread."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QVBoxLayout, QWidget

from siec_desk.core.formatting import locale_for
from siec_desk.core.i18n import _, ngettext
from siec_desk.domain.loan_records import ItemRecord, LoanRecord
from siec_desk.texts.loan_text import item_cells, item_title, loan_cells
from siec_desk.ui.kit.base import Page
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.loans.dialogs import ItemDialog, LendDialog, ReturnDialog
from siec_desk.ui.loans.overdue_rows import fill_table
from siec_desk.ui.loans.slip import open_loan_slip
from siec_desk.ui.widgets.builders import (
    button_row,
    push_button,
    read_only_table,
    splitter,
    text_label,
)


class LoansPage(Page):
    key = "loans"

    def __init__(self, ui: UiContext) -> None:
        super().__init__()
        self.ui = ui
        self._locale = locale_for(None, ui.app.centre.country)
        self._items: list[ItemRecord] = []
        self._history: list[LoanRecord] = []
        self.count = text_label("loans.count", wrap=False)
        self.add_button = push_button(_("&Add an item…"), "loans.add", on_click=self.add_item)
        self.edit_button = push_button(_("C&hange…"), "loans.edit", on_click=self.edit_item)
        self.lend_button = push_button(_("&Lend…"), "loans.lend", on_click=self.lend)
        self.return_button = push_button(_("&Return…"), "loans.return", on_click=self.give_back)
        self.slip_button = push_button(_("&Slip…"), "loans.slip", _("Loan slip"),
                                       on_click=self.slip)  # fmt: skip
        self.table = read_only_table(
            [_("Item"), _("Type"), _("Label"), _("State"), _("Who has it / where")],
            "loans.items",
            _("Inventory"),
        )
        self.table.setSelectionMode(self.table.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.history_title = text_label("loans.history.title", wrap=False)
        self.history = read_only_table(
            [
                _("Item"),
                _("Household"),
                _("Lent on"),
                _("Due back on"),
                _("Returned on"),
                _("Deposit"),
                _("Status"),
            ],
            "loans.history",
            _("History of the item"),
        )
        self.history.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.history.setColumnHidden(0, True)  # the item: in the title above
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.history_title)
        lower_layout.addWidget(self.history, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(
            button_row(
                self.lend_button,
                self.return_button,
                self.slip_button,
                leading=[self.add_button, self.edit_button],
            )
        )
        layout.addWidget(self.count)
        layout.addWidget(splitter(Qt.Orientation.Vertical, (self.table, 3), (lower, 2)), 1)
        self.table.currentCellChanged.connect(lambda row, *_a: self._selected(row))
        self.table.cellActivated.connect(lambda _r, _c: self.lend_or_return())
        self.table.cellDoubleClicked.connect(lambda _r, _c: self.edit_item())

    def title(self) -> str:
        return _("Loans")

    def focus_primary(self) -> None:
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- showing -----------------------------------------------------------------------
    def refresh(self) -> None:
        self.ui.runner.run(self.ui.app.loans.items, self._show)

    def _show(self, items: list[ItemRecord]) -> None:
        chosen = self.current()
        self._items = items
        fill_table(
            self.table,
            [item_cells(i, self._locale) for i in items],
            [bool(i.current and i.current.overdue) for i in items],
        )
        out = sum(1 for i in items if i.current)
        late = sum(1 for i in items if i.current and i.current.overdue)
        if items:
            text = ngettext("{n} item", "{n} items", len(items)).format(n=len(items))
            text += " · " + _("{out} lent, {late} overdue").format(out=out, late=late)
        else:
            text = _("No item in the inventory yet. Add one with “Add an item…”.")
        self.count.setText(text)
        ids = [i.id for i in items]
        row = ids.index(chosen.id) if chosen and chosen.id in ids else (0 if items else -1)
        self.table.setCurrentCell(row, 0)
        self._selected(row)

    def _selected(self, row: int) -> None:
        item = self._items[row] if 0 <= row < len(self._items) else None
        self.return_button.setEnabled(bool(item and item.current))
        self.slip_button.setEnabled(bool(item and item.current))
        self.lend_button.setEnabled(bool(item and item.available))
        self.edit_button.setEnabled(item is not None)
        if item is None:
            self.history_title.setText("")
            fill_table(self.history, [], [])
            return
        self.history_title.setText(
            _("History of {item}").format(item=item_title(item.item_name, item.label))
        )
        item_id = item.id
        self.ui.runner.run(lambda: self.ui.app.loans.loans(item_id=item_id), self._show_history)

    def _show_history(self, loans: list[LoanRecord]) -> None:
        self._history = loans
        fill_table(
            self.history, [loan_cells(x, self._locale) for x in loans], [x.overdue for x in loans]
        )

    def current(self) -> ItemRecord | None:
        row = self.table.currentRow()
        return self._items[row] if 0 <= row < len(self._items) else None

    # -- actions -----------------------------------------------------------------------
    def _chosen(self) -> ItemRecord | None:
        item = self.current()
        if item is None:
            self.ui.dialogs.info(_("Loans"), _("Choose an item in the list first."))
        return item

    def add_item(self) -> None:
        if ItemDialog(self.ui, None, self).exec():
            self.refresh()

    def edit_item(self) -> None:
        item = self._chosen()
        if item is not None and ItemDialog(self.ui, item, self).exec():
            self.refresh()

    def lend_or_return(self) -> None:
        """Enter on an item: lend it if it is in, record its return if it is out."""
        item = self.current()
        if item is not None and item.current is not None:
            self.give_back()
        elif item is not None and item.available:
            self.lend()

    def lend(self) -> None:
        item = self._chosen()
        if item is None:
            return
        if not item.available:
            self.ui.dialogs.info(_("Loans"), _("This item cannot be lent now."))
            return
        dialog = LendDialog(self.ui, item, self)
        if dialog.exec():
            self.refresh()
            if dialog.show_slip.isChecked() and dialog.saved_id is not None:
                open_loan_slip(self.ui, dialog.saved_id, self.window())

    def give_back(self) -> None:
        item = self._chosen()
        if item is None or item.current is None:
            return
        if ReturnDialog(self.ui, item.current, item.state, self).exec():
            self.refresh()

    def slip(self) -> None:
        item = self._chosen()
        if item is not None and item.current is not None:
            open_loan_slip(self.ui, item.current.id, self.window())
