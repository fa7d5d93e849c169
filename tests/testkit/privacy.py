"""A household with personal data in every place it can be (identity, contacts, notes,
consent, follow-up and outcome texts, a letter with free texts and its archived file),
for the retention, rights and audit tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from siec_desk.documents.engine.pdf import RenderedPdf
from siec_desk.documents.letters.inputs import FreeTexts
from siec_desk.domain.consultation_records import ConsultationInput, MeasureChoice, OutcomeInput
from siec_desk.domain.household_records import HouseholdInput
from siec_desk.services.app import AppContext
from siec_desk.services.letter_types import LetterRecord, LetterRequest

#: Every personal value the test household carries; none may reach the audit trail.
PERSONAL = {
    "first_name": "Gwenaëlle",
    "last_name": "Quéméneur",
    "phone": "06 98 76 54 32",
    "phone_e164": "+33698765432",
    "phone_digits": "698765432",
    "email": "gwen.quemeneur@example.org",
    "address": "17 impasse des Glycines",
    "notes": "Vit seule, veuve depuis peu",
    "consent_wording": "J'accepte d'être rappelée par le centre",
    "consultation_notes": "Fuite toiture signalée par la voisine",
    "follow_up_action": "Rappeler après passage du couvreur",
    "abandon_reason": "Héritage contesté avec son frère",
    "letter_opening": "Chère Madame Quéméneur",
    "letter_findings": "Votre chaudière fioul de 1987",
}


@dataclass(frozen=True)
class Person:
    household_id: int
    consultation_ids: tuple[int, int]
    letter: LetterRecord


def personal_household(
    ctx: AppContext,
    first: datetime = datetime(2019, 3, 4, 10, 0),
    second: datetime = datetime(2019, 9, 20, 15, 30),
) -> Person:
    """The household, two consultations (advice with measures, then a follow-up) and a
    letter archived with its (fake) PDF file."""
    p = PERSONAL
    household_id = ctx.households.create(
        HouseholdInput(
            first_name=p["first_name"],
            last_name=p["last_name"],
            phone=p["phone"],
            email=p["email"],
            address=p["address"],
            commune="Quimper",
            postal_code="29000",
            tenure="owner_occupier",
            household_size=1,
            reference_income=14_000,
            dwelling_type="house",
            heating_energy="fuel_oil",
            consent_recontact=True,
            consent_wording=p["consent_wording"],
            notes=p["notes"],
        )
    )
    advice = ctx.consultations.add(
        ConsultationInput(
            mode="walk_in",
            themes=("heating", "financial_aid"),
            household_id=household_id,
            act="advice",
            occurred_at=first,
            duration_min=50,
            notes=p["consultation_notes"],
            follow_up_action=p["follow_up_action"],
            follow_up_due=first.date().replace(day=28),
            measures=(MeasureChoice("lower_setpoint_1c"), MeasureChoice("attic_insulation")),
        ),
        now=second,
    )
    call = ctx.consultations.add(
        ConsultationInput(
            mode="phone",
            themes=("heating",),
            household_id=household_id,
            act="advice",
            occurred_at=second,
            duration_min=15,
        ),
        now=second,
    )
    ctx.consultations.record_outcome(
        advice,
        OutcomeInput("abandoned", abandon_reason=p["abandon_reason"], recorded_on=date(2019, 9, 1)),
    )
    request = LetterRequest(
        advice, texts=FreeTexts(opening=p["letter_opening"], findings=p["letter_findings"])
    )
    content = ctx.letters.compose(request, today=first.date())
    letter = ctx.letters.record(request, content, RenderedPdf(pdf=b"%PDF-1.7 test\n", pages=1))
    return Person(household_id, (advice, call), letter)
