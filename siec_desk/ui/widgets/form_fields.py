"""Building blocks of the data-entry forms: groups, fields and their error lines.

Number fields use their minimum as a "not specified" value, so that an empty answer
is not mistaken for 0; :func:`on_change` lets a form clear a field's error line as
soon as the user edits it; :func:`read_field` and :func:`write_field` move values in
and out of any of these fields.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from siec_desk.core.i18n import _
from siec_desk.ui.widgets.accessible import tag
from siec_desk.ui.widgets.code_combo import CodeCombo
from siec_desk.ui.widgets.dates import date_edit, from_qdate, to_qdate

_ERROR_STYLE = "color: #b3261e;"


def form_group(title: str) -> tuple[QGroupBox, QFormLayout]:
    box = QGroupBox(title)
    form = QFormLayout(box)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return box, form


def line_field(max_length: int) -> QLineEdit:
    field = QLineEdit()
    field.setMaxLength(max_length)
    return field


def no_wheel(field: QAbstractSpinBox) -> None:
    """Scrolling the form must not change a number under the mouse."""
    field.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


def integer_field(special: int, high: int, suffix: str = "", step: int = 1) -> QSpinBox:
    """Whole numbers; the minimum (*special*) means "not specified"."""
    field = QSpinBox()
    field.setRange(special, high)
    field.setSingleStep(step)
    field.setSuffix(suffix)
    field.setGroupSeparatorShown(high >= 10_000)
    field.setSpecialValueText(_("not specified"))
    field.setValue(field.minimum())  # a new form starts "not specified", not at 0
    no_wheel(field)
    return field


def decimal_field(special: float, high: float, decimals: int) -> QDoubleSpinBox:
    """Numbers whose unit is in the label; the minimum (*special*) means "not specified"."""
    field = QDoubleSpinBox()
    field.setDecimals(decimals)
    field.setRange(special, high)
    field.setGroupSeparatorShown(high >= 10_000)
    field.setSpecialValueText(_("not specified"))
    field.setValue(field.minimum())  # a new form starts "not specified", not at 0
    no_wheel(field)
    return field


def optional_date_field(earliest: date, latest: date) -> QDateEdit:
    """A date from *earliest* to *latest*; the day before *earliest* means "not specified"
    (the field starts there; its calendar opens on *latest*'s month)."""
    field = date_edit(to_qdate(earliest).addDays(-1))
    field.setDateRange(to_qdate(earliest).addDays(-1), to_qdate(latest))
    field.setSpecialValueText(_("not specified"))
    field.calendarWidget().setCurrentPage(latest.year, latest.month)
    no_wheel(field)
    return field


def error_label(identifier: str) -> QLabel:
    """A hidden, plain-text error line (shown by the form when a value is refused)."""
    error = QLabel()
    tag(error, identifier)
    error.setWordWrap(True)
    error.setTextFormat(Qt.TextFormat.PlainText)
    error.setStyleSheet(_ERROR_STYLE)
    error.hide()
    return error


def with_error_line(field: QWidget | QLayout, error: QLabel) -> QWidget:
    """One form cell: the field (or a row of fields) with its error line just under it."""
    cell = QWidget()
    column = QVBoxLayout(cell)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    if isinstance(field, QLayout):
        column.addLayout(field)
    else:
        column.addWidget(field)
    column.addWidget(error)
    return cell


def on_change(field: QWidget, slot: Callable[..., None]) -> None:
    """Call *slot* when the user changes *field* (to clear its error line)."""
    if isinstance(field, QLineEdit):
        field.textEdited.connect(slot)
    elif isinstance(field, QPlainTextEdit):
        field.textChanged.connect(slot)
    elif isinstance(field, QComboBox):
        field.currentIndexChanged.connect(slot)
    elif isinstance(field, QCheckBox):
        field.toggled.connect(slot)
    elif isinstance(field, QSpinBox | QDoubleSpinBox):
        field.valueChanged.connect(slot)
    elif isinstance(field, QDateEdit):
        field.dateChanged.connect(slot)


def read_field(field: QWidget) -> Any:
    """What *field* says now (None when empty or "not specified")."""
    if isinstance(field, QLineEdit):
        return field.text().strip() or None
    if isinstance(field, QPlainTextEdit):
        return field.toPlainText().strip() or None
    if isinstance(field, CodeCombo):
        return field.code()
    if isinstance(field, QCheckBox):
        return field.isChecked()
    if isinstance(field, QSpinBox | QDoubleSpinBox):
        number = field.value()
        return None if number == field.minimum() else number
    if isinstance(field, QDateEdit):  # an optional date (its minimum: "not specified")
        return None if field.date() == field.minimumDate() else from_qdate(field.date())
    raise TypeError(f"not a form field: {type(field).__name__}")


def write_field(field: QWidget, value: Any) -> None:
    """Show *value* in *field* (None empties it, or makes a number "not specified")."""
    if isinstance(field, QLineEdit):
        field.setText(value or "")
    elif isinstance(field, QPlainTextEdit):
        field.setPlainText(value or "")
    elif isinstance(field, CodeCombo):
        field.set_code(value)
    elif isinstance(field, QCheckBox):
        field.setChecked(bool(value))
    elif isinstance(field, QSpinBox):
        field.setValue(int(value) if value is not None else field.minimum())
    elif isinstance(field, QDoubleSpinBox):
        field.setValue(float(value) if value is not None else field.minimum())
    elif isinstance(field, QDateEdit):
        field.setDate(to_qdate(value) if value is not None else field.minimumDate())
