"""A letter's live preview: compose on the DB thread, render in the worker, show the PDF.

:class:`LetterPreview` shows the newest of overlapping requests: each request gets a
number, and a result for an older number is dropped. While a letter is being prepared a
busy bar runs above the pages; an error replaces it with a message (the last good pages
stay visible). ``current`` is what the pages show: the request key, the composed content
and the rendered PDF, which the letter dialog saves or prints as is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from siec_desk.i18n import _, ngettext
from siec_desk.letters.content import LetterContent
from siec_desk.letters.render import RenderedLetter
from siec_desk.ui.context import UiContext, error_text
from siec_desk.ui.letter_renderer import render_error_text
from siec_desk.ui.widgets.accessible import tag

_ERROR_STYLE = "color: #b3261e;"


@dataclass(frozen=True)
class Rendition:
    """What the preview shows: made from *key* (e.g. a LetterRequest)."""

    key: Any
    content: LetterContent
    rendered: RenderedLetter


class LetterPreview(QWidget):
    """Pages of the newest letter asked for; ``finished(ok)`` after each request."""

    finished = Signal(bool)

    def __init__(self, ui: UiContext, prefix: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.current: Rendition | None = None
        self.error = ""
        self._seq = 0
        self._ticket: int | None = None
        self._busy = False
        self._buffer: QBuffer | None = None
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        tag(self.view, f"{prefix}.preview", _("Letter preview"))
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # arrows and Page Down scroll
        self.view.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # pages are pages
        self.progress = QProgressBar()
        tag(self.progress, f"{prefix}.preview_busy", _("Preparing the preview"))
        self.progress.setRange(0, 0)  # indeterminate
        self.progress.setTextVisible(False)
        self.progress.setFixedWidth(120)
        self.progress.setMaximumHeight(12)
        self.progress.hide()
        self.status = QLabel()
        tag(self.status, f"{prefix}.preview_status")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status_line = line = QHBoxLayout()
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.progress)
        line.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(line)
        layout.addWidget(self.view, 1)

    @property
    def busy(self) -> bool:
        return self._busy

    def request(self, key: Any, compose: Callable[[], LetterContent], variant: str) -> None:
        """Compose (DB thread) then render (worker) a letter; supersedes older requests."""
        self._seq += 1
        seq = self._seq
        self.ui.letter_renderer().cancel(self._ticket)
        self._ticket = None
        self._set_busy(True, _("Preparing the preview…"))
        self.ui.runner.run(
            compose,
            lambda content: self._composed(seq, key, content, variant),
            lambda exc: self._failed(seq, error_text(exc)),
        )

    def show_message(self, text: str) -> None:
        """No letter to show (e.g. nothing to preview yet): say why."""
        self._seq += 1
        self._set_busy(False, text)

    def _stale(self, seq: int) -> bool:
        """A result for an older request, or for a preview already destroyed."""
        return not shiboken6.isValid(self) or seq != self._seq

    def _composed(self, seq: int, key: Any, content: LetterContent, variant: str) -> None:
        if self._stale(seq):
            return
        self._ticket = self.ui.letter_renderer().render(
            content,
            variant,
            lambda rendered: self._rendered(seq, key, content, rendered),
            lambda exc: self._failed(seq, render_error_text(exc)),
        )

    def _rendered(
        self, seq: int, key: Any, content: LetterContent, rendered: RenderedLetter
    ) -> None:
        if self._stale(seq):
            return
        self._ticket = None
        self._load(rendered.pdf)
        self.current = Rendition(key, content, rendered)
        self.error = ""
        self._set_busy(
            False,
            ngettext("{n} page", "{n} pages", rendered.pages).format(n=rendered.pages),
        )
        self.finished.emit(True)

    def _failed(self, seq: int, text: str) -> None:
        if self._stale(seq):
            return
        self._ticket = None
        self.error = text
        self._set_busy(False, text, error=True)
        self.finished.emit(False)

    def _load(self, pdf: bytes) -> None:
        old = self._buffer
        buffer = QBuffer(self)
        buffer.setData(QByteArray(pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)  # reads from the buffer: keep it alive while shown
        self._buffer = buffer
        if old is not None:
            old.close()
            old.deleteLater()

    def _set_busy(self, busy: bool, text: str, error: bool = False) -> None:
        self._busy = busy
        self.progress.setVisible(busy)
        self.status.setText(text)
        self.status.setStyleSheet(_ERROR_STYLE if error else "")
        self.status.setAccessibleName(text)

    def shutdown(self) -> None:
        """Drop what is under way (the dialog is closing)."""
        self._seq += 1
        if self.ui.renderer is not None:
            self.ui.renderer.cancel(self._ticket)
        self._ticket = None
        self._busy = False
