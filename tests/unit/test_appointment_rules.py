"""The prior France Rénov' appointment's rules (pure) and its attestation's composer."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from siec_desk.core.errors import ValidationError
from siec_desk.documents.attestation.compose import compose_attestation
from siec_desk.documents.attestation.content import AttestationFacts
from siec_desk.domain.consultation_records import ConsultationInput
from siec_desk.domain.consultation_rules import validate_consultation
from siec_desk.services.attestations import attestation_number

NOW = datetime(2026, 3, 10, 12, 0)
APPOINTMENT = ConsultationInput(
    mode="video", themes=("financial_aid",), act="mpr_appointment", project_type="whole_home"
)


def _errors(
    data: ConsultationInput, country: str | None = "FR", identified: bool = True
) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        validate_consultation(data, identified, NOW, country=country)
    return [e.field for e in caught.value.errors]


def test_an_appointment_keeps_its_project_and_asks_the_six_month_outcome() -> None:
    valid = validate_consultation(APPOINTMENT, True, NOW, country="FR")
    assert (valid.act, valid.project_type, valid.duration_min) == (
        "mpr_appointment",
        "whole_home",
        45,
    )
    assert valid.outcome_due is not None


def test_the_project_is_required_known_and_only_for_the_appointment() -> None:
    assert _errors(ConsultationInput("video", ("heating",), act="mpr_appointment")) == [
        "project_type"
    ]
    bad = ConsultationInput("video", ("heating",), act="mpr_appointment", project_type="roof")
    assert _errors(bad) == ["project_type"]
    other = ConsultationInput("video", ("heating",), act="advice", project_type="whole_home")
    assert _errors(other) == ["project_type"]


def test_the_appointment_is_french_and_needs_a_household() -> None:
    assert _errors(APPOINTMENT, "MA") == ["act"]
    assert _errors(APPOINTMENT, "TN") == ["act"]
    assert _errors(APPOINTMENT, identified=False) == ["household_id"]


def test_numbers_have_six_digits_per_year() -> None:
    assert attestation_number(2026, 123) == "ATT-2026-000123"
    assert attestation_number(2027, 1) == "ATT-2027-000001"


FACTS = AttestationFacts(
    number="ATT-2026-000123", issued_on=date(2026, 3, 3), country="FR",
    centre_name="ALEC de Gap", centre_name_ar="وكالة جاب", centre_address="1 place Saint-Arnoux",
    advisor_name="Claire Fabre", occurred_at=datetime(2026, 3, 2, 14, 30), mode="phone",
    project_type="single_works", household_name="Jeanne Durand", address="12 rue des Lilas",
    postal_code="05000", commune="Gap",
)  # fmt: skip


def test_the_composer_states_every_fact_in_the_household_s_language() -> None:
    french = compose_attestation(FACTS, language="fr")
    assert (french.language, french.direction, french.locale) == ("fr", "ltr", "fr_FR")
    values = [r.value for r in french.rows]
    assert "Jeanne Durand" in values and "12 rue des Lilas, 05000 Gap" in values
    assert any("2 mars 2026" in v and "14:30" in v for v in values)
    assert [r.ltr for r in french.rows if r.value == "ATT-2026-000123"] == [True]
    assert french.centre_name == "ALEC de Gap" and "3 mars 2026" in french.issued
    arabic = compose_attestation(FACTS, language="ar")
    assert (arabic.direction, arabic.centre_name) == ("rtl", "وكالة جاب")
    assert arabic.identifier == "ATT-2026-000123"
    with pytest.raises(ValueError, match="French or Arabic"):
        compose_attestation(FACTS, language="en")
