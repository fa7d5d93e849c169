"""The 6-month outcome of an advised household, in a small form."""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import get_currency_symbol
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from siec_desk.core.formatting import format_date, isolate, locale_for
from siec_desk.core.i18n import _, current_language
from siec_desk.domain.consultation_records import ConsultationDetail, OutcomeInput
from siec_desk.domain.fields import CONSULTATION as F
from siec_desk.domain.fields import FieldSpec
from siec_desk.texts.labels import OUTCOME_STATUSES
from siec_desk.ui.consultations.consumption_change import ConsumptionChangeLabel
from siec_desk.ui.kit.context import UiContext, error_text
from siec_desk.ui.widgets.accessible import labelled, tag
from siec_desk.ui.widgets.code_combo import CodeCombo
from siec_desk.ui.widgets.spec_fields import spec_line


class OutcomeForm(QDialog):
    def __init__(self, ui: UiContext, detail: ConsultationDetail, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.consultation_id = detail.summary.id
        self.setWindowTitle(_("6-month outcome"))
        tag(self, "outcome_form", _("6-month outcome"))
        self.locale_name = locale_for(None, ui.app.centre.country)
        summary = detail.summary
        # Whose outcome this is (D23): the household and the consultation's date.
        mark = "\u200f" if self.isRightToLeft() else "\u200e"  # the UI's direction, not the name's
        self.heading = QLabel(
            mark
            + _("{household} · consultation of {date}").format(
                household=isolate(summary.household_name or _("(no name)")),
                date=format_date(summary.occurred_at.date(), self.locale_name, "long"),
            )
        )
        tag(self.heading, "outcome_form.household")
        self.heading.setStyleSheet("font-weight: 600;")
        self.heading.setWordWrap(True)
        self.status = CodeCombo(OUTCOME_STATUSES)
        self.measures = QListWidget()
        self.measures.setWordWrap(True)  # long Arabic names wrap, never clipped
        self.measures.setMinimumWidth(420)
        lang = current_language()
        for snapshot in detail.measures:
            item = QListWidgetItem(ui.app.reference.measure(snapshot.code).name(lang))
            item.setData(Qt.ItemDataRole.UserRole, snapshot.code)
            item.setCheckState(
                Qt.CheckState.Checked
                if snapshot.status in ("decided", "done")
                else Qt.CheckState.Unchecked
            )
            self.measures.addItem(item)
        self.works = self._amount(F["outcome_works_amount_minor"])
        self.aids = self._amount(F["outcome_aids_minor"])
        self.reason = spec_line(F["outcome_abandon_reason"])
        self.error = QLabel()
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setWordWrap(True)
        tag(self.error, "outcome_form.error")
        form = QFormLayout()
        form.addRow(labelled(_("&Outcome"), self.status, "outcome_form.status"), self.status)
        form.addRow(
            labelled(_("&Measures decided or done"), self.measures, "outcome_form.measures"),
            self.measures,
        )
        form.addRow(labelled(_("Amount of &works"), self.works, "outcome_form.works"), self.works)
        form.addRow(labelled(_("&Aid obtained"), self.aids, "outcome_form.aids"), self.aids)
        form.addRow(
            labelled(_("&Reason for abandoning"), self.reason, "outcome_form.reason"), self.reason
        )
        self.consumption = ConsumptionChangeLabel(
            ui, detail.summary.household_id, detail.summary.occurred_at.date()
        )
        form.addRow(QLabel(_("Consumption")), self.consumption)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        tag(buttons.button(QDialogButtonBox.StandardButton.Save), "outcome_form.save")
        tag(buttons.button(QDialogButtonBox.StandardButton.Cancel), "outcome_form.cancel")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _amount(self, spec: FieldSpec) -> QDoubleSpinBox:
        box = QDoubleSpinBox()
        assert spec.low is not None and spec.high is not None
        box.setRange(spec.low, spec.high)
        box.setDecimals(0)
        box.setLocale(QLocale(self.locale_name))  # the centre's, as amounts elsewhere
        box.setGroupSeparatorShown(True)  # "3 500 €", not "3500 EUR" (D23)
        currency = self.ui.app.centre.currency
        box.setSuffix(f"\u00a0{get_currency_symbol(currency, locale=self.locale_name)}")
        return box

    def outcome(self) -> OutcomeInput:
        checked = tuple(
            str(self.measures.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.measures.count())
            if self.measures.item(i).checkState() == Qt.CheckState.Checked
        )
        status = self.status.code() or ""
        return OutcomeInput(
            status=status,
            measures_done=checked if status == "done" else (),
            measures_decided=checked if status == "decided" else (),
            works_amount=Decimal(str(self.works.value())) if self.works.value() else None,
            aids_amount=Decimal(str(self.aids.value())) if self.aids.value() else None,
            abandon_reason=self.reason.text(),
        )

    def save(self) -> None:
        outcome = self.outcome()
        self.ui.runner.run(
            lambda: self.ui.app.consultations.record_outcome(self.consultation_id, outcome),
            lambda _result: self.accept(),
            lambda exc: self.error.setText(error_text(exc)),
        )
