"""The income scale's zone from the renovated dwelling's postcode (Île-de-France: 75, 77,
78, 91, 92, 93, 94, 95); the advisor's box decides only without a postcode or for a landlord."""

from __future__ import annotations

from datetime import date

import pytest

from siec_desk.domain.household_records import HouseholdInput
from siec_desk.domain.household_rules import HouseholdRules, validate_household
from siec_desk.domain.income import ile_de_france_of_postcode, income_zone


@pytest.mark.parametrize("department", ["75", "77", "78", "91", "92", "93", "94", "95"])
def test_every_ile_de_france_department_is_in_the_zone(department: str) -> None:
    assert ile_de_france_of_postcode(f"{department}010") is True


@pytest.mark.parametrize(
    ("postcode", "expected"),
    [("05000", False), ("13001", False), ("76000", False), ("97400", False), ("2A004", None),
     ("750", None), ("", None), (None, None), ("75 011", True)],
)  # fmt: skip
def test_other_postcodes_are_outside_or_unknown(
    postcode: str | None, expected: bool | None
) -> None:
    assert ile_de_france_of_postcode(postcode) is expected


def test_the_box_decides_only_without_a_postcode_or_for_a_landlord() -> None:
    assert income_zone("93200", None, False) == (True, True)
    assert income_zone("05000", "owner_occupier", True) == (False, True)
    assert income_zone(None, None, True) == (True, False)
    assert income_zone("05000", "landlord", True) == (True, False)


def _rules(country: str) -> HouseholdRules:
    def colour(size: int | None, income: int | None, idf: bool) -> str:
        return "mpr_blue" if idf else "mpr_yellow"

    return HouseholdRules(country, colour, lambda _lang: "wording", date(2026, 3, 1))


def test_the_stored_zone_and_colour_follow_the_postcode() -> None:
    paris = validate_household(
        HouseholdInput(last_name="Durand", postal_code="75011"), _rules("FR")
    )
    assert (paris["ile_de_france"], paris["income_category"]) == (True, "mpr_blue")
    gap = HouseholdInput(last_name="Durand", postal_code="05000", ile_de_france=True)
    assert validate_household(gap, _rules("FR"))["ile_de_france"] is False
    nowhere = HouseholdInput(last_name="Durand", ile_de_france=True)
    assert validate_household(nowhere, _rules("FR"))["ile_de_france"] is True
    rabat = HouseholdInput(last_name="Alaoui", postal_code="75011", ile_de_france=True)
    assert validate_household(rabat, _rules("MA"))["ile_de_france"] is False
