"""The audit trail: every change, export, purge and erasure leaves an event naming who,
what and when — and no event ever holds a personal value."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import text
from testkit.contexts import make_ctx
from testkit.databases import Databases
from testkit.privacy import PERSONAL, personal_household

from siec_desk.core import i18n
from siec_desk.domain.consultation_records import ConsultationInput
from siec_desk.domain.household_records import HouseholdInput
from siec_desk.services.app import AppContext
from siec_desk.services.audit import ACTIONS, COMMAND_LINE, OBJECT_TYPES
from siec_desk.texts import audit as audit_text

pytestmark = pytest.mark.both_backends


@pytest.fixture
def centre(new_db: Databases) -> Iterator[AppContext]:
    context = make_ctx(new_db("centre"), "FR")
    context.retention.today = lambda: date(2025, 1, 1)
    yield context
    context.close()


def _kinds(ctx: AppContext) -> list[tuple[str, str]]:
    return [(e.action, e.object_type) for e in reversed(ctx.audit.events())]


def test_each_action_is_recorded_with_field_names_and_counts(
    centre: AppContext, tmp_path: Path
) -> None:
    person = personal_household(centre)
    household, (advice, call) = person.household_id, person.consultation_ids
    snapshot = centre.households.get(household)
    centre.households.update(
        household,
        HouseholdInput(
            first_name=PERSONAL["first_name"],
            last_name=PERSONAL["last_name"],
            phone="06 11 22 33 44",
            email=PERSONAL["email"],
            address=PERSONAL["address"],
            commune="Quimper",
            postal_code="29000",
            tenure="owner_occupier",
            household_size=1,
            reference_income=14_000,
            dwelling_type="house",
            heating_energy="fuel_oil",
            consent_recontact=True,
            consent_wording=snapshot.consent_wording,
            notes="Nouvelle note privée",
        ),
    )
    centre.consultations.complete_follow_up(advice, date(2019, 3, 25))
    centre.consultations.update(
        call,
        ConsultationInput(
            mode="phone",
            themes=("heating", "insulation"),
            household_id=household,
            occurred_at=datetime(2019, 9, 20, 15, 30),
            duration_min=20,
        ),
    )
    centre.consultations.delete(call)
    centre.rights.export(household, tmp_path / "out.json")
    # Anonymising unlinks a household's own events (MEDIUM-9): another one is anonymised.
    aged = centre.households.create(HouseholdInput(last_name="Ancien"))
    centre.retention.anonymise([aged])
    other = centre.households.create(HouseholdInput(last_name="Autre"))
    centre.rights.erase(other)

    assert _kinds(centre) == [
        ("create", "household"),
        ("create", "consultation"),
        ("create", "consultation"),
        ("update", "consultation"),  # the outcome
        ("create", "letter"),
        ("update", "household"),
        ("update", "consultation"),  # follow-up done
        ("update", "consultation"),
        ("delete", "consultation"),
        ("export", "household"),
        ("create", "household"),
        ("purge_anonymise", "household"),
        ("create", "household"),
        ("erase", "household"),
    ]
    events = {(e.action, e.object_type, e.object_id): e for e in centre.audit.events()}
    assert events["update", "household", household].details["fields"] == ["notes", "phone"]
    assert events["update", "consultation", call].details["fields"] == [
        "duration_min",
        "themes",
    ]
    outcome, follow_up = [
        e.details["fields"]
        for e in reversed(centre.audit.events(action="update", object_type="consultation"))
        if e.object_id == advice
    ]
    assert outcome == ["outcome_abandon_reason", "outcome_recorded_on", "outcome_status"]
    assert follow_up == ["follow_up_done_on", "follow_up_status"]
    assert events["delete", "consultation", call].details == {"household_id": household}
    assert events["erase", "household", other].details == {"consultations": 0, "letters": 0}
    assert all(e.actor == COMMAND_LINE for e in centre.audit.events())


def test_an_unchanged_save_records_nothing(centre: AppContext) -> None:
    data = HouseholdInput(last_name="Martin", commune="Brest")
    household = centre.households.create(data)
    centre.households.update(household, data)
    assert _kinds(centre) == [("create", "household")]


def test_the_advisor_at_the_desk_is_the_actor(centre: AppContext) -> None:
    advisor = centre.centres.add_advisor("Yasmina Benali")
    centre.audit.act_as(advisor.id)
    centre.households.create(HouseholdInput(last_name="Martin"))
    centre.audit.act_as(None)
    centre.households.create(HouseholdInput(last_name="Durand"))

    latest, first = centre.audit.events()
    assert first.actor == "Yasmina Benali" and "last_name" in first.details["fields"]
    assert latest.actor == "desk"
    with centre.db.read() as session:
        advisor_ids = session.execute(
            text("SELECT advisor_id FROM audit_events ORDER BY id")
        ).scalars()
        assert list(advisor_ids) == [advisor.id, None]


def test_no_audit_event_holds_a_personal_value(centre: AppContext, tmp_path: Path) -> None:
    person = personal_household(centre)
    centre.consultations.delete(person.consultation_ids[1])
    centre.rights.export(person.household_id, tmp_path / "gwen-quemeneur.json")
    centre.retention.set_period(2)
    centre.retention.anonymise([person.household_id])
    second = personal_household(centre)
    centre.rights.erase(second.household_id)

    with centre.db.read() as session:
        rows = session.execute(
            text("SELECT actor, action, object_type, object_id, details FROM audit_events")
        ).all()
    assert len(rows) >= 12
    everything = "\n".join(" ".join(str(v) for v in row) for row in rows).casefold()
    values = [*PERSONAL.values(), "gwen-quemeneur", "Quimper", "29000"]
    leaked = [value for value in values if value.casefold() in everything]
    assert leaked == []


def test_every_code_has_a_label_and_details_read_as_words() -> None:
    assert set(ACTIONS) >= {"create", "update", "delete", "export", "purge_anonymise"}
    assert set(ACTIONS) >= {"purge_delete", "erase", "restore", "backup"}
    assert set(OBJECT_TYPES) >= {"household", "consultation", "letter", "database", "statistics"}
    text_ = audit_text.summary(
        {"fields": ["phone", "notes"], "consultations": 2, "letters": 1, "cutoff": "2021-06-01"},
        "en_GB",
    )
    assert text_.startswith("Fields: Phone, Notes · 2 consultations · 1 letter")
    assert "1 Jun 2021" in text_
    assert audit_text.actor_label(COMMAND_LINE) == "Command line"
    i18n.set_language("fr")
    try:
        assert audit_text.object_label("household") == "Ménage"
    finally:
        i18n.set_language("en")
