"""MaPrimeRénov' colours from the 2025 Anah ceilings of the French parameter set."""

from __future__ import annotations

from pathlib import Path

import pytest

from siec_desk.domain.codes import IncomeCategory
from siec_desk.domain.income import IncomeCeilings, french_income_category
from siec_desk.domain.parameter_files import load_parameter_set

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
_CEILINGS = load_parameter_set(RESOURCES / "parameters" / "FR-2025.json").income_ceilings
assert _CEILINGS is not None
CEILINGS: IncomeCeilings = _CEILINGS

BLUE, YELLOW = IncomeCategory.MPR_BLUE, IncomeCategory.MPR_YELLOW
VIOLET, PINK = IncomeCategory.MPR_VIOLET, IncomeCategory.MPR_PINK


@pytest.mark.parametrize(
    ("income", "expected"),
    [
        (0, BLUE),
        (17_173, BLUE),  # exactly the 1-person blue ceiling (domain.md §4)
        (17_174, YELLOW),  # one euro above
        (22_015, YELLOW),
        (22_016, VIOLET),
        (30_844, VIOLET),
        (30_845, PINK),
    ],
)
def test_one_person_outside_ile_de_france(income: int, expected: IncomeCategory) -> None:
    assert french_income_category(1, income, False, CEILINGS) == expected


@pytest.mark.parametrize(
    ("income", "expected"),
    [(40_388, BLUE), (40_389, YELLOW), (51_775, YELLOW), (73_098, VIOLET), (73_099, PINK)],
)
def test_five_persons_outside_ile_de_france(income: int, expected: IncomeCategory) -> None:
    assert french_income_category(5, income, False, CEILINGS) == expected


@pytest.mark.parametrize(
    ("income", "expected"),
    [
        # 7 persons = 5-person ceilings + 2 extra persons:
        # blue   40 388 + 2 × 5 094 = 50 576
        # yellow 51 775 + 2 × 6 525 = 64 825
        # violet 73 098 + 2 × 9 254 = 91 606
        (50_576, BLUE),
        (50_577, YELLOW),
        (64_825, YELLOW),
        (64_826, VIOLET),
        (91_606, VIOLET),
        (91_607, PINK),
    ],
)
def test_seven_persons_add_the_extra_person_increments(
    income: int, expected: IncomeCategory
) -> None:
    assert french_income_category(7, income, False, CEILINGS) == expected


@pytest.mark.parametrize(
    ("size", "income", "expected"),
    [
        (1, 23_768, BLUE),  # domain.md §4, Île-de-France 1 person
        (1, 23_769, YELLOW),
        (1, 28_933, YELLOW),
        (1, 28_934, VIOLET),
        (1, 40_404, VIOLET),
        (1, 40_405, PINK),
        (2, 34_884, BLUE),  # domain.md §4, Île-de-France 2 persons
        (2, 34_885, YELLOW),
        (2, 42_463, YELLOW),
        (2, 42_464, VIOLET),
    ],
)
def test_ile_de_france(size: int, income: int, expected: IncomeCategory) -> None:
    assert french_income_category(size, income, True, CEILINGS) == expected


def test_same_income_differs_inside_and_outside_ile_de_france() -> None:
    # 20 000 € for 1 person: above 17 173 outside IdF (yellow), below 23 768 in IdF (blue)
    assert french_income_category(1, 20_000, False, CEILINGS) == YELLOW
    assert french_income_category(1, 20_000, True, CEILINGS) == BLUE


def test_missing_size_or_income_is_unknown() -> None:
    assert french_income_category(None, 20_000, False, CEILINGS) == IncomeCategory.UNKNOWN
    assert french_income_category(2, None, False, CEILINGS) == IncomeCategory.UNKNOWN


def test_invalid_size_or_income_is_an_error() -> None:
    with pytest.raises(ValueError, match="household size"):
        french_income_category(0, 20_000, False, CEILINGS)
    with pytest.raises(ValueError, match="negative"):
        french_income_category(2, -1, False, CEILINGS)
