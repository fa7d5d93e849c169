"""A document's preview before it is saved or printed: the activity report, a household's
readable export, the network report.

The content is composed on the DB thread (*compose* returns a ``documents.worker``
job); the document worker renders it in a process of its own, waited for on a thread of
the dialog's, so neither the GUI nor the DB thread ever runs WeasyPrint. A busy bar and
Cancel show while it renders; then the pages (:class:`PdfPreview`), *Save as…* (the file
asked, then written on the DB thread by *save*), *Print…* and *Close*. Closing cancels a
render under way (its process is terminated).
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from siec_desk.core.formatting import ltr
from siec_desk.core.i18n import _
from siec_desk.documents.engine.pdf import RenderedPdf
from siec_desk.documents.engine.worker import (
    DocumentJob,
    RenderCancelledError,
    RenderProcessDiedError,
    render_in_process,
)
from siec_desk.ui.kit.context import UiContext, error_text
from siec_desk.ui.letters.printing import print_document
from siec_desk.ui.widgets.accessible import tag
from siec_desk.ui.widgets.builders import button_row, push_button, tab_chain
from siec_desk.ui.widgets.pdf_preview import PdfPreview

log = logging.getLogger(__name__)

#: Renders a job (in a process of its own), raising RenderCancelledError once cancelled.
Render = Callable[[DocumentJob, threading.Event], RenderedPdf]


def rendering_error_text(error: Exception, died: str) -> str:
    """What to tell the user when rendering failed: *died* if the rendering process
    stopped (logged with its cause), else the error's own text."""
    if isinstance(error, RenderProcessDiedError):
        log.error("rendering process died", exc_info=error)
        return died
    return error_text(error)


def with_pdf_suffix(path: Path) -> Path:
    return path if path.suffix.lower() == ".pdf" else path.with_name(f"{path.name}.pdf")


class DocumentPreviewDialog(QDialog):
    """``state``: composing, rendering, ready, cancelled, failed, saving, saved."""

    _rendered = Signal(int, object, object)  # ticket, RenderedPdf | None, error | None

    def __init__(
        self,
        ui: UiContext,
        prefix: str,
        title: str,
        compose: Callable[[], DocumentJob],
        suggested: Path,
        save: Callable[[Path, bytes], Any],
        parent: QWidget | None = None,
        render: Render = render_in_process,
    ) -> None:
        super().__init__(parent)
        tag(self, f"{prefix}.preview_dialog", title)
        self.setWindowTitle(title)
        self.ui = ui
        self.state = "composing"
        self.rendered: RenderedPdf | None = None
        self.saved: Path | None = None
        self._compose = compose
        self._suggested = suggested
        self._save = save
        self._render = render
        self._ticket = 0
        self._cancelled = threading.Event()
        self._thread: threading.Thread | None = None
        self._rendered.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

        self.preview = PdfPreview(prefix, _("Preview of {title}").format(title=title), self)
        self.cancel_button = push_button(
            _("&Cancel"),
            f"{prefix}.preview_cancel",
            _("Cancel the rendering"),
            on_click=self.cancel,
        )
        self.preview.status_line.addWidget(self.cancel_button)
        self.save_button = push_button(
            _("&Save as…"), f"{prefix}.preview_save", _("Save as"), on_click=self.save_as
        )
        self.print_button = push_button(
            _("&Print…"), f"{prefix}.preview_print", _("Print"), on_click=self.print_document
        )
        self.close_button = push_button(
            _("Close"), f"{prefix}.preview_close", _("Close"), on_click=self.reject
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addLayout(
            button_row(self.close_button, leading=[self.save_button, self.print_button])
        )
        tab_chain(
            self.cancel_button,
            self.preview.view,
            self.save_button,
            self.print_button,
            self.close_button,
        )
        self.resize(760, 900)
        self._show_state("composing", _("Computing the figures…"))

    # -- rendering ---------------------------------------------------------------------
    def start(self) -> None:
        """Compose (DB thread), then render (document worker); call once, after showing."""
        self._ticket += 1
        ticket = self._ticket
        self._show_state("composing", _("Computing the figures…"))
        self.cancel_button.setFocus()
        self.ui.runner.run(
            self._compose,
            lambda job: self._composed(ticket, job),
            lambda exc: self._deliver(ticket, None, exc),
        )

    def _composed(self, ticket: int, job: DocumentJob) -> None:
        if not shiboken6.isValid(self) or ticket != self._ticket:
            return  # cancelled or closed while composing
        self._show_state("rendering", _("Rendering the PDF…"))
        cancelled = self._cancelled = threading.Event()
        self._thread = threading.Thread(
            target=self._work, args=(ticket, job, cancelled), name="siec-desk-preview", daemon=True
        )
        self._thread.start()

    def _work(self, ticket: int, job: DocumentJob, cancelled: threading.Event) -> None:
        """On the dialog's thread: wait for the worker, hand the outcome to the GUI."""
        outcome: tuple[RenderedPdf | None, Exception | None]
        try:
            outcome = (self._render(job, cancelled), None)
        except RenderCancelledError:
            outcome = (None, None)
        except Exception as exc:
            outcome = (None, exc)
        with contextlib.suppress(RuntimeError):  # the dialog is gone
            self._rendered.emit(ticket, *outcome)

    @Slot(int, object, object)
    def _deliver(self, ticket: int, rendered: Any, error: Any) -> None:
        if not shiboken6.isValid(self) or ticket != self._ticket:
            return
        if error is not None:
            self._show_state("failed", self._error_text(error), error=True)
        elif rendered is None:
            self._show_state("cancelled", _("Cancelled: nothing was rendered."))
        else:
            self.rendered = rendered
            self.preview.load(rendered.pdf)
            self._show_state("ready", self.preview.pages_text(rendered.pages))
            self.save_button.setFocus()

    @staticmethod
    def _error_text(error: Exception) -> str:
        return rendering_error_text(
            error,
            _(
                "The document could not be rendered: the rendering process stopped "
                "unexpectedly. Please try again."
            ),
        )

    def cancel(self) -> None:
        """Stop the rendering under way (its process is terminated)."""
        if self.state == "composing":
            self._ticket += 1  # the content is dropped when it arrives
            self._show_state("cancelled", _("Cancelled: nothing was rendered."))
        elif self.state == "rendering":
            self._cancelled.set()
            self._show_state("rendering", _("Cancelling…"))
            self.cancel_button.setEnabled(False)

    @property
    def busy(self) -> bool:
        return self.state in ("composing", "rendering", "saving")

    def _show_state(self, state: str, text: str, error: bool = False) -> None:
        self.state = state
        rendering = state in ("composing", "rendering")
        self.preview.set_busy(self.busy, text, error)
        self.cancel_button.setVisible(rendering)
        self.cancel_button.setEnabled(rendering)
        ready = self.rendered is not None and not self.busy
        self.save_button.setEnabled(ready)
        self.print_button.setEnabled(ready)

    # -- saving and printing -----------------------------------------------------------
    def save_as(self) -> None:
        if self.rendered is None or self.busy:
            return
        chosen = self.ui.dialogs.save_file(
            _("Save as"), str(self._suggested), _("PDF documents (*.pdf)")
        )
        if not chosen:
            return
        path = with_pdf_suffix(Path(chosen))
        pdf, save = self.rendered.pdf, self._save
        pages = self.rendered.pages
        self._show_state("saving", _("Saving…"))
        self.ui.runner.run(
            lambda: save(path, pdf),
            lambda _result: self._saved(path, pages),
            self._save_failed,
        )

    def _saved(self, path: Path, pages: int) -> None:
        if not shiboken6.isValid(self):
            return
        self.saved = path
        self._suggested = path
        self._show_state("saved", _("Saved: {file}").format(file=ltr(str(path))))
        self.preview.status.setToolTip(self.preview.pages_text(pages))

    def _save_failed(self, exc: Exception) -> None:
        if shiboken6.isValid(self):
            self._show_state("ready", self.preview.pages_text(self.preview.document.pageCount()))
        self.ui.show_error(exc)

    def print_document(self) -> None:
        if self.rendered is None or self.busy:
            return
        printer = self.ui.dialogs.choose_printer(_("Print"))
        if printer is None:
            return
        if print_document(self.preview.document, printer) == 0:
            self.ui.dialogs.error(self.windowTitle(), _("The document could not be printed."))

    # -- closing -----------------------------------------------------------------------
    def done(self, result: int) -> None:
        self.shutdown()
        super().done(result)

    def shutdown(self) -> None:
        """Cancel a render under way and wait for its thread (closing, tests)."""
        self._ticket += 1
        self._cancelled.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None


def open_preview(dialog: DocumentPreviewDialog) -> DocumentPreviewDialog:
    """Show *dialog* (window-modal, without blocking) and start rendering."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    dialog.start()
    return dialog
