"""Today: an anonymous call logged from the quick-log line; what is due today shows up."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import Qt

from siec_desk.domain.consultation_records import ConsultationInput
from siec_desk.domain.household_records import HouseholdInput
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.today.page import TodayPage
from siec_desk.ui.today.quick_log import parse_themes


def test_themes_are_understood_from_partial_accentless_words() -> None:
    assert parse_themes("heat, financial") == (["heating", "financial_aid"], [])
    assert parse_themes("HEATING ; heating") == (["heating"], [])
    assert parse_themes("heating, teleportation") == (["heating"], ["teleportation"])


def test_quick_log_saves_an_anonymous_phone_call_with_enter(qtbot, ui: UiContext) -> None:  # type: ignore[no-untyped-def]
    page = TodayPage(ui)
    qtbot.addWidget(page)
    page.refresh()
    bar = page.quick_log
    qtbot.keyClicks(bar.themes, "heating, financial")
    qtbot.keyClicks(bar.commune, "Gardanne")
    bar.duration.setValue(4)
    qtbot.keyClick(bar.commune, Qt.Key.Key_Return)
    (row,) = ui.app.consultations.between(date.today(), date.today())
    assert row.household_id is None and row.mode == "phone" and row.act == "info"
    assert set(row.themes) == {"heating", "financial_aid"}
    assert row.commune == "Gardanne" and row.duration_min == 4
    assert bar.themes.text() == "" and bar.commune.text() == ""  # ready for the next call


def test_quick_log_refuses_an_unknown_theme_and_saves_nothing(qtbot, ui: UiContext) -> None:  # type: ignore[no-untyped-def]
    page = TodayPage(ui)
    qtbot.addWidget(page)
    qtbot.keyClicks(page.quick_log.themes, "teleportation")
    qtbot.keyClick(page.quick_log.themes, Qt.Key.Key_Return)
    assert "teleportation" in page.quick_log.message.text()
    assert ui.app.consultations.between() == []


def test_today_lists_consultations_follow_ups_and_outcomes_due(qtbot, ui: UiContext) -> None:  # type: ignore[no-untyped-def]
    household = ui.app.households.create(HouseholdInput(first_name="Éloïse", last_name="Légaré"))
    ui.app.consultations.add(
        ConsultationInput(
            mode="walk_in",
            themes=("insulation",),
            household_id=household,
            follow_up_action="Call back",
            follow_up_due=date.today(),
        )
    )
    ui.app.consultations.add(
        ConsultationInput(
            mode="walk_in",
            themes=("heating",),
            household_id=household,
            occurred_at=datetime.now() - timedelta(days=200),
        )
    )
    page = TodayPage(ui)
    qtbot.addWidget(page)
    page.refresh()
    assert page.today_table.row_count() == 1
    assert page.followups_table.row_count() == 1
    assert "Éloïse Légaré" in page.followups_table.text(0, 1)
    assert page.outcomes_table.row_count() == 1
    assert "1" in page.followups_box.title()


def test_long_due_lists_show_the_oldest_and_say_how_many(qtbot, ui: UiContext, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import siec_desk.ui.today.page as today_module

    monkeypatch.setattr(today_module, "DUE_LIST_LIMIT", 1)
    household = ui.app.households.create(HouseholdInput(last_name="Martin"))
    for days in (3, 1):
        ui.app.consultations.add(
            ConsultationInput(
                mode="phone",
                themes=("heating",),
                household_id=household,
                occurred_at=datetime.now() - timedelta(days=10),
                follow_up_due=date.today() - timedelta(days=days),
            )
        )
    page = TodayPage(ui)
    qtbot.addWidget(page)
    page.refresh()
    assert page.followups_table.row_count() == 1
    assert page.followups_table.text(0, 0).startswith(
        str((date.today() - timedelta(days=3)).day)
    )  # the oldest is the one shown
    assert "2 follow-ups" in page.followups_box.title()
    assert "showing the oldest 1" in page.followups_box.title()


def test_today_lists_the_next_follow_ups_besides_those_due(qtbot, ui: UiContext) -> None:  # type: ignore[no-untyped-def]
    household = ui.app.households.create(
        HouseholdInput(first_name="Hélène", last_name="Dupré", phone="0612345678")
    )
    for days in (0, 3, 10):
        ui.app.consultations.add(
            ConsultationInput(
                mode="phone",
                themes=("heating",),
                household_id=household,
                follow_up_action=f"Rappeler J+{days}",
                follow_up_due=date.today() + timedelta(days=days),
            )
        )
    page = TodayPage(ui)
    qtbot.addWidget(page)
    page.refresh()
    assert page.followups_table.row_count() == 1  # due today
    assert page.next_followups.row_count() == 2  # and the next ones, soonest first
    first = page.next_followups.topLevelItem(0)
    assert first.text(5) == "Rappeler J+3" and "06 12 34 56 78" in first.text(3)
