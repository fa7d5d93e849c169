"""The household page's "Consumption" box (issue 18 point 5): the readings table, sortable,
with stable ids; Add…/Edit…/Delete through the reading form, whose fields take the rules'
bounds and show each problem under its field; the monthly chart, mirrored in Arabic."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QTableWidget

from siec_desk.core.formatting import plain
from siec_desk.domain.household_records import HouseholdInput
from siec_desk.domain.readings import ReadingInput
from siec_desk.ui.households.consumption import ConsumptionBox
from siec_desk.ui.households.page import HouseholdsPage
from siec_desk.ui.households.reading_dialog import ReadingDialog
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.widgets.dates import to_qdate

BILL = ReadingInput("electricity_kwh", date(2026, 1, 31), 310, "bill", date(2026, 1, 1),
                    Decimal("45.20"))  # fmt: skip


def _box(ui: UiContext, qtbot: Any) -> tuple[ConsumptionBox, int]:
    hid = ui.app.households.create(HouseholdInput(last_name="Alaoui"))
    box = ConsumptionBox(ui)
    qtbot.addWidget(box)
    box.set_household(hid)
    return box, hid


def test_the_household_page_shows_the_readings_with_stable_ids(ui: UiContext, qtbot: Any) -> None:
    hid = ui.app.households.create(HouseholdInput(last_name="Alaoui"))
    ui.app.readings.add(hid, BILL)
    page = HouseholdsPage(ui)
    qtbot.addWidget(page)
    page.show_household(hid)
    table = page.findChild(QTableWidget, "households.readings")
    assert table is not None and table.accessibleName()
    qtbot.waitUntil(lambda: table.rowCount() == 1)
    assert "310" in table.item(0, 3).text() and table.item(0, 0).text() == "Electricity (kWh)"
    for name in ("add", "edit", "delete"):
        button = page.findChild(QPushButton, f"households.readings.{name}")
        assert button is not None and button.focusPolicy() != Qt.FocusPolicy.NoFocus


def test_add_edit_and_delete_go_through_the_service(
    ui: UiContext, qtbot: Any, monkeypatch: pytest.MonkeyPatch, dialogs: Any
) -> None:
    box, hid = _box(ui, qtbot)
    answers = [BILL, ReadingInput("gas_m3", date(2026, 2, 1), 1234, "meter")]
    monkeypatch.setattr(box, "_dialog", lambda _reading: answers.pop(0))
    qtbot.mouseClick(box.add_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(box.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: box.table.rowCount() == 2)
    assert not box.edit_button.isEnabled()  # nothing chosen yet

    box.table.selectRow(1)  # sorted by date, oldest first: the meter reading
    assert box.selected() is not None and box.selected().kind == "gas_m3"  # type: ignore[union-attr]
    monkeypatch.setattr(box, "_dialog", lambda _reading: ReadingInput(
        "gas_m3", date(2026, 2, 1), 1300, "meter"))  # fmt: skip
    qtbot.mouseClick(box.edit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(r.quantity == 1300 for r in box.readings))

    box.table.selectRow(0)
    dialogs.confirm_answers.append(True)
    qtbot.mouseClick(box.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: box.table.rowCount() == 1)
    assert [r.kind for r in ui.app.readings.of_household(hid)] == ["gas_m3"]


def test_sorting_by_quantity_is_by_number_not_text(ui: UiContext, qtbot: Any) -> None:
    hid = ui.app.households.create(HouseholdInput(last_name="Alaoui"))
    for quantity, month in ((90, 1), (1000, 2), (200, 3)):
        start, end = date(2026, month, 1), date(2026, month, 28)
        ui.app.readings.add(hid, ReadingInput("electricity_kwh", end, quantity, "bill", start))
    box = ConsumptionBox(ui)
    qtbot.addWidget(box)
    box.set_household(hid)
    qtbot.waitUntil(lambda: box.table.rowCount() == 3)
    box.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)
    shown = [box.table.item(r, 3).text() for r in range(3)]
    assert [s.strip("\u2066\u2069").split("\u00a0")[0].replace(",", "") for s in shown] == [
        "90",
        "200",
        "1000",
    ]


def test_the_chart_shows_the_months_of_one_kind(ui: UiContext, qtbot: Any) -> None:
    box, hid = _box(ui, qtbot)
    ui.app.readings.add(hid, BILL)
    ui.app.readings.add(hid, ReadingInput(
        "butane_bottles", date(2026, 3, 31), 6, "bill", date(2026, 3, 1)))  # fmt: skip
    box.set_household(hid)
    qtbot.waitUntil(lambda: len(box.readings) == 2)
    box.kind.set_code("electricity_kwh")
    assert box.chart.category_count() == 12
    [bars] = box.chart.bar_sets
    values = [bars.at(i) for i in range(bars.count())]
    assert values[-1] == pytest.approx(310) and sum(values) == pytest.approx(310)


def test_the_chart_reads_from_the_right_in_arabic(ui: UiContext, qtbot: Any, arabic: None) -> None:
    box, hid = _box(ui, qtbot)
    ui.app.readings.add(hid, BILL)
    box.set_household(hid)
    qtbot.waitUntil(lambda: len(box.readings) == 1)
    assert box.layoutDirection() == Qt.LayoutDirection.RightToLeft
    [bars] = box.chart.bar_sets
    assert bars.at(0) == pytest.approx(310)  # the newest month is drawn leftmost
    assert box.table.item(0, 3).text().startswith("\u2066")  # "310 kWh" left to right


def test_the_form_takes_the_rules_bounds_and_explains_each_problem(
    ui: UiContext, qtbot: Any
) -> None:
    dialog = ReadingDialog("MAD")
    qtbot.addWidget(dialog)
    assert dialog.end.maximumDate() == to_qdate(date.today())  # never after today
    assert dialog.amount.minimum() < 0 <= dialog.amount.maximum()
    dialog.kind.set_code("butane_bottles")
    dialog.start.setDate(to_qdate(date(2026, 1, 1)))
    dialog.end.setDate(to_qdate(date(2026, 1, 31)))
    dialog.quantity.setValue(500)  # more than 2 bottles a day
    dialog._save()
    assert dialog.result_input is None and dialog.errors["quantity"].isVisibleTo(dialog)
    assert "plausibly" in dialog.errors["quantity"].text()
    dialog.quantity.setValue(6)
    dialog.amount.setValue(240)
    dialog._save()
    assert dialog.result_input is not None
    assert dialog.result_input.amount == Decimal("240.00")
    dialog.source.set_code("meter")
    assert not dialog.start.isEnabled() and not dialog.amount.isEnabled()


def test_the_outcome_form_shows_consumption_before_and_after(ui: UiContext, qtbot: Any) -> None:
    """The issue's Moroccan advisor: three months of butane bills each side of the
    consultation; the outcome form shows the average month before, after, and the change."""
    from siec_desk.domain.consultation_records import ConsultationInput
    from siec_desk.ui.consultations.outcome_form import OutcomeForm

    hid = ui.app.households.create(HouseholdInput(last_name="Alaoui"))
    for month, bottles in ((1, 6), (2, 6), (3, 6), (5, 3), (6, 3), (7, 3)):
        ui.app.readings.add(hid, ReadingInput(
            "butane_bottles", date(2026, month, 28), bottles, "bill", date(2026, month, 1),
            Decimal(bottles * 40)))  # fmt: skip
    cid = ui.app.consultations.add(ConsultationInput(
        mode="walk_in", themes=("hot_water",), act="advice", household_id=hid,
        occurred_at=datetime(2026, 4, 10, 10, 0)))  # fmt: skip
    form = OutcomeForm(ui, ui.app.consultations.get(cid), None)
    qtbot.addWidget(form)
    qtbot.waitUntil(lambda: bool(form.consumption.changes))
    [change] = form.consumption.changes
    assert change.kind == "butane_bottles" and change.percent == pytest.approx(-50)
    text = plain(form.consumption.text()).replace(" ", "")
    assert "Butane(bottles)" in text and "lowerby3.3bottlesamonth(50%)" in text


def test_without_readings_the_outcome_form_says_so(ui: UiContext, qtbot: Any) -> None:
    from siec_desk.domain.consultation_records import ConsultationInput
    from siec_desk.ui.consultations.outcome_form import OutcomeForm

    hid = ui.app.households.create(HouseholdInput(last_name="Alaoui"))
    cid = ui.app.consultations.add(ConsultationInput(
        mode="walk_in", themes=("hot_water",), act="advice", household_id=hid,
        occurred_at=datetime(2026, 4, 10, 10, 0)))  # fmt: skip
    form = OutcomeForm(ui, ui.app.consultations.get(cid), None)
    qtbot.addWidget(form)
    assert "No readings" in form.consumption.text()
