"""Consumption readings and their before/after in words (the household page, the outcome
form and the command line show the same text)."""

from __future__ import annotations

from decimal import Decimal

from siec_desk.core.formatting import (
    currency_digits,
    format_date,
    format_money,
    format_number,
    format_percent,
)
from siec_desk.core.i18n import _
from siec_desk.domain.consumption import ConsumptionChange, Side
from siec_desk.domain.readings import UNITS, Reading
from siec_desk.texts.labels import READING_KINDS, READING_SOURCES, label


def quantity_text(quantity: float, kind: str, locale: str) -> str:
    """ "310 kWh", "1 234,5 m³", "6 bottles"."""
    digits = 0 if float(quantity).is_integer() or abs(quantity) >= 100 else 1
    number = format_number(round(quantity, digits), locale, digits)
    if kind == "butane_bottles":
        return _("{count} bottles").format(count=number)
    unit = UNITS.get(kind, "")
    return f"{number}\u00a0{unit}" if unit else number


def money_text(minor: int | None, currency: str, locale: str) -> str:
    if minor is None:
        return ""
    return format_money(Decimal(minor) / 10 ** currency_digits(currency), currency, locale)


def reading_cells(r: Reading, locale: str) -> tuple[str, ...]:
    """Kind, from, to, quantity, amount and source of a reading, as shown in a table."""
    return (
        label(READING_KINDS, r.kind),
        format_date(r.start_on, locale) if r.start_on else "",
        format_date(r.end_on, locale),
        quantity_text(r.quantity, r.kind, locale),
        money_text(r.amount_minor, r.currency, locale),
        label(READING_SOURCES, r.source),
    )


def _side_text(side: Side | None, kind: str, currency: str, locale: str) -> str:
    if side is None:
        return _("no reading")
    text = _("{quantity} a month").format(quantity=quantity_text(side.quantity_per_month, kind,
                                                                  locale))  # fmt: skip
    if side.amount_per_month_minor is not None:
        text += " · " + money_text(side.amount_per_month_minor, currency, locale)
    return text


def change_text(change: ConsumptionChange, currency: str, locale: str) -> str:
    """One line: "Electricity (kWh): before 310 kWh a month · 45,20 €; after …; −12 %"."""
    kind = change.kind
    text = _("{kind}: before {before}; after {after}").format(
        kind=label(READING_KINDS, kind),
        before=_side_text(change.before, kind, currency, locale),
        after=_side_text(change.after, kind, currency, locale),
    )
    if change.quantity_difference is not None:
        signed = quantity_text(change.quantity_difference, kind, locale)
        if change.quantity_difference > 0:
            signed = "+" + signed
        text += "; " + _("difference {quantity} a month").format(quantity=signed)
        if change.percent is not None:
            percent = format_percent(change.percent / 100, locale)
            text += f" ({'+' if change.percent > 0 else ''}{percent})"
        if change.amount_difference_minor is not None:
            money = money_text(change.amount_difference_minor, currency, locale)
            text += ", " + ("+" if change.amount_difference_minor > 0 else "") + money
    return text
