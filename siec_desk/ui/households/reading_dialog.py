"""The small form that adds or changes one consumption reading (household page).

Its fields take the bounds of the reading's registry entries (``domain/readings.py``);
what it gives is checked by the same rules as the service (``validate_reading``), every
problem shown under its field, nothing saved while any is left.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from siec_desk.core.errors import ValidationError
from siec_desk.core.formatting import currency_digits
from siec_desk.core.i18n import _
from siec_desk.domain.codes import ReadingSource
from siec_desk.domain.fields import READING
from siec_desk.domain.readings import UNITS, Reading, ReadingInput, validate_reading
from siec_desk.texts.labels import READING_KINDS, READING_SOURCES
from siec_desk.ui.widgets.accessible import tag
from siec_desk.ui.widgets.code_combo import CodeCombo
from siec_desk.ui.widgets.form_fields import (
    decimal_field,
    error_label,
    on_change,
    optional_date_field,
    read_field,
    with_error_line,
    write_field,
)
from siec_desk.ui.widgets.spec_fields import EARLIEST_DATE, spec_decimal


class ReadingDialog(QDialog):
    """Add (``reading`` None) or change a reading; :attr:`result_input` once accepted."""

    def __init__(
        self, currency: str, reading: Reading | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        tag(self, "readings.dialog")
        self.setWindowTitle(_("Change a reading") if reading else _("Add a reading"))
        self.currency = currency
        self.digits = currency_digits(currency)
        self.today = date.today()
        self.result_input: ReadingInput | None = None
        self.kind = CodeCombo(READING_KINDS)
        self.source = CodeCombo(READING_SOURCES)
        self.start = optional_date_field(EARLIEST_DATE, self.today)
        self.end = optional_date_field(EARLIEST_DATE, self.today)
        self.quantity = spec_decimal(READING["quantity"], 2)
        amount_spec = READING["amount_minor"]
        assert amount_spec.high is not None
        self.amount = decimal_field(-(10.0**-self.digits), amount_spec.high, self.digits)
        self.amount.setSuffix(f" {currency}")
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(60)
        self.fields: dict[str, QWidget] = {
            "kind": self.kind,
            "source": self.source,
            "start_on": self.start,
            "end_on": self.end,
            "quantity": self.quantity,
            "amount": self.amount,
            "notes": self.notes,
        }
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, field in self.fields.items():
            spec = READING["amount_minor" if key == "amount" else key]
            tag(field, f"readings.dialog.{key}", str(spec.label))
            error = error_label(f"readings.dialog.{key}.error")
            self.errors[key] = error
            on_change(field, lambda *_a, e=error: e.hide())
            form.addRow(QLabel(str(spec.label)), with_error_line(field, error))
        self.kind.currentIndexChanged.connect(self._unit)
        self.source.currentIndexChanged.connect(self._source_changed)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        tag(ok, "readings.dialog.ok")
        ok.setText(_("Save"))
        tag(buttons.button(QDialogButtonBox.StandardButton.Cancel), "readings.dialog.cancel")
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        if reading is not None:
            self._show(reading)
        self._unit()
        self._source_changed()

    def _show(self, r: Reading) -> None:
        self.kind.set_code(r.kind)
        self.source.set_code(r.source)
        write_field(self.start, r.start_on)
        write_field(self.end, r.end_on)
        self.quantity.setValue(r.quantity)
        if r.amount_minor is not None:
            self.amount.setValue(r.amount_minor / 10**self.digits)
        self.notes.setPlainText(r.notes or "")

    def _unit(self) -> None:
        unit = UNITS.get(self.kind.code() or "", "")
        self.quantity.setSuffix(f" {unit}" if unit else "")

    def _source_changed(self) -> None:
        """A meter reading is taken on one day: no period start, no amount."""
        bill = self.source.code() != ReadingSource.METER
        self.start.setEnabled(bill)
        self.amount.setEnabled(bill)

    def reading_input(self) -> ReadingInput:
        bill = self.source.code() != ReadingSource.METER
        amount = read_field(self.amount) if bill else None
        return ReadingInput(
            kind=self.kind.code(),
            source=self.source.code() or ReadingSource.BILL,
            start_on=read_field(self.start) if bill else None,
            end_on=read_field(self.end),
            quantity=read_field(self.quantity),
            amount=Decimal(str(amount)) if amount is not None else None,
            notes=read_field(self.notes),
        )

    def _save(self) -> None:
        data = self.reading_input()
        for error in self.errors.values():
            error.hide()
        try:
            validate_reading(data, today=self.today, minor_digits=self.digits)
        except ValidationError as exc:
            self.show_errors(exc)
            return
        self.result_input = data
        self.accept()

    def show_errors(self, exc: ValidationError) -> None:
        """Each problem under its field; the first wrong field takes the focus."""
        first: QWidget | None = None
        for e in exc.errors:
            label = self.errors.get(e.field)
            if label is None:
                continue
            label.setText(e.message)
            label.show()
            first = first or self.fields[e.field]
        if first is not None:
            first.setFocus()
