"""The consultation editor and its measures panel, driven as an advisor would."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from siec_desk.core import i18n
from siec_desk.core.errors import NotFoundError
from siec_desk.domain.consultation_records import ConsultationInput, MeasureChoice
from siec_desk.domain.household_records import HouseholdInput
from siec_desk.ui.consultations.editor import ConsultationEditor
from siec_desk.ui.consultations.measures_panel import MeasuresPanel
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.kit.dialogs import Unsaved
from siec_desk.ui.widgets.measure_row import MeasureRow

pytestmark = pytest.mark.ui


@pytest.fixture
def household_id(ui: UiContext) -> int:
    return ui.app.households.create(
        HouseholdInput(
            first_name="Éloïse",
            last_name="Martin",
            commune="Villeurbanne",
            surface_m2=85,
            dwelling_type="house",
            heating_energy="natural_gas",
            heating_kwh_per_year=11000,
            electricity_kwh_per_year=3200,
        )
    )


def open_editor(
    qtbot: Any, ui: UiContext, consultation_id: int | None = None, household: int | None = None
) -> ConsultationEditor:
    editor = ConsultationEditor(ui, consultation_id, household, None)
    qtbot.addWidget(editor)
    editor.show()
    return editor


def add_by_typing(qtbot: Any, panel: MeasuresPanel, text: str) -> None:
    """Type in the catalogue search and press Enter, as an advisor would."""
    panel.search.clear()
    qtbot.keyClicks(panel.search, text)
    qtbot.keyClick(panel.search, Qt.Key.Key_Return)


def tick_theme(editor: ConsultationEditor, code: str) -> None:
    for index in range(editor.themes.count()):
        item = editor.themes.item(index)
        if item.data(Qt.ItemDataRole.UserRole) == code:
            item.setCheckState(Qt.CheckState.Checked)
            return
    raise AssertionError(code)


def row(panel: MeasuresPanel, code: str) -> MeasureRow:
    return next(r for r in panel.rows if r.code == code)


def stored_count(ui: UiContext) -> int:
    return len(ui.app.consultations.between())


def test_three_measures_are_saved_in_priority_order_with_their_values(
    qtbot: Any, ui: UiContext, household_id: int
) -> None:
    editor = open_editor(qtbot, ui, household=household_id)
    assert "Martin" in editor.household_label.text()
    assert editor.commune.text() == "Villeurbanne"  # prefilled from the household
    panel = editor.measures
    add_by_typing(qtbot, panel, "set-point")
    add_by_typing(qtbot, panel, "LED")
    add_by_typing(qtbot, panel, "attic")
    assert [r.code for r in panel.rows] == ["lower_setpoint_1c", "led_lighting", "attic_insulation"]
    assert editor.isVisible()  # Enter in the search added measures, it did not save
    bulbs = row(panel, "led_lighting").spins["bulbs"]
    bulbs.clear()
    qtbot.keyClicks(bulbs, "15")
    assert bulbs.value() == 15
    tick_theme(editor, "heating")
    tick_theme(editor, "lighting")
    editor.duration.setValue(40)

    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    assert editor.result() == ConsultationEditor.DialogCode.Accepted
    detail = ui.app.consultations.get(editor.saved_id)
    assert [(m.code, m.priority) for m in detail.measures] == [
        ("lower_setpoint_1c", 1),
        ("led_lighting", 2),
        ("attic_insulation", 3),
    ]
    led = detail.measures[1]
    assert led.parameters == {"bulbs": 15.0}
    assert all(m.kwh_per_year > 0 and m.money_per_year_minor > 0 for m in detail.measures)
    assert all(m.co2_kg_per_year > 0 for m in detail.measures)
    assert set(detail.summary.themes) == {"heating", "lighting"}
    assert detail.summary.duration_min == 40
    assert detail.summary.household_id == household_id
    assert detail.advisor_id == ui.advisor_id


def test_measures_are_inserted_in_letter_order_and_not_twice(
    qtbot: Any, ui: UiContext, household_id: int
) -> None:
    panel = open_editor(qtbot, ui, household=household_id).measures
    changes: list[None] = []
    panel.changed.connect(lambda: changes.append(None))
    assert panel.add_code("attic_insulation")
    assert panel.add_code("lower_setpoint_1c")  # a gesture goes before works
    assert not panel.add_code("attic_insulation")
    assert [r.code for r in panel.rows] == ["lower_setpoint_1c", "attic_insulation"]
    assert len(changes) == 2
    panel.search.setText("boiler serviced")
    qtbot.keyClick(panel.results, Qt.Key.Key_Return)  # Enter in the list adds too
    assert [r.code for r in panel.rows][1] == "boiler_maintenance"
    panel.search.setText("attic")
    visible = [
        panel.results.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(panel.results.count())
        if not panel.results.item(i).isHidden()
    ]
    assert "attic_insulation" not in visible
    assert not panel.add_button.isEnabled()


def test_search_ignores_accents(qtbot: Any, ui: UiContext, household_id: int) -> None:
    i18n.set_language("fr")
    panel = open_editor(qtbot, ui, household=household_id).measures
    accented = next(info for info in panel.catalogue.values() if "é" in info.name)
    word = next(w for w in accented.name.split() if "é" in w)
    panel.search.setText(word.replace("é", "e").upper())
    current = panel.results.currentItem()
    assert current is not None and not current.isHidden()
    shown = {
        panel.results.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(panel.results.count())
        if not panel.results.item(i).isHidden()
    }
    assert accented.code in shown


def test_reordering_changes_the_stored_priorities(
    qtbot: Any, ui: UiContext, household_id: int
) -> None:
    editor = open_editor(qtbot, ui, household=household_id)
    panel = editor.measures
    for code in ("lower_setpoint_1c", "led_lighting", "attic_insulation"):
        panel.add_code(code)
    tick_theme(editor, "insulation")
    attic = row(panel, "attic_insulation")
    attic.setFocus()
    qtbot.mouseClick(panel.up_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.up_button, Qt.MouseButton.LeftButton)
    assert panel.rows[0].code == "attic_insulation"
    assert attic.title.text().startswith("1.")
    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)
    row(panel, "led_lighting").setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert [r.code for r in panel.rows] == [
        "attic_insulation",
        "lower_setpoint_1c",
        "led_lighting",
    ]
    editor.save()

    detail = ui.app.consultations.get(editor.saved_id)
    assert {m.code: m.priority for m in detail.measures} == {
        "attic_insulation": 1,
        "lower_setpoint_1c": 2,
        "led_lighting": 3,
    }


def test_delete_key_removes_the_current_measure(
    qtbot: Any, ui: UiContext, household_id: int
) -> None:
    editor = open_editor(qtbot, ui, household=household_id)
    panel = editor.measures
    panel.add_code("lower_setpoint_1c")
    panel.add_code("led_lighting")
    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)
    first = row(panel, "lower_setpoint_1c")
    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_Delete)
    assert [r.code for r in panel.rows] == ["led_lighting"]
    assert [c.priority for c in panel.choices()] == [1]


def test_the_live_estimate_follows_a_parameter(
    qtbot: Any, ui: UiContext, household_id: int
) -> None:
    panel = open_editor(qtbot, ui, household=household_id).measures
    panel.add_code("led_lighting")
    led = row(panel, "led_lighting")
    before, totals_before = led.estimate.text(), panel.totals.text()
    assert "kWh" in before and "€" in before
    led.overrides["hours_per_day"].setChecked(True)  # a default of the parameter set
    led.spins["hours_per_day"].setValue(6)
    assert led.estimate.text() != before
    assert panel.totals.text() != totals_before
    assert led.result is not None and led.result.parameters["hours_per_day"] == 6


def test_a_dwelling_value_can_be_overridden(qtbot: Any, ui: UiContext, household_id: int) -> None:
    panel = open_editor(qtbot, ui, household=household_id).measures
    panel.add_code("attic_insulation")
    attic = row(panel, "attic_insulation")
    area = attic.spins["surface_m2"]
    assert not area.isEnabled() and area.value() == 85  # from the dwelling
    assert panel.choices()[0].values == {}
    attic.overrides["surface_m2"].setChecked(True)
    area.setValue(40)
    assert panel.choices()[0].values == {"surface_m2": 40.0}


def test_an_out_of_range_value_is_explained_and_nothing_is_saved(
    qtbot: Any, ui: UiContext, household_id: int
) -> None:
    editor = open_editor(qtbot, ui, household=household_id)
    tick_theme(editor, "lighting")
    editor.measures.add_code("led_lighting")
    led = row(editor.measures, "led_lighting")
    bulbs = led.spins["bulbs"]
    bulbs.clear()
    qtbot.keyClicks(bulbs, "150")  # the catalogue allows 1 to 100 bulbs
    assert bulbs.value() == 150
    assert led.error.isVisible() and "100" in led.error.text()

    editor.save()

    assert editor.isVisible() and editor.saved_id is None
    assert stored_count(ui) == 0
    message = editor.findChild(QWidget, "consultation.error.measures")
    assert message.isVisible() and "100" in message.text()


def test_validation_errors_appear_under_their_fields(
    qtbot: Any, ui: UiContext, household_id: int
) -> None:
    editor = open_editor(qtbot, ui, household=household_id)
    editor.save()  # no theme chosen
    assert editor.isVisible() and stored_count(ui) == 0
    message = editor.findChild(QWidget, "consultation.error.themes")
    assert message.isVisible() and message.text()
    assert editor.themes.accessibleDescription() == message.text()


def test_an_anonymous_consultation_keeps_first_level_facts_only(qtbot: Any, ui: UiContext) -> None:
    editor = open_editor(qtbot, ui)
    assert editor.household_label.text() == "Anonymous first-level information"
    assert editor.anonymous_hint.isVisible()
    assert not editor.measures.body.isEnabled() and editor.measures.hint.isVisible()
    assert not editor.notes.isEnabled() and not editor.follow_action.isEnabled()
    assert not editor.follow_check.isEnabled()
    editor.mode.set_code("phone")
    tick_theme(editor, "heating")
    qtbot.keyClicks(editor.commune, "Lyon")
    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)
    qtbot.keyClick(editor.commune, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    detail = ui.app.consultations.get(editor.saved_id)
    assert detail.summary.household_id is None
    assert (detail.summary.mode, detail.summary.themes) == ("phone", ("heating",))
    assert detail.summary.commune == "Lyon"
    assert detail.summary.act == "info"
    assert detail.measures == [] and detail.notes is None


def test_a_household_can_be_picked_from_the_search(
    qtbot: Any, ui: UiContext, household_id: int
) -> None:
    editor = open_editor(qtbot, ui)
    qtbot.keyClicks(editor.household_search, "eloise")
    completer = editor.household_search.completer()
    assert completer.completionModel().rowCount() == 1
    popup = completer.popup()
    popup.setCurrentIndex(completer.completionModel().index(0, 0))
    qtbot.keyClick(popup, Qt.Key.Key_Return)

    assert "Martin" in editor.household_label.text()
    assert editor.measures.body.isEnabled() and editor.notes.isEnabled()
    assert not editor.household_search.isVisible() and editor.anonymous_button.isVisible()
    assert editor.commune.text() == "Villeurbanne"
    qtbot.mouseClick(editor.anonymous_button, Qt.MouseButton.LeftButton)
    assert editor.household_label.text() == "Anonymous first-level information"
    assert not editor.measures.body.isEnabled()


def test_editing_shows_what_was_saved(qtbot: Any, ui: UiContext, household_id: int) -> None:
    when = datetime.now().replace(second=0, microsecond=0) - timedelta(days=2)
    saved = ui.app.consultations.add(
        ConsultationInput(
            mode="home_visit",
            themes=("insulation",),
            household_id=household_id,
            occurred_at=when,
            duration_min=70,
            notes="Loft is open",
            follow_up_action="Send quotes",
            follow_up_due=when.date() + timedelta(days=10),
            measures=(
                MeasureChoice("attic_insulation", {"surface_m2": 60.0}, 1),
                MeasureChoice("lower_setpoint_1c", None, 2),
            ),
        )
    )
    editor = open_editor(qtbot, ui, consultation_id=saved)
    assert editor.windowTitle() == "Edit consultation"
    assert editor.delete_button.isVisible()
    assert editor.when.dateTime().toPython() == when
    assert editor.notes.toPlainText() == "Loft is open"
    assert editor.follow_check.isChecked()
    assert [r.code for r in editor.measures.rows] == ["attic_insulation", "lower_setpoint_1c"]
    assert editor.measures.rows[0].overrides["surface_m2"].isChecked()
    assert not editor.is_modified()
    editor.notes.setPlainText("Loft is open; walls too")
    editor.save()
    assert ui.app.consultations.get(saved).notes == "Loft is open; walls too"


def test_a_conflicting_save_is_reported_and_the_dialog_stays(
    qtbot: Any, ui: UiContext, household_id: int, dialogs: Any
) -> None:
    saved = ui.app.consultations.add(
        ConsultationInput(mode="phone", themes=("heating",), household_id=household_id)
    )
    editor = open_editor(qtbot, ui, consultation_id=saved)
    ui.app.consultations.update(
        saved, ConsultationInput(mode="email", themes=("heating",), household_id=household_id)
    )
    editor.commune.setText("Bron")
    editor.save()
    assert dialogs.kinds() == ["conflict"]  # answered "Cancel": keep editing
    assert editor.isVisible() and editor.save_button.isEnabled()
    assert ui.app.consultations.get(saved).summary.mode == "email"


def test_delete_asks_first_and_deletes_only_when_confirmed(
    qtbot: Any, ui: UiContext, household_id: int, dialogs: Any
) -> None:
    saved = ui.app.consultations.add(
        ConsultationInput(mode="phone", themes=("heating",), household_id=household_id)
    )
    editor = open_editor(qtbot, ui, consultation_id=saved)
    dialogs.confirm_answers = [False]
    qtbot.mouseClick(editor.delete_button, Qt.MouseButton.LeftButton)
    assert dialogs.kinds() == ["confirm"]
    assert editor.isVisible()
    assert ui.app.consultations.get(saved).summary.id == saved

    dialogs.confirm_answers = [True]
    qtbot.mouseClick(editor.delete_button, Qt.MouseButton.LeftButton)
    assert dialogs.kinds() == ["confirm", "confirm"]
    assert editor.result() == ConsultationEditor.DialogCode.Accepted and editor.deleted
    with pytest.raises(NotFoundError):
        ui.app.consultations.get(saved)


def test_closing_with_changes_asks_first(
    qtbot: Any, ui: UiContext, household_id: int, dialogs: Any
) -> None:
    editor = open_editor(qtbot, ui, household=household_id)
    editor.reject()  # nothing changed: closes without a question
    assert not editor.isVisible() and dialogs.calls == []

    editor = open_editor(qtbot, ui, household=household_id)
    tick_theme(editor, "heating")
    editor.measures.add_code("led_lighting")
    dialogs.unsaved_answers = [Unsaved.CANCEL]
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert dialogs.calls == [("unsaved", "This consultation")]
    assert editor.isVisible()
    dialogs.unsaved_answers = [Unsaved.CANCEL]
    qtbot.mouseClick(editor.cancel_button, Qt.MouseButton.LeftButton)
    assert editor.isVisible()
    dialogs.unsaved_answers = [Unsaved.DISCARD]
    editor.close()
    assert not editor.isVisible() and stored_count(ui) == 0

    editor = open_editor(qtbot, ui, household=household_id)
    tick_theme(editor, "heating")
    dialogs.unsaved_answers = [Unsaved.SAVE]
    editor.close()
    assert not editor.isVisible() and editor.saved_id is not None
    assert ui.app.consultations.get(editor.saved_id).summary.themes == ("heating",)


def test_the_timer_counts_whole_minutes_into_the_duration(
    qtbot: Any, ui: UiContext, household_id: int
) -> None:
    editor = open_editor(qtbot, ui, household=household_id)
    now = [1000.0]
    editor.clock = lambda: now[0]
    qtbot.mouseClick(editor.timer_button, Qt.MouseButton.LeftButton)
    assert editor.timer.isActive() and editor.timer.interval() == 1000
    assert editor.duration.isReadOnly()
    now[0] += 61  # a call of 1 min 1 s counts as 2 minutes
    editor.timer.timeout.emit()
    assert editor.duration.value() == 2
    assert editor.timer_label.text() == "01:01"
    qtbot.mouseClick(editor.timer_button, Qt.MouseButton.LeftButton)
    assert not editor.timer.isActive() and not editor.duration.isReadOnly()

    editor.duration.setValue(10)  # the advisor adds minutes by hand, then resumes
    qtbot.mouseClick(editor.timer_button, Qt.MouseButton.LeftButton)
    now[0] += 60  # 2 min 1 s in all: 3 minutes counted, plus the 8 typed
    editor.timer.timeout.emit()
    assert editor.duration.value() == 11


def test_the_timer_adds_to_a_typed_duration(qtbot: Any, ui: UiContext) -> None:
    editor = open_editor(qtbot, ui)
    editor.duration.setValue(5)
    now = [50.0]
    editor.clock = lambda: now[0]
    editor.timer_button.setChecked(True)
    now[0] += 125
    editor.timer.timeout.emit()
    assert editor.duration.value() == 8


def test_the_dialog_is_right_to_left_in_arabic(
    qtbot: Any, ui: UiContext, household_id: int, arabic: None
) -> None:
    editor = open_editor(qtbot, ui, household=household_id)
    editor.measures.add_code("led_lighting")
    assert editor.isRightToLeft()
    assert editor.measures.rows[0].isRightToLeft()
    # the Latin name keeps its reading order inside right-to-left text
    assert "\u2066Éloïse Martin\u2069" in editor.household_label.text()
    assert any("\u0600" <= c <= "\u06ff" for c in editor.measures.rows[0].name)


def _interactive(widget: QWidget) -> bool:
    kinds = (
        QAbstractButton,
        QAbstractSpinBox,
        QComboBox,
        QLineEdit,
        QPlainTextEdit,
        QAbstractItemView,
        MeasureRow,
    )
    if not isinstance(widget, kinds):
        return False
    parent = widget.parentWidget()
    while parent is not None:  # parts of a spin box, combo box or line edit are not controls
        if isinstance(parent, QAbstractSpinBox | QComboBox | QLineEdit):
            return False
        parent = parent.parentWidget()
    return True


def test_every_control_has_an_identifier_and_a_name(
    qtbot: Any, ui: UiContext, household_id: int
) -> None:
    saved = ui.app.consultations.add(
        ConsultationInput(
            mode="phone",
            themes=("heating",),
            household_id=household_id,
            measures=(
                MeasureChoice("led_lighting"),
                MeasureChoice("attic_insulation"),
                MeasureChoice("lower_setpoint_1c"),
            ),
        )
    )
    editor = open_editor(qtbot, ui, consultation_id=saved)
    controls = [w for w in editor.findChildren(QWidget) if _interactive(w)]
    assert len(controls) > 25
    missing = [type(w).__name__ for w in controls if not w.accessibleIdentifier()]
    assert missing == []
    unnamed = [
        w.accessibleIdentifier()
        for w in controls
        if not (w.accessibleName() or (isinstance(w, QAbstractButton) and w.text()))
    ]
    assert unnamed == []
    identifiers = [w.accessibleIdentifier() for w in controls]
    assert len(identifiers) == len(set(identifiers))
    assert {"consultation.save", "consultation.themes", "consultation.timer"} <= set(identifiers)


def test_tab_reaches_the_measures_before_save(qtbot: Any, ui: UiContext, household_id: int) -> None:
    editor = open_editor(qtbot, ui, household=household_id)
    editor.measures.add_code("led_lighting")
    order: list[str] = []
    widget: QWidget = editor.mode
    for _step in range(1000):
        widget = widget.nextInFocusChain()
        if widget.isVisible() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            order.append(widget.accessibleIdentifier() or widget.objectName())
        if widget is editor.mode:
            break
    assert order.index("consultation.commune") < order.index("measures.search")
    assert order.index("measures.search") < order.index("measures.led_lighting.bulbs")
    assert order.index("measures.led_lighting.bulbs") < order.index("measures.remove")
    assert order.index("measures.remove") < order.index("consultation.save")


def _catalogue_item(panel: MeasuresPanel, code: str) -> Any:
    for index in range(panel.results.count()):
        item = panel.results.item(index)
        if item.data(Qt.ItemDataRole.UserRole) == code:
            return item
    raise AssertionError(code)


def test_measures_that_do_not_apply_are_greyed_with_the_reason(qtbot: Any, ui: UiContext) -> None:
    flat = ui.app.households.create(
        HouseholdInput(
            last_name="Benali",
            commune="Lyon",
            dwelling_type="apartment",
            top_floor=False,
            heating_energy="electricity",
        )
    )
    panel = open_editor(qtbot, ui, household=flat).measures
    qtbot.waitUntil(lambda: bool(panel.blocked_reason("attic_insulation")))
    attic = _catalogue_item(panel, "attic_insulation")
    assert not attic.flags() & Qt.ItemFlag.ItemIsEnabled
    assert "roof" in attic.text() and "roof" in attic.toolTip()
    assert "boiler" in _catalogue_item(panel, "boiler_maintenance").text()
    assert not panel.add_code("attic_insulation")  # refused, nothing added
    add_by_typing(qtbot, panel, "attic")  # Enter on a greyed match adds nothing
    assert [r.code for r in panel.rows] == []


def test_the_panel_shows_shares_that_add_up_to_the_combined_total(
    qtbot: Any, ui: UiContext, household_id: int
) -> None:
    panel = open_editor(qtbot, ui, household=household_id).measures
    qtbot.waitUntil(lambda: panel._profile is not None)
    for code in ("attic_insulation", "condensing_boiler", "heat_pump", "lower_setpoint_1c"):
        assert panel.add_code(code)
    # attic chosen: roof insulation covers the same roof and is greyed
    assert "attic" in _catalogue_item(panel, "roof_insulation").text().lower()
    shares = {r.code: r.result for r in panel.rows}
    assert all(s is not None for s in shares.values())
    boiler = row(panel, "condensing_boiler")
    assert "heat pump" in boiler.estimate.text().lower()  # an alternative, not counted
    total = sum(s.kwh_per_year for s in shares.values() if s is not None)
    assert total < 11_000  # the household's heating, entered on the form
    assert "combined" in panel.totals.text()
