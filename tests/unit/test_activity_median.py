"""The Activity medians are taken from histograms (value, count) read by SQL (issue 22):
the same number as the median of every value listed one by one."""

from __future__ import annotations

import statistics
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from siec_desk.services.activity.queries import median_of


@given(st.lists(st.integers(-400, 400), min_size=1, max_size=300))
def test_the_median_of_a_histogram_is_the_median_of_its_values(values: list[int]) -> None:
    histogram = list(Counter(values).items())
    assert median_of(reversed(histogram)) == float(statistics.median(values))


@given(st.lists(st.floats(0, 365, allow_nan=False), min_size=1, max_size=50))
def test_whole_and_fractional_days_alike(values: list[float]) -> None:
    assert median_of(Counter(values).items()) == statistics.median(values)


def test_no_value_no_median_and_empty_counts_are_ignored() -> None:
    assert median_of([]) is None
    assert median_of([(5, 0)]) is None
    assert median_of([(5, 0), (7, 1), (9, 1)]) == 8.0
