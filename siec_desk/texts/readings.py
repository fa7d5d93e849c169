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
    """ "310 kWh", "1 234,5 m³", "6 bottles"; in Arabic the number with its Latin unit is
    isolated so that it keeps its order ("310 kWh", never "kWh 310")."""
    digits = 0 if float(quantity).is_integer() or abs(quantity) >= 100 else 1
    number = format_number(round(quantity, digits), locale, digits)
    if kind == "butane_bottles":
        return _("{count} bottles").format(count=_ltr(number, locale))
    unit = UNITS.get(kind, "")
    return _ltr(f"{number}\u00a0{unit}" if unit else number, locale)


def _ltr(text: str, locale: str) -> str:
    """*text* isolated left-to-right (LRI … PDI) in Arabic; unchanged otherwise (the
    command line's French and English output stays free of invisible marks)."""
    return f"\u2066{text}\u2069" if locale.split("_")[0] == "ar" else text


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
    """One line: "Electricity (kWh): before 310 kWh a month · 45,20 €; after …; lower by
    40 kWh a month (13 %), 5,80 € less a month". The direction is said in words, the
    figures are unsigned: no minus sign to lose its side in Arabic."""
    kind = change.kind
    text = _("{kind}: before {before}; after {after}").format(
        kind=label(READING_KINDS, kind),
        before=_side_text(change.before, kind, currency, locale),
        after=_side_text(change.after, kind, currency, locale),
    )
    difference = change.quantity_difference
    if difference is None:
        return text
    return _("{before_and_after}; {difference}").format(
        before_and_after=text, difference=_difference_text(change, currency, locale)
    )


def _difference_text(change: ConsumptionChange, currency: str, locale: str) -> str:
    difference = change.quantity_difference or 0.0
    if difference == 0:
        return _("unchanged")
    quantity = quantity_text(abs(difference), change.kind, locale)
    lower = difference < 0
    text = (
        _("lower by {quantity} a month").format(quantity=quantity)
        if lower
        else _("higher by {quantity} a month").format(quantity=quantity)
    )
    if change.percent is not None:
        percent = _ltr(format_percent(abs(change.percent) / 100, locale), locale)
        text = _("{text} ({percent})").format(text=text, percent=percent)
    money = change.amount_difference_minor
    if money:
        amount = money_text(abs(money), currency, locale)
        text = (
            _("{text}, {amount} less a month").format(text=text, amount=amount)
            if money < 0
            else _("{text}, {amount} more a month").format(text=text, amount=amount)
        )
    return text
