"""Retention and privacy, the audit trail and a household's rights, driven as the manager
and an advisor would: choosing, confirming, cancelling, in English and in Arabic."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QWidget

from siec_desk.domain.consultation_records import ConsultationInput
from siec_desk.domain.household_records import HouseholdInput
from siec_desk.ui.admin.audit_dialog import AuditDialog
from siec_desk.ui.admin.retention_dialog import RetentionDialog
from siec_desk.ui.households.form import HouseholdForm
from siec_desk.ui.households.page import HouseholdsPage
from siec_desk.ui.kit.context import UiContext

pytestmark = pytest.mark.ui

OLD = datetime(2015, 4, 2, 10, 0)


def household(ui: UiContext, last_name: str, when: datetime | None = OLD, **values: Any) -> int:
    household_id = ui.app.households.create(
        HouseholdInput(last_name=last_name, commune="Tétouan", **values)
    )
    if when is not None:
        ui.app.consultations.add(
            ConsultationInput(
                mode="walk_in",
                themes=("heating",),
                household_id=household_id,
                occurred_at=when,
                notes="note privée",
            ),
            now=when,
        )
    return household_id


def retention_dialog(ui: UiContext, qtbot: Any) -> RetentionDialog:
    dialog = RetentionDialog(ui)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def shown_ids(dialog: RetentionDialog) -> list[int]:
    return [
        int(dialog.table.item(row, 0).data(Qt.ItemDataRole.UserRole))
        for row in range(dialog.table.rowCount())
    ]


# -- retention -----------------------------------------------------------------------------
def test_the_manager_sees_who_is_due_and_anonymises_them_after_confirming(
    ui: UiContext, dialogs: Any, qtbot: Any
) -> None:
    old = household(ui, "Ancien")
    older = household(ui, "Plus-Ancien", datetime(2014, 1, 5, 9, 0))
    recent = household(ui, "Récent", datetime.now().replace(microsecond=0))
    dialog = retention_dialog(ui, qtbot)

    assert shown_ids(dialog) == [older, old]
    assert dialog.table.item(1, 1).text().strip("\u2066\u2068\u2069") == "Ancien"
    assert "2 households past the retention period" in dialog.count.text()

    dialogs.confirm_answers = [False]
    qtbot.mouseClick(dialog.anonymise_button, Qt.MouseButton.LeftButton)
    assert "Anonymise 2 households?" in dialogs.calls[-1][1]
    assert ui.app.households.get(old).summary.last_name == "Ancien"  # refused: unchanged

    dialogs.confirm_answers = [True]
    with qtbot.waitSignal(ui.events.households_changed):
        qtbot.mouseClick(dialog.anonymise_button, Qt.MouseButton.LeftButton)

    assert dialogs.calls[-1][0] == "info" and "2 households anonymised" in dialogs.calls[-1][1]
    assert shown_ids(dialog) == []
    assert not dialog.anonymise_button.isEnabled()
    assert ui.app.households.get(old).anonymised_at is not None
    assert ui.app.households.get(recent).summary.last_name == "Récent"
    event = ui.app.audit.events(action="purge_anonymise")[0]
    assert event.actor != "command line" and event.details["households"] == 2


def test_only_the_selected_households_are_deleted(ui: UiContext, dialogs: Any, qtbot: Any) -> None:
    first = household(ui, "Premier", datetime(2014, 1, 5, 9, 0))
    second = household(ui, "Second")
    dialog = retention_dialog(ui, qtbot)
    dialog.table.selectRow(0)
    dialogs.confirm_answers = [True]

    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)

    assert "Delete 1 household with its consultations" in dialogs.calls[-2][1]
    assert shown_ids(dialog) == [second]
    assert ui.app.households.search("Premier") == []
    assert [h.id for h in ui.app.households.page(0, 10)] == [second]
    assert first not in shown_ids(dialog)


def test_the_retention_period_is_set_here(ui: UiContext, qtbot: Any) -> None:
    household(ui, "Ancien", datetime(2019, 1, 5, 9, 0))
    dialog = retention_dialog(ui, qtbot)
    assert dialog.years.value() == 3 and dialog.table.rowCount() == 1

    dialog.years.setValue(10)
    qtbot.mouseClick(dialog.save_years, Qt.MouseButton.LeftButton)

    assert ui.app.retention.period() == 10
    assert dialog.table.rowCount() == 0
    assert dialog.years_error.isHidden()


def test_a_refused_period_is_explained(ui: UiContext, qtbot: Any, monkeypatch: Any) -> None:
    dialog = retention_dialog(ui, qtbot)
    dialog.years.setValue(4)
    monkeypatch.setattr(dialog.years, "value", lambda: 12)  # e.g. typed past the range

    qtbot.mouseClick(dialog.save_years, Qt.MouseButton.LeftButton)

    assert not dialog.years_error.isHidden()
    assert "between 1 and 10" in dialog.years_error.text()
    assert ui.app.retention.period() == 3


def test_in_arabic_the_retention_page_is_right_to_left(
    ui: UiContext, arabic: None, qtbot: Any
) -> None:
    household(ui, "العلمي")
    dialog = retention_dialog(ui, qtbot)
    assert dialog.isRightToLeft() and dialog.table.isRightToLeft()
    assert dialog.table.rowCount() == 1


# -- the audit trail -----------------------------------------------------------------------
def test_the_audit_trail_lists_events_and_filters_by_action(ui: UiContext, qtbot: Any) -> None:
    kept = household(ui, "Martin", when=None)
    gone = household(ui, "Durand", when=None)
    ui.app.rights.erase(gone)
    dialog = AuditDialog(ui)
    qtbot.addWidget(dialog)
    dialog.show()

    assert dialog.table.rowCount() == 3
    assert dialog.table.item(0, 2).text() == "Erased on request"
    assert dialog.table.item(0, 3).text() == f"Household {gone}"
    assert "Martin" not in "".join(
        dialog.table.item(r, c).text() for r in range(3) for c in range(5)
    )

    dialog.action.setCurrentIndex(dialog.action.findData("create"))

    assert dialog.table.rowCount() == 2
    assert {dialog.table.item(r, 3).text() for r in range(2)} == {
        f"Household {kept}",
        f"Household {gone}",
    }
    assert "1 event" not in dialog.count.text() and "2 events" in dialog.count.text()


def test_the_chosen_advisor_is_who_acts(ui: UiContext) -> None:
    advisor = ui.app.centres.add_advisor("Salma Idrissi")
    ui.advisor_id = advisor.id
    household(ui, "Martin", when=None)
    assert ui.app.audit.events()[0].actor == "Salma Idrissi"


# -- a household's rights -----------------------------------------------------------------
def make_page(ui: UiContext, qtbot: Any) -> HouseholdsPage:
    page = HouseholdsPage(ui)
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    page.refresh()
    return page


def test_export_data_writes_the_chosen_file(
    ui: UiContext, dialogs: Any, qtbot: Any, tmp_path: Path
) -> None:
    household_id = household(ui, "Martin", email="martin@example.fr")
    page = make_page(ui, qtbot)
    page.show_household(household_id)
    dialogs.file_answers = [str(tmp_path / "martin")]  # no extension: JSON

    qtbot.mouseClick(page.detail.rights.export_button, Qt.MouseButton.LeftButton)

    assert dialogs.calls[0] == ("save_file", f"household-{household_id}.json")
    data = json.loads((tmp_path / "martin.json").read_text(encoding="utf-8"))
    assert data["household"]["email"] == "martin@example.fr"
    assert dialogs.calls[-1][0] == "info" and "martin.json" in dialogs.calls[-1][1]


def test_export_data_as_pdf_is_previewed_then_saved_as_and_audited(
    ui: UiContext, dialogs: Any, qtbot: Any, tmp_path: Path
) -> None:
    household_id = household(ui, "Martin", email="martin@example.fr")
    page = make_page(ui, qtbot)
    page.show_household(household_id)
    dialogs.file_answers = [str(tmp_path / "martin.pdf")]

    qtbot.mouseClick(page.detail.rights.export_button, Qt.MouseButton.LeftButton)
    dialog = page.detail.rights.preview_dialog
    assert dialog is not None and dialog.isVisible()
    assert not dialog.save_button.isEnabled()  # nothing to save before the pages show
    qtbot.waitUntil(lambda: dialog.state == "ready", timeout=120_000)
    assert dialog.rendered is not None
    assert dialog.preview.document.pageCount() == dialog.rendered.pages >= 1
    assert ui.app.audit.events(action="export") == []  # previewing writes nothing

    dialogs.file_answers = [str(tmp_path / "saved.pdf")]
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialogs.calls[-1] == ("save_file", str(tmp_path / "martin.pdf"))
    assert (tmp_path / "saved.pdf").read_bytes() == dialog.rendered.pdf
    [event] = ui.app.audit.events(action="export")
    assert event.details["format"] == "pdf"
    buttons = (dialog.save_button, dialog.print_button, dialog.close_button)
    for widget in (*buttons, dialog.preview.view):
        assert widget.objectName() and widget.accessibleName()
    dialog.close()


def test_erase_names_the_household_then_goes_back_to_the_list(
    ui: UiContext, dialogs: Any, qtbot: Any
) -> None:
    gone = household(ui, "Martin", first_name="Lucie")
    kept = household(ui, "Roux", when=None)
    page = make_page(ui, qtbot)
    ui.events.households_changed.connect(page.refresh)  # as the main window does
    page.show_household(gone)

    dialogs.confirm_answers = [False]
    qtbot.mouseClick(page.detail.rights.erase_button, Qt.MouseButton.LeftButton)
    assert "Lucie Martin" in dialogs.calls[-1][1] and "Consultations: 1" in dialogs.calls[-1][1]
    assert ui.app.households.get(gone).summary.last_name == "Martin"

    dialogs.confirm_answers = [True]
    qtbot.mouseClick(page.detail.rights.erase_button, Qt.MouseButton.LeftButton)

    assert page.detail.stack.currentWidget() is page.detail.empty
    assert page.model.rowCount() == 1
    page.model.data(page.model.index(0, 0))  # asks for the row's page
    qtbot.waitUntil(lambda: page.model.household_id(0) == kept, timeout=20_000)  # loads off-thread
    assert ui.app.households.search("Martin") == []
    assert "erased" in dialogs.calls[-1][1]
    assert [kind for kind, _text in dialogs.calls].count("error") == 0


def test_consent_is_recorded_with_the_wording_shown(ui: UiContext, qtbot: Any) -> None:
    form = HouseholdForm(ui, None, None)
    qtbot.addWidget(form)
    form.show()
    qtbot.keyClicks(form.fields["last_name"], "Martin")
    wording = form.fields["consent_wording"]
    assert isinstance(wording, QLineEdit) and wording.text() == ""

    qtbot.keyClick(form.fields["consent_recontact"], Qt.Key.Key_Space)
    shown = wording.text()
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    assert form.result() == QDialog.DialogCode.Accepted and form.saved_id is not None
    stored = ui.app.households.get(form.saved_id)
    assert shown.startswith("I agree that the advice centre keeps my contact details")
    assert (stored.consent_wording, stored.consent_recontact_on) == (
        shown,
        datetime.now().date(),
    )


def test_a_household_without_wording_gets_the_standard_text_in_its_language(
    ui: UiContext,
) -> None:
    household_id = ui.app.households.create(
        HouseholdInput(last_name="Alaoui", letter_language="ar", consent_recontact=True)
    )
    stored = ui.app.households.get(household_id)
    assert stored.consent_wording  # in Arabic once the catalogue has it
    no_consent = ui.app.households.create(
        HouseholdInput(last_name="Roux", consent_wording="typed but not agreed")
    )
    assert ui.app.households.get(no_consent).consent_wording is None


def test_every_control_has_a_stable_identifier(ui: UiContext, qtbot: Any) -> None:
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox

    household(ui, "Ancien")
    page = make_page(ui, qtbot)
    page.show_household(ui.app.households.page(0, 1)[0].id)
    audit = AuditDialog(ui)
    qtbot.addWidget(audit)
    kinds = (QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox)
    for root in (retention_dialog(ui, qtbot), audit, page.detail):
        controls = [
            w
            for w in root.findChildren(QWidget)
            if isinstance(w, kinds)
            and w.window() is root.window()  # not a combo box's popup
            and not isinstance(w.parentWidget(), (QAbstractSpinBox, QComboBox, QAbstractItemView))
            and w.parentWidget() is not None
            and not isinstance(w.parentWidget().parentWidget(), QAbstractItemView)
        ]
        assert controls
        missing = [
            (type(w).__name__, type(w.parentWidget()).__name__)
            for w in controls
            if not w.accessibleIdentifier()
        ]
        assert missing == []
    assert page.detail.rights.export_button.accessibleIdentifier() == "household.export_data"
    assert page.detail.rights.erase_button.accessibleIdentifier() == "household.erase"
