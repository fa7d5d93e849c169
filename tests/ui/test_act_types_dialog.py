"""Centre ▸ Act types and the editor's act list, driven as a manager and an advisor would."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from siec_desk.domain.act_types import ActTypeChange
from siec_desk.domain.consultation_records import ConsultationInput
from siec_desk.ui.admin.act_type_edit import ActTypeEditDialog
from siec_desk.ui.admin.act_types_dialog import SHOWN_COLUMN, ActTypesDialog
from siec_desk.ui.consultations.editor import ConsultationEditor
from siec_desk.ui.kit.context import UiContext

pytestmark = pytest.mark.ui


def open_dialog(qtbot: Any, ui: UiContext) -> ActTypesDialog:
    dialog = ActTypesDialog(ui)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def row_of(dialog: ActTypesDialog, code: str) -> int:
    return [t.code for t in dialog.types].index(code)


def act_codes(editor: ConsultationEditor) -> list[str | None]:
    return [editor.act.itemData(i) for i in range(editor.act.count())]


def test_add_an_own_type_through_the_edit_dialog(qtbot: Any, ui: UiContext) -> None:
    dialog = open_dialog(qtbot, ui)
    edit = ActTypeEditDialog(ui, None, dialog)
    qtbot.addWidget(edit)
    edit.code.setText("x_permanence_mairie")
    qtbot.keyClicks(edit.labels["fr"], "Permanence en mairie")
    edit.maps_to.set_code("info")
    edit.save()
    assert edit.result() == edit.DialogCode.Accepted
    dialog.reload("x_permanence_mairie")
    row = row_of(dialog, "x_permanence_mairie")
    assert dialog.table.item(row, 1).text() == "Permanence en mairie"
    assert dialog.table.item(row, 2).text() == "First-level information"
    assert dialog.table.item(row, 3).text() == "0"
    assert dialog.selected() is not None and dialog.selected().code == "x_permanence_mairie"
    assert dialog.edit_button.isEnabled() and dialog.delete_button.isEnabled()


def test_a_refused_type_says_why_in_one_line_and_writes_nothing(qtbot: Any, ui: UiContext) -> None:
    edit = ActTypeEditDialog(ui, None)
    qtbot.addWidget(edit)
    edit.code.setText("x_Bad Code")
    edit.save()
    assert edit.error.isVisibleTo(edit) and "x_Bad Code" in edit.error.text()
    assert "\n" not in edit.error.text()
    assert [t.code for t in ui.app.act_types.list() if not t.builtin] == []


def test_unchecking_shown_hides_the_type_and_info_cannot_be_hidden(
    qtbot: Any, ui: UiContext
) -> None:
    dialog = open_dialog(qtbot, ui)
    item = dialog.table.item(row_of(dialog, "awareness"), SHOWN_COLUMN)
    item.setCheckState(Qt.CheckState.Unchecked)
    assert "awareness" in ui.app.act_types.acts().hidden
    info = dialog.table.item(row_of(dialog, "info"), SHOWN_COLUMN)
    assert not info.flags() & Qt.ItemFlag.ItemIsUserCheckable
    dialog.table.selectRow(row_of(dialog, "info"))
    assert not dialog.hide_button.isEnabled()
    dialog.table.selectRow(row_of(dialog, "awareness"))
    assert dialog.hide_button.text() == "&Show"
    qtbot.mouseClick(dialog.hide_button, Qt.MouseButton.LeftButton)
    assert "awareness" not in ui.app.act_types.acts().hidden


def test_deleting_a_used_type_is_refused_with_hide_suggested(qtbot: Any, ui: UiContext) -> None:
    ui.app.act_types.add("x_atelier", ActTypeChange(label_fr="Atelier"))
    ui.app.consultations.add(ConsultationInput(mode="walk_in", act="x_atelier", themes=["water"]))
    dialog = open_dialog(qtbot, ui)
    dialog.table.selectRow(row_of(dialog, "x_atelier"))
    ui.dialogs.confirm_answers.append(True)  # type: ignore[attr-defined]
    dialog.delete()
    assert "hide it" in dialog.error.text()
    assert "x_atelier" in ui.app.act_types.acts().own


def test_the_editor_offers_own_types_in_order_and_not_hidden_ones(
    qtbot: Any, ui: UiContext
) -> None:
    ui.app.act_types.add("x_permanence_mairie", ActTypeChange(label_fr="Permanence en mairie"))
    ui.app.act_types.update("awareness", ActTypeChange(hidden=True))
    editor = ConsultationEditor(ui, None, None, None)
    qtbot.addWidget(editor)
    codes = act_codes(editor)
    assert "x_permanence_mairie" in codes and "awareness" not in codes
    assert codes.index("x_permanence_mairie") > codes.index("advice")
    index = editor.act.findData("x_permanence_mairie")
    assert editor.act.itemText(index) == "Permanence en mairie"


def test_editing_a_consultation_keeps_its_act_hidden_since(qtbot: Any, ui: UiContext) -> None:
    ui.app.act_types.add("x_atelier", ActTypeChange(label_fr="Atelier"))
    cid = ui.app.consultations.add(
        ConsultationInput(mode="walk_in", act="x_atelier", themes=["water"])
    )
    ui.app.act_types.update("x_atelier", ActTypeChange(hidden=True))
    editor = ConsultationEditor(ui, cid, None, None)
    qtbot.addWidget(editor)
    assert editor.act.code() == "x_atelier"
    assert editor.act.currentText() == "Atelier"


def test_consultation_lists_show_the_centres_wording(ui: UiContext) -> None:
    from siec_desk.ui.widgets.consultation_table import COLUMNS

    ui.app.act_types.add("x_atelier", ActTypeChange(label_fr="Atelier", label_en="Workshop"))
    cid = ui.app.consultations.add(
        ConsultationInput(mode="walk_in", act="x_atelier", themes=["water"])
    )
    _title, cell = COLUMNS["act"]()
    assert cell(ui.app.consultations.get(cid).summary, "en_GB") == "Workshop"


def test_the_export_preview_says_how_many_consultations_were_left_out(
    qtbot: Any, ui: UiContext
) -> None:
    from datetime import date, datetime

    from siec_desk.ui.network.export_dialog import NetworkExportDialog

    ui.app.act_types.add("x_atelier", ActTypeChange(label_fr="Atelier"))
    for act in ("x_atelier", "x_atelier", "info"):
        ui.app.consultations.add(
            ConsultationInput(
                mode="walk_in", act=act, themes=["water"], occurred_at=datetime(2025, 5, 5, 10)
            )
        )
    with ui.app.db.write() as session:  # a network code, as Letter settings would give
        from sqlalchemy import update

        from siec_desk.storage.models import Centre

        session.execute(update(Centre).values(network_code="ECFR-13"))
    dialog = NetworkExportDialog(ui, today=date(2025, 7, 10))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.document is not None)
    assert "2 consultations of the centre's own act types" in dialog.summary.text()
    assert "x_atelier" not in repr(dialog.document)
