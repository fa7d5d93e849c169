"""Equipment loans in the window (issue 19 point 2): an item added through its form, a
wattmeter lent to a household through the Lend dialog, seen overdue on Today a week
later (the service given a fixed today), returned in the state it came back in, its
history listed, the household page showing its loans, the slip previewed and saved;
stable ids, the page and forms mirrored in Arabic and within 1366×768."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from siec_desk.domain.household_records import HouseholdInput
from siec_desk.domain.loan_records import ItemInput
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.loans.dialogs import ItemDialog, LendDialog, ReturnDialog
from siec_desk.ui.loans.overdue_rows import OVERDUE
from siec_desk.ui.loans.page import LoansPage
from siec_desk.ui.loans.slip import open_loan_slip
from siec_desk.ui.widgets.dates import to_qdate

LENT_ON = date(2026, 12, 1)
A_WEEK_LATER = date(2026, 12, 8)


def _page(ui: UiContext, qtbot: Any) -> LoansPage:
    page = LoansPage(ui)
    qtbot.addWidget(page)
    page.refresh()
    return page


def test_lend_a_wattmeter_and_see_it_overdue_on_today_a_week_later(
    ui: UiContext, qtbot: Any
) -> None:
    from siec_desk.ui.today.page import TodayPage

    hid = ui.app.households.create(HouseholdInput(first_name="Amina", last_name="Benali"))
    ui.app.loans.today = lambda: LENT_ON
    add = ItemDialog(ui, None, None)
    qtbot.addWidget(add)
    add.name.setText("Wattmètre")
    add.item_type.set_code("wattmeter")
    add.label.setText("WM-01")
    qtbot.mouseClick(add.ok, Qt.MouseButton.LeftButton)
    assert add.saved_id is not None and add.result()

    page = _page(ui, qtbot)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)
    assert page.table.item(0, 4).text() == "Available" and page.lend_button.isEnabled()
    item = page.current()
    assert item is not None
    lend = LendDialog(ui, item, None)
    qtbot.addWidget(lend)
    lend.save()  # no household yet: one line under the field, nothing saved
    assert not lend.errors["household_id"].isHidden() and ui.app.loans.loans() == []
    summary = ui.app.households.search("Benali", 5)[0]
    lend._chosen(summary)
    lend.due_on.setDate(to_qdate(date(2026, 12, 6)))
    lend.deposit.setValue(50)
    lend.save()
    assert lend.saved_id is not None and lend.result()
    [loan] = ui.app.loans.loans(household_id=hid)
    assert (loan.out_on, loan.due_on, loan.deposit_minor) == (LENT_ON, date(2026, 12, 6), 5000)

    ui.app.loans.today = lambda: A_WEEK_LATER
    today = TodayPage(ui)
    qtbot.addWidget(today)
    today.refresh()
    box = today.loans_box
    qtbot.waitUntil(lambda: box.table.rowCount() == 1)
    assert not box.isHidden() and "1 overdue" in box.title()
    cell = box.table.item(0, 2)
    assert "2 days overdue" in cell.text() and cell.foreground().color() == OVERDUE
    assert cell.font().bold() and box.table.item(0, 0).text() == "Amina Benali"
    assert box.table.item(0, 1).text() == "Wattmeter (WM-01)"

    page.refresh()
    qtbot.waitUntil(lambda: "overdue" in page.table.item(0, 4).text())
    assert "1 lent, 1 overdue" in page.count.text() and page.return_button.isEnabled()
    back = ReturnDialog(ui, loan, "good", None)
    qtbot.addWidget(back)
    back.state.set_code("worn")
    back.save()
    assert back.result()
    page.refresh()
    qtbot.waitUntil(lambda: page.table.item(0, 3).text() == "Worn")
    qtbot.waitUntil(lambda: page.history.rowCount() == 1)
    assert page.history.item(0, 6).text() == "Returned" and "Wattmètre" in page.history_title.text()
    today.refresh()
    qtbot.waitUntil(lambda: box.isHidden())


def test_a_refused_item_stays_open_with_its_reason(ui: UiContext, qtbot: Any) -> None:
    ui.app.loans.add_item(ItemInput("Wattmètre", "wattmeter", label="WM-01"))
    dialog = ItemDialog(ui, None, None)
    qtbot.addWidget(dialog)
    dialog.name.setText("Autre")
    dialog.item_type.set_code("wattmeter")
    dialog.label.setText("wm-01")
    dialog.save()
    assert dialog.saved_id is None and not dialog.result()
    assert dialog.errors["label"].text() == "Another item already has this label."
    assert len(ui.app.loans.items()) == 1


def test_the_household_page_shows_its_loans(ui: UiContext, qtbot: Any) -> None:
    from siec_desk.ui.loans.household_box import HouseholdLoansBox

    hid = ui.app.households.create(HouseholdInput(first_name="Amina", last_name="Benali"))
    item = ui.app.loans.add_item(ItemInput("Enregistreur", "temperature_logger", label="TL-1"))
    ui.app.loans.today = lambda: A_WEEK_LATER
    from siec_desk.domain.loan_records import LendInput

    ui.app.loans.lend(LendInput(item, hid, date(2026, 12, 6), LENT_ON))
    box = HouseholdLoansBox(ui)
    qtbot.addWidget(box)
    box.set_household(ui.app.households.get(hid).summary)
    qtbot.waitUntil(lambda: box.table.rowCount() == 1)
    assert box.table.item(0, 0).text() == "Enregistreur (TL-1)"
    assert box.table.item(0, 5).text() == "Overdue"
    box.table.setCurrentCell(0, 0)
    assert box.return_button.isEnabled() and box.slip_button.isEnabled()


def test_the_slip_is_previewed_and_saved(
    ui: UiContext, qtbot: Any, dialogs: Any, tmp_path: Path
) -> None:
    from siec_desk.domain.loan_records import LendInput

    hid = ui.app.households.create(HouseholdInput(first_name="Amina", last_name="Benali"))
    item = ui.app.loans.add_item(ItemInput("Wattmètre", "wattmeter", label="WM-01"))
    loan = ui.app.loans.lend(LendInput(item, hid, date(2026, 12, 20), LENT_ON),
                             today=A_WEEK_LATER)  # fmt: skip
    dialog = open_loan_slip(ui, loan, None)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.state == "ready", timeout=120_000)
    assert dialog.rendered is not None and dialog.rendered.pdf.startswith(b"%PDF")
    dialogs.file_answers = [str(tmp_path / "slip.pdf")]
    dialog.save_as()
    qtbot.waitUntil(lambda: dialog.state == "saved")
    assert (tmp_path / "slip.pdf").read_bytes() == dialog.rendered.pdf


def test_every_control_has_a_stable_id(ui: UiContext, qtbot: Any) -> None:
    page = _page(ui, qtbot)
    for name in ("loans.add", "loans.edit", "loans.lend", "loans.return", "loans.slip",
                 "loans.items", "loans.history"):  # fmt: skip
        found = page.findChild(QWidget, name)
        assert found is not None and (found.accessibleName() or found.text()), name  # type: ignore[attr-defined]
    dialog = ItemDialog(ui, None, None)
    qtbot.addWidget(dialog)
    for name in ("item_name", "item_type", "label", "state", "location", "notes", "ok"):
        found = dialog.findChild(QWidget, f"loans.item.{name}")
        assert found is not None and (found.accessibleName() or found.text()), name  # type: ignore[attr-defined]


@pytest.mark.usefixtures("arabic")
def test_the_page_and_forms_are_mirrored_in_arabic_and_fit_a_small_screen(
    ui: UiContext, qtbot: Any
) -> None:
    item_id = ui.app.loans.add_item(ItemInput("Wattmètre", "wattmeter", label="WM-01"))
    page = _page(ui, qtbot)
    item = ui.app.loans.item(item_id)
    for widget in (page, ItemDialog(ui, item, None), LendDialog(ui, item, None)):
        qtbot.addWidget(widget)
        assert widget.layoutDirection() == Qt.LayoutDirection.RightToLeft
        hint = widget.minimumSizeHint()
        assert hint.width() <= 1366 - 200 and hint.height() <= 768 - 60


def test_the_main_window_offers_the_loans_page_with_its_shortcut(ui: UiContext, qtbot: Any) -> None:
    from siec_desk.ui.app.main_window import MainWindow

    window = MainWindow(ui)
    qtbot.addWidget(window)
    window.show_page("loans")
    assert isinstance(window.page("loans"), LoansPage)
    action = next(a for a in window.findChildren(object)
                  if getattr(a, "objectName", lambda: "")() == "action.view.loans")  # fmt: skip
    assert "Ctrl+" in action.shortcut().toString()


def test_the_activity_page_counts_the_loans(ui: UiContext, qtbot: Any) -> None:
    from siec_desk.domain.activity_period import Period
    from siec_desk.domain.loan_records import LendInput
    from siec_desk.ui.activity.page import ActivityPage

    hid = ui.app.households.create(HouseholdInput(last_name="Alaoui"))
    item = ui.app.loans.add_item(ItemInput("Wattmètre", "wattmeter", label="WM-01"))
    ui.app.loans.today = lambda: A_WEEK_LATER
    ui.app.loans.lend(LendInput(item, hid, date(2026, 12, 6), LENT_ON))
    page = ActivityPage(ui)
    qtbot.addWidget(page)
    page.set_period(Period(date(2026, 12, 1), date(2026, 12, 31)))
    page.refresh()
    table = page.loans_tab.table
    qtbot.waitUntil(lambda: table.rowCount() == 4)
    shown = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(4)}
    assert shown == {
        "Items lent in the period": "1", "Households that borrowed an item": "1",
        "Items out at the end of the period": "1", "Of which overdue": "1",
    }  # fmt: skip
