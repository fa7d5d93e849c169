"""Equipment loans' rules, pure (issue 19 point 2): an item, a loan going out and coming
back, overdue; and over random sequences of lending and returns, an item is never out
twice and the counted figures equal an independent recount."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from siec_desk.core.errors import ValidationError
from siec_desk.domain.loan_records import ItemInput, LendInput, LoanRecord, ReturnInput
from siec_desk.domain.loan_rules import (
    count_loans,
    is_overdue,
    validate_item,
    validate_lend,
    validate_return,
)

TODAY = date(2026, 12, 7)


def lend(due: date | None, out: date | None = None, deposit: str | None = None) -> LendInput:
    return LendInput(1, 1, due, out, Decimal(deposit) if deposit is not None else None)


def problems(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, str]:
    return {e.field: e.message for e in exc.value.errors}


def test_an_item_needs_a_name_a_known_type_and_state() -> None:
    valid = validate_item(ItemInput("  Wattmètre ", "wattmeter", label="WM-01"))
    assert (valid.item_name, valid.item_type, valid.label, valid.state) == (
        "Wattmètre", "wattmeter", "WM-01", "good"
    )  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        validate_item(ItemInput("", "toaster", state="broken"))
    assert set(problems(exc)) == {"item_name", "item_type", "state"}


def test_a_loan_is_due_after_it_goes_out_and_goes_out_by_today() -> None:
    valid = validate_lend(lend(date(2026, 12, 21), deposit="50.5"), today=TODAY,
                          item_state="good", item_is_out=False)  # fmt: skip
    assert (valid.out_on, valid.due_on, valid.deposit_minor) == (TODAY, date(2026, 12, 21), 5050)
    tnd = validate_lend(lend(date(2026, 12, 8), deposit="1.234"), today=TODAY,
                        item_state="worn", item_is_out=False, minor_digits=3)  # fmt: skip
    assert tnd.deposit_minor == 1234
    with pytest.raises(ValidationError) as exc:
        validate_lend(lend(date(2026, 12, 8), out=date(2026, 12, 8), deposit="-1"),
                      today=TODAY, item_state="good", item_is_out=False)  # fmt: skip
    assert set(problems(exc)) == {"out_on", "due_on", "deposit"}
    with pytest.raises(ValidationError) as exc:
        validate_lend(lend(TODAY), today=TODAY, item_state="good", item_is_out=False)
    assert problems(exc) == {"due_on": "The item must be due back after the day it goes out."}
    with pytest.raises(ValidationError):
        validate_lend(lend(TODAY + timedelta(days=400)), today=TODAY, item_state="good",
                      item_is_out=False)  # fmt: skip


@pytest.mark.parametrize(
    ("state", "out", "said"),
    [("lost", False, "A lost or retired item cannot be lent."),
     ("retired", False, "A lost or retired item cannot be lent."),
     ("good", True, "This item is already lent: record its return first.")],
)  # fmt: skip
def test_a_lost_retired_or_lent_item_cannot_be_lent(state: str, out: bool, said: str) -> None:
    with pytest.raises(ValidationError) as exc:
        validate_lend(lend(date(2026, 12, 21)), today=TODAY, item_state=state, item_is_out=out)
    assert problems(exc) == {"item_id": said}


def test_an_item_comes_back_once_between_its_day_out_and_today() -> None:
    out = date(2026, 11, 20)
    back = validate_return(ReturnInput(), today=TODAY, out_on=out, returned_on=None,
                           item_state="worn")  # fmt: skip
    assert (back.returned_on, back.state_at_return) == (TODAY, "worn")  # the item's state kept
    with pytest.raises(ValidationError) as exc:
        validate_return(ReturnInput(date(2026, 11, 19)), today=TODAY, out_on=out,
                        returned_on=None, item_state="good")  # fmt: skip
    assert set(problems(exc)) == {"returned_on"}
    with pytest.raises(ValidationError):
        validate_return(ReturnInput(TODAY + timedelta(days=1)), today=TODAY, out_on=out,
                        returned_on=None, item_state="good")  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        validate_return(ReturnInput(state="lost"), today=TODAY, out_on=out, returned_on=TODAY,
                        item_state="good")  # fmt: skip
    assert problems(exc) == {"returned_on": "This loan has already been returned."}


def test_overdue_is_due_before_today_and_not_returned() -> None:
    assert is_overdue(date(2026, 12, 6), None, TODAY)
    assert not is_overdue(TODAY, None, TODAY)  # due today: not yet late
    assert not is_overdue(date(2026, 12, 1), date(2026, 12, 5), TODAY)


def _record(n: int, item: int, household: int, out: date, due: date, back: date | None,
            today: date) -> LoanRecord:  # fmt: skip
    return LoanRecord(n, item, "x", "wattmeter", None, household, "h", None, out, due, None,
                      "EUR", back, "good" if back else None, None,
                      is_overdue(due, back, today))  # fmt: skip


# One step: (item, household, days after the previous step, loan length, lend or return).
_steps = st.lists(
    st.tuples(
        st.integers(0, 3), st.integers(1, 5), st.integers(0, 9), st.integers(-3, 30), st.booleans()
    ),
    max_size=60,
)


@settings(max_examples=150, deadline=None)
@given(steps=_steps, period=st.tuples(st.integers(0, 200), st.integers(0, 120)))
def test_an_item_is_never_out_twice_and_the_figures_recount(
    steps: list[tuple[int, int, int, int, bool]], period: tuple[int, int]
) -> None:
    start_day = date(2026, 1, 1)
    day = start_day
    open_loans: dict[int, tuple[int, date, date, int]] = {}  # item → (id, out, due, household)
    done: list[tuple[int, int, int, date, date, date | None]] = []
    for item, household, gap, length, lending in steps:
        day += timedelta(days=gap)
        if lending:
            try:
                valid = validate_lend(LendInput(item, household, day + timedelta(days=length)),
                                      today=day, item_state="good",
                                      item_is_out=item in open_loans)  # fmt: skip
            except ValidationError:
                assert item in open_loans or length <= 0
                continue
            assert item not in open_loans  # the rule let it out only when it was in
            open_loans[item] = (len(done), valid.out_on, valid.due_on, household)
            done.append((len(done), item, household, valid.out_on, valid.due_on, None))
        elif item in open_loans:
            n, out, due, hh = open_loans.pop(item)
            back = validate_return(ReturnInput(), today=day, out_on=out, returned_on=None,
                                   item_state="good")  # fmt: skip
            done[n] = (n, item, hh, out, due, back.returned_on)
    today = day
    loans = [_record(n, i, h, o, d, b, today) for n, i, h, o, d, b in done]
    for item in range(4):  # never two loans of one item open on any day
        spans = sorted((x.out_on, x.returned_on or date.max) for x in loans if x.item_id == item)
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
    start = start_day + timedelta(days=period[0])
    end = start + timedelta(days=period[1])
    on = min(end, today)
    figures = count_loans(loans, start, end, today)
    assert figures.lent == len([x for x in loans if start <= x.out_on <= end])
    held = [x for x in loans if x.out_on <= on and not (x.returned_on and x.returned_on <= on)]
    assert figures.out == len(held)
    assert figures.overdue == len([x for x in held if x.due_on < on])
    if end >= today:  # judged today: the same as each loan's own "overdue"
        assert figures.overdue == sum(1 for x in loans if x.overdue)
    assert figures.households == len({x.household_id for x in loans if start <= x.out_on <= end})
