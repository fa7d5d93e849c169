"""Form fields built from the field registry (:mod:`siec_desk.domain.fields`): a text
field takes its maximum length, a number field its bounds, so that a form accepts what
the record's rules accept.

A number field's lowest value means "not specified" (see
:mod:`siec_desk.ui.widgets.form_fields`): it is one step of its last decimal below the
rule's minimum, so every other value the field can show is within the rule.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDateEdit, QDoubleSpinBox, QLineEdit, QSpinBox

from siec_desk.domain.fields import FieldKind, FieldSpec
from siec_desk.ui.widgets.form_fields import (
    decimal_field,
    integer_field,
    line_field,
    optional_date_field,
)

_WHOLE = (FieldKind.INT, FieldKind.AMOUNT, FieldKind.MINUTES)


def spec_line(spec: FieldSpec) -> QLineEdit:
    assert spec.max_length is not None, spec.name
    return line_field(spec.max_length)


def not_specified_below(spec: FieldSpec, decimals: int = 0) -> float:
    """The "not specified" value of a number field for *spec*."""
    assert spec.low is not None, spec.name
    return round(spec.low - 10.0**-decimals, decimals)


def spec_integer(spec: FieldSpec, suffix: str = "", step: int = 1) -> QSpinBox:
    assert spec.kind in _WHOLE and spec.high is not None, spec.name
    return integer_field(int(not_specified_below(spec)), int(spec.high), suffix, step)


def spec_decimal(spec: FieldSpec, decimals: int) -> QDoubleSpinBox:
    assert spec.kind is FieldKind.DECIMAL and spec.high is not None, spec.name
    return decimal_field(not_specified_below(spec, decimals), spec.high, decimals)


#: The earliest date an optional date field offers.
EARLIEST_DATE = date(1990, 1, 1)


def spec_date(spec: FieldSpec, today: date) -> QDateEdit:
    """An optional date; a date that must be past cannot be set after *today*."""
    assert spec.kind is FieldKind.DATE, spec.name
    return optional_date_field(EARLIEST_DATE, today if spec.past else date(today.year + 50, 12, 31))
