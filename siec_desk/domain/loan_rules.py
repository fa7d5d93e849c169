"""Equipment loans' rules, pure: an item checked against the field registry
(``domain/fields.py`` ``LOAN_ITEM``), a loan when the item goes out and when it comes
back (``LOAN``), whether a loan is overdue, and a period's figures (:func:`count_loans`:
the Activity page, the monthly report and Today count with it).

Rules: an item has a name and a known type and state. A loan goes out on a day not after
today (and not before :data:`EARLIEST_DATE`), is due back after it went out and at most
:data:`LONGEST_LOAN` later; the deposit is from 0 to the registry's maximum; an item can
be out only once at a time, and a lost or retired item cannot be lent. It comes back on
a day from the day it went out to today. A loan is **overdue** when its due date is
before today and it has not come back.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from siec_desk.core.i18n import _
from siec_desk.domain.codes import ItemState
from siec_desk.domain.fields import LOAN, LOAN_ITEM
from siec_desk.domain.loan_records import (
    ItemInput,
    LendInput,
    LoanFigures,
    LoanRecord,
    ReturnInput,
)
from siec_desk.domain.validation import Checker, check_field

EARLIEST_DATE = date(2000, 1, 1)
#: The longest a loan may run (a season of temperature logging, with some slack).
LONGEST_LOAN = timedelta(days=366)
#: States in which an item cannot be lent.
NOT_LENDABLE = frozenset({ItemState.LOST, ItemState.RETIRED})


def lendable(state: str) -> bool:
    return state not in NOT_LENDABLE


def is_overdue(due_on: date, returned_on: date | None, today: date) -> bool:
    return returned_on is None and due_on < today


@dataclass(frozen=True)
class ValidItem:
    item_name: str
    item_type: str
    label: str | None
    state: str
    location: str | None
    notes: str | None

    def columns(self) -> dict[str, object]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class ValidLoan:
    out_on: date
    due_on: date
    deposit_minor: int | None
    notes: str | None


@dataclass(frozen=True)
class ValidReturn:
    returned_on: date
    state_at_return: str
    notes: str | None


def validate_item(data: ItemInput) -> ValidItem:
    """*data* checked completely, or ``ValidationError`` naming every problem."""
    check = Checker()
    name = check_field(check, LOAN_ITEM["item_name"], data.item_name, required=True)
    item_type = check_field(check, LOAN_ITEM["item_type"], data.item_type, required=True)
    state = check_field(check, LOAN_ITEM["state"], data.state or None, required=True)
    label = check_field(check, LOAN_ITEM["label"], data.label)
    location = check_field(check, LOAN_ITEM["location"], data.location)
    notes = check_field(check, LOAN_ITEM["notes"], data.notes)
    check.raise_if_any()
    assert name is not None and item_type is not None and state is not None
    return ValidItem(name, str(item_type), label, str(state), location, notes)


def validate_lend(
    data: LendInput,
    *,
    today: date,
    item_state: str,
    item_is_out: bool,
    minor_digits: int = 2,
) -> ValidLoan:
    """A loan going out, checked completely (``ValidationError``): *item_state* and
    *item_is_out* are the item's as stored (the service reads them in the same
    transaction as it writes the loan)."""
    check = Checker()
    out_on = data.out_on or today
    if out_on > today:
        check.add("out_on", _("The date cannot be in the future."))
    check.date_not_before("out_on", out_on, EARLIEST_DATE)
    if data.due_on is None:
        check.add("due_on", _("This field is required."))
    elif data.due_on <= out_on:
        check.add("due_on", _("The item must be due back after the day it goes out."))
    elif data.due_on - out_on > LONGEST_LOAN:
        check.add(
            "due_on",
            _("A loan lasts at most {days} days.").format(days=LONGEST_LOAN.days),
        )
    if not lendable(item_state):
        check.add("item_id", _("A lost or retired item cannot be lent."))
    elif item_is_out:
        check.add("item_id", _("This item is already lent: record its return first."))
    deposit = money_minor(check, data.deposit, minor_digits)
    notes = check_field(check, LOAN["notes"], data.notes)
    check.raise_if_any()
    assert data.due_on is not None
    return ValidLoan(out_on, data.due_on, deposit, notes)


def validate_return(
    data: ReturnInput,
    *,
    today: date,
    out_on: date,
    returned_on: date | None,
    item_state: str,
) -> ValidReturn:
    """An item coming back, checked completely (``ValidationError``): *out_on* and
    *returned_on* are the loan's as stored, *item_state* the item's (kept when no state
    is given)."""
    check = Checker()
    if returned_on is not None:
        check.add("returned_on", _("This loan has already been returned."))
    back_on = data.returned_on or today
    if back_on > today:
        check.add("returned_on", _("The date cannot be in the future."))
    elif back_on < out_on:
        check.add("returned_on", _("An item cannot come back before the day it went out."))
    state = check_field(check, LOAN["state_at_return"], data.state or item_state, required=True)
    notes = check_field(check, LOAN["notes"], data.notes)
    check.raise_if_any()
    assert state is not None
    return ValidReturn(back_on, str(state), notes)


def money_minor(check: Checker, amount: Decimal | None, digits: int) -> int | None:
    """A deposit in major units as minor units (*digits*: the currency's), from 0 to the
    registry's maximum."""
    if amount is None:
        return None
    spec = LOAN["deposit_minor"]
    assert spec.high is not None
    if not amount.is_finite() or amount < 0:
        check.add(spec.key, _("The amount cannot be negative."))
        return None
    if amount > spec.high:
        check.add(spec.key, _("Must be between {low} and {high}.").format(low=0, high=spec.high))
        return None
    return int((amount * Decimal(10) ** digits).to_integral_value(ROUND_HALF_UP))


def count_loans(loans: Iterable[LoanRecord], start: date, end: date, today: date) -> LoanFigures:
    """The figures of a period from *start* to *end* (inclusive): loans that went out in
    it, and those out and overdue on its last day (or *today* if the period is not over:
    overdue is judged on that day)."""
    on = min(end, today)
    lent = out = overdue = 0
    households: set[int] = set()
    for loan in loans:
        if start <= loan.out_on <= end:
            lent += 1
            households.add(loan.household_id)
        if loan.out_on <= on and (loan.returned_on is None or loan.returned_on > on):
            out += 1
            if loan.due_on < on:
                overdue += 1
    return LoanFigures(lent=lent, out=out, overdue=overdue, households=len(households))
