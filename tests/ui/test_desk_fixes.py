"""More desk defects of the GUI walkthrough kept fixed (docs/desk-defects.md): messages
and headers in Arabic (D13, D14, D18), the household card and form (D22, D25), the
outcome dialog (D23), the editor (D28, D32, D44), window and dialog wording (D33, D34,
D38, D39) and the centre's country (D46)."""

from __future__ import annotations

from concurrent.futures import Future
from datetime import date, datetime, timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from siec_desk.core import i18n
from siec_desk.documents.letters.content import LetterContent
from siec_desk.documents.letters.render import RenderedLetter
from siec_desk.domain.consultation_records import ConsultationInput, MeasureChoice
from siec_desk.domain.household_records import HouseholdInput
from siec_desk.domain.validation import Checker
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.kit.dialogs import Dialogs, Unsaved
from siec_desk.ui.kit.letter_renderer import LetterRenderer
from siec_desk.ui.widgets.measure_row import describe_estimate

pytestmark = pytest.mark.ui


def _household(ui: UiContext, **extra: Any) -> int:
    return ui.app.households.create(
        HouseholdInput(last_name="Dupré", first_name="Hélène", commune="Gap", **extra)
    )


def test_an_arabic_validation_message_isolates_the_typed_email(arabic: None) -> None:
    check = Checker()
    check.email("email", "ahmed.amrani@gmail,com")
    (error,) = check.errors
    assert "\u2068ahmed.amrani@gmail,com\u2069" in error.message  # its own order inside
    assert error.message.strip("“”\u2068\u2069")[-1] != "m"  # the sentence stays Arabic


def test_an_english_validation_message_is_left_as_typed() -> None:
    check = Checker()
    check.email("email", "a@b,com")
    assert check.errors[0].message == "“a@b,com” is not a valid e-mail address."


def test_the_editor_shows_the_household_phone_in_national_format(qtbot: Any, ui: UiContext) -> None:
    from siec_desk.ui.consultations.editor import ConsultationEditor

    household = _household(ui, phone="0612345678")
    editor = ConsultationEditor(ui, None, household, None)
    qtbot.addWidget(editor)
    shown = editor.picker.household_label.text()
    assert "06 12 34 56 78" in shown and "+33" not in shown


def test_the_follow_up_date_message_writes_the_date_in_words() -> None:
    with i18n.language_override("fr"):
        check = Checker()
        check.date_not_before("follow_up_due", date(2026, 12, 1), date(2026, 12, 7), "FR")
    assert check.errors[0].message == "La date ne peut pas être antérieure au 7 décembre 2026."


def test_the_household_card_shows_the_consumption_entered(ui: UiContext) -> None:
    from siec_desk.ui.households.detail import household_facts

    household = _household(ui, heating_kwh_per_year=18000, electricity_kwh_per_year=2400)
    facts = household_facts(ui.app.households.get(household), "FR")
    assert "18,000" in facts["heating_kwh_per_year"]
    assert "2,400" in facts["electricity_kwh_per_year"]


def test_the_outcome_dialog_names_the_household_and_groups_thousands(
    qtbot: Any, ui: UiContext
) -> None:
    from siec_desk.ui.consultations.outcome_form import OutcomeForm

    household = _household(ui)
    consultation = ui.app.consultations.add(
        ConsultationInput(
            mode="walk_in",
            themes=("insulation",),
            household_id=household,
            occurred_at=datetime(2026, 6, 3, 10, 0),
            measures=(MeasureChoice("attic_insulation"),),
        )
    )
    form = OutcomeForm(ui, ui.app.consultations.get(consultation), None)
    qtbot.addWidget(form)
    assert "Hélène Dupré" in form.heading.text() and "3 June 2026" in form.heading.text()
    form.works.setValue(3500)
    amount = form.works.text()
    assert amount.endswith("\u00a0€") and amount[:5] in ("3,500", "3\u202f500", "3\u00a0500")


def test_the_duplicate_warning_appears_while_typing(qtbot: Any, ui: UiContext) -> None:
    from siec_desk.ui.households.form import HouseholdForm

    _household(ui, phone="0612345678")
    form = HouseholdForm(ui, None, None)
    qtbot.addWidget(form)
    form.show()
    phone = form.fields["phone"]
    qtbot.keyClicks(phone, "06 12 34 56 78")
    qtbot.waitUntil(form.duplicates.isVisible)  # before Save, a pause after the last key
    assert form.duplicate_list.count() == 1
    assert not form.duplicate_list.hasFocus()  # typing goes on in the field
    phone.clear()
    qtbot.keyClicks(phone, "0699999999")
    qtbot.waitUntil(lambda: not form.duplicates.isVisible())


def test_the_editor_flags_a_payback_beyond_the_measure_life() -> None:
    def estimate(years: float) -> Any:
        return SimpleNamespace(
            kwh_per_year=500.0, money_per_year=100, co2_kg_per_year=30.0, cost=9680,
            payback_years=years,
        )  # fmt: skip

    long = describe_estimate(estimate(96.8), "MAD", "fr_MA", lifetime_years=30)
    assert long.endswith("not cost-effective") and "97 years" in long
    short = describe_estimate(estimate(8.0), "MAD", "fr_MA", lifetime_years=30)
    assert "not cost-effective" not in short
    assert describe_estimate(estimate(28.0), "EUR", "fr_FR", 40).endswith("not cost-effective")


def test_the_measure_search_empties_after_adding(qtbot: Any, ui: UiContext) -> None:
    from siec_desk.ui.consultations.editor import ConsultationEditor

    editor = ConsultationEditor(ui, None, _household(ui), None)
    qtbot.addWidget(editor)
    panel = editor.measures
    qtbot.keyClicks(panel.search, "led")
    panel.add_current()
    assert len(panel.rows) == 1
    assert panel.search.text() == ""


def test_an_anonymous_consultation_can_be_linked_to_a_household_later(
    qtbot: Any, ui: UiContext
) -> None:
    from siec_desk.ui.consultations.editor import ConsultationEditor

    call = ui.app.consultations.add(
        ConsultationInput(
            mode="phone",
            themes=("heating",),
            occurred_at=datetime.now().replace(second=0, microsecond=0) - timedelta(hours=1),
        )
    )
    household = _household(ui)
    editor = ConsultationEditor(ui, call, None, None)
    qtbot.addWidget(editor)
    assert editor.picker.household_search.isVisibleTo(editor)  # the picker is offered
    editor.picker.chosen.emit(ui.app.households.get(household).summary)
    editor.save()
    assert editor.saved_id == call
    assert ui.app.consultations.get(call).summary.household_id == household
    (change,) = ui.app.audit.events(object_type="consultation", object_id=call, action="update")
    assert "household_id" in str(change.details)
    linked = ConsultationEditor(ui, call, None, None)  # linked now: no changing it here
    qtbot.addWidget(linked)
    assert not linked.picker.household_search.isVisibleTo(linked)


def test_the_window_title_names_the_application_once(qtbot: Any, ui: UiContext) -> None:
    from siec_desk.ui.app.main_window import MainWindow

    window = MainWindow(ui)
    qtbot.addWidget(window)
    assert window.windowTitle() == ui.app.centre.name  # Qt adds " — SIEC Desk" itself


def test_the_first_run_message_goes_once_answered(qtbot: Any) -> None:
    from siec_desk.ui.admin.first_run import FirstRunDialog

    dialog = FirstRunDialog("en")
    qtbot.addWidget(dialog)
    dialog._check()  # Start with empty fields
    assert dialog.error.text()
    qtbot.keyClicks(dialog.centre, "Espace Conseil Gap")
    assert dialog.error.text()  # one name is still missing
    qtbot.keyClicks(dialog.advisor, "Claire")
    assert dialog.error.text() == ""


def test_the_about_text_reads_right_to_left_in_arabic(
    qtbot: Any, ui: UiContext, arabic: None
) -> None:
    from siec_desk.ui.admin.about import AboutDialog

    dialog = AboutDialog(ui, None)
    qtbot.addWidget(dialog)
    text = dialog.findChild(QLabel, "about.text").text()
    assert text.count('<p dir="rtl">') == 4 and "<p>" not in text


def test_the_unsaved_question_uses_our_words(qtbot: Any) -> None:
    seen: list[str] = []

    def answer() -> None:
        (box,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
        seen.extend(button.text() for button in box.buttons())
        box.reject()

    QTimer.singleShot(0, answer)
    assert Dialogs().ask_unsaved("This household") is Unsaved.CANCEL
    assert "&Save" in seen and "Do&n't save" in seen


class _NoRender:
    def submit(self, content: LetterContent, variant: str) -> Future[RenderedLetter]:
        future: Future[RenderedLetter] = Future()
        future.set_running_or_notify_cancel()
        return future

    def close(self, wait: bool = True) -> None:
        return None


def test_letter_settings_say_why_the_country_is_not_changed(qtbot: Any, ui: UiContext) -> None:
    from siec_desk.ui.letters.settings import LetterSettingsDialog

    ui.renderer = LetterRenderer(_NoRender())  # type: ignore[arg-type]
    dialog = LetterSettingsDialog(ui)
    qtbot.addWidget(dialog)
    note = dialog.findChild(QLabel, "settings.country").text()
    assert note.startswith("Country: France.") and "currency" in note
    ui.shutdown()


def test_typing_in_a_code_combo_ignores_accents_and_case(qtbot: Any) -> None:
    from siec_desk.core.i18n import N_
    from siec_desk.ui.widgets.code_combo import CodeCombo

    combo = CodeCombo(
        {"gas": N_("Gaz"), "electricity": N_("Électricité"), "fuel": N_("Fioul")},
        empty="",
    )
    qtbot.addWidget(combo)
    qtbot.keyClick(combo, "e")
    assert combo.code() == "electricity"  # "e" selects "Électricité" (D31)
    combo._typed_at = 0.0  # a pause: a new search
    qtbot.keyClicks(combo, "FI")
    assert combo.code() == "fuel"
