"""Every dialog fits a 1366×768 laptop (D1): shown through the application's
:class:`ScreenFitter`, each dialog is no larger than the screen's available geometry less a
window frame, and every button of its button row is visible inside it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import Future
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton, QDialog, QPushButton, QVBoxLayout, QWidget

from siec_desk.documents.letters.content import LetterContent
from siec_desk.documents.letters.render import RenderedLetter
from siec_desk.domain.activity_period import month
from siec_desk.domain.consultation_records import ConsultationInput, MeasureChoice
from siec_desk.domain.household_records import HouseholdInput
from siec_desk.services.activity.loading import Drill
from siec_desk.ui.kit import screen_fit
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.kit.letter_renderer import LetterRenderer
from siec_desk.ui.kit.screen_fit import ScreenFitter, button_row, fit_to_screen, size_limit

pytestmark = pytest.mark.ui

#: A 1366×768 laptop screen less a 40-pixel taskbar.
LAPTOP = QRect(0, 0, 1366, 728)


class _NoRender:
    """A letter renderer whose jobs never finish: the layout is what is tested here."""

    def submit(self, content: LetterContent, variant: str) -> Future[RenderedLetter]:
        future: Future[RenderedLetter] = Future()
        future.set_running_or_notify_cancel()
        return future

    def close(self, wait: bool = True) -> None:
        return None


@pytest.fixture
def laptop(qapp: Any, ui: UiContext, monkeypatch: pytest.MonkeyPatch) -> Iterator[UiContext]:
    monkeypatch.setattr(screen_fit, "available_geometry", lambda _widget: LAPTOP)
    fitter = ScreenFitter()
    qapp.installEventFilter(fitter)
    ui.renderer = LetterRenderer(_NoRender())  # type: ignore[arg-type]
    yield ui
    qapp.removeEventFilter(fitter)
    ui.shutdown()


def _consultation(ui: UiContext) -> tuple[int, int]:
    household = ui.app.households.create(
        HouseholdInput(last_name="Dupré", first_name="Hélène", letter_language="fr")
    )
    consultation = ui.app.consultations.add(
        ConsultationInput(
            mode="home_visit",
            themes=("insulation",),
            household_id=household,
            measures=(MeasureChoice("attic_insulation"),),
        )
    )
    return household, consultation


def _letter(ui: UiContext) -> QDialog:
    from siec_desk.ui.letters.dialog import LetterDialog
    from siec_desk.ui.letters.start import letter_start

    return LetterDialog(ui, letter_start(ui, _consultation(ui)[1], None))


def _preview(ui: UiContext) -> QDialog:
    from siec_desk.ui.kit.document_preview import DocumentPreviewDialog

    return DocumentPreviewDialog(
        ui,
        "test",
        "Report",
        lambda: None,
        Path("r.pdf"),
        lambda _p, _b: None,  # type: ignore[arg-type, return-value]
    )


def _editor(ui: UiContext) -> QDialog:
    from siec_desk.ui.consultations.editor import ConsultationEditor

    household, consultation = _consultation(ui)
    return ConsultationEditor(ui, consultation, household, None)


def _outcome(ui: UiContext) -> QDialog:
    from siec_desk.ui.consultations.outcome_form import OutcomeForm

    return OutcomeForm(ui, ui.app.consultations.get(_consultation(ui)[1]), None)


def _backups(ui: UiContext) -> QDialog:
    from siec_desk.ui.admin.backups import BackupsDialog

    return BackupsDialog(ui, None, can_leave=lambda: False, restart=lambda: None)  # type: ignore[arg-type]


def _simple(path: str, name: str, *args: Any) -> Callable[[UiContext], QDialog]:
    def build(ui: UiContext) -> QDialog:
        module = __import__(path, fromlist=[name])
        return getattr(module, name)(*[ui if a == "ui" else a for a in args])  # type: ignore[no-any-return]

    return build


def _follow_up(dialog: str) -> Callable[[UiContext], QDialog]:
    """The agenda's Postpone or Done dialog about a long-named call-back."""

    def build(_ui: UiContext) -> QDialog:
        from siec_desk.domain.agenda import AgendaRow
        from siec_desk.ui.agenda.dialogs import NoteDialog, PostponeDialog

        row = AgendaRow(1, 1, "Marie-Françoise de La Tour-Quéméneur", "+33612345678",
                        date.today(), None, "appointment", "Envoyer " * 30, "to_call_back",
                        None, None, None, 0, 1)  # fmt: skip
        if dialog == "postpone":
            return PostponeDialog(row, locale="fr_FR", country="FR")
        return NoteDialog(
            row, title="Done", prompt="&Result", ok="Mark done",
            identifier="agenda.done_dialog", locale="fr_FR", country="FR",
        )  # fmt: skip

    return build


DIALOGS: dict[str, Callable[[UiContext], QDialog]] = {
    "letter": _letter,
    "letter settings": _simple("siec_desk.ui.letters.settings", "LetterSettingsDialog", "ui"),
    "consultation editor": _editor,
    "household form": _simple("siec_desk.ui.households.form", "HouseholdForm", "ui", None, None),
    "outcome": _outcome,
    "document preview": _preview,
    "import wizard": _simple("siec_desk.ui.import_wizard.wizard", "ImportWizard", "ui"),
    "audit": _simple("siec_desk.ui.admin.audit_dialog", "AuditDialog", "ui"),
    "backups": _backups,
    "retention": _simple("siec_desk.ui.admin.retention_dialog", "RetentionDialog", "ui"),
    "parameters": _simple("siec_desk.ui.admin.parameters_dialog", "ParametersDialog", "ui"),
    "about": _simple("siec_desk.ui.admin.about", "AboutDialog", "ui", None),
    "first run": _simple("siec_desk.ui.admin.first_run", "FirstRunDialog", "fr"),
    "drill-down": lambda ui: __import__(
        "siec_desk.ui.activity.drilldown", fromlist=["x"]
    ).DrilldownDialog(ui, Drill("Consultations", month(date(2026, 11, 1))), "fr_FR", None),
    "network export": _simple("siec_desk.ui.network.export_dialog", "NetworkExportDialog", "ui"),
    "network window": _simple("siec_desk.ui.network.window", "NetworkWindow", "ui"),
    "reading": _simple("siec_desk.ui.households.reading_dialog", "ReadingDialog", "EUR"),
    "act types": _simple("siec_desk.ui.admin.act_types_dialog", "ActTypesDialog", "ui"),
    "act type": _simple("siec_desk.ui.admin.act_type_edit", "ActTypeEditDialog", "ui", None),
    "follow-up postpone": _follow_up("postpone"),
    "follow-up done": _follow_up("done"),
}


def _buttons(dialog: QDialog) -> list[QAbstractButton]:
    row = button_row(dialog)
    assert row is not None, "no button row at the bottom of the dialog"
    holder = row.widget()
    if holder is not None:
        return [b for b in holder.findChildren(QAbstractButton) if not b.isHidden()]
    layout = row.layout()
    assert layout is not None
    found = [layout.itemAt(i).widget() for i in range(layout.count())]
    return [w for w in found if isinstance(w, QAbstractButton) and not w.isHidden()]


@pytest.mark.parametrize("name", sorted(DIALOGS))
def test_every_dialog_fits_a_1366x768_screen_with_its_buttons_visible(
    qtbot: Any, laptop: UiContext, name: str
) -> None:
    _check_fits(qtbot, laptop, name)


@pytest.mark.parametrize("name", ["letter", "letter settings", "consultation editor", "outcome"])
def test_in_arabic_the_largest_dialogs_fit_too(
    qtbot: Any, laptop: UiContext, arabic: None, name: str
) -> None:
    _check_fits(qtbot, laptop, name)


def _check_fits(qtbot: Any, laptop: UiContext, name: str) -> None:
    dialog = DIALOGS[name](laptop)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.isVisible)
    limit = size_limit(LAPTOP)
    assert dialog.width() <= limit.width() and dialog.height() <= limit.height(), dialog.size()
    buttons = _buttons(dialog)
    assert buttons
    inside = dialog.rect()
    for button in buttons:
        place = QRect(button.mapTo(dialog, button.rect().topLeft()), button.size())
        assert inside.contains(place), (button.text(), place, inside)


def test_a_dialog_taller_than_the_screen_scrolls_and_keeps_its_buttons(qtbot: Any) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    layout = QVBoxLayout(dialog)
    tall = QWidget()
    tall.setMinimumSize(600, 1400)  # a form that cannot shrink below 1400 px
    layout.addWidget(tall)
    ok = QPushButton("OK")
    layout.addWidget(ok)
    fit_to_screen(dialog, LAPTOP)
    dialog.show()
    assert dialog.height() <= size_limit(LAPTOP).height()
    assert dialog.findChild(QWidget, "dialog.scroll") is not None
    assert dialog.rect().contains(QRect(ok.mapTo(dialog, ok.rect().topLeft()), ok.size()))
    assert tall.isVisibleTo(dialog)
