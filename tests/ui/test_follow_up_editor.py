"""The consultation editor's follow-up (D5): typing an action ticks "Follow-up due" and
proposes the next working day, focused when the action field is left; an action without
a day is refused in one line and nothing is saved; the time and kind are saved."""

from __future__ import annotations

from datetime import date, time
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from siec_desk.domain.agenda import next_working_day
from siec_desk.domain.household_records import HouseholdInput
from siec_desk.ui.consultations.editor import ConsultationEditor
from siec_desk.ui.kit.context import UiContext

pytestmark = pytest.mark.ui


@pytest.fixture
def editor(qtbot: Any, ui: UiContext) -> ConsultationEditor:
    household = ui.app.households.create(HouseholdInput(first_name="Hélène", last_name="Dupré"))
    editor = ConsultationEditor(ui, None, household, None)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    editor.mode.set_code("phone")
    item = editor.themes.item(0)
    item.setCheckState(Qt.CheckState.Checked)
    return editor


def test_typing_an_action_proposes_the_next_working_day_focused(
    qtbot: Any, ui: UiContext, editor: ConsultationEditor
) -> None:
    assert not editor.follow_check.isChecked() and not editor.follow_due.isEnabled()
    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)
    editor.follow_action.setFocus()
    qtbot.waitUntil(editor.follow_action.hasFocus)
    qtbot.keyClicks(editor.follow_action, "envoyer les formulaires MPR")
    assert editor.follow_check.isChecked() and editor.follow_due.isEnabled()
    assert editor.follow_due.date().toPython() == next_working_day(date.today())
    qtbot.keyClick(editor.follow_action, Qt.Key.Key_Tab)
    qtbot.waitUntil(editor.follow_due.hasFocus)  # there to be seen and changed
    qtbot.keyClicks(editor.follow_time, "14:30")
    editor.follow_kind.set_code("appointment")
    editor.save()
    assert editor.saved_id is not None
    summary = ui.app.consultations.get(editor.saved_id).summary
    assert summary.follow_up_due == next_working_day(date.today())
    assert (summary.follow_up_time, summary.follow_up_kind) == (time(14, 30), "appointment")


def test_an_action_without_a_date_is_refused_in_one_line(
    qtbot: Any, ui: UiContext, editor: ConsultationEditor
) -> None:
    qtbot.keyClicks(editor.follow_action, "rappeler")
    editor.follow_check.setChecked(False)  # the advisor unticks the proposed day
    editor.save()
    assert editor.saved_id is None and ui.app.consultations.between() == []
    message = editor.findChild(QWidget, "consultation.error.follow_up_due")
    assert message.isVisible()
    assert message.text() == "A follow-up action needs a date: give one or clear the action."


def test_a_wrong_time_is_one_line_and_nothing_is_saved(
    qtbot: Any, ui: UiContext, editor: ConsultationEditor
) -> None:
    qtbot.keyClicks(editor.follow_action, "rappeler")
    qtbot.keyClicks(editor.follow_time, "25:00")
    editor.save()
    assert editor.saved_id is None and ui.app.consultations.between() == []
    message = editor.findChild(QWidget, "consultation.error.follow_up_due")
    assert "not a time of day" in message.text() and "\n" not in message.text()
