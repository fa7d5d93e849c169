"""The French household form shows the MaPrimeRénov' colour as the advisor types, and
deduces the Île-de-France zone from the postcode."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QCheckBox, QLabel, QSpinBox

from siec_desk.ui.households.form import HouseholdForm
from siec_desk.ui.kit.context import UiContext

pytestmark = pytest.mark.ui


def test_the_colour_and_the_zone_follow_what_is_typed(ui: UiContext, qtbot: Any) -> None:
    assert ui.app.centre.country == "FR"
    form = HouseholdForm(ui, None, None)
    qtbot.addWidget(form)
    form.show()
    f = form.fields
    note, box = form.groups.income_note, f["ile_de_france"]
    size, income = f["household_size"], f["reference_income"]
    assert isinstance(note, QLabel) and isinstance(box, QCheckBox)
    assert isinstance(size, QSpinBox) and isinstance(income, QSpinBox)
    assert box.isEnabled()  # no postcode yet: the advisor's box
    size.setValue(1)
    income.setValue(20_000)  # 1 person, 20 000 €: yellow outside IdF, blue in IdF
    assert "yellow" in note.text()
    qtbot.keyClicks(f["postal_code"], "93200")
    assert box.isChecked() and not box.isEnabled()
    assert "blue" in note.text()
    f["postal_code"].clear()  # type: ignore[attr-defined]
    qtbot.keyClicks(f["postal_code"], "05000")
    assert not box.isChecked() and "yellow" in note.text()
    f["tenure"].set_code("landlord")  # type: ignore[attr-defined]
    assert box.isEnabled()  # the owner's own residence decides: the advisor says
    qtbot.keyClicks(f["last_name"], "Durand")
    f["tenure"].set_code("owner_occupier")  # type: ignore[attr-defined]
    form.save_button.click()
    assert form.saved_id is not None
    stored = ui.app.households.get(form.saved_id)
    assert (stored.ile_de_france, stored.income_category) == (False, "mpr_yellow")
