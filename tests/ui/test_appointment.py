"""A French advisor records the prior France Rénov' appointment in the consultation
editor and prints its attestation (the preview: Save as… gives the archived document)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from siec_desk.domain.household_records import HouseholdInput
from siec_desk.ui.consultations.editor import ConsultationEditor
from siec_desk.ui.kit.context import UiContext

pytestmark = pytest.mark.ui


def _editor(qtbot: Any, ui: UiContext, consultation_id: int | None, household: int | None):  # type: ignore[no-untyped-def]
    editor = ConsultationEditor(ui, consultation_id, household, None)
    qtbot.addWidget(editor)
    editor.show()
    return editor


def _tick(editor: ConsultationEditor, code: str) -> None:
    for index in range(editor.themes.count()):
        item = editor.themes.item(index)
        if item.data(Qt.ItemDataRole.UserRole) == code:
            item.setCheckState(Qt.CheckState.Checked)


def test_the_appointment_is_recorded_then_its_attestation_printed_and_saved(
    ui: UiContext, qtbot: Any, dialogs: Any, tmp_path: Path
) -> None:
    assert ui.app.centre.country == "FR"
    household_id = ui.app.households.create(
        HouseholdInput(first_name="Jeanne", last_name="Durand", address="12 rue des Lilas")
    )
    editor = _editor(qtbot, ui, None, household_id)
    assert editor.project_type.objectName() == "consultation.project_type"
    assert editor.project_type.accessibleName()
    assert not editor.project_type.isEnabled()  # until the act is the appointment
    editor.act.set_code("mpr_appointment")
    assert editor.project_type.isEnabled()
    _tick(editor, "financial_aid")
    editor.save()  # no project yet: one clear line under the field, nothing saved
    assert editor.isVisible() and editor._errors["project_type"].isVisible()
    assert ui.app.consultations.for_household(household_id) == []
    editor.project_type.set_code("whole_home")
    editor.save()
    assert editor.saved_id is not None
    assert ui.app.consultations.get(editor.saved_id).project_type == "whole_home"

    again = _editor(qtbot, ui, editor.saved_id, None)
    qtbot.waitUntil(lambda: again.save_button.isEnabled())
    assert again.project_type.code() == "whole_home"
    assert again.attestation_button.isVisible() and again.attestation_button.isEnabled()
    qtbot.mouseClick(again.attestation_button, Qt.MouseButton.LeftButton)
    dialog = again.attestation_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.state == "ready", timeout=120_000)
    archived = ui.app.attestations.find(editor.saved_id)
    assert archived is not None and archived.reference.startswith("ATT-")
    assert dialog.rendered is not None and dialog.rendered.pdf == archived.path.read_bytes()
    dialogs.file_answers = [str(tmp_path / "attestation.pdf")]
    dialog.save_as()
    qtbot.waitUntil(lambda: dialog.state == "saved")
    assert (tmp_path / "attestation.pdf").read_bytes() == archived.path.read_bytes()
