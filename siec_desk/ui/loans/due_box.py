"""Today's "Loans due back": open loans due within a week, overdue ones first and
highlighted (bold dark red, and "overdue" in words for screen readers); Enter on one
records its return. Hidden while no loan is due."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QHeaderView, QVBoxLayout

from siec_desk.core.formatting import format_date, locale_for
from siec_desk.core.i18n import _, ngettext
from siec_desk.domain.loan_records import ItemRecord, LoanRecord
from siec_desk.texts.loan_text import days_late, item_title, item_type_label
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.loans.overdue_rows import fill_table
from siec_desk.ui.widgets.accessible import tag
from siec_desk.ui.widgets.builders import read_only_table


def due_text(loan: LoanRecord, locale: str, late: int) -> str:
    """ "12 déc. 2026" or "1 déc. 2026 · 6 days overdue"."""
    day = format_date(loan.due_on, locale)
    if not late:
        return day
    return day + " · " + ngettext("{n} day overdue", "{n} days overdue", late).format(n=late)


class LoansDueBox(QGroupBox):
    def __init__(self, ui: UiContext) -> None:
        super().__init__(_("Loans due back"))
        tag(self, "today.loans_box", _("Loans due back"))
        self.ui = ui
        self._locale = locale_for(None, ui.app.centre.country)
        self.rows: list[LoanRecord] = []
        self.table = read_only_table(
            [_("Household"), _("Item"), _("Due back on")], "today.loans_due", _("Loans due back")
        )
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        QVBoxLayout(self).addWidget(self.table)
        self.table.cellActivated.connect(lambda row, _c: self.give_back(row))
        self.table.cellDoubleClicked.connect(lambda row, _c: self.give_back(row))
        self.hide()

    def refresh(self) -> None:
        self.ui.runner.run(self.ui.app.loans.due_back, self._show)

    def _show(self, loans: list[LoanRecord]) -> None:
        self.rows = loans
        today = self.ui.app.loans.today()
        lates = [days_late(x, today) for x in loans]
        fill_table(
            self.table,
            [
                (
                    x.household_name,
                    item_title(item_type_label(x.item_type), x.item_label),
                    due_text(x, self._locale, late),
                )
                for x, late in zip(loans, lates, strict=True)
            ],
            [bool(late) for late in lates],
        )
        overdue = sum(1 for late in lates if late)
        title = ngettext("{n} loan due back", "{n} loans due back", len(loans)).format(n=len(loans))
        if overdue:
            title += " · " + ngettext("{n} overdue", "{n} overdue", overdue).format(n=overdue)
        self.setTitle(title)
        self.setVisible(bool(loans))

    def give_back(self, row: int) -> None:
        if not 0 <= row < len(self.rows):
            return
        loan = self.rows[row]
        service = self.ui.app.loans

        def ask(item: ItemRecord) -> None:
            from siec_desk.ui.loans.dialogs import ReturnDialog  # not at start-up (Today)

            if ReturnDialog(self.ui, loan, item.state, self.window()).exec():
                self.refresh()

        self.ui.runner.run(lambda: service.item(loan.item_id), ask)
