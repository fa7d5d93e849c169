"""Logging consultations: anonymous information, advice with measures, follow-ups, outcomes."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from siec_desk.core.errors import ConflictError, ValidationError
from siec_desk.domain.consultation_records import ConsultationInput, MeasureChoice, OutcomeInput
from siec_desk.domain.household_records import HouseholdInput
from siec_desk.services.app import AppContext

pytestmark = pytest.mark.both_backends


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


def test_anonymous_phone_call_keeps_only_first_level_facts(ctx: AppContext) -> None:
    cid = ctx.consultations.add(
        ConsultationInput(
            mode="phone", themes=("financial_aid",), commune="Gardanne", duration_min=4
        )
    )
    detail = ctx.consultations.get(cid)
    assert detail.summary.household_id is None
    assert detail.summary.act == "info"
    assert detail.summary.commune == "Gardanne"
    assert detail.outcome_due is None


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (ConsultationInput(mode="phone", themes=("heating",), notes="M. Dupont, 06…"), "notes"),
        (ConsultationInput(mode="phone", themes=("heating",), act="advice"), "household_id"),
        (
            ConsultationInput(
                mode="phone", themes=("heating",), measures=(MeasureChoice("led_lighting"),)
            ),
            "measures",
        ),
        (
            ConsultationInput(mode="phone", themes=("heating",), follow_up_due=date.today()),
            "follow_up_due",
        ),
        (ConsultationInput(mode="phone", themes=()), "themes"),
        (ConsultationInput(mode="phone", themes=("heating",), duration_min=0), "duration_min"),
        (
            ConsultationInput(
                mode="phone", themes=("heating",), occurred_at=datetime.now() + timedelta(hours=2)
            ),
            "occurred_at",
        ),
        (ConsultationInput(mode="fax", themes=("heating",)), "mode"),
    ],
)
def test_invalid_consultations_store_nothing(
    ctx: AppContext, data: ConsultationInput, field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        ctx.consultations.add(data)
    assert caught.value.for_field(field)
    assert ctx.consultations.between() == []


def test_advice_with_measures_stores_estimate_snapshots(ctx: AppContext, household: int) -> None:
    cid = ctx.consultations.add(
        ConsultationInput(
            mode="walk_in",
            themes=("heating", "insulation"),
            household_id=household,
            duration_min=45,
            follow_up_action="Rappeler",
            follow_up_due=date.today(),
            measures=(
                MeasureChoice("lower_setpoint_1c"),
                MeasureChoice("attic_insulation"),
                MeasureChoice("led_lighting", {"bulbs": 12}),
            ),
        )
    )
    detail = ctx.consultations.get(cid)
    assert detail.summary.act == "advice"
    assert [m.code for m in detail.measures] == [
        "lower_setpoint_1c",
        "attic_insulation",
        "led_lighting",
    ]
    assert all(m.kwh_per_year > 0 and m.currency == "EUR" for m in detail.measures)
    assert detail.measures[2].parameters == {"bulbs": 12}
    assert detail.measures[0].parameter_set_version.startswith("FR-")
    assert detail.outcome_due == date.today() + timedelta(days=183)
    assert [c.id for c in ctx.consultations.follow_ups_due()] == [cid]


def test_a_measure_out_of_its_range_is_refused(ctx: AppContext, household: int) -> None:
    with pytest.raises(ValidationError) as caught:
        ctx.consultations.add(
            ConsultationInput(
                mode="walk_in",
                themes=("lighting",),
                household_id=household,
                measures=(MeasureChoice("led_lighting", {"bulbs": 100_000}),),
            )
        )
    assert "bulbs" in caught.value.for_field("measures")[0]


def test_follow_up_done_leaves_the_due_list(ctx: AppContext, household: int) -> None:
    cid = ctx.consultations.add(
        ConsultationInput(
            mode="phone", themes=("heating",), household_id=household, follow_up_due=date.today()
        )
    )
    ctx.consultations.complete_follow_up(cid)
    assert ctx.consultations.follow_ups_due() == []


def test_outcome_recording_marks_measures(ctx: AppContext, household: int) -> None:
    cid = ctx.consultations.add(
        ConsultationInput(
            mode="walk_in",
            themes=("insulation",),
            household_id=household,
            occurred_at=datetime.now() - timedelta(days=200),
            measures=(MeasureChoice("attic_insulation"), MeasureChoice("lower_setpoint_1c")),
        )
    )
    assert [c.id for c in ctx.consultations.outcomes_due()] == [cid]
    ctx.consultations.record_outcome(
        cid,
        OutcomeInput(
            status="done",
            measures_done=("attic_insulation",),
            works_amount=Decimal("4200"),
            aids_amount=Decimal("1500.50"),
        ),
    )
    detail = ctx.consultations.get(cid)
    assert detail.outcome_status == "done"
    assert {m.code: m.status for m in detail.measures} == {
        "attic_insulation": "done",
        "lower_setpoint_1c": "recommended",
    }
    assert ctx.consultations.outcomes_due() == []


def test_outcome_refuses_measures_not_recommended(ctx: AppContext, household: int) -> None:
    cid = ctx.consultations.add(
        ConsultationInput(
            mode="walk_in",
            themes=("insulation",),
            household_id=household,
            measures=(MeasureChoice("attic_insulation"),),
        )
    )
    with pytest.raises(ValidationError):
        ctx.consultations.record_outcome(
            cid, OutcomeInput(status="done", measures_done=("heat_pump",))
        )
    assert ctx.consultations.get(cid).outcome_status is None


def test_a_stale_edit_is_refused_not_silently_overwritten(ctx: AppContext, household: int) -> None:
    opened = ctx.households.get(household).version
    ctx.households.update(
        household, HouseholdInput(last_name="Dupont", commune="Cassis"), expected_version=opened
    )
    with pytest.raises(ConflictError):
        ctx.households.update(
            household, HouseholdInput(last_name="Dupont", commune="Aix"), expected_version=opened
        )
    assert ctx.households.get(household).summary.commune == "Cassis"


def test_delete_removes_themes_and_measures(ctx: AppContext, household: int) -> None:
    cid = ctx.consultations.add(
        ConsultationInput(
            mode="walk_in",
            themes=("insulation",),
            household_id=household,
            measures=(MeasureChoice("attic_insulation"),),
        )
    )
    ctx.consultations.delete(cid)
    with ctx.db.read() as session:
        left = (
            session.connection()
            .exec_driver_sql(
                "SELECT (SELECT count(*) FROM consultation_themes) + "
                "(SELECT count(*) FROM recommended_measures)"
            )
            .scalar()
        )
    assert left == 0
