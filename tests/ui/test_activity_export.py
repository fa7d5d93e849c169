"""The Activity page's report export on the hand-counted March 2024 centre: the file asked,
the workbook and the PDF written with the figures the page shows, Cancel at each step,
errors, the keyboard shortcut and the right-to-left layout.

The PDF renders in a real spawned process (a second or two); the rest is synchronous
(ImmediateRunner) apart from the export thread, which the tests wait for.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QPoint, QSettings, Qt
from testkit.activity import march_2024_centre
from testkit.letters import extract

from siec_desk.core.formatting import plain
from siec_desk.documents.engine.worker import RenderProcessDiedError
from siec_desk.domain.activity_period import month, quarter
from siec_desk.ui.activity.export import ReportExporter
from siec_desk.ui.activity.page import ActivityPage
from siec_desk.ui.kit.context import UiContext, error_text
from siec_desk.ui.kit.events import DataEvents
from siec_desk.ui.kit.runner import ImmediateRunner
from siec_desk.ui.kit.ui_settings import UiSettings

pytestmark = pytest.mark.ui

APRIL_2024 = date(2024, 4, 15)  # "today": March 2024 is the last complete month
MARCH = month(date(2024, 3, 1))
EXPORT_TIMEOUT_MS = 60_000


@pytest.fixture
def ui(tmp_path: Path, dialogs: Any, qapp: Any) -> Iterator[UiContext]:
    ctx, _ids = march_2024_centre(tmp_path / "activity.sqlite3")
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    context = UiContext(
        app=ctx,
        runner=ImmediateRunner(lambda exc: dialogs.error("", error_text(exc))),
        dialogs=dialogs,
        events=DataEvents(),
        settings=UiSettings(settings),
    )
    yield context
    ctx.close()


@pytest.fixture
def page(qtbot: Any, ui: UiContext) -> Iterator[ActivityPage]:
    page = ActivityPage(ui, today=lambda: APRIL_2024)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    page.refresh()
    yield page
    page.export.shutdown()


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    return folder


def _finish(qtbot: Any, exporter: ReportExporter) -> None:
    qtbot.waitUntil(lambda: not exporter.busy, timeout=EXPORT_TIMEOUT_MS)


def _ready(qtbot: Any, dialog: Any) -> None:
    qtbot.waitUntil(lambda: dialog.state == "ready", timeout=EXPORT_TIMEOUT_MS)


def _report_processes() -> list[Any]:
    return [p for p in multiprocessing.active_children() if p.name == "siec-desk-report"]


def _choose_language(exporter: ReportExporter, code: str) -> None:
    action = next(a for a in exporter.languages.actions() if a.data() == code)
    action.trigger()


def test_excel_export_holds_the_figures_the_page_shows(
    qtbot: Any, page: ActivityPage, dialogs: Any, out: Path
) -> None:
    exporter = page.export
    assert plain(page.tiles[0].value.text()) == "4"  # consultations in March 2024
    dialogs.file_answers.append(str(out / "march"))  # a bare name: the suffix is added
    exporter.xlsx_action.trigger()
    _finish(qtbot, exporter)
    suggested = next(text for kind, text in dialogs.calls if kind == "save_file")
    assert Path(suggested).name == "activity-2024-03.xlsx"
    path = out / "march.xlsx"
    assert exporter.state == "saved" and exporter.saved == path
    assert sorted(p.name for p in out.iterdir()) == ["march.xlsx"]  # no .partial left
    assert "march.xlsx" in exporter.message.text() and exporter.isVisible()
    summary = load_workbook(path).worksheets[0]
    assert summary["B1"].value == "March 2024"
    rows = {r[0]: r[1:] for r in summary.iter_rows(min_row=2, values_only=True) if r[0]}
    engine = page.ui.app.stats.compare(MARCH)
    assert rows["Consultations"][:3] == (4, 1, 0)  # March, February, March 2023
    assert rows["Consultations"][0] == engine.current.consultations
    assert rows["Households advised"][0] == engine.current.households == 2
    exporter.open_button.click()
    exporter.folder_button.click()
    assert dialogs.opened == [path, out]
    assert dialogs.kinds().count("error") == 0


def test_a_quarter_exports_with_its_dates_and_next_time_the_same_folder_is_offered(
    qtbot: Any, page: ActivityPage, dialogs: Any, out: Path
) -> None:
    page.period_bar.kind.setCurrentIndex(page.period_bar.kind.findData("quarter"))
    assert page.period() == quarter(date(2024, 1, 1))
    dialogs.file_answers.append(str(out / "q1.xlsx"))
    page.export.xlsx_action.trigger()
    _finish(qtbot, page.export)
    summary = load_workbook(out / "q1.xlsx").worksheets[0]
    assert summary["B1"].value == "1 January 2024 to 31 March 2024"
    rows = {r[0]: r[1] for r in summary.iter_rows(min_row=2, values_only=True) if r[0]}
    assert rows["Consultations"] == 5
    page.export.xlsx_action.trigger()  # the dialog is cancelled this time
    suggested = [text for kind, text in dialogs.calls if kind == "save_file"][-1]
    assert Path(suggested) == out / "activity-2024-Q1.xlsx"


def test_pdf_export_is_previewed_in_the_report_language_then_saved_as(
    qtbot: Any, page: ActivityPage, dialogs: Any, out: Path, tmp_path: Path
) -> None:
    exporter = page.export
    assert exporter.language() == "en"  # the UI language by default
    _choose_language(exporter, "fr")
    exporter.pdf_action.trigger()
    dialog = exporter.preview_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.busy and dialog.preview.progress.isVisible() and dialog.cancel_button.isVisible()
    _ready(qtbot, dialog)
    assert dialog.rendered is not None
    assert dialog.preview.document.pageCount() == dialog.rendered.pages >= 1
    assert dialog.preview.status.text() == f"{dialog.rendered.pages} pages"
    assert not dialog.cancel_button.isVisible() and dialog.save_button.isEnabled()
    assert _report_processes() == []  # the worker process is gone
    dialogs.file_answers.append(str(out / "rapport"))  # a bare name: .pdf is added
    dialog.save_button.click()
    suggested = next(text for kind, text in dialogs.calls if kind == "save_file")
    assert Path(suggested).name == "activite-2024-03.pdf"  # a Latin name (D12)
    assert dialog.state == "saved"
    pdf = (out / "rapport.pdf").read_bytes()
    assert pdf == dialog.rendered.pdf
    text = extract(pdf, "fr", tmp_path)
    assert "Rapport mensuel d’activité" in text
    assert "mars 2024" in text
    assert sorted(p.name for p in out.iterdir()) == ["rapport.pdf"]
    assert page.ui.settings.report_folder() == str(out)  # offered next time
    dialog.close()


def test_cancelling_the_file_dialog_writes_nothing(
    qtbot: Any, page: ActivityPage, dialogs: Any, out: Path
) -> None:
    page.export.xlsx_action.trigger()  # no answer prepared: the dialog is cancelled
    assert dialogs.kinds() == ["save_file"]
    assert page.export.state == "idle" and not page.export.isVisible()
    assert list(out.iterdir()) == []


def test_cancel_while_rendering_stops_the_worker(
    qtbot: Any, page: ActivityPage, dialogs: Any, out: Path
) -> None:
    exporter = page.export
    exporter.pdf_action.trigger()
    dialog = exporter.preview_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: _report_processes() != [], timeout=EXPORT_TIMEOUT_MS)
    [worker] = _report_processes()
    assert dialog.state == "rendering"
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.state == "cancelled", timeout=EXPORT_TIMEOUT_MS)
    assert dialog.preview.status.text() == "Cancelled: nothing was rendered."
    assert not dialog.save_button.isEnabled() and not dialog.print_button.isEnabled()
    qtbot.waitUntil(lambda: not worker.is_alive(), timeout=EXPORT_TIMEOUT_MS)
    assert list(out.iterdir()) == [] and dialogs.kinds() == []
    dialog.close()


def test_cancel_while_the_figures_are_computed_starts_nothing(
    qtbot: Any, page: ActivityPage, dialogs: Any, out: Path
) -> None:
    queued: list[tuple[Any, Any, Any]] = []

    class Deferred:
        def run(self, work: Any, done: Any = None, failed: Any = None) -> None:
            queued.append((work, done, failed))

        def shutdown(self) -> None:
            return None

    page.ui.runner = Deferred()
    dialogs.file_answers.append(str(out / "march.xlsx"))
    page.export.xlsx_action.trigger()
    assert page.export.state == "composing"
    page.export.cancel_button.click()
    assert page.export.state == "cancelled" and page.export.pdf_action.isEnabled()
    work, done, _failed = queued.pop()
    done(work())  # the figures arrive after the cancel: dropped
    assert page.export.state == "cancelled"
    assert list(out.iterdir()) == []


def test_an_unwritable_folder_gives_a_clear_message_and_no_file(
    qtbot: Any, page: ActivityPage, dialogs: Any, out: Path
) -> None:
    dialogs.file_answers.append(str(out / "missing" / "march.xlsx"))
    page.export.xlsx_action.trigger()
    _finish(qtbot, page.export)
    [(_kind, text)] = [c for c in dialogs.calls if c[0] == "error"]
    assert plain(text).startswith(f"Cannot write {out / 'missing' / 'march.xlsx'}:")
    assert page.export.state == "failed" and not page.export.isVisible()
    assert list(out.iterdir()) == []


def test_a_crashed_renderer_gives_a_clear_message(
    qtbot: Any, page: ActivityPage, dialogs: Any, out: Path
) -> None:
    def crash(job: Any, cancelled: Any) -> Any:
        raise RenderProcessDiedError("exit code -9")

    page.export.render_pdf = crash
    page.export.pdf_action.trigger()
    dialog = page.export.preview_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.state == "failed", timeout=EXPORT_TIMEOUT_MS)
    assert "rendering process stopped unexpectedly" in dialog.preview.status.text()
    assert not dialog.save_button.isEnabled()
    assert list(out.iterdir()) == []
    dialog.close()
    assert page.export.pdf_action.isEnabled()  # the user can try again


def test_shortcuts_and_menu_reach_the_export(qtbot: Any, page: ActivityPage, dialogs: Any) -> None:
    exporter = page.export
    menu = exporter.button.menu()
    ids = [a.objectName() for a in menu.actions() if a.objectName()]
    assert ids == ["activity.export_pdf", "activity.export_xlsx"]
    assert exporter.pdf_action.shortcut().toString() == "Ctrl+E"
    assert exporter.xlsx_action.shortcut().toString() == "Ctrl+Shift+E"
    assert exporter.button.accessibleName() == "Export report"
    assert exporter.button.focusPolicy() & Qt.FocusPolicy.TabFocus
    page.activateWindow()
    page.period_bar.kind.setFocus()
    qtbot.keyClick(page.period_bar.kind, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = page.export.preview_dialog
    assert dialog is not None and dialog.isVisible()  # Ctrl+E: the PDF preview
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Esc closes it, cancelling the render
    assert not dialog.isVisible()
    page.activateWindow()
    page.period_bar.kind.setFocus()
    qtbot.keyClick(
        page.period_bar.kind,
        Qt.Key.Key_E,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    saved = [Path(text).suffix for kind, text in dialogs.calls if kind == "save_file"]
    assert saved == [".xlsx"]


def test_the_export_button_is_mirrored_in_arabic(qtbot: Any, ui: UiContext, arabic: None) -> None:
    page = ActivityPage(ui, today=lambda: APRIL_2024)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    assert page.isRightToLeft()
    assert page.export.language() == "ar"  # the UI language by default
    button = page.export.button.mapTo(page, QPoint(0, 0)).x()
    period = page.period_bar.mapTo(page, QPoint(0, 0)).x()
    assert button < period  # the period starts on the right, the button ends the row on the left


def test_file_names_are_latin_in_every_language() -> None:
    """An Arabic name showed scrambled in the save dialog's right-to-left field (D12)."""
    from siec_desk.ui.activity.export import suggested_name

    assert suggested_name(MARCH, "pdf", "fr") == "activite-2024-03.pdf"
    assert suggested_name(MARCH, "pdf", "ar") == "activity-2024-03-ar.pdf"
    assert suggested_name(MARCH, "xlsx", "en") == "activity-2024-03.xlsx"
