"""The before/after table of the network export (issue 18, point 5): over random
databases with random bills and meter readings, no published row has 1..k − 1
households, and every published figure equals an independent recomputation from the raw
readings (cohort: consultations whose 6-month outcome date falls in the period, each
household once on its earliest; 3 months each side; periods spanning the day left out)."""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from fractions import Fraction
from itertools import pairwise

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, insert, update
from testkit.databases import Databases

from siec_desk.network.export.before_after import KINDS, round_half_up
from siec_desk.network.export.export_format import schema_errors, to_json
from siec_desk.services.app import AppContext, open_app
from siec_desk.services.network.export import ExportOptions
from siec_desk.storage.models import Centre, Consultation, ConsumptionReading, Household

pytestmark = pytest.mark.both_backends

#: July–September 2025: outcome dates of consultations from early January to early April.
PERIOD = ExportOptions(date(2025, 7, 1), date(2025, 9, 1))
FIRST, LAST = date(2025, 7, 1), date(2025, 9, 30)
DELAY = timedelta(days=183)
DAYS_PER_MONTH = Fraction(36525, 1200)
HOUSEHOLDS = 8
BASE = date(2024, 9, 1)
USED = ("electricity_kwh", "gas_m3")  # two kinds, so that kinds are never mixed

consultation = st.tuples(
    st.integers(0, HOUSEHOLDS - 1),
    st.integers(100, 260),  # days after BASE: 2024-12-10 … 2025-05-19
    st.sampled_from(("advice", "advice", "information")),
)
bill = st.tuples(
    st.integers(0, HOUSEHOLDS - 1),
    st.sampled_from(USED),
    st.integers(10, 330),  # first day, after BASE
    st.integers(0, 60),  # days after the first
    st.integers(0, 3000),  # quantity
    st.one_of(st.none(), st.integers(0, 40000)),  # amount (minor units)
)
meter = st.tuples(
    st.integers(0, HOUSEHOLDS - 1),
    st.sampled_from(USED),
    st.integers(0, 330),  # day
    st.integers(0, 50000),  # index
)


@pytest.fixture(scope="module")
def random_db(
    tmp_path_factory: pytest.TempPathFactory, module_db: Databases
) -> Iterator[AppContext]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SIEC_DESK_HOME", str(tmp_path_factory.mktemp("home")))
        ctx = open_app(module_db("random"))
        with ctx.db.write() as session:
            session.execute(update(Centre).values(network_code="TEST-01"))
        yield ctx
        ctx.close()


Bill = tuple[int, str, int, int, int, int | None]
Meter = tuple[int, str, int, int]
Visit = tuple[int, int, str]


def _fill(ctx: AppContext, visits: list[Visit], bills: list[Bill], meters: list[Meter]) -> None:
    with ctx.db.write() as session:
        for model in (ConsumptionReading, Consultation, Household):
            session.execute(delete(model))
        session.execute(
            insert(Household),
            [
                {"id": h + 1, "last_name": f"Nom{h}", "country": "FR", "search_text": ""}
                for h in range(HOUSEHOLDS)
            ],
        )
        for n, (h, day, act) in enumerate(visits):
            session.execute(
                insert(Consultation).values(
                    id=n + 1,
                    household_id=h + 1,
                    occurred_at=datetime.combine(BASE + timedelta(days=day), datetime.min.time())
                    + timedelta(hours=9 + n % 8),
                    duration_min=10,
                    mode="phone",
                    act=act,
                )
            )
        rows = [
            {
                "household_id": h + 1,
                "kind": kind,
                "source": "bill",
                "start_on": BASE + timedelta(days=start),
                "end_on": BASE + timedelta(days=start + length),
                "quantity": float(quantity),
                "amount_minor": amount,
                "currency": "EUR",
            }
            for h, kind, start, length, quantity, amount in bills
        ] + [
            {
                "household_id": h + 1,
                "kind": kind,
                "source": "meter",
                "start_on": None,
                "end_on": BASE + timedelta(days=day),
                "quantity": float(index),
                "amount_minor": None,
                "currency": "EUR",
            }
            for h, kind, day, index in meters
        ]
        if rows:
            session.execute(insert(ConsumptionReading), rows)


# -- the independent recomputation ------------------------------------------------------
def _shift(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, number = divmod(index, 12)
    return date(year, number + 1, min(day.day, calendar.monthrange(year, number + 1)[1]))


def _periods(h: int, kind: str, bills: list[Bill], meters: list[Meter]) -> list[tuple]:
    found = [
        (BASE + timedelta(days=s), BASE + timedelta(days=s + n), Fraction(q), a)
        for hh, k, s, n, q, a in bills
        if hh == h and k == kind
    ]
    # meter readings in the order stored (day, then insertion), differences of indexes
    series = sorted(
        (
            (BASE + timedelta(days=d), i, index)
            for i, (hh, k, d, index) in enumerate(meters)
            if hh == h and k == kind
        )
    )
    for (day1, _i1, index1), (day2, _i2, index2) in pairwise(series):
        if day2 > day1 and index2 >= index1:
            found.append((day1 + timedelta(days=1), day2, Fraction(index2 - index1), None))
    return found


def _side(chosen: list[tuple]) -> tuple[Fraction, Fraction | None] | None:
    if not chosen:
        return None
    days = sum((end - start).days + 1 for start, end, _q, _a in chosen)
    quantity = sum(q for _s, _e, q, _a in chosen) / days * DAYS_PER_MONTH
    paid = [(s, e, a) for s, e, _q, a in chosen if a is not None]
    if not paid:
        return quantity, None
    paid_days = sum((e - s).days + 1 for s, e, _a in paid)
    return quantity, Fraction(sum(a for _s, _e, a in paid)) / paid_days * DAYS_PER_MONTH


def _expected(
    visits: list[Visit], bills: list[Bill], meters: list[Meter]
) -> dict[str, list[tuple[Fraction, Fraction, Fraction | None, Fraction | None]]]:
    earliest: dict[int, date] = {}
    for h, day, act in visits:
        on = BASE + timedelta(days=day)
        if act != "information" and FIRST <= on + DELAY <= LAST:
            earliest[h] = min(earliest.get(h, on), on)
    result: dict[str, list] = {kind: [] for kind in KINDS}
    for h, on in earliest.items():
        for kind in USED:
            periods = _periods(h, kind, bills, meters)
            before = [p for p in periods if _shift(on, -3) <= p[1] < on]
            after = [p for p in periods if on < p[0] <= _shift(on, 3)]
            b, a = _side(before), _side(after)
            if b is not None and a is not None:
                result[kind].append((b[0], a[0], b[1], a[1]))
    return result


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(consultation, min_size=8, max_size=24),
    st.lists(bill, min_size=60, max_size=160),
    st.lists(meter, max_size=40),
    st.integers(3, 5),
)
def test_before_after_rows_are_protected_and_equal_a_recomputation(
    random_db: AppContext,
    visits: list[Visit],
    bills: list[Bill],
    meters: list[Meter],
    threshold: int,
) -> None:
    _fill(random_db, visits, bills, meters)
    options = ExportOptions(PERIOD.first_month, PERIOD.last_month, threshold)
    document = random_db.network_export.build(options)
    assert schema_errors(to_json(document)) == []
    expected = _expected(visits, bills, meters)
    assert [r.kind for r in document.before_after] == list(KINDS)
    event(
        f"rows published with households: {sum(bool(r.households) for r in document.before_after)}"
    )
    event(f"rows suppressed: {sum(r.suppressed for r in document.before_after)}")
    for row in document.before_after:
        found = expected[row.kind]
        n = len(found)
        if row.suppressed:  # hidden exactly when 1..k − 1 households contribute
            assert 0 < n < threshold
            assert set(row.values().values()) == {None}
            continue
        assert row.households == n
        assert not 0 < row.households < threshold
        if n == 0:
            assert row.quantity_before is None and row.amount_before_minor is None
            continue
        before = sum(f[0] for f in found) / n
        after = sum(f[1] for f in found) / n
        assert row.quantity_before is not None and row.quantity_after is not None
        assert abs(Fraction(repr(row.quantity_before)) - before) <= Fraction(1, 20) + Fraction(
            1, 10**6
        )
        assert abs(Fraction(repr(row.quantity_after)) - after) <= Fraction(1, 20) + Fraction(
            1, 10**6
        )
        if row.quantity_before > 0:
            assert row.change_percent == round_half_up(
                (row.quantity_after - row.quantity_before) / row.quantity_before * 100, 1
            )
        else:
            assert row.change_percent is None
        all_paid = all(f[2] is not None and f[3] is not None for f in found)
        if not all_paid:
            assert row.amount_before_minor is None and row.amount_after_minor is None
            continue
        # each household's monthly amount is whole minor units (as on its outcome), then
        # the mean is rounded: within one minor unit of the exact mean
        for published, index in ((row.amount_before_minor, 2), (row.amount_after_minor, 3)):
            exact = sum(f[index] for f in found) / n  # type: ignore[misc]
            assert published is not None and abs(published - exact) <= 1
