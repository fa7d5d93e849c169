"""The dwelling's energy label (DPE) in the household form and on the household page:
French centres only, its date never after today, its number kept upper-case."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDateEdit, QLabel

from siec_desk.domain.household_records import HouseholdInput
from siec_desk.ui.households.form import HouseholdForm
from siec_desk.ui.households.form_groups import HouseholdFieldGroups
from siec_desk.ui.households.page import HouseholdsPage
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.widgets.dates import to_qdate
from siec_desk.ui.widgets.form_fields import read_field


def test_a_french_form_records_the_dpe_and_shows_it_again(ui: UiContext, qtbot: Any) -> None:
    assert ui.app.centre.country == "FR"
    form = HouseholdForm(ui, None, None)
    qtbot.addWidget(form)
    form.show()
    f = form.fields
    when = f["dpe_date"]
    assert isinstance(when, QDateEdit)
    assert read_field(when) is None  # "not specified" until a date is chosen
    assert when.maximumDate() == to_qdate(date.today())  # never after today
    when.setDate(to_qdate(date.today() + timedelta(days=3)))
    assert read_field(when) == date.today()
    qtbot.keyClicks(f["last_name"], "Durand")
    f["dpe_class"].set_code("F")  # type: ignore[attr-defined]
    when.setDate(to_qdate(date(2024, 6, 12)))
    qtbot.keyClicks(f["dpe_number"], "2413e1234567x")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.saved_id is not None
    stored = ui.app.households.get(form.saved_id)
    assert (stored.dpe_class, stored.dpe_date, stored.dpe_number) == (
        "F", date(2024, 6, 12), "2413E1234567X"
    )  # fmt: skip

    again = HouseholdForm(ui, form.saved_id, None)
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: again.save_button.isEnabled())
    assert again.fields["dpe_class"].code() == "F"  # type: ignore[attr-defined]
    assert read_field(again.fields["dpe_date"]) == date(2024, 6, 12)
    assert read_field(again.fields["dpe_number"]) == "2413E1234567X"

    page = HouseholdsPage(ui)
    qtbot.addWidget(page)
    page.show_household(form.saved_id)
    shown = page.findChild(QLabel, "households.detail.dpe_number")
    assert shown is not None
    qtbot.waitUntil(lambda: "2413E1234567X" in shown.text())
    assert "\u20662413E1234567X\u2069" in shown.text()  # reads left to right in Arabic too


def test_a_wrong_dpe_number_is_explained_under_its_field(ui: UiContext, qtbot: Any) -> None:
    form = HouseholdForm(ui, None, None)
    qtbot.addWidget(form)
    form.show()
    qtbot.keyClicks(form.fields["last_name"], "Durand")
    qtbot.keyClicks(form.fields["dpe_number"], "2413E12")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    error = form.groups.errors["dpe_number"]
    qtbot.waitUntil(error.isVisible)
    assert "13" in error.text() and form.saved_id is None
    assert ui.app.households.count() == 0


def test_outside_france_the_form_has_no_dpe(qapp: Any) -> None:
    groups = HouseholdFieldGroups("MA")
    groups.dwelling()
    assert not {"dpe_class", "dpe_date", "dpe_number"} & set(groups.fields)
    french = HouseholdFieldGroups("FR")
    french.dwelling()
    assert {"dpe_class", "dpe_date", "dpe_number"} <= set(french.fields)
    assert HouseholdInput().dpe_class is None
