"""The "Equipment loans" box of the household page: what the household borrowed (overdue
ones highlighted), Lend an item…, Return… and Slip…, through the loan service."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QGroupBox, QHeaderView, QVBoxLayout

from siec_desk.core.formatting import locale_for
from siec_desk.core.i18n import _
from siec_desk.domain.household_records import HouseholdSummary
from siec_desk.domain.loan_records import ItemRecord, LoanRecord
from siec_desk.texts.loan_text import loan_cells
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.loans.dialogs import LendDialog, ReturnDialog
from siec_desk.ui.loans.overdue_rows import fill_table
from siec_desk.ui.loans.slip import open_loan_slip
from siec_desk.ui.widgets.builders import button_row, push_button, read_only_table

#: The columns the household page shows (its own name is the page's title).
_COLUMNS = (0, 2, 3, 4, 5, 6)


class HouseholdLoansBox(QGroupBox):
    def __init__(self, ui: UiContext) -> None:
        super().__init__(_("Equipment loans"))
        self.ui = ui
        self._locale = locale_for(None, ui.app.centre.country)
        self.household: HouseholdSummary | None = None
        self.loans: list[LoanRecord] = []
        self.table = read_only_table(
            [
                _("Item"),
                _("Lent on"),
                _("Due back on"),
                _("Returned on"),
                _("Deposit"),
                _("Status"),
            ],
            "households.loans",
            _("Equipment loans"),
            selection=QAbstractItemView.SelectionMode.SingleSelection,
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMinimumHeight(110)
        self.lend_button = push_button(
            _("Lend an item…"), "households.loans.lend", on_click=self.lend
        )
        self.return_button = push_button(
            _("Return…"), "households.loans.return", _("Record the return"),
            on_click=self.give_back,
        )  # fmt: skip
        self.slip_button = push_button(
            _("Slip…"), "households.loans.slip", _("Loan slip"), on_click=self.slip
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(button_row(self.return_button, self.slip_button,
                                    leading=[self.lend_button]))  # fmt: skip
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self._selection_changed()

    def set_household(self, household: HouseholdSummary) -> None:
        self.household = household
        self.refresh()

    def refresh(self) -> None:
        if self.household is None:
            return
        household_id, service = self.household.id, self.ui.app.loans
        self.ui.runner.run(lambda: service.loans(household_id=household_id), self._show)

    def _show(self, loans: list[LoanRecord]) -> None:
        self.loans = loans
        rows = [loan_cells(x, self._locale) for x in loans]
        fill_table(self.table, [tuple(r[i] for i in _COLUMNS) for r in rows],
                   [x.overdue for x in loans])  # fmt: skip
        self._selection_changed()

    def current(self) -> LoanRecord | None:
        row = self.table.currentRow()
        return self.loans[row] if 0 <= row < len(self.loans) else None

    def _selection_changed(self) -> None:
        loan = self.current()
        self.return_button.setEnabled(bool(loan and loan.returned_on is None))
        self.slip_button.setEnabled(loan is not None)

    def lend(self) -> None:
        household = self.household
        if household is None:
            return

        def ask(items: list[ItemRecord]) -> None:
            free = [i for i in items if i.available]
            if not free:
                self.ui.dialogs.info(_("Equipment loans"), _("No item is available to lend."))
                return
            dialog = LendDialog(self.ui, None, self.window(), household=household, items=free)
            if dialog.exec():
                self.refresh()
                if dialog.show_slip.isChecked() and dialog.saved_id is not None:
                    open_loan_slip(self.ui, dialog.saved_id, self.window())

        self.ui.runner.run(self.ui.app.loans.items, ask)

    def give_back(self) -> None:
        loan = self.current()
        if loan is None or loan.returned_on is not None:
            return
        service = self.ui.app.loans

        def ask(item: ItemRecord) -> None:
            if ReturnDialog(self.ui, loan, item.state, self.window()).exec():
                self.refresh()

        self.ui.runner.run(lambda: service.item(loan.item_id), ask)

    def slip(self) -> None:
        loan = self.current()
        if loan is not None:
            open_loan_slip(self.ui, loan.id, self.window())
