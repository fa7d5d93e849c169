"""The forms take their bounds and lengths from the field registry: every registry field
shown in a form accepts what the record's rules accept, and nothing else."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from PySide6.QtWidgets import QDoubleSpinBox, QLineEdit, QSpinBox, QWidget

from siec_desk.domain.consultation_records import ConsultationInput, MeasureChoice
from siec_desk.domain.fields import CONSULTATION, HOUSEHOLD, FieldSpec
from siec_desk.domain.household_records import HouseholdInput
from siec_desk.ui.consultations.editor import ConsultationEditor
from siec_desk.ui.consultations.outcome_form import OutcomeForm
from siec_desk.ui.households.form import HouseholdForm
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.widgets import call_timer
from siec_desk.ui.widgets.form_fields import read_field

pytestmark = pytest.mark.ui


def assert_follows(spec: FieldSpec, widget: QWidget, *, not_specified: bool = True) -> None:
    """The widget's range is the rule's, below it at most its "not specified" value."""
    if isinstance(widget, QLineEdit):
        assert widget.maxLength() == spec.max_length, spec.name
        return
    assert isinstance(widget, QSpinBox | QDoubleSpinBox), spec.name
    step = 10.0 ** -widget.decimals() if isinstance(widget, QDoubleSpinBox) else 1
    lowest = round(widget.minimum() + step, 6) if not_specified else widget.minimum()
    assert (lowest, widget.maximum()) == (spec.low, spec.high), spec.name


def test_every_registry_field_of_the_household_form_has_the_registry_bounds(
    ui: UiContext, qtbot: Any
) -> None:
    form = HouseholdForm(ui, None, None)
    qtbot.addWidget(form)
    checked = []
    for name, widget in form.fields.items():
        spec = HOUSEHOLD.get(name)
        # A multi-line box has no maximum length in Qt: the rule's message says it on save.
        if spec is not None and not spec.multiline and (spec.max_length or spec.high):
            assert_follows(spec, widget)
            checked.append(name)
    assert {
        "first_name",
        "phone",
        "surface_m2",
        "household_size",
        "butane_bottles_per_month",
    } <= set(checked)
    assert "reference_income" in checked or ui.app.centre.country != "FR"


def test_a_surface_below_the_rule_cannot_be_typed(ui: UiContext, qtbot: Any) -> None:
    form = HouseholdForm(ui, None, None)
    qtbot.addWidget(form)
    surface = form.fields["surface_m2"]
    assert isinstance(surface, QDoubleSpinBox)
    surface.setValue(3)  # below 5 m²: the field says "not specified"
    assert read_field(surface) is None and surface.text() == surface.specialValueText()
    surface.setValue(5)
    assert read_field(surface) == 5


def test_the_consultation_editor_follows_the_registry(ui: UiContext, qtbot: Any) -> None:
    editor = ConsultationEditor(ui, None, None, None)
    qtbot.addWidget(editor)
    assert_follows(CONSULTATION["commune"], editor.commune)
    assert_follows(CONSULTATION["follow_up_action"], editor.follow_action)
    assert_follows(CONSULTATION["duration_min"], editor.duration, not_specified=False)
    assert CONSULTATION["duration_min"].high == call_timer.MAX_MINUTES


def test_the_outcome_form_follows_the_registry(ui: UiContext, qtbot: Any) -> None:
    household = ui.app.households.create(HouseholdInput(last_name="Durand"))
    cid = ui.app.consultations.add(
        ConsultationInput(
            mode="walk_in",
            themes=("insulation",),
            household_id=household,
            occurred_at=datetime.now() - timedelta(days=190),
            measures=(MeasureChoice("led_lighting"),),
        )
    )
    form = OutcomeForm(ui, ui.app.consultations.get(cid), None)
    qtbot.addWidget(form)
    assert_follows(CONSULTATION["outcome_abandon_reason"], form.reason)
    assert_follows(CONSULTATION["outcome_works_amount_minor"], form.works, not_specified=False)
    assert_follows(CONSULTATION["outcome_aids_minor"], form.aids, not_specified=False)
