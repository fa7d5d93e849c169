"""Consumption readings (issue 18 point 5): the rules of one reading, and the before/after
of a consultation computed from a series (never mixing kinds; a period that spans the
consultation day is left out)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from siec_desk.core.errors import ValidationError
from siec_desk.domain.codes import ReadingKind
from siec_desk.domain.consumption import (
    DAYS_PER_MONTH,
    add_months,
    before_after,
    monthly_totals,
    periods,
)
from siec_desk.domain.readings import Reading, ReadingInput, validate_reading

TODAY = date(2026, 12, 7)


def _fields(data: ReadingInput) -> set[str]:
    with pytest.raises(ValidationError) as caught:
        validate_reading(data, today=TODAY)
    return {e.field for e in caught.value.errors}


def test_a_bill_is_kept_with_its_amount_in_minor_units() -> None:
    valid = validate_reading(
        ReadingInput("electricity_kwh", date(2026, 1, 31), 310, "bill", date(2026, 1, 1),
                     Decimal("45.20"), "  janvier "),
        today=TODAY,
    )  # fmt: skip
    assert (valid.quantity, valid.amount_minor, valid.notes) == (310.0, 4520, "janvier")
    tunisian = validate_reading(
        ReadingInput("water_m3", date(2026, 1, 31), 9, "bill", date(2026, 1, 1), Decimal("12.345")),
        today=TODAY,
        minor_digits=3,
    )
    assert tunisian.amount_minor == 12345


@pytest.mark.parametrize(
    ("data", "wrong"),
    [
        (ReadingInput("coal", date(2026, 1, 31), 1, "bill", date(2026, 1, 1)), {"kind"}),
        (ReadingInput(None, date(2026, 1, 31), 1, "bill", date(2026, 1, 1)), {"kind"}),
        (ReadingInput("gas_m3", date(2026, 1, 1), 1, "bill", date(2026, 1, 31)), {"end_on"}),
        (ReadingInput("gas_m3", date(2027, 1, 1), 1, "meter"), {"end_on"}),
        (ReadingInput("gas_m3", date(2026, 1, 31), -1, "bill", date(2026, 1, 1)), {"quantity"}),
        (ReadingInput("gas_m3", date(2026, 1, 31), None, "bill", date(2026, 1, 1)), {"quantity"}),
        (ReadingInput("gas_m3", date(2026, 1, 31), 1, "bill", date(2026, 1, 1), Decimal(-1)),
         {"amount"}),
        (ReadingInput("gas_m3", date(2026, 1, 31), 1, "bill"), {"start_on"}),
        (ReadingInput("gas_m3", date(2026, 1, 31), 1, "meter", date(2026, 1, 1)), {"start_on"}),
        (ReadingInput("gas_m3", date(2026, 1, 31), 1, "bill", date(2024, 1, 1)), {"start_on"}),
        # 31 days of butane: at most 2 bottles a day
        (ReadingInput("butane_bottles", date(2026, 1, 31), 63, "bill", date(2026, 1, 1)),
         {"quantity"}),
        (ReadingInput("gas_m3", date(2026, 1, 31), 1, "post", date(2026, 1, 1)), {"source"}),
    ],
)  # fmt: skip
def test_a_wrong_reading_names_its_field(data: ReadingInput, wrong: set[str]) -> None:
    assert _fields(data) == wrong


def test_every_problem_is_given_at_once() -> None:
    data = ReadingInput("coal", date(2027, 1, 1), -5, "bill", None, Decimal(-1))
    assert _fields(data) == {"kind", "end_on", "start_on", "quantity", "amount"}


def _bill(kind: str, start: date, days: int, quantity: float, amount: int | None = None,
          rid: int = 0) -> Reading:  # fmt: skip
    end = start + timedelta(days=days - 1)
    return Reading(rid, 1, kind, "bill", start, end, quantity, amount, "MAD", None)


def _meter(kind: str, on: date, index: float, rid: int = 0) -> Reading:
    return Reading(rid, 1, kind, "meter", None, on, index, None, "MAD", None)


def test_meter_indexes_give_the_use_between_them_and_a_new_meter_starts_again() -> None:
    readings = [
        _meter("water_m3", date(2026, 3, 1), 120),
        _meter("water_m3", date(2026, 1, 1), 100),
        _meter("water_m3", date(2026, 2, 1), 110),
        _meter("water_m3", date(2026, 4, 1), 3),  # replaced meter
        _meter("water_m3", date(2026, 5, 1), 13),
    ]
    found = [(p.start, p.end, p.quantity) for p in periods(readings)]
    assert found == [
        (date(2026, 1, 2), date(2026, 2, 1), 10),
        (date(2026, 2, 2), date(2026, 3, 1), 10),
        (date(2026, 4, 2), date(2026, 5, 1), 10),
    ]


def test_three_months_of_bills_before_and_after_a_solar_water_heater() -> None:
    """The issue's Moroccan advisor: butane bottles and electricity bills, 3 months each
    side of a consultation on 15 March; the February bill spanning the day is left out."""
    readings = [
        _bill("butane_bottles", date(2025, 12, 1), 31, 6, 24000),
        _bill("butane_bottles", date(2026, 1, 1), 31, 6, 24000),
        _bill("butane_bottles", date(2026, 2, 1), 28, 5, 20000),
        _bill("butane_bottles", date(2026, 3, 10), 10, 9, 36000),  # spans 15 March: out
        _bill("butane_bottles", date(2026, 4, 1), 30, 2, 8000),
        _bill("butane_bottles", date(2026, 5, 1), 31, 2, 8000),
        _bill("electricity_kwh", date(2026, 1, 1), 31, 200, 20000),
    ]
    [electricity, butane] = before_after(readings, date(2026, 3, 15))
    assert butane.kind == "butane_bottles" and butane.before and butane.after
    assert butane.before.periods == 3 and butane.after.periods == 2
    assert butane.before.quantity_per_month == pytest.approx(17 / 90 * DAYS_PER_MONTH)
    assert butane.after.quantity_per_month == pytest.approx(4 / 61 * DAYS_PER_MONTH)
    assert butane.quantity_difference is not None and butane.quantity_difference < 0
    assert butane.amount_difference_minor is not None and butane.amount_difference_minor < 0
    assert electricity.after is None and electricity.quantity_difference is None


def test_add_months_keeps_the_end_of_short_months() -> None:
    assert add_months(date(2026, 5, 31), -3) == date(2026, 2, 28)
    assert add_months(date(2026, 1, 15), -3) == date(2025, 10, 15)


def test_monthly_totals_spread_a_bill_over_its_days() -> None:
    totals = monthly_totals([_bill("gas_kwh", date(2026, 1, 17), 30, 300)])
    assert totals["gas_kwh"] == {(2026, 1): pytest.approx(150), (2026, 2): pytest.approx(150)}


_KINDS = [k.value for k in ReadingKind]
_readings = st.lists(
    st.builds(
        _bill,
        st.sampled_from(_KINDS),
        st.dates(date(2025, 6, 1), date(2026, 12, 1)),
        st.integers(1, 120),
        st.floats(0, 5000, allow_nan=False),
        st.one_of(st.none(), st.integers(0, 10**6)),
    ),
    max_size=25,
)
_DAY = date(2026, 3, 15)


@given(_readings, _readings)
def test_averages_never_mix_kinds(mine: list[Reading], others: list[Reading]) -> None:
    """A kind's before/after depends only on that kind's readings."""
    kind = "electricity_kwh"
    alone = [r for r in mine if r.kind == kind]
    noise = [r for r in others if r.kind != kind]
    by_kind = {c.kind: c for c in before_after(alone + noise, _DAY)}
    expected = {c.kind: c for c in before_after(alone, _DAY)}
    assert by_kind.get(kind) == expected.get(kind)


@given(_readings, st.sampled_from(_KINDS), st.integers(0, 200), st.integers(1, 400))
def test_a_period_spanning_the_consultation_day_is_excluded(
    readings: list[Reading], kind: str, days_before: int, days: int
) -> None:
    start = _DAY - timedelta(days=min(days_before, days - 1))
    spanning = _bill(kind, start, days, 1000.0, 999)
    assert spanning.start_on is not None and spanning.start_on <= _DAY <= spanning.end_on
    assert before_after([*readings, spanning], _DAY) == before_after(readings, _DAY)


@given(_readings)
def test_an_average_lies_between_the_lowest_and_highest_monthly_rate(
    readings: list[Reading],
) -> None:
    for change in before_after(readings, _DAY):
        rates = [p.quantity / p.days * DAYS_PER_MONTH for p in periods(readings)
                 if p.kind == change.kind and (p.end < _DAY or p.start > _DAY)]  # fmt: skip
        for side in (change.before, change.after):
            if side is not None:
                assert min(rates) - 1e-6 <= side.quantity_per_month <= max(rates) + 1e-6
