"""The consultation editor's orientations (issue 18, point 1): a checkable list reached
with Tab and ticked with Space, saved with the consultation, shown again when editing,
on the household's timeline, and right to left in Arabic."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from siec_desk.domain.consultation_records import ConsultationInput
from siec_desk.domain.household_records import HouseholdInput
from siec_desk.ui.consultations.editor import ConsultationEditor
from siec_desk.ui.households.detail import timeline_text
from siec_desk.ui.kit.context import UiContext

pytestmark = pytest.mark.ui


@pytest.fixture
def household_id(ui: UiContext) -> int:
    return ui.app.households.create(HouseholdInput(first_name="Éloïse", last_name="Martin"))


def open_editor(qtbot: Any, ui: UiContext, **kwargs: int) -> ConsultationEditor:
    editor = ConsultationEditor(ui, kwargs.get("consultation"), kwargs.get("household"), None)
    qtbot.addWidget(editor)
    editor.show()
    return editor


def _row_of(editor: ConsultationEditor, code: str) -> int:
    for index in range(editor.orientations.count()):
        item = editor.orientations.item(index)
        if item is not None and item.data(Qt.ItemDataRole.UserRole) == code:
            return index
    raise AssertionError(code)


def test_orientations_are_ticked_with_the_keyboard_and_saved(
    qtbot: Any, ui: UiContext, household_id: int
) -> None:
    editor = open_editor(qtbot, ui, household=household_id)
    editor.themes.item(0).setCheckState(Qt.CheckState.Checked)
    # Tab from the themes lands on the orientations
    editor.themes.setFocus()
    qtbot.keyClick(editor.themes, Qt.Key.Key_Tab)
    assert editor.focusWidget() is editor.orientations
    for code in ("mar", "adil"):
        editor.orientations.setCurrentRow(_row_of(editor, code))
        qtbot.keyClick(editor.orientations, Qt.Key.Key_Space)
    assert editor.orientations.chosen() == ["mar", "adil"]
    assert "Mon Accompagnateur Rénov'" in editor.orientations.summary.text()
    editor.save()
    assert editor.saved_id is not None
    saved = ui.app.consultations.get(editor.saved_id)
    assert sorted(saved.summary.orientations) == ["adil", "mar"]

    again = open_editor(qtbot, ui, consultation=editor.saved_id)
    assert sorted(again.orientations.chosen()) == ["adil", "mar"]
    assert not again.is_modified()
    again.orientations.set_chosen(["caue"])
    assert again.is_modified()


def test_the_list_has_its_identifier_name_and_the_timeline_says_where(
    qtbot: Any, ui: UiContext, household_id: int
) -> None:
    editor = open_editor(qtbot, ui, household=household_id)
    assert editor.orientations.accessibleIdentifier() == "consultation.orientations"
    assert editor.orientations.accessibleName() == "Referred to"
    assert editor.orientations.summary.text() == "Not referred anywhere"
    saved = ui.app.consultations.add(
        ConsultationInput(
            mode="phone",
            themes=("heating",),
            household_id=household_id,
            orientations=("energy_company",),
        )
    )
    summary = ui.app.consultations.get(saved).summary
    assert "referred to Electricity or gas company (SRM, STEG…)" in timeline_text(summary, "en")


def test_the_list_is_right_to_left_in_arabic(
    qtbot: Any, ui: UiContext, household_id: int, arabic: None
) -> None:
    editor = open_editor(qtbot, ui, household=household_id)
    assert editor.orientations.isRightToLeft()
    assert editor.orientations.count() == 9  # the shared codes of docs/cli.md
