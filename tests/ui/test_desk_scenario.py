"""The Desk issue's acceptance scenario, in French and in Arabic, on one database.

A new user logs a walk-in consultation with a new household and two measures, finds
that household again by typing part of its name (in either script), and sees its
follow-up on Today.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from siec_desk.core import i18n
from siec_desk.ui.app.main_window import MainWindow
from siec_desk.ui.consultations.editor import ConsultationEditor
from siec_desk.ui.households.form import HouseholdForm
from siec_desk.ui.households.page import HouseholdsPage
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.today.page import TodayPage


def type_text(widget: QWidget, text: str) -> None:
    """Key presses carrying any character (QTest.keyClicks only knows ASCII keys)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, ord(char.upper()), Qt.KeyboardModifier.NoModifier, char)
            )


def new_household(qtbot: Any, ui: UiContext, first: str, last: str, phone: str) -> int:
    form = HouseholdForm(ui, None, None)
    qtbot.addWidget(form)
    form.show()
    type_text(form.fields["first_name"], first)
    type_text(form.fields["last_name"], last)
    type_text(form.fields["phone"], phone)
    type_text(form.fields["commune"], "Aubagne")
    form.save_button.click()
    assert form.saved_id is not None, [
        e.text() for e in form.findChildren(QWidget) if e.objectName().endswith(".error")
    ]
    return form.saved_id


def log_walk_in(qtbot: Any, ui: UiContext, household: int) -> int:
    editor = ConsultationEditor(ui, None, household, None)
    qtbot.addWidget(editor)
    editor.show()
    editor.mode.set_code("walk_in")
    for index in range(editor.themes.count()):
        item = editor.themes.item(index)
        if item.data(Qt.ItemDataRole.UserRole) in ("insulation", "heating"):
            item.setCheckState(Qt.CheckState.Checked)
    assert editor.measures.add_code("attic_insulation")
    assert editor.measures.add_code("lower_setpoint_1c")
    editor.follow_check.setChecked(True)
    editor.follow_due.setDate(editor.follow_due.date().currentDate())
    type_text(editor.follow_action, "Rappeler pour les devis")
    editor.save_button.click()
    assert editor.saved_id is not None
    return editor.saved_id


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_log_a_walk_in_find_the_household_and_see_its_follow_up(
    qtbot: Any, ui: UiContext, language: str, qapp: Any
) -> None:
    from siec_desk.ui.app.launch import install_language

    i18n.set_language(language)
    translators = install_language(qapp, language)
    try:
        latin = new_household(qtbot, ui, "Éloïse", "Légaré", "06 11 22 33 44")
        arabic = new_household(qtbot, ui, "أحمد", "العمراني", "06 55 44 33 22")
        consultation = log_walk_in(qtbot, ui, latin)
        log_walk_in(qtbot, ui, arabic)

        stored = ui.app.consultations.get(consultation)
        assert stored.summary.mode == "walk_in" and stored.summary.household_id == latin
        assert [m.code for m in stored.measures] == ["lower_setpoint_1c", "attic_insulation"]
        assert stored.summary.follow_up_due == date.today()

        window = MainWindow(ui)
        qtbot.addWidget(window)
        window.show()
        window.show_page(HouseholdsPage.key)
        page = window.page(HouseholdsPage.key)
        assert isinstance(page, HouseholdsPage)
        for typed, expected in (("legar", latin), ("احمد", arabic)):
            page.search.clear()
            type_text(page.search, typed)
            found = [page.model.household_id(r) for r in range(page.model.rowCount())]
            assert found == [expected], typed

        window.show_page(TodayPage.key)
        today = window.page(TodayPage.key)
        assert isinstance(today, TodayPage)
        names = [today.followups_table.text(r, 1) for r in range(today.followups_table.row_count())]
        assert any("Légaré" in n for n in names) and any("العمراني" in n for n in names)
        assert window.isRightToLeft() == (language == "ar")
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        qapp.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        i18n.set_language("en")
