"""Creating and updating households: validation, phones, income category, duplicates."""

from __future__ import annotations

import pytest

from siec_desk.core.errors import NotFoundError, ValidationError
from siec_desk.domain.household_records import HouseholdInput
from siec_desk.services.app import AppContext

pytestmark = pytest.mark.both_backends


def test_a_household_is_stored_with_a_normalised_phone_and_email(ctx: AppContext) -> None:
    hid = ctx.households.create(
        HouseholdInput(
            first_name="  Marie ",
            last_name="Dupont",
            phone="06 12 34 56 78",
            email="Marie.Dupont@Example.FR",
            commune="Marseille",
            postal_code="13001",
            tenure="owner_occupier",
        )
    )
    detail = ctx.households.get(hid)
    assert detail.summary.first_name == "Marie"
    assert detail.summary.phone == "+33612345678"
    assert detail.summary.email == "marie.dupont@example.fr"
    assert detail.letter_language == "fr"
    assert detail.version == 1


def test_an_international_moroccan_number_is_accepted_in_a_french_centre(ctx: AppContext) -> None:
    hid = ctx.households.create(HouseholdInput(last_name="Alaoui", phone="+212 6 61 23 45 67"))
    assert ctx.households.get(hid).summary.phone == "+212661234567"


def test_a_moroccan_centre_reads_national_numbers(ctx_ma: AppContext) -> None:
    hid = ctx_ma.households.create(HouseholdInput(first_name="يوسف", phone="0661234567"))
    detail = ctx_ma.households.get(hid)
    assert detail.summary.phone == "+212661234567"
    assert detail.letter_language == "ar"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (HouseholdInput(last_name="Martin", phone="12345"), "phone"),
        (HouseholdInput(last_name="Martin", phone="06 12 34"), "phone"),
        (HouseholdInput(last_name="Martin", email="martin@"), "email"),
        (HouseholdInput(last_name="Martin", email="not an email"), "email"),
        (HouseholdInput(last_name="M" * 101), "last_name"),
        (HouseholdInput(last_name="Martin", tenure="squatter"), "tenure"),
        (HouseholdInput(last_name="Martin", household_size=0), "household_size"),
        (HouseholdInput(last_name="Martin", surface_m2=-3), "surface_m2"),
        (HouseholdInput(last_name="Martin", letter_language="en"), "letter_language"),
        (HouseholdInput(), "last_name"),
        (HouseholdInput(first_name="   ", last_name="\t"), "last_name"),
    ],
)
def test_invalid_input_is_refused_and_nothing_is_saved(
    ctx: AppContext, data: HouseholdInput, field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        ctx.households.create(data)
    assert caught.value.for_field(field), caught.value.errors
    assert ctx.households.count() == 0


def test_every_problem_is_reported_at_once(ctx: AppContext) -> None:
    with pytest.raises(ValidationError) as caught:
        ctx.households.create(HouseholdInput(last_name="X", phone="1", email="y@"))
    assert {e.field for e in caught.value.errors} == {"phone", "email"}


def test_control_and_bidi_override_characters_are_stripped(ctx: AppContext) -> None:
    hid = ctx.households.create(
        HouseholdInput(first_name="Ma\x00rie\u202e", last_name="Du\x07pont")
    )
    summary = ctx.households.get(hid).summary
    assert (summary.first_name, summary.last_name) == ("Marie", "Dupont")


def test_french_income_category_is_computed_from_size_and_income(ctx: AppContext) -> None:
    # 2 persons outside Île-de-France: blue up to 25 115 €, yellow up to 32 197 € (2025).
    blue = ctx.households.create(
        HouseholdInput(last_name="A", household_size=2, reference_income=25_115)
    )
    yellow = ctx.households.create(
        HouseholdInput(last_name="B", household_size=2, reference_income=25_116)
    )
    unknown = ctx.households.create(HouseholdInput(last_name="C", household_size=2))
    assert ctx.households.get(blue).income_category == "mpr_blue"
    assert ctx.households.get(yellow).income_category == "mpr_yellow"
    assert ctx.households.get(unknown).income_category == "unknown"


def test_update_changes_fields_and_bumps_the_version(ctx: AppContext) -> None:
    hid = ctx.households.create(HouseholdInput(last_name="Martin", commune="Aubagne"))
    ctx.households.update(hid, HouseholdInput(last_name="Martin", commune="Gémenos"))
    detail = ctx.households.get(hid)
    assert detail.summary.commune == "Gémenos"
    assert detail.version == 2


def test_an_invalid_update_leaves_the_household_unchanged(ctx: AppContext) -> None:
    hid = ctx.households.create(HouseholdInput(last_name="Martin", phone="0612345678"))
    with pytest.raises(ValidationError):
        ctx.households.update(hid, HouseholdInput(last_name="Martin", phone="bad"))
    assert ctx.households.get(hid).summary.phone == "+33612345678"


def test_missing_household_raises_not_found(ctx: AppContext) -> None:
    with pytest.raises(NotFoundError):
        ctx.households.get(999)


def test_duplicates_are_found_by_phone_or_by_folded_name_and_commune(ctx: AppContext) -> None:
    first = ctx.households.create(
        HouseholdInput(
            first_name="Éloïse", last_name="Légaré", phone="0611223344", commune="Marseille"
        )
    )
    by_phone = ctx.households.find_duplicates(HouseholdInput(last_name="X", phone="+33611223344"))
    by_name = ctx.households.find_duplicates(
        HouseholdInput(first_name="eloise", last_name="LEGARE", commune="marseille")
    )
    other_town = ctx.households.find_duplicates(
        HouseholdInput(first_name="Eloise", last_name="Legare", commune="Aubagne")
    )
    assert [h.id for h in by_phone] == [first]
    assert [h.id for h in by_name] == [first]
    assert other_town == []


def test_an_arabic_name_typed_without_hamza_is_a_duplicate(ctx: AppContext) -> None:
    first = ctx.households.create(
        HouseholdInput(first_name="أحمد", last_name="العمراني", commune="Tanger")
    )
    dup = ctx.households.find_duplicates(
        HouseholdInput(first_name="احمد", last_name="العمراني", commune="tanger")
    )
    assert [h.id for h in dup] == [first]


def test_the_list_pages_named_households_first_then_the_others(ctx: AppContext) -> None:
    for last in ("Zola", None, "Arnaud", None, "Martin"):
        ctx.households.create(
            HouseholdInput(
                last_name=last, commune="Aubagne", first_name=None if last else "Anonyme"
            )
        )
    everyone = [h.last_name for h in ctx.households.page(0, 10)]
    assert everyone == ["Arnaud", "Martin", "Zola", None, None]
    # Windows over the boundary join up exactly.
    assert [h.last_name for h in ctx.households.page(2, 2)] == ["Zola", None]
    assert [h.last_name for h in ctx.households.page(4, 2)] == [None]
