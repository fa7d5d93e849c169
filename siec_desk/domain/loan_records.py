"""Plain data of equipment loans (schema 0017), passed to and returned by the loan
service: what a form or the command line gives (:class:`ItemInput`, :class:`LendInput`,
:class:`ReturnInput`), an item with who has it (:class:`ItemRecord`), a loan
(:class:`LoanRecord`) and a period's figures (:class:`LoanFigures`, counted by
:func:`siec_desk.domain.loan_rules.count_loans`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from siec_desk.core.json_fields import to_json


@dataclass(frozen=True)
class ItemInput:
    """A lendable item as typed."""

    item_name: str | None
    item_type: str | None
    label: str | None = None
    state: str | None = "good"
    location: str | None = None
    notes: str | None = None


@dataclass(frozen=True)
class LendInput:
    """An item lent to a household: the deposit in major units of the centre's currency;
    no ``out_on`` means today."""

    item_id: int
    household_id: int
    due_on: date | None
    out_on: date | None = None
    deposit: Decimal | None = None
    notes: str | None = None
    advisor_id: int | None = None


@dataclass(frozen=True)
class ReturnInput:
    """An item coming back: no ``returned_on`` means today; no ``state`` keeps the
    item's state."""

    returned_on: date | None = None
    state: str | None = None
    notes: str | None = None


@dataclass(frozen=True)
class LoanRecord:
    """A loan as stored, with its item and household named (for lists and the slip)."""

    id: int
    item_id: int
    item_name: str
    item_type: str
    item_label: str | None
    household_id: int
    household_name: str
    advisor_id: int | None
    out_on: date
    due_on: date
    deposit_minor: int | None
    currency: str
    returned_on: date | None
    state_at_return: str | None
    notes: str | None
    overdue: bool  # due before today and not returned
    version: int = 1

    def as_json(self) -> dict[str, object]:
        return to_json(self)


@dataclass(frozen=True)
class ItemRecord:
    """An item of the inventory, with its open loan if it is out."""

    id: int
    item_name: str
    item_type: str
    label: str | None
    state: str
    location: str | None
    notes: str | None
    version: int
    loans: int  # how many times it was lent
    current: LoanRecord | None  # the open loan, if the item is out
    available: bool  # in the cupboard and lendable (not lost or retired)

    def as_json(self) -> dict[str, object]:
        return to_json(self)


@dataclass(frozen=True)
class LoanFigures:
    """A period's loans: lent in the period, out and overdue at its end (or today)."""

    lent: int
    out: int
    overdue: int
    households: int  # distinct households that borrowed in the period

    def as_json(self) -> dict[str, object]:
        return to_json(self)
