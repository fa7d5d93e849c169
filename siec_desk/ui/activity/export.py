"""The Activity page's report export: the period shown, as a PDF or an Excel workbook.

*PDF*: a preview dialog (``document_preview``) composes the figures on the DB thread,
renders them in the document worker's process (WeasyPrint never loads in the GUI
process) with a busy bar and Cancel, then shows the pages with Save as…, Print… and Close.
*Excel*: the file name is asked first; the figures are composed on the DB thread
(``reports.monthly``); ``reports.export`` then builds and writes the file on a thread of
its own. A strip under the period bar shows a busy bar and Cancel while it runs, then
Open / Open folder.

File names are Latin (``activite-2026-11.pdf``, ``activity-2026-11-ar.pdf``): an Arabic
name shows scrambled in the file dialog's right-to-left field and travels badly.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt, Signal, Slot
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMenu,
    QProgressBar,
    QStyle,
    QToolButton,
    QWidget,
)

from siec_desk.core import i18n
from siec_desk.core.formatting import ltr
from siec_desk.core.i18n import _, language_override, pgettext
from siec_desk.documents.activity_report.compose import REPORT_LANGUAGES
from siec_desk.documents.activity_report.content import ReportContent
from siec_desk.documents.activity_report.export import (
    ExportCancelledError,
    ReportExport,
    report_job,
    write_file,
)
from siec_desk.documents.engine.worker import render_in_process
from siec_desk.domain.activity_period import Period
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.kit.document_preview import (
    DocumentPreviewDialog,
    open_preview,
    rendering_error_text,
)
from siec_desk.ui.widgets.accessible import tag
from siec_desk.ui.widgets.builders import push_button, text_label

SHORTCUTS = {"pdf": "Ctrl+E", "xlsx": "Ctrl+Shift+E"}
LANGUAGE_NAMES = {"fr": "Français", "ar": "العربية", "en": "English"}  # endonyms


def suggested_name(period: Period, fmt: str, language: str) -> str:
    """``activite-2024-03.pdf``: a translated prefix and the period's code; a prefix
    that is not plain Latin (Arabic) gives ``activity-2024-03-ar.pdf``."""
    with language_override(language):
        prefix = pgettext("report file name", "activity")
    code = period.code().replace("..", "_")
    if not (prefix.isascii() and prefix.replace("-", "").isalnum()):
        return f"activity-{code}-{language}.{fmt}"
    return f"{prefix}-{code}.{fmt}"


def with_suffix(path: Path, fmt: str) -> Path:
    """*path* ending in ``.pdf`` or ``.xlsx`` (added when the user typed a bare name)."""
    return path if path.suffix.lower() == f".{fmt}" else path.with_name(f"{path.name}.{fmt}")


class ReportExporter(QWidget):
    """The export strip (hidden while idle); ``button`` goes in the page's top row.

    ``state`` is idle, composing, rendering, cancelling, saved, cancelled or failed.
    """

    _finished = Signal(int, object, object)  # ticket, path | None, error | None

    def __init__(self, ui: UiContext, period: Callable[[], Period], page: QWidget) -> None:
        super().__init__(page)
        self.ui = ui
        self._period = period
        self.state = "idle"
        self.saved: Path | None = None
        self._ticket = 0
        self._job: ReportExport | None = None
        self._thread: threading.Thread | None = None
        self.preview_dialog: DocumentPreviewDialog | None = None
        #: How the preview renders (the document worker; tests may replace it).
        self.render_pdf = render_in_process
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

        self.pdf_action = self._action(_("As &PDF…"), "pdf", page)
        self.xlsx_action = self._action(_("As &Excel workbook…"), "xlsx", page)
        menu = QMenu(page)
        menu.setObjectName("activity.export_menu")
        menu.addAction(self.pdf_action)
        menu.addAction(self.xlsx_action)
        menu.addSeparator()
        languages = menu.addMenu(_("Report &language"))
        self.languages = QActionGroup(self)
        default = i18n.current_language()
        for code in REPORT_LANGUAGES:
            action = languages.addAction(LANGUAGE_NAMES[code])
            action.setObjectName(f"activity.export_language.{code}")
            action.setData(code)
            action.setCheckable(True)
            action.setChecked(code == default)
            self.languages.addAction(action)
        self.button = QToolButton()
        self.button.setText(_("Exp&ort report"))
        tag(self.button, "activity.export", _("Export report"))
        self.button.setToolTip(
            _("The report of the period shown: PDF ({pdf}) or Excel ({xlsx})").format(
                pdf=_native(SHORTCUTS["pdf"]), xlsx=_native(SHORTCUTS["xlsx"])
            )
        )
        self.button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_DialogSaveButton))
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.button.setMenu(menu)
        self.button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self.progress = QProgressBar()
        tag(self.progress, "activity.export_progress", _("Exporting the report"))
        self.progress.setRange(0, 0)  # busy: the steps have no measurable size
        self.progress.setTextVisible(False)
        self.progress.setFixedWidth(120)
        self.progress.setMaximumHeight(12)
        self.message = text_label("activity.export_status", wrap=False)
        self.cancel_button = push_button(
            _("Cancel"), "activity.export_cancel", _("Cancel the export"), on_click=self.cancel
        )
        self.open_button = push_button(
            _("Open the report"),
            "activity.export_open",
            _("Open the report"),
            on_click=self.open_report,
        )
        self.folder_button = push_button(
            _("Open folder"), "activity.export_folder", _("Open folder"), on_click=self.open_folder
        )
        self.dismiss_button = QToolButton()
        self.dismiss_button.setIcon(
            self.style().standardIcon(QStyle.StandardPixmap.SP_TitleBarCloseButton)
        )
        tag(self.dismiss_button, "activity.export_dismiss", _("Hide this message"))
        self.dismiss_button.setToolTip(_("Hide this message"))
        self.dismiss_button.setAutoRaise(True)
        self.dismiss_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        for widget in (self.cancel_button, self.open_button, self.folder_button):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.dismiss_button)
        self.hide()
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    def _action(self, text: str, fmt: str, page: QWidget) -> QAction:
        action = QAction(text, page)
        action.setObjectName(f"activity.export_{fmt}")
        action.setShortcut(QKeySequence(SHORTCUTS[fmt]))
        action.triggered.connect(lambda _checked=False: self.export(fmt))
        page.addAction(action)  # the shortcut works while the page is shown
        return action

    # -- state -----------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self.state in ("composing", "rendering", "cancelling")

    def language(self) -> str:
        checked = self.languages.checkedAction()
        return str(checked.data()) if checked is not None else i18n.current_language()

    def _show(self, state: str, text: str) -> None:
        self.state = state
        busy = self.busy
        self.pdf_action.setEnabled(not busy)
        self.xlsx_action.setEnabled(not busy)
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.cancel_button.setEnabled(state != "cancelling")
        self.open_button.setVisible(state == "saved")
        self.folder_button.setVisible(state == "saved")
        self.dismiss_button.setVisible(not busy)
        self.message.setText(text)
        self.message.setAccessibleName(text)
        self.message.setToolTip("")
        self.setVisible(state not in ("idle", "failed"))

    # -- export ----------------------------------------------------------------------------
    def export(self, fmt: str) -> None:
        """Ask where, then compose, render and write the report of the period shown."""
        if self.busy:
            return
        if fmt == "pdf":
            self.preview()
            return
        period, language = self._period(), self.language()
        filters = _("PDF documents (*.pdf)") if fmt == "pdf" else _("Excel workbooks (*.xlsx)")
        chosen = self.ui.dialogs.save_file(
            _("Export report"),
            str(self._folder() / suggested_name(period, fmt, language)),
            filters,
        )
        if not chosen:
            return
        path = with_suffix(Path(chosen), fmt)
        self.ui.settings.set_report_folder(str(path.parent))
        self._ticket += 1
        ticket = self._ticket
        self.saved = None
        self._show("composing", _("Computing the figures…"))
        self.cancel_button.setFocus()
        reports = self.ui.app.reports
        self.ui.runner.run(
            lambda: reports.monthly(period, language),
            lambda content: self._composed(ticket, content, fmt, path),
            lambda exc: self._deliver(ticket, None, exc),
        )

    def preview(self) -> DocumentPreviewDialog:
        """The PDF report of the period shown, in a preview dialog (Save as…, Print…)."""
        period, language = self._period(), self.language()
        reports, settings = self.ui.app.reports, self.ui.settings

        def save(path: Path, pdf: bytes) -> Path:
            write_file(path, pdf)
            settings.set_report_folder(str(path.parent))
            return path

        self.preview_dialog = open_preview(
            DocumentPreviewDialog(
                self.ui,
                "activity.report",
                _("Activity report"),
                lambda: report_job(reports.monthly(period, language)),
                self._folder() / suggested_name(period, "pdf", language),
                save,
                self.window(),
                render=self.render_pdf,
            )
        )
        return self.preview_dialog

    def _folder(self) -> Path:
        remembered = self.ui.settings.report_folder()
        if remembered and Path(remembered).is_dir():
            return Path(remembered)
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        return Path(documents) if documents and Path(documents).is_dir() else Path.home()

    def _composed(self, ticket: int, content: ReportContent, fmt: str, path: Path) -> None:
        if ticket != self._ticket:
            return  # cancelled while the figures were being computed
        job = ReportExport(content, fmt, path)
        self._job = job
        self._show(
            "rendering",
            _("Rendering the PDF…") if fmt == "pdf" else _("Building the workbook…"),
        )
        self._thread = threading.Thread(
            target=self._work, args=(ticket, job), name="siec-desk-report-export", daemon=True
        )
        self._thread.start()

    def _work(self, ticket: int, job: ReportExport) -> None:
        """On the export thread: run the job, hand the outcome to the GUI thread."""
        outcome: tuple[Path | None, Exception | None]
        try:
            outcome = (job.run(), None)
        except ExportCancelledError:
            outcome = (None, None)
        except Exception as exc:
            outcome = (None, exc)
        with contextlib.suppress(RuntimeError):  # the page is gone (application closing)
            self._finished.emit(ticket, *outcome)

    @Slot(int, object, object)
    def _deliver(self, ticket: int, path: Any, error: Any) -> None:
        if ticket != self._ticket:
            return
        self._job = None
        if error is not None:
            self._show("failed", "")
            self.ui.dialogs.error(_("Export report"), self._error_text(error))
        elif path is None:
            self._show("cancelled", _("Export cancelled: nothing was saved."))
            self.dismiss_button.setFocus()
        else:
            self.saved = path
            self._show("saved", _("Report saved: {file}").format(file=ltr(path.name)))
            self.message.setToolTip(ltr(str(path)))
            self.open_button.setFocus()

    @staticmethod
    def _error_text(error: Exception) -> str:
        return rendering_error_text(
            error,
            _(
                "The report could not be rendered: the rendering process stopped "
                "unexpectedly. Please try again."
            ),
        )

    def cancel(self) -> None:
        """Stop the export under way; nothing is written (unless the file is already saved)."""
        if self.state == "composing":
            self._ticket += 1  # the figures are dropped when they arrive
            self._show("cancelled", _("Export cancelled: nothing was saved."))
            self.dismiss_button.setFocus()
        elif self.state == "rendering" and self._job is not None and self._job.cancel():
            self._show("cancelling", _("Cancelling…"))

    # -- after saving ----------------------------------------------------------------------
    def open_report(self) -> None:
        if self.saved is not None and not self.ui.dialogs.open_path(self.saved):
            self.ui.dialogs.error(
                _("Export report"),
                _("The file {path} could not be opened.").format(path=ltr(str(self.saved))),
            )

    def open_folder(self) -> None:
        if self.saved is None:
            return
        folder = self.saved.parent
        if not self.ui.dialogs.open_path(folder):
            self.ui.dialogs.error(
                _("Export report"),
                _("The folder {folder} could not be opened.").format(folder=ltr(str(folder))),
            )

    def shutdown(self) -> None:
        """Stop an export under way and wait for its thread (closing, tests)."""
        if self._job is not None:
            self._job.cancel()
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None


def _native(sequence: str) -> str:
    return QKeySequence(sequence).toString(QKeySequence.SequenceFormat.NativeText)
