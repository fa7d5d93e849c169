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


def test_a_word_longer_than_a_postgresql_lexeme_works_like_on_sqlite(
    ctx: AppContext, people: dict[str, int]
) -> None:
    """redteam LOW-6: tsquery lexemes stop at 2046 bytes, so both back-ends keep a word's
    first 2046 bytes only, stored and searched: the same answers, never an error."""
    assert _ids(ctx, "a" * 10_000) == []
    assert _ids(ctx, "6" * 10_000) == []  # a phone-looking query
    assert _ids(ctx, "jean " + "é" * 1_500) == []  # 3,000 bytes, after a matching word
    # ㌖ folds to キロメートル (18 bytes): a 2,160-byte commune word, stored whole
    long_commune = ctx.households.create(HouseholdInput(last_name="Long", commune="㌖" * 120))
    word = "キロメートル" * 120
    assert _ids(ctx, word) == [long_commune]
    assert _ids(ctx, word[:-1]) == [long_commune]  # a prefix, still over the limit
    assert _ids(ctx, word + "x") == [long_commune]  # the same first 2046 bytes
    assert _ids(ctx, word[:100] + "x") == []
    assert _ids(ctx, word[:100]) == [long_commune]
