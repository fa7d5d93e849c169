"""The Loans page's dialogs: an item of the inventory (add or change), lending an item
to a household, and its return. Each saves through the loan service on the database
thread: a refused value is shown under its field and nothing is saved."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QWidget

from siec_desk.core.formatting import currency_digits, isolate
from siec_desk.core.i18n import _
from siec_desk.domain.fields import LOAN, LOAN_ITEM
from siec_desk.domain.household_records import HouseholdSummary
from siec_desk.domain.loan_records import (
    ItemInput,
    ItemRecord,
    LendInput,
    LoanRecord,
    ReturnInput,
)
from siec_desk.domain.loan_rules import EARLIEST_DATE, LONGEST_LOAN
from siec_desk.texts.labels import ITEM_STATES, LOAN_ITEM_TYPES
from siec_desk.texts.loan_text import item_title
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.loans.form import LoanForm, notes_field
from siec_desk.ui.widgets.accessible import tag
from siec_desk.ui.widgets.code_combo import CodeCombo
from siec_desk.ui.widgets.dates import date_edit, from_qdate, to_qdate
from siec_desk.ui.widgets.form_fields import decimal_field, error_label, line_field, read_field
from siec_desk.ui.widgets.household_picker import HouseholdPicker, household_text

#: How long a loan lasts unless the advisor says otherwise.
DEFAULT_LOAN_DAYS = 14


def _line(name: str) -> QLineEdit:
    spec = LOAN_ITEM[name]
    assert spec.max_length is not None
    return line_field(spec.max_length)


class ItemDialog(LoanForm):
    """Add (``item`` None) or change an item of the inventory."""

    def __init__(self, ui: UiContext, item: ItemRecord | None, parent: QWidget | None) -> None:
        title = _("Change an item") if item else _("Add an item")
        super().__init__(ui, "loans.item", title, parent)
        self.item = item
        self.name = _line("item_name")
        self.item_type = CodeCombo(LOAN_ITEM_TYPES)
        self.label = _line("label")
        self.state = CodeCombo(ITEM_STATES)
        self.location = _line("location")
        self.notes = notes_field()
        self.add_field("item_name", _("&Item"), self.name)
        self.add_field("item_type", _("&Type"), self.item_type)
        self.add_field("label", _("&Label or serial number"), self.label)
        self.add_field("state", _("&State"), self.state)
        self.add_field("location", _("&Location"), self.location)
        self.add_field("notes", _("&Notes"), self.notes)
        if item is not None:
            self.name.setText(item.item_name)
            self.item_type.set_code(item.item_type)
            self.label.setText(item.label or "")
            self.state.set_code(item.state)
            self.location.setText(item.location or "")
            self.notes.setPlainText(item.notes or "")
        else:
            self.state.set_code("good")
        self.resize(460, self.sizeHint().height())

    def item_input(self) -> ItemInput:
        return ItemInput(
            item_name=read_field(self.name),
            item_type=self.item_type.code(),
            label=read_field(self.label),
            state=self.state.code(),
            location=read_field(self.location),
            notes=read_field(self.notes),
        )

    def save(self) -> None:
        data, service, item = self.item_input(), self.ui.app.loans, self.item
        if item is None:
            self.submit(lambda: service.add_item(data))
            return

        def update() -> int:
            service.update_item(item.id, data, item.version)
            return item.id

        self.submit(update)


class LendDialog(LoanForm):
    """Lend *item* to a household (the household's page gives its own)."""

    def __init__(
        self,
        ui: UiContext,
        item: ItemRecord | None,
        parent: QWidget | None,
        *,
        household: HouseholdSummary | None = None,
        items: list[ItemRecord] | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(ui, "loans.lend", _("Lend an item"), parent)
        self.today = today or ui.app.loans.today()
        self.digits = currency_digits(ui.app.centre.currency)
        self.household_id = household.id if household else None
        self.item_combo: QComboBox | None = None
        self.item_id = item.id if item else None
        if item is not None:
            shown = QLabel(item_title(item.item_name, item.label))
            tag(shown, "loans.lend.item_name")
            self.add_field("item_id", _("Item"), shown)
        else:
            self.item_combo = QComboBox()
            for choice in items or ():
                self.item_combo.addItem(item_title(choice.item_name, choice.label), choice.id)
            self.add_field("item_id", _("&Item"), self.item_combo)
        if household is not None:
            named = QLabel(household_text(household, ui.app.centre.country))
            self.add_field("household_id", _("Household"), named)
        else:
            error = error_label("loans.lend.household_search.error")
            self.picker = HouseholdPicker(ui, error)
            self.picker.household_label.setText(_("Type a name, phone or commune"))
            self.picker.anonymous_button.hide()
            self.picker.chosen.connect(self._chosen)
            self.add_field("household_id", _("&Household"), self.picker.household_search,
                           self.picker)  # fmt: skip
        self.out_on = date_edit(to_qdate(self.today))
        self.out_on.setDateRange(to_qdate(EARLIEST_DATE), to_qdate(self.today))
        self.due_on = date_edit(to_qdate(self.today + timedelta(days=DEFAULT_LOAN_DAYS)))
        self.due_on.setDateRange(to_qdate(EARLIEST_DATE), to_qdate(self.today + LONGEST_LOAN))
        high = LOAN["deposit_minor"].high
        assert high is not None
        self.deposit = decimal_field(-(10.0**-self.digits), high, self.digits)
        self.deposit.setSuffix(f" {ui.app.centre.currency}")
        self.deposit.setSpecialValueText(_("none"))
        self.notes = notes_field()
        self.add_field("out_on", _("Lent &on"), self.out_on)
        self.add_field("due_on", _("&Due back on"), self.due_on)
        self.add_field("deposit", _("De&posit"), self.deposit)
        self.add_field("notes", _("&Notes"), self.notes)
        self.show_slip = QCheckBox(_("Show the loan &slip to print"))
        tag(self.show_slip, "loans.lend.show_slip")
        self.show_slip.setChecked(True)
        self.form.addRow(self.show_slip)
        self.resize(480, self.sizeHint().height())

    def _chosen(self, summary: HouseholdSummary) -> None:
        self.household_id = summary.id
        self.picker.household_label.setText(household_text(summary, self.ui.app.centre.country))
        self.picker.household_search.clear()
        self.errors["household_id"].hide()

    def lend_input(self) -> LendInput | None:
        item_id = self.item_id
        if self.item_combo is not None:
            chosen = self.item_combo.currentData()
            item_id = int(chosen) if chosen is not None else None
        if item_id is None or self.household_id is None:
            return None
        deposit = read_field(self.deposit)
        return LendInput(
            item_id=item_id,
            household_id=self.household_id,
            due_on=from_qdate(self.due_on.date()),
            out_on=from_qdate(self.out_on.date()),
            deposit=Decimal(str(deposit)) if deposit is not None else None,
            notes=read_field(self.notes),
        )

    def save(self) -> None:
        data = self.lend_input()
        if data is None:
            key = "household_id" if self.household_id is None else "item_id"
            self.errors[key].setText(
                _("Choose the household first.") if key == "household_id"
                else _("Choose an item first.")
            )  # fmt: skip
            self.errors[key].show()
            self.fields[key].setFocus()
            return
        service, today = self.ui.app.loans, self.today
        self.submit(lambda: service.lend(data, today=today))


class ReturnDialog(LoanForm):
    """The item of *loan* came back: when, and in what state."""

    def __init__(self, ui: UiContext, loan: LoanRecord, state: str, parent: QWidget | None) -> None:
        super().__init__(ui, "loans.return", _("Return of an item"), parent)
        self.loan = loan
        self.today = ui.app.loans.today()
        what = QLabel(
            _("{item}, lent to {household}").format(
                item=item_title(loan.item_name, loan.item_label),
                household=isolate(loan.household_name),
            )
        )
        what.setWordWrap(True)
        tag(what, "loans.return.what")
        self.form.addRow(what)
        self.returned_on = date_edit(to_qdate(self.today))
        self.returned_on.setDateRange(to_qdate(loan.out_on), to_qdate(max(self.today, loan.out_on)))
        self.state = CodeCombo(ITEM_STATES)
        self.state.set_code(state)
        self.notes = notes_field()
        self.add_field("returned_on", _("&Returned on"), self.returned_on)
        self.add_field("state_at_return", _("&State at return"), self.state)
        self.add_field("notes", _("&Notes"), self.notes)
        self.resize(440, self.sizeHint().height())

    def save(self) -> None:
        data = ReturnInput(
            returned_on=from_qdate(self.returned_on.date()),
            state=self.state.code(),
            notes=read_field(self.notes),
        )
        service, loan_id, today = self.ui.app.loans, self.loan.id, self.today

        def back() -> int:
            service.return_loan(loan_id, data, today=today)
            return loan_id

        self.submit(back)
