"""Parameters on screen: the "out of date" banner of the consultation editor and the letter
preview, and Centre ▸ Parameters… (sets, unconfirmed values, Import…)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from concurrent.futures import Future
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from siec_desk.documents.letters.content import LetterContent
from siec_desk.documents.letters.render import RenderedLetter
from siec_desk.domain.consultation_records import ConsultationInput, MeasureChoice
from siec_desk.domain.household_records import HouseholdInput
from siec_desk.services import parameters as parameter_service
from siec_desk.ui.admin.parameters_dialog import ParametersDialog
from siec_desk.ui.consultations.editor import ConsultationEditor
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.kit.letter_renderer import LetterRenderer
from siec_desk.ui.letters.dialog import LetterDialog
from siec_desk.ui.letters.start import letter_start

pytestmark = pytest.mark.ui

SHIPPED = Path(__file__).resolve().parents[2] / "resources" / "parameters"


class _NoRender:
    """A renderer pool whose jobs never finish: the banner is what is tested here."""

    def submit(self, content: LetterContent, variant: str) -> Future[RenderedLetter]:
        future: Future[RenderedLetter] = Future()
        future.set_running_or_notify_cancel()
        return future

    def close(self, wait: bool = True) -> None:
        return None


@pytest.fixture
def quiet(ui: UiContext) -> Iterator[UiContext]:
    ui.renderer = LetterRenderer(_NoRender())  # type: ignore[arg-type]
    yield ui
    ui.shutdown()


def _consultation(ui: UiContext) -> int:
    household = ui.app.households.create(HouseholdInput(last_name="Martin", letter_language="fr"))
    return ui.app.consultations.add(
        ConsultationInput(
            mode="walk_in",
            themes=("lighting",),
            household_id=household,
            measures=(MeasureChoice("led_lighting"),),
        )
    )


@pytest.mark.parametrize(("today", "shown"), [(date(2026, 12, 7), False), (date(2027, 1, 4), True)])
def test_the_editor_and_the_letter_preview_warn_when_parameters_are_out_of_date(
    qtbot: Any, quiet: UiContext, monkeypatch: pytest.MonkeyPatch, today: date, shown: bool
) -> None:
    monkeypatch.setattr(parameter_service, "current_date", lambda: today)
    editor = ConsultationEditor(quiet, None, None, None)
    qtbot.addWidget(editor)
    editor.show()
    banner = editor.findChild(type(editor.parameters_warning), "consultation.parameters_warning")
    assert banner is editor.parameters_warning
    assert banner.isVisible() is shown
    if shown:
        assert "FR-2026.1" in banner.text() and "1 January 2027" in banner.text()
        assert banner.accessibleName()
    consultation = _consultation(quiet)
    dialog = LetterDialog(quiet, letter_start(quiet, consultation, None))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.parameters_warning.objectName() == "letter.parameters_warning"
    assert dialog.parameters_warning.isVisible() is shown


def test_the_parameters_dialog_lists_sets_and_flags_unconfirmed_values(
    qtbot: Any, ui: UiContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parameter_service, "current_date", lambda: date(2026, 12, 7))
    dialog = ParametersDialog(ui)
    qtbot.addWidget(dialog)
    dialog.show()
    versions = [dialog.table.item(row, 0).text() for row in range(dialog.table.rowCount())]
    assert any("FR-2026.1" in v and "✓" in v for v in versions)
    assert any("FR-2025.1" in v for v in versions)
    assert not dialog.warning.isVisible()
    details = dialog.details.toPlainText()
    assert "income_ceilings" in details and "not confirmed" in details
    for widget in (dialog.table, dialog.details, dialog.import_button, dialog.close_button):
        assert widget.objectName().startswith("parameters.") and widget.accessibleName()


def test_import_from_the_dialog_adds_the_set_or_says_why_not(
    qtbot: Any, ui: UiContext, dialogs: Any, tmp_path: Path
) -> None:
    data = json.loads((SHIPPED / "FR-2026.json").read_text(encoding="utf-8"))
    data["version"], data["valid_from"] = "FR-2026.3", "2026-09-01"
    good = tmp_path / "good.json"
    good.write_text(json.dumps(data), encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    dialog = ParametersDialog(ui)
    qtbot.addWidget(dialog)
    dialogs.file_answers = [str(bad), str(good)]
    dialog.import_button.click()
    assert ("error", dialog.result_label.text()) in dialogs.calls
    assert "bad.json" in dialog.result_label.text()
    assert dialog.table.rowCount() == 2
    dialog.import_button.click()
    assert "FR-2026.3" in dialog.result_label.text()
    assert dialog.table.rowCount() == 3
    assert "FR-2026.3" in ui.app.reference.imported_versions
