"""Follow-ups: mark a call-back done; record a 6-month outcome in the small form."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from siec_desk.domain.consultation_records import ConsultationInput, MeasureChoice
from siec_desk.domain.household_records import HouseholdInput
from siec_desk.ui.consultations.followups import FollowUpsPage
from siec_desk.ui.consultations.outcome_form import OutcomeForm
from siec_desk.ui.kit.context import UiContext


def _household(ui: UiContext) -> int:
    return ui.app.households.create(
        HouseholdInput(
            first_name="Omar", last_name="Idrissi", surface_m2=80, heating_energy="electricity"
        )
    )


def test_mark_done_removes_the_follow_up(qtbot, ui: UiContext) -> None:  # type: ignore[no-untyped-def]
    cid = ui.app.consultations.add(
        ConsultationInput(
            mode="phone",
            themes=("heating",),
            household_id=_household(ui),
            occurred_at=datetime.now() - timedelta(days=10),
            follow_up_due=date.today() - timedelta(days=2),
        )
    )
    page = FollowUpsPage(ui)
    qtbot.addWidget(page)
    changed: list[bool] = []
    ui.events.consultations_changed.connect(lambda: (changed.append(True), page.refresh()))
    page.refresh()
    assert page.followups.row_count() == 1
    page.followups.select_row(0)
    page.mark_done.click()
    assert changed and page.followups.row_count() == 0
    assert ui.app.consultations.get(cid).summary.follow_up_status == "done"


def test_outcome_form_records_measures_done(qtbot, ui: UiContext) -> None:  # type: ignore[no-untyped-def]
    cid = ui.app.consultations.add(
        ConsultationInput(
            mode="walk_in",
            themes=("insulation",),
            household_id=_household(ui),
            occurred_at=datetime.now() - timedelta(days=190),
            measures=(MeasureChoice("attic_insulation"), MeasureChoice("led_lighting")),
        )
    )
    form = OutcomeForm(ui, ui.app.consultations.get(cid), None)
    qtbot.addWidget(form)
    form.status.set_code("done")
    form.measures.item(1).setCheckState(form.measures.item(0).checkState().Checked)
    form.works.setValue(250)
    form.save()
    detail = ui.app.consultations.get(cid)
    assert detail.outcome_status == "done"
    assert {m.code: m.status for m in detail.measures} == {
        "attic_insulation": "recommended",
        "led_lighting": "done",
    }
    assert ui.app.consultations.outcomes_due() == []
