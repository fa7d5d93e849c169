"""A household's consumption readings: the registry entries, the records and the rules.

A reading is either a **bill** (a period from ``start_on`` to ``end_on``, the quantity
used over it and the amount paid) or a **meter** reading (one day, ``end_on``, and the
meter's index: the quantity used between two readings of the same kind is the difference
of their indexes, see :func:`siec_desk.domain.consumption.periods`). Quantities are in the
kind's unit (kWh, m³ or bottles); money in minor units of the centre's currency.

Plausible bounds are per kind: a bill's quantity is at most :data:`DAILY_MAX` per day of
its period (a bill covers at most :data:`MAX_PERIOD_DAYS`); a meter index at most
:data:`METER_MAX`. Notes may be personal: anonymisation drops them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from siec_desk.core.i18n import _
from siec_desk.core.json_fields import to_json
from siec_desk.domain.codes import ReadingKind, ReadingSource
from siec_desk.domain.fields import METER_MAX, READING, Record, edited
from siec_desk.domain.validation import Checker, check_field

#: The longest period a bill may cover (a yearly bill, with some slack).
MAX_PERIOD_DAYS = 400
#: The most a household plausibly uses per day, per kind (a large house heated by it).
DAILY_MAX: dict[str, float] = {
    ReadingKind.ELECTRICITY_KWH: 500.0,
    ReadingKind.GAS_KWH: 1000.0,
    ReadingKind.GAS_M3: 100.0,
    ReadingKind.BUTANE_BOTTLES: 2.0,
    ReadingKind.WATER_M3: 10.0,
}
#: The unit shown after a quantity of each kind.
UNITS: dict[str, str] = {
    ReadingKind.ELECTRICITY_KWH: "kWh",
    ReadingKind.GAS_KWH: "kWh",
    ReadingKind.GAS_M3: "m³",
    ReadingKind.BUTANE_BOTTLES: "",
    ReadingKind.WATER_M3: "m³",
}

#: The columns an advisor sets (compared before and after a change to audit it).
EDITED = edited(Record.READING)


@dataclass(frozen=True)
class ReadingInput:
    """What the form or the command line gives: the amount in major units."""

    kind: str | None
    end_on: date | None
    quantity: float | None
    source: str = ReadingSource.BILL
    start_on: date | None = None
    amount: Decimal | None = None
    notes: str | None = None


@dataclass(frozen=True)
class ValidReading:
    kind: str
    source: str
    start_on: date | None  # None for a meter reading
    end_on: date
    quantity: float
    amount_minor: int | None
    notes: str | None

    def columns(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in EDITED}


@dataclass(frozen=True)
class Reading:
    """A stored reading, as the services return it."""

    id: int
    household_id: int
    kind: str
    source: str
    start_on: date | None
    end_on: date
    quantity: float
    amount_minor: int | None
    currency: str
    notes: str | None

    def as_json(self) -> dict[str, object]:
        return to_json(self)


def quantity_limit(kind: str, source: str, start_on: date | None, end_on: date) -> float:
    """The largest plausible quantity of a reading (see the module's docstring)."""
    if source == ReadingSource.METER:
        return METER_MAX
    days = (end_on - start_on).days + 1 if start_on is not None else 1
    return DAILY_MAX.get(kind, max(DAILY_MAX.values())) * max(days, 1)


def validate_reading(data: ReadingInput, *, today: date, minor_digits: int = 2) -> ValidReading:
    """*data* checked (every problem at once in a translated ``ValidationError``): a known
    kind and source, dates not after *today*, a bill's period from ``start_on`` to
    ``end_on`` (end not before start, at most :data:`MAX_PERIOD_DAYS`), a meter reading
    on one day (no start), a quantity from 0 to the kind's plausible maximum, an amount
    not negative (*minor_digits*: the currency's, 3 for the Tunisian dinar)."""
    check = Checker()
    kind = check_field(check, READING["kind"], data.kind, required=True)
    source = check_field(check, READING["source"], data.source or None, required=True)
    start = check_field(check, READING["start_on"], data.start_on, today=today)
    end = check_field(check, READING["end_on"], data.end_on, today=today)
    if data.end_on is None:
        check.add("end_on", _("This field is required."))
    if source == ReadingSource.BILL and data.start_on is None:
        check.add("start_on", _("A bill covers a period: give its first day."))
    if source == ReadingSource.METER and data.start_on is not None:
        check.add("start_on", _("A meter reading is taken on one day: give only its date."))
    if start is not None and end is not None:
        if end < start:
            check.add("end_on", _("The end of the period cannot be before its start."))
        elif (end - start).days + 1 > MAX_PERIOD_DAYS:
            check.add(
                "start_on",
                _("A bill covers at most {days} days.").format(days=MAX_PERIOD_DAYS),
            )
    quantity = _quantity(check, data, kind, source, start, end)
    amount_minor = _amount(check, data.amount, minor_digits)
    notes = check_field(check, READING["notes"], data.notes)
    check.raise_if_any()
    assert kind is not None and source is not None and end is not None and quantity is not None
    return ValidReading(str(kind), str(source), start, end, quantity, amount_minor, notes)


def _quantity(
    check: Checker,
    data: ReadingInput,
    kind: str | None,
    source: str | None,
    start: date | None,
    end: date | None,
) -> float | None:
    value = data.quantity
    if value is None:
        check.add("quantity", _("This field is required."))
        return None
    if value != value or value < 0:  # NaN or negative
        check.add("quantity", _("The quantity cannot be negative."))
        return None
    if kind is None or source is None or end is None:
        return float(value)
    high = quantity_limit(kind, source, start, end)
    if value > high:
        check.add(
            "quantity",
            _("{value} is more than a household plausibly uses: at most {high}.").format(
                value=f"{value:g}", high=f"{high:g}"
            ),
        )
        return None
    return float(value)


def _amount(check: Checker, amount: Decimal | None, digits: int) -> int | None:
    if amount is None:
        return None
    spec = READING["amount_minor"]
    assert spec.high is not None
    if not amount.is_finite() or amount < 0:
        check.add(spec.key, _("The amount cannot be negative."))
        return None
    if amount > spec.high:
        check.add(spec.key, _("Must be between {low} and {high}.").format(low=0, high=spec.high))
        return None
    scale = Decimal(10) ** digits
    return int((amount * scale).to_integral_value(ROUND_HALF_UP))
