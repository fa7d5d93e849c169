"""Every widget a user can reach on every main view carries a stable accessible identifier,
in French and in Arabic (issue 20 point 6: what the AT-SPI check lists for the start page,
checked here on all of them, with data so that lists, buttons and tabs are all built)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from testkit.accessibility import unnamed_interactive_widgets

from siec_desk.core import i18n
from siec_desk.domain.consultation_records import ConsultationInput, MeasureChoice
from siec_desk.domain.household_records import HouseholdInput
from siec_desk.ui.app.main_window import MainWindow
from siec_desk.ui.kit.context import UiContext

pytestmark = pytest.mark.ui


def _data(ui: UiContext) -> int:
    household = ui.app.households.create(
        HouseholdInput(first_name="Nadia", last_name="Alaoui", phone="0612345678")
    )
    ui.app.consultations.add(
        ConsultationInput(
            mode="walk_in",
            themes=("insulation",),
            household_id=household,
            follow_up_action="Rappeler",
            follow_up_due=date.today() + timedelta(days=3),
            measures=(MeasureChoice("led_lighting"),),
        )
    )
    return household


def _every_view(ui: UiContext, qtbot: Any) -> list[tuple[str, str]]:
    household = _data(ui)
    window = MainWindow(ui)
    qtbot.addWidget(window)
    window.show()
    missing = []
    for page in window.pages:
        window.show_page(page.key)
        if page.key == "households":
            window.open_household(household)
        qtbot.waitUntil(lambda page=page: page.page().isVisible())
        missing += [(page.key, widget) for widget in unnamed_interactive_widgets(page)]
    missing += [("window", w) for w in unnamed_interactive_widgets(window)]
    return sorted(set(missing))


def test_every_view_names_its_widgets_in_french(ui: UiContext, qtbot: Any) -> None:
    i18n.set_language("fr")
    try:
        assert _every_view(ui, qtbot) == []
    finally:
        i18n.set_language("en")


def test_every_view_names_its_widgets_in_arabic(ui: UiContext, qtbot: Any, arabic: None) -> None:
    assert _every_view(ui, qtbot) == []
