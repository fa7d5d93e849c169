"""What a loan slip says: the facts it is composed from (:class:`LoanSlipFacts`, plain
data the service collects) and its translated, formatted text (:class:`LoanSlipContent`).
Plain, picklable data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class LoanSlipFacts:
    """Everything a slip states, as stored (codes, dates, minor units), in no language yet."""

    loan_id: int
    country: str
    centre_name: str
    centre_name_ar: str | None
    centre_address: str | None
    centre_phone: str | None
    household_name: str
    household_phone: str | None
    item_name: str
    item_type: str
    item_label: str | None
    out_on: date
    due_on: date
    deposit_minor: int | None
    currency: str
    advisor_name: str | None


@dataclass(frozen=True)
class SlipRow:
    label: str
    value: str
    ltr: bool = False  # reads left to right whatever the language (serial, phone)


@dataclass(frozen=True)
class LoanSlipContent:
    language: str
    direction: str
    locale: str
    title: str
    centre_name: str
    centre_lines: tuple[str, ...]  # address, phone
    number_line: str  # "Loan no. 12"
    rows: tuple[SlipRow, ...]
    conditions_title: str
    conditions: tuple[str, ...]  # one paragraph each
    household_box: str  # "The household (name, date and signature)"
    centre_box: str  # "For the centre"
    household_name: str
    advisor_name: str
    return_title: str  # the part filled when the item comes back
    return_rows: tuple[str, ...]
    identifier: str  # the PDF's identifier
