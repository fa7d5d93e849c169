"""As-you-type household search in French and Arabic, by name, phone, e-mail, commune."""

from __future__ import annotations

import pytest

from siec_desk.services.app import AppContext
from siec_desk.services.household_types import HouseholdInput

pytestmark = pytest.mark.both_backends


@pytest.fixture
def people(ctx: AppContext) -> dict[str, int]:
    rows = {
        "ahmed": HouseholdInput(
            first_name="أحمد", last_name="العمراني", phone="+212612345678", commune="Tanger"
        ),
        "eloise": HouseholdInput(
            first_name="Éloïse",
            last_name="Légaré",
            phone="06 11 22 33 44",
            email="eloise.legare@orange.fr",
            commune="Aix-en-Provence",
        ),
        "fatima": HouseholdInput(first_name="فاطمة", last_name="الزهراء", commune="Marseille"),
        "martin": HouseholdInput(first_name="Jean", last_name="Martin", commune="Aubagne"),
        "martine": HouseholdInput(first_name="Martine", last_name="Roux", commune="Martigues"),
        "ibrahim": HouseholdInput(first_name="إبراهيم", last_name="بنعلي", phone="+216 20 123 456"),
    }
    return {key: ctx.households.create(data) for key, data in rows.items()}


def _ids(ctx: AppContext, query: str) -> list[int]:
    return [h.id for h in ctx.households.search(query)]


@pytest.mark.parametrize(
    ("query", "who"),
    [
        ("احمد", "ahmed"),  # typed without hamza
        ("أحمد", "ahmed"),
        ("اح", "ahmed"),  # first letters, as typed
        ("فاطمه", "fatima"),  # ta marbuta typed as ha
        ("ابراهيم", "ibrahim"),
        ("eloise", "eloise"),  # no accents
        ("ELOÏSE légaré", "eloise"),
        ("lega", "eloise"),
        ("eloise.legare@", "eloise"),
        ("aix", "eloise"),
    ],
)
def test_names_are_found_whatever_the_accents_hamza_or_case(
    ctx: AppContext, people: dict[str, int], query: str, who: str
) -> None:
    assert people[who] in _ids(ctx, query)


@pytest.mark.parametrize(
    "query", ["0612345678", "06 12 34", "+212 6 12 34", "00212612345", "612345678"]
)
def test_a_moroccan_phone_is_found_however_it_is_typed(
    ctx: AppContext, people: dict[str, int], query: str
) -> None:
    assert _ids(ctx, query) == [people["ahmed"]]


def test_a_french_and_a_tunisian_phone_are_found(ctx: AppContext, people: dict[str, int]) -> None:
    assert _ids(ctx, "06 11 22") == [people["eloise"]]
    assert _ids(ctx, "+33 6 11 22 33 44") == [people["eloise"]]
    assert _ids(ctx, "20 123 456") == [people["ibrahim"]]


def test_every_word_must_match(ctx: AppContext, people: dict[str, int]) -> None:
    assert _ids(ctx, "jean martin") == [people["martin"]]
    assert _ids(ctx, "jean roux") == []


def test_a_whole_word_match_comes_before_a_prefix_match(
    ctx: AppContext, people: dict[str, int]
) -> None:
    assert _ids(ctx, "martin")[0] == people["martin"]
    assert set(_ids(ctx, "marti")) >= {people["martin"], people["martine"]}


def test_the_index_follows_updates(ctx: AppContext, people: dict[str, int]) -> None:
    ctx.households.update(
        people["martin"], HouseholdInput(first_name="Jean", last_name="Dupuis", commune="Aubagne")
    )
    assert people["martin"] not in _ids(ctx, "martin")
    assert _ids(ctx, "dupuis") == [people["martin"]]


def test_empty_and_punctuation_only_queries_return_nothing(
    ctx: AppContext, people: dict[str, int]
) -> None:
    assert _ids(ctx, "") == []
    assert _ids(ctx, "  ") == []
    assert _ids(ctx, '"*()') == []


def test_fts_syntax_in_a_query_is_treated_as_text(ctx: AppContext, people: dict[str, int]) -> None:
    assert _ids(ctx, 'martin OR "roux') == []
    assert _ids(ctx, "NEAR(jean martin)") == []
