"""Equipment loans in words: an item's type and state, who has it, a loan's dates and
deposit, as the command line's tables, the Loans page, the household page and Today show
them."""

from __future__ import annotations

from datetime import date

from siec_desk.core.formatting import format_date, isolate, ltr
from siec_desk.core.i18n import _, is_rtl
from siec_desk.domain.loan_records import ItemRecord, LoanFigures, LoanRecord
from siec_desk.texts.labels import ITEM_STATES, LOAN_ITEM_TYPES, label
from siec_desk.texts.readings import money_text


def item_type_label(code: str) -> str:
    return label(LOAN_ITEM_TYPES, code)


def item_state_label(code: str) -> str:
    return label(ITEM_STATES, code)


def item_title(name: str, serial: str | None) -> str:
    """ "Wattmeter (WM-01)" (the label kept left to right inside Arabic)."""
    if not serial:
        return name
    return _("{item} ({label})").format(item=name, label=ltr(serial) if is_rtl() else serial)


def whereabouts(item: ItemRecord, locale: str) -> str:
    """Who has the item and until when, or where it is kept."""
    loan = item.current
    if loan is not None:
        text = _("Lent to {household} until {date}").format(
            household=isolate(loan.household_name), date=format_date(loan.due_on, locale)
        )
        return text + (" · " + _("overdue") if loan.overdue else "")
    if item.available:
        return item.location or _("Available")
    return ""  # lost or retired: its state says it


def item_cells(item: ItemRecord, locale: str) -> tuple[str, ...]:
    """Name, type, label, state, who has it (or where it is): one row of the inventory."""
    return (
        item.item_name,
        item_type_label(item.item_type),
        item.label or "",
        item_state_label(item.state),
        whereabouts(item, locale),
    )


def loan_status(loan: LoanRecord) -> str:
    if loan.returned_on is not None:
        return _("Returned")
    return _("Overdue") if loan.overdue else _("Out")


def loan_cells(loan: LoanRecord, locale: str) -> tuple[str, ...]:
    """Item, household, out, due, returned, deposit, status: one row of a loan list."""
    return (
        item_title(loan.item_name, loan.item_label),
        loan.household_name,
        format_date(loan.out_on, locale),
        format_date(loan.due_on, locale),
        format_date(loan.returned_on, locale) if loan.returned_on else "",
        money_text(loan.deposit_minor, loan.currency, locale),
        loan_status(loan),
    )


def days_late(loan: LoanRecord, today: date) -> int:
    """How many days after its due date an open loan is (0 if not overdue)."""
    if loan.returned_on is not None or loan.due_on >= today:
        return 0
    return (today - loan.due_on).days


def figure_lines(figures: LoanFigures) -> tuple[tuple[str, int], ...]:
    """A period's loans in words, as the Activity page and the monthly report show them."""
    return (
        (_("Items lent in the period"), figures.lent),
        (_("Households that borrowed an item"), figures.households),
        (_("Items out at the end of the period"), figures.out),
        (_("Of which overdue"), figures.overdue),
    )


def figures_note() -> str:
    return _(
        "Items out and overdue are counted on the last day of the period, or today if the "
        "period is not over; a loan is overdue when its due date has passed and the item "
        "has not come back."
    )
