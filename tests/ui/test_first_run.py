"""First run: the welcome page creates the centre; the language menu saves the choice."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QPushButton

from siec_desk.core.settings import load_preferences
from siec_desk.services.centre import CentreService
from siec_desk.storage.database import open_database
from siec_desk.ui.admin.advisor_choice import choose_advisor
from siec_desk.ui.admin.first_run import FirstRunDialog
from siec_desk.ui.app.main_window import MainWindow
from siec_desk.ui.kit.context import UiContext


def test_the_welcome_page_asks_for_the_names_before_starting(qtbot: Any) -> None:
    dialog = FirstRunDialog("fr")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.centre.setText("ALEC de Gap")
    start = dialog.findChild(QPushButton, "first_run.start")
    start.click()
    assert dialog.result() == 0 and "name" in dialog.error.text()  # advisor missing
    dialog.advisor.setText("Claire Fabre")
    dialog.country.set_code("MA")
    dialog.demo.setChecked(True)
    start.click()
    assert dialog.result() == 1
    answers = dialog.answers()
    assert (
        answers.centre_name,
        answers.country,
        answers.language,
        answers.advisor_name,
        answers.load_demo,
    ) == ("ALEC de Gap", "MA", "fr", "Claire Fabre", True)


def test_answers_create_the_centre_and_its_advisor(tmp_path: Path) -> None:
    db = open_database(tmp_path / "new.sqlite3")
    try:
        centres = CentreService(db)
        assert centres.current() is None  # what makes the GUI show the welcome page
        centre = centres.set_up("Centre Info Énergie de Chefchaouen", "MA", "ar", "سناء")
        assert (centre.country, centre.currency, centre.locale) == ("MA", "MAD", "ar_MA")
        assert choose_advisor(centres.advisors(), None) == centres.advisors()[0].id
    finally:
        db.close()


def test_choosing_a_language_saves_it_for_the_next_start(
    qtbot: Any, ui: UiContext, dialogs: Any
) -> None:
    window = MainWindow(ui)
    qtbot.addWidget(window)
    dialogs.confirm_answers = [False]  # "restart now?" — not in a test
    window.findChild(type(window.menuBar().actions()[0]), "action.language.ar").trigger()
    assert load_preferences().language == "ar"
    assert dialogs.kinds() == ["confirm"]


def test_the_advisor_chooses_the_title_letters_sign_with(qtbot: Any, tmp_path: Path) -> None:
    """D19: the welcome page and "Change advisor…" ask for the title's gender; neutral
    until chosen, so nobody is given a gender they did not choose."""
    from siec_desk.ui.admin.advisor_choice import AdvisorDialog

    dialog = FirstRunDialog("ar")
    qtbot.addWidget(dialog)
    assert dialog.title.code() == "neutral"
    dialog.centre.setText("مركز الإعلام حول الطاقة")
    dialog.advisor.setText("سناء البقالي")
    dialog.title.set_code("feminine")
    answers = dialog.answers()
    db = open_database(tmp_path / "new.sqlite3")
    try:
        centres = CentreService(db)
        centres.set_up(answers.centre_name, "MA", "ar", answers.advisor_name, answers.advisor_title)
        centres.add_advisor("هشام الريفي")
        advisors = centres.advisors()
        titles = {a.display_name: a.title_gender for a in advisors}
        assert titles == {"سناء البقالي": "feminine", "هشام الريفي": None}
        choice = AdvisorDialog(advisors)
        qtbot.addWidget(choice)
        choice.combo.setCurrentIndex(choice.combo.findText("هشام الريفي"))
        assert choice.title.code() == "neutral" and not choice.title_changed()
        choice.title.set_code("masculine")
        assert choice.title_changed()
        centres.set_advisor_title(choice.advisor_id(), choice.title_gender())
        assert centres.advisor(choice.advisor_id()).title_gender == "masculine"
    finally:
        db.close()
