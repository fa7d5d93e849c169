"""Undoing "Delete consultation": the snapshot taken by delete brings back the same record."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from siec_desk.core.errors import NotFoundError
from siec_desk.domain import audit_codes as a
from siec_desk.domain.codes import Orientation, Theme
from siec_desk.domain.consultation_records import ConsultationInput, MeasureChoice
from siec_desk.domain.household_records import HouseholdInput
from siec_desk.services.app import AppContext
from siec_desk.services.consultation_restore import take_snapshot
from siec_desk.storage.models import AuditEvent, Consultation, Letter

pytestmark = pytest.mark.both_backends

MEASURES = ("lower_setpoint_1c", "attic_insulation", "led_lighting")


@pytest.fixture
def household(ctx: AppContext) -> int:
    return ctx.households.create(
        HouseholdInput(
            first_name="Marie",
            last_name="Dupont",
            commune="Aubagne",
            household_size=3,
            surface_m2=90,
            heating_energy="natural_gas",
            construction_period="1948_1974",
        )
    )


def _stored(ctx: AppContext, consultation_id: int) -> object:
    """Every stored value of the consultation, its themes, orientations and measures."""
    with ctx.db.read() as session:
        snapshot = take_snapshot(session, session.get_one(Consultation, consultation_id))
        return dataclasses.replace(snapshot, letter_ids=())


consultations = st.builds(
    dict,
    mode=st.sampled_from(["phone", "walk_in", "email"]),
    themes=st.lists(st.sampled_from(list(Theme)), min_size=1, max_size=4, unique=True),
    orientations=st.lists(st.sampled_from(list(Orientation)), max_size=3, unique=True),
    measures=st.lists(st.sampled_from(MEASURES), max_size=3, unique=True),
    follow_up=st.booleans(),
    notes=st.one_of(st.none(), st.text(min_size=1, max_size=40).filter(str.strip)),
    days_ago=st.integers(0, 400),
    duration=st.integers(1, 240),
)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(case=consultations)
def test_delete_then_restore_gives_the_same_record(
    ctx: AppContext, household: int, case: dict[str, object]
) -> None:
    follow_up = bool(case["follow_up"])
    data = ConsultationInput(
        mode=str(case["mode"]),
        themes=tuple(case["themes"]),  # type: ignore[arg-type]
        household_id=household,
        orientations=tuple(case["orientations"]),  # type: ignore[arg-type]
        measures=tuple(MeasureChoice(code) for code in case["measures"]),  # type: ignore[attr-defined]
        notes=case["notes"],  # type: ignore[arg-type]
        occurred_at=datetime.now().replace(microsecond=0) - timedelta(days=case["days_ago"]),  # type: ignore[operator]
        duration_min=case["duration"],  # type: ignore[arg-type]
        follow_up_action="Rappeler" if follow_up else None,
        follow_up_due=date.today() + timedelta(days=3) if follow_up else None,
    )
    cid = ctx.consultations.add(data)
    before = _stored(ctx, cid)
    detail = ctx.consultations.get(cid)
    snapshot = ctx.consultations.delete(cid)
    with pytest.raises(NotFoundError):
        ctx.consultations.get(cid)
    assert ctx.consultations.restore(snapshot) == cid  # the same id: it is still free
    assert _stored(ctx, cid) == before
    assert ctx.consultations.get(cid) == detail


def test_letters_of_the_consultation_are_tied_to_it_again(ctx: AppContext, household: int) -> None:
    cid = ctx.consultations.add(
        ConsultationInput(mode="phone", themes=("heating",), household_id=household)
    )
    with ctx.db.write() as session:
        letter = Letter(
            consultation_id=cid,
            household_id=household,
            reference="2026-0001",
            language="fr",
            file_path="letters/2026-0001.pdf",
            sha256="0" * 64,
            size_bytes=1,
            pages=1,
        )
        session.add(letter)
        session.flush()
        letter_id = letter.id
    snapshot = ctx.consultations.delete(cid)
    assert snapshot.letter_ids == (letter_id,)
    with ctx.db.read() as session:  # deleting keeps the letter, tied to nothing
        assert session.get_one(Letter, letter_id).consultation_id is None
    ctx.consultations.restore(snapshot)
    with ctx.db.read() as session:
        assert session.get_one(Letter, letter_id).consultation_id == cid
        events = session.scalars(
            select(AuditEvent.action).where(
                AuditEvent.object_type == a.CONSULTATION, AuditEvent.object_id == cid
            )
        ).all()
    assert list(events) == [a.CREATE, a.DELETE, a.RESTORE]


def test_a_taken_id_gets_a_new_one(ctx: AppContext, household: int) -> None:
    first = ctx.consultations.add(
        ConsultationInput(mode="phone", themes=("heating",), household_id=household)
    )
    other = ctx.consultations.add(
        ConsultationInput(mode="walk_in", themes=("insulation",), household_id=household)
    )
    snapshot = ctx.consultations.delete(first)
    taken = dataclasses.replace(snapshot, id=other, row={**snapshot.row, "id": other})
    restored = ctx.consultations.restore(taken)
    assert restored not in (first, other)
    assert ctx.consultations.get(restored).summary.themes == ("heating",)
    assert ctx.consultations.get(other).summary.themes == ("insulation",)


def test_restore_refuses_when_the_household_is_gone(ctx: AppContext, household: int) -> None:
    cid = ctx.consultations.add(
        ConsultationInput(mode="phone", themes=("heating",), household_id=household)
    )
    snapshot = ctx.consultations.delete(cid)
    ctx.rights.erase(household)
    with pytest.raises(NotFoundError) as caught:
        ctx.consultations.restore(snapshot)
    assert "\n" not in str(caught.value)
    with pytest.raises(NotFoundError):
        ctx.consultations.get(cid)  # nothing half-written
