"""Consumption before and after a consultation, from a household's readings (pure).

:func:`periods` turns readings into periods of use: a bill is its own period; meter
readings of one kind, in date order, give a period between each two of them (the day
after the earlier one to the later one) whose quantity is the difference of their
indexes; a lower index than the previous one (a new meter) starts again and gives no
period. Amounts come only from bills.

:func:`before_after` averages, per kind (kinds are never mixed), the periods that lie
wholly **before** the consultation day and end within the *months* before it, and those
that lie wholly **after** it and start within the *months* after it. **A period that
spans the consultation day (includes it) is excluded**, not split: a bill does not say
how its use was spread over its days. Averages are per month of 30.4375 days, weighted
by the periods' days (a 60-day bill weighs twice a 30-day one); amounts likewise, over
the periods that have one.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

from siec_desk.core.json_fields import to_json
from siec_desk.domain.codes import ReadingKind, ReadingSource
from siec_desk.domain.readings import Reading

DAYS_PER_MONTH = 365.25 / 12
#: Months each side of the consultation the outcome compares.
OUTCOME_MONTHS = 3


@dataclass(frozen=True)
class Period:
    kind: str
    start: date
    end: date  # inclusive
    quantity: float
    amount_minor: int | None

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def periods(readings: Iterable[Reading]) -> list[Period]:
    """The periods of use the readings give (see the module's docstring)."""
    found: list[Period] = []
    meters: dict[str, list[Reading]] = {}
    for r in readings:
        if r.source == ReadingSource.METER or r.start_on is None:
            meters.setdefault(r.kind, []).append(r)
        else:
            found.append(Period(r.kind, r.start_on, r.end_on, r.quantity, r.amount_minor))
    for kind, series in meters.items():
        series.sort(key=lambda r: (r.end_on, r.id))
        for earlier, later in pairwise(series):
            used = later.quantity - earlier.quantity
            if later.end_on > earlier.end_on and used >= 0:
                start = earlier.end_on + timedelta(days=1)
                found.append(Period(kind, start, later.end_on, used, None))
    return sorted(found, key=lambda p: (p.kind, p.start, p.end))


def add_months(day: date, months: int) -> date:
    """*day* moved by *months* (the last day of a shorter month when needed)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


@dataclass(frozen=True)
class Side:
    """The monthly averages of one side (before or after) for one kind."""

    periods: int
    days: int
    quantity_per_month: float
    amount_per_month_minor: int | None  # None when no period of this side has an amount


@dataclass(frozen=True)
class ConsumptionChange:
    """One kind's average month before and after, and the difference (after − before)."""

    kind: str
    before: Side | None
    after: Side | None
    quantity_difference: float | None
    amount_difference_minor: int | None
    percent: float | None  # of the quantity; None without both sides or with 0 before

    def as_json(self) -> dict[str, object]:
        return to_json(self)


def _side(chosen: Sequence[Period]) -> Side | None:
    days = sum(p.days for p in chosen)
    if not chosen or days <= 0:
        return None
    quantity = sum(p.quantity for p in chosen) / days * DAYS_PER_MONTH
    paid = [p for p in chosen if p.amount_minor is not None]
    paid_days = sum(p.days for p in paid)
    amount = (
        round(sum(p.amount_minor or 0 for p in paid) / paid_days * DAYS_PER_MONTH)
        if paid and paid_days > 0
        else None
    )
    return Side(len(chosen), days, quantity, amount)


def before_after(
    readings: Iterable[Reading], consulted_on: date, months: int = OUTCOME_MONTHS
) -> list[ConsumptionChange]:
    """Per kind (in the order of :class:`ReadingKind`), the average month before and after
    *consulted_on*; kinds with no period on either side are left out."""
    earliest = add_months(consulted_on, -months)
    latest = add_months(consulted_on, months)
    by_kind: dict[str, tuple[list[Period], list[Period]]] = {}
    for p in periods(readings):
        before, after = by_kind.setdefault(p.kind, ([], []))
        if p.end < consulted_on and p.end >= earliest:
            before.append(p)
        elif p.start > consulted_on and p.start <= latest:
            after.append(p)
    order = {k.value: i for i, k in enumerate(ReadingKind)}
    changes = []
    for kind in sorted(by_kind, key=lambda k: (order.get(k, len(order)), k)):
        before_side, after_side = (_side(s) for s in by_kind[kind])
        if before_side is None and after_side is None:
            continue
        changes.append(_change(kind, before_side, after_side))
    return changes


def _change(kind: str, before: Side | None, after: Side | None) -> ConsumptionChange:
    if before is None or after is None:
        return ConsumptionChange(kind, before, after, None, None, None)
    quantity = after.quantity_per_month - before.quantity_per_month
    amount = (
        after.amount_per_month_minor - before.amount_per_month_minor
        if after.amount_per_month_minor is not None and before.amount_per_month_minor is not None
        else None
    )
    percent = quantity / before.quantity_per_month * 100 if before.quantity_per_month > 0 else None
    return ConsumptionChange(kind, before, after, quantity, amount, percent)


def monthly_totals(readings: Iterable[Reading]) -> dict[str, dict[tuple[int, int], float]]:
    """Per kind, the quantity used in each calendar month (a period's quantity spread
    evenly over its days), for the household page's chart."""
    totals: dict[str, dict[tuple[int, int], float]] = {}
    for p in periods(readings):
        per_day = p.quantity / p.days
        months = totals.setdefault(p.kind, {})
        day = p.start
        while day <= p.end:
            last = date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
            stop = min(last, p.end)
            key = (day.year, day.month)
            months[key] = months.get(key, 0.0) + per_day * ((stop - day).days + 1)
            day = stop + timedelta(days=1)
    return totals
