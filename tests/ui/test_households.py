"""The Households page and form, driven as an advisor would: typing, clicking, closing."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QAccessible, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QWidget,
)
from testkit.accessibility import unnamed_interactive_widgets

from siec_desk.domain.consultation_records import ConsultationInput
from siec_desk.domain.household_records import HouseholdInput
from siec_desk.domain.validation import format_phone
from siec_desk.services.demo import DemoOptions, generate_demo
from siec_desk.ui.households.form import HouseholdForm
from siec_desk.ui.households.page import HouseholdsPage
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.kit.dialogs import Unsaved
from siec_desk.ui.models import household_list
from siec_desk.ui.models.household_list import PHONE, PLACEHOLDER, HouseholdListModel

pytestmark = pytest.mark.ui


class DeferredRunner:
    """Keeps jobs until the test runs them, as the real DB thread delivers them later."""

    def __init__(self) -> None:
        self.jobs: list[tuple[Callable[[], Any], Any, Any]] = []

    def run(self, work: Callable[[], Any], done: Any = None, failed: Any = None) -> None:
        self.jobs.append((work, done, failed))

    def run_job(self, index: int = 0) -> None:
        work, done, _failed = self.jobs.pop(index)
        result = work()
        if done is not None:
            done(result)

    def run_all(self) -> None:
        while self.jobs:
            self.run_job()

    def shutdown(self) -> None:
        return None


def type_text(widget: QWidget, text: str) -> None:
    """Key presses carrying any character (QTest.keyClicks only knows ASCII keys)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, ord(char.upper()), Qt.KeyboardModifier.NoModifier, char)
            )


def make_page(ui: UiContext, qtbot: Any) -> HouseholdsPage:
    page = HouseholdsPage(ui)
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    page.refresh()
    return page


def make_form(ui: UiContext, qtbot: Any, household_id: int | None = None) -> HouseholdForm:
    form = HouseholdForm(ui, household_id, None)
    qtbot.addWidget(form)
    form.show()
    return form


def names(model: HouseholdListModel) -> list[str]:
    rows = (model.summary(row) for row in range(model.rowCount()))
    return [s.display_name for s in rows if s is not None]


def add(ui: UiContext, **values: Any) -> int:
    return ui.app.households.create(HouseholdInput(**values))


# -- search ------------------------------------------------------------------------------
def test_an_arabic_name_is_found_when_typed_without_hamza(ui: UiContext, qtbot: Any) -> None:
    add(ui, first_name="أحمد", last_name="بنعلي", commune="Marseille")
    add(ui, first_name="Mohamed", last_name="Alaoui", commune="Marseille")
    page = make_page(ui, qtbot)

    type_text(page.search, "احمد")

    assert page.model.searching
    assert names(page.model) == ["أحمد بنعلي"]


def test_a_french_name_is_found_typed_without_accents_and_clearing_shows_all(
    ui: UiContext, qtbot: Any
) -> None:
    add(ui, first_name="Éloïse", last_name="Lefèvre", commune="Lyon")
    add(ui, first_name="Jean", last_name="Martin", commune="Lyon")
    page = make_page(ui, qtbot)

    qtbot.keyClicks(page.search, "eloise")
    assert names(page.model) == ["Éloïse Lefèvre"]

    page.search.selectAll()
    qtbot.keyClick(page.search, Qt.Key.Key_Backspace)
    assert not page.model.searching
    assert page.model.rowCount() == 2


def test_results_of_an_older_keystroke_never_replace_newer_ones(ui: UiContext, qtbot: Any) -> None:
    add(ui, first_name="Marie", last_name="Dupont")
    add(ui, first_name="Martin", last_name="Leroy")
    runner = DeferredRunner()
    page = make_page(dataclasses.replace(ui, runner=runner), qtbot)
    runner.run_all()

    qtbot.keyClicks(page.search, "mari")  # four searches queued, one per keystroke
    runner.run_job(-1)  # the newest answers first…
    assert names(page.model) == ["Marie Dupont"]
    runner.run_all()  # …then "m", "ma", "mar" arrive late and are dropped
    assert names(page.model) == ["Marie Dupont"]


def test_a_search_shows_its_true_count_and_every_result_can_be_scrolled_to(
    ui: UiContext, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """gui-walkthrough D4: the list stopped at 50 rows and said "50 households found"."""
    monkeypatch.setattr(household_list, "SEARCH_PAGE_SIZE", 40)  # three pages and a bit
    merciers = {add(ui, first_name=f"Hélène{i:03d}", last_name="Mercier") for i in range(130)}
    add(ui, first_name="Jean", last_name="Martin")
    page = make_page(ui, qtbot)

    qtbot.keyClicks(page.search, "mercier")

    assert page.model.searching and page.model.rowCount() == 130
    assert page.count_label.text() == "130 households found"
    assert page.model.loaded_pages == 1  # the first page came with the count
    page.table.scrollToBottom()
    last = page.model.index(129, 0)
    qtbot.waitUntil(lambda: page.model.data(last) != PLACEHOLDER)
    for row in range(0, 130, 40):  # every page, in the order the search gives
        index = page.model.index(row, 0)
        page.table.scrollTo(index)
        qtbot.waitUntil(lambda index=index: page.model.data(index) != PLACEHOLDER)
    ids = [page.model.household_id(row) for row in range(130)]
    assert set(ids) == merciers and len(set(ids)) == 130
    expected = [h.id for h in ui.app.households.search_page("mercier", 0, 130)]
    assert ids == expected


def test_a_search_that_finds_nothing_clears_the_household_shown(ui: UiContext, qtbot: Any) -> None:
    """gui-walkthrough D16: the detail pane kept the last household (risk of editing it)."""
    helene = add(ui, first_name="Hélène", last_name="Dupré", commune="Lyon")
    page = make_page(ui, qtbot)
    page.show_household(helene)
    assert page.detail.household_id == helene

    qtbot.keyClicks(page.search, "xyzzy")

    assert page.count_label.text() == "0 households found"
    assert page.detail.household_id is None
    assert page.detail.stack.currentWidget() is page.detail.empty
    page.search.clear()  # back to the list: nothing is shown until chosen again
    assert page.detail.household_id is None


@pytest.mark.parametrize("width", [1366, 1024, 800])
def test_the_list_shows_the_commune_at_every_width(ui: UiContext, qtbot: Any, width: int) -> None:
    """gui-walkthrough D15: four "Hélène Mercier" could not be told apart at 1200 px."""
    for commune in ("Lyon", "Marseille", "Aix-en-Provence", "Gardanne"):
        add(ui, first_name="Hélène", last_name="Mercier", commune=commune, phone="0612345678")
    page = make_page(ui, qtbot)
    page.resize(width, 700)
    qtbot.keyClicks(page.search, "mercier helene")
    qtbot.waitUntil(lambda: page.model.rowCount() == 4)

    header = page.table.horizontalHeader()
    column = household_list.COMMUNE
    assert page.model.headerData(column, Qt.Orientation.Horizontal) == "Commune"
    right = header.sectionViewportPosition(column) + header.sectionSize(column)
    assert header.sectionViewportPosition(column) >= 0
    assert right <= page.table.viewport().width()
    communes = {page.model.data(page.model.index(row, column)) for row in range(4)}
    assert {c.strip("\u2066\u2069") for c in communes} == {
        "Lyon",
        "Marseille",
        "Aix-en-Provence",
        "Gardanne",
    }


def test_a_name_typed_in_latin_letters_finds_its_arabic_spelling(ui: UiContext, qtbot: Any) -> None:
    add(ui, first_name="محمد", last_name="العلوي", commune="Tanger")
    add(ui, first_name="Jean", last_name="Martin", commune="Lyon")
    page = make_page(ui, qtbot)

    qtbot.keyClicks(page.search, "mohamed alaoui")

    assert names(page.model) == ["محمد العلوي"]
    page.search.clear()
    type_text(page.search, "عمراني")  # no match, and no article needed either
    assert page.model.rowCount() == 0


# -- the windowed list -------------------------------------------------------------------
def test_a_large_list_loads_only_the_pages_on_screen(ui: UiContext, qtbot: Any) -> None:
    generate_demo(ui.app, DemoOptions(households=2500, consultations=0))
    page = make_page(ui, qtbot)
    # Painting asks for the visible rows; they arrive on the next turns of the event loop.
    qtbot.waitUntil(lambda: page.model.loaded_pages >= 1)

    assert page.model.rowCount() == 2500
    assert 1 <= page.model.loaded_pages <= 2

    page.table.scrollToBottom()
    last = page.model.index(2499, 0)
    qtbot.waitUntil(lambda: page.model.data(last) != PLACEHOLDER)
    assert page.model.loaded_pages <= 3


def test_the_list_keeps_a_bounded_number_of_pages(
    ui: UiContext, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    generate_demo(ui.app, DemoOptions(households=2500, consultations=0))
    monkeypatch.setattr(household_list, "PAGE_SIZE", 50)  # 50 pages to walk through
    model = HouseholdListModel(ui)
    model.reload()

    for row in range(0, 2500, 50):
        index = model.index(row, 0)
        assert model.data(index) == PLACEHOLDER  # asked for, not yet there
        qtbot.waitUntil(lambda index=index: model.data(index) != PLACEHOLDER)

    assert model.loaded_pages == household_list.MAX_PAGES
    assert model.summary(0) is None  # the first page read was dropped
    assert model.summary(2499) is not None


def test_a_missing_page_is_asked_for_once_and_fills_its_rows_when_it_arrives(
    ui: UiContext, qtbot: Any
) -> None:
    add(ui, first_name="Ana", last_name="Roux")
    runner = DeferredRunner()
    model = HouseholdListModel(dataclasses.replace(ui, runner=runner))
    model.reload()
    runner.run_all()  # the count

    assert model.data(model.index(0, 0)) == PLACEHOLDER
    assert model.data(model.index(0, 1)) == PLACEHOLDER
    qtbot.waitUntil(lambda: len(runner.jobs) >= 1)  # asked for on the next paint
    QCoreApplication.processEvents()  # a second request would be queued by now
    assert len(runner.jobs) == 1
    with qtbot.waitSignal(model.dataChanged) as changed:
        runner.run_all()
    assert changed.args[0].row() == 0
    assert model.data(model.index(0, 0)) == "\u2066Ana Roux\u2069"


# -- the detail pane ---------------------------------------------------------------------
def test_enter_on_a_row_shows_that_household(ui: UiContext, qtbot: Any) -> None:
    add(ui, first_name="Ana", last_name="Roux", phone="06 12 34 56 78")
    add(ui, first_name="Paul", last_name="Simon")
    page = make_page(ui, qtbot)
    qtbot.waitUntil(lambda: page.model.household_id(1) is not None)  # the page has loaded

    page.table.setCurrentIndex(page.model.index(1, 0))  # sorted by last name: Simon
    qtbot.keyClick(page.table, Qt.Key.Key_Return)

    assert "Paul Simon" in page.detail.name.text()


def test_the_timeline_lists_consultations_newest_first_and_opens_them(
    ui: UiContext, qtbot: Any
) -> None:
    hid = add(ui, first_name="Ana", last_name="Roux")
    now = datetime.now().replace(microsecond=0)
    older, newer = (
        ui.app.consultations.add(
            ConsultationInput(mode=mode, themes=("insulation",), household_id=hid, occurred_at=when)
        )
        for mode, when in (("phone", now - timedelta(days=30)), ("walk_in", now))
    )
    page = make_page(ui, qtbot)
    page.show_household(hid)

    timeline = page.detail.timeline
    ids = [timeline.item(i).data(Qt.ItemDataRole.UserRole) for i in range(timeline.count())]
    assert ids == [newer, older]
    assert "Walk-in at the centre" in timeline.item(0).text()

    timeline.setCurrentRow(1)
    with qtbot.waitSignal(ui.events.edit_consultation) as opened:
        qtbot.keyClick(timeline, Qt.Key.Key_Return)
    assert opened.args == [older]
    with qtbot.waitSignal(ui.events.new_consultation) as logging:
        qtbot.mouseClick(page.detail.consult_button, Qt.MouseButton.LeftButton)
    assert logging.args == [hid]


def test_in_arabic_the_page_is_right_to_left_and_phones_read_left_to_right(
    ui: UiContext, arabic: None, qtbot: Any
) -> None:
    hid = add(ui, first_name="يوسف", last_name="العلمي", phone="+212 6 61 23 45 67")
    page = make_page(ui, qtbot)
    page.show_household(hid)

    shown = format_phone("+212661234567", ui.app.centre.country)
    assert page.isRightToLeft()
    assert f"\u2066{shown}\u2069" in page.findChild(QLabel, "households.detail.phone").text()
    phone = page.model.index(0, PHONE)
    page.model.data(phone)
    qtbot.waitUntil(lambda: page.model.data(phone) != PLACEHOLDER)
    assert page.model.data(phone) == f"\u2066{shown}\u2069"
    assert "\u2066" not in page.detail.name.text()  # an Arabic name keeps its own order


# -- the form ----------------------------------------------------------------------------
def test_the_form_stores_what_was_typed(ui: UiContext, qtbot: Any) -> None:
    form = make_form(ui, qtbot)
    f = form.fields
    for name, text in {
        "first_name": "Marie",
        "last_name": "Dupont",
        "phone": "06 12 34 56 78",
        "email": "marie.dupont@example.fr",
        "address": "3 rue des Lilas",
        "commune": "Lyon",
        "postal_code": "69003",
        "notes": "Calls after 6pm",
    }.items():
        qtbot.keyClicks(f[name], text)
    f["dwelling_type"].set_code("apartment")
    f["heating_energy"].set_code("natural_gas")
    f["surface_m2"].setValue(54.5)
    f["household_size"].setValue(3)
    qtbot.keyClick(f["consent_recontact"], Qt.Key.Key_Space)

    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    assert form.result() == QDialog.DialogCode.Accepted
    assert form.saved_id is not None
    h = ui.app.households.get(form.saved_id)
    s = h.summary
    assert (s.first_name, s.last_name, s.phone, s.email) == (
        "Marie",
        "Dupont",
        "+33612345678",
        "marie.dupont@example.fr",
    )
    assert (h.address, s.commune, s.postal_code, h.notes) == (
        "3 rue des Lilas",
        "Lyon",
        "69003",
        "Calls after 6pm",
    )
    assert (h.dwelling_type, h.heating_energy, h.surface_m2, h.household_size) == (
        "apartment",
        "natural_gas",
        54.5,
        3,
    )
    assert h.consent_recontact_on is not None
    # Fields left "not specified" are not stored as zero.
    assert (h.heating_kwh_per_year, h.butane_bottles_per_month, h.reference_income) == (
        None,
        None,
        None,
    )
    assert not form.isVisible()


def test_a_flat_says_whether_it_is_on_the_top_floor(ui: UiContext, qtbot: Any) -> None:
    form = make_form(ui, qtbot)
    f = form.fields
    top = f["top_floor"]
    assert not top.isEnabled()  # a house has its own roof: the question does not arise
    qtbot.keyClicks(f["last_name"], "Benali")
    f["dwelling_type"].set_code("apartment")
    assert top.isEnabled()
    top.set_code("no")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.saved_id is not None
    assert ui.app.households.get(form.saved_id).top_floor is False
    again = make_form(ui, qtbot, form.saved_id)
    assert again.fields["top_floor"].code() == "no"
    again.fields["dwelling_type"].set_code("house")
    assert not again.fields["top_floor"].isEnabled()
    assert again.fields["top_floor"].code() is None


def test_an_invalid_phone_is_explained_under_the_field_and_nothing_is_saved(
    ui: UiContext, qtbot: Any
) -> None:
    form = make_form(ui, qtbot)
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    qtbot.keyClicks(form.fields["last_name"], "Martin")
    qtbot.keyClicks(form.fields["phone"], "12345")
    form.fields["last_name"].setFocus()

    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    error = form.findChild(QLabel, "household_form.phone.error")
    assert error.isVisible()
    assert "12345" in error.text()
    assert not form.findChild(QLabel, "household_form.last_name.error").isVisible()
    assert form.fields["phone"].accessibleDescription() == error.text()
    assert form.fields["phone"].hasFocus()  # the first wrong field
    assert ui.app.households.count() == 0
    assert form.isVisible()

    qtbot.keyClick(form.fields["phone"], Qt.Key.Key_Backspace)  # correcting clears it
    assert not error.isVisible()


def test_an_existing_phone_warns_of_a_duplicate_and_create_anyway_creates(
    ui: UiContext, qtbot: Any
) -> None:
    add(ui, first_name="Jean", last_name="Martin", phone="06 12 34 56 78", commune="Lyon")
    form = make_form(ui, qtbot)
    qtbot.keyClicks(form.fields["last_name"], "Durand")
    qtbot.keyClicks(form.fields["phone"], "0612345678")

    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    assert form.duplicates.isVisible()
    assert form.duplicate_list.count() == 1
    assert "Jean Martin" in form.duplicate_list.item(0).text()
    assert ui.app.households.count() == 1

    qtbot.mouseClick(form.create_anyway_button, Qt.MouseButton.LeftButton)
    assert ui.app.households.count() == 2
    assert form.result() == QDialog.DialogCode.Accepted


def test_the_same_name_without_accents_in_the_same_commune_offers_the_existing_household(
    ui: UiContext, dialogs: Any, qtbot: Any
) -> None:
    existing = add(ui, first_name="Éloïse", last_name="Lefèvre", commune="Lyon")
    form = make_form(ui, qtbot)
    qtbot.keyClicks(form.fields["first_name"], "Eloise")
    qtbot.keyClicks(form.fields["last_name"], "Lefevre")
    qtbot.keyClicks(form.fields["commune"], "lyon")

    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.duplicates.isVisible()

    with qtbot.waitSignal(ui.events.open_household) as opened:
        qtbot.mouseClick(form.open_button, Qt.MouseButton.LeftButton)
    assert opened.args == [existing]
    assert form.result() == QDialog.DialogCode.Rejected
    assert not form.isVisible()
    assert dialogs.kinds() == []  # opening the existing one is not "losing changes"
    assert ui.app.households.count() == 1


def test_closing_with_unsaved_changes_asks_and_cancel_keeps_the_form(
    ui: UiContext, dialogs: Any, qtbot: Any
) -> None:
    form = make_form(ui, qtbot)
    qtbot.keyClicks(form.fields["last_name"], "Martin")

    dialogs.unsaved_answers = [Unsaved.CANCEL, Unsaved.CANCEL, Unsaved.DISCARD]
    form.close()
    assert dialogs.kinds() == ["unsaved"]
    assert form.isVisible()
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    qtbot.mouseClick(form.cancel_button, Qt.MouseButton.LeftButton)

    assert dialogs.kinds() == ["unsaved", "unsaved", "unsaved"]
    assert not form.isVisible()
    assert ui.app.households.count() == 0


def test_an_untouched_form_closes_without_asking(ui: UiContext, dialogs: Any, qtbot: Any) -> None:
    hid = add(ui, first_name="Ana", last_name="Roux", surface_m2=72.5)
    form = make_form(ui, qtbot, hid)
    assert form.fields["first_name"].text() == "Ana"

    qtbot.keyClick(form, Qt.Key.Key_Escape)

    assert not form.isVisible()
    assert dialogs.kinds() == []


def test_answering_save_to_the_question_saves_and_closes(
    ui: UiContext, dialogs: Any, qtbot: Any
) -> None:
    hid = add(ui, first_name="Ana", last_name="Roux")
    form = make_form(ui, qtbot, hid)
    qtbot.keyClicks(form.fields["commune"], "Lyon")
    dialogs.unsaved_answers = [Unsaved.SAVE]

    form.close()

    assert not form.isVisible()
    assert ui.app.households.get(hid).summary.commune == "Lyon"


def test_a_household_changed_by_someone_else_is_not_overwritten(
    ui: UiContext, dialogs: Any, qtbot: Any
) -> None:
    hid = add(ui, first_name="Ana", last_name="Roux")
    form = make_form(ui, qtbot, hid)
    ui.app.households.update(hid, HouseholdInput(first_name="Anna", last_name="Roux"))
    qtbot.keyClicks(form.fields["commune"], "Lyon")

    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    assert dialogs.kinds() == ["conflict"]  # answered "Cancel": keep editing
    assert form.isVisible()  # the advisor still has what they typed
    saved = ui.app.households.get(hid).summary
    assert (saved.first_name, saved.commune) == ("Anna", None)


# -- accessibility -----------------------------------------------------------------------
def test_every_interactive_widget_has_a_stable_identifier(ui: UiContext, qtbot: Any) -> None:
    hid = add(ui, first_name="Ana", last_name="Roux", phone="06 12 34 56 78")
    page = make_page(ui, qtbot)
    page.show_household(hid)
    form = make_form(ui, qtbot, hid)

    assert unnamed_interactive_widgets(page) == []
    assert unnamed_interactive_widgets(form) == []
    for name, field in form.fields.items():  # what a screen reader announces
        accessible = QAccessible.queryAccessibleInterface(field)
        assert accessible.text(QAccessible.Text.Name), name


def test_morocco_picks_an_income_band_where_france_has_it_computed(
    ui: UiContext, ctx_ma: Any, qtbot: Any
) -> None:
    french = make_form(ui, qtbot)
    assert "income_category" not in french.fields
    assert {"household_size", "reference_income", "ile_de_france"} <= set(french.fields)

    form = make_form(dataclasses.replace(ui, app=ctx_ma), qtbot)
    assert "reference_income" not in form.fields
    assert form.fields["letter_language"].code() == "ar"
    qtbot.keyClicks(form.fields["last_name"], "Alaoui")
    qtbot.keyClicks(form.fields["phone"], "0661234567")
    form.fields["income_category"].set_code("low")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    saved = ctx_ma.households.get(form.saved_id)
    assert (saved.income_category, saved.summary.phone) == ("low", "+212661234567")


def test_an_edited_name_shows_after_the_list_refreshes(ui: UiContext, qtbot: Any) -> None:
    hid = add(ui, first_name="Ana", last_name="Roux")
    page = make_page(ui, qtbot)
    first = page.model.index(0, 0)
    page.model.data(first)
    qtbot.waitUntil(lambda: page.model.data(first) != PLACEHOLDER)
    assert "Ana Roux" in page.model.data(first)

    ui.app.households.update(hid, HouseholdInput(first_name="Ana", last_name="Rousseau"))
    page.refresh()  # what households_changed triggers
    index = page.model.index(0, 0)
    page.model.data(index)
    qtbot.waitUntil(lambda: "Rousseau" in str(page.model.data(index)))
