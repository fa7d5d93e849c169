"""The pages of a rendered PDF, with a busy bar and a status line above them (QtPdf).

One widget for every preview: the letter dialog and the letter settings
(``views.letter_preview``), and the documents' preview dialog (``views.document_preview``:
activity report, rights export, network report). It only shows: what to render, and when,
is the caller's business.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from siec_desk.core.i18n import _, ngettext
from siec_desk.ui.widgets.accessible import tag

ERROR_STYLE = "color: #b3261e;"


class PdfPreview(QWidget):
    """``document`` (QPdfDocument) shown in ``view``; ``status_line`` holds the busy bar
    and the status text (callers may insert buttons in it)."""

    def __init__(self, prefix: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._buffer: QBuffer | None = None
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        tag(self.view, f"{prefix}.preview", name)
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

    def load(self, pdf: bytes) -> int:
        """Show *pdf* (the last good pages stay until then); its page count."""
        old = self._buffer
        buffer = QBuffer(self)
        buffer.setData(QByteArray(pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)  # reads from the buffer: keep it alive while shown
        self._buffer = buffer
        if old is not None:
            old.close()
            old.deleteLater()
        return self.document.pageCount()

    @staticmethod
    def pages_text(pages: int) -> str:
        return ngettext("{n} page", "{n} pages", pages).format(n=pages)

    def set_busy(self, busy: bool, text: str, error: bool = False) -> None:
        self.progress.setVisible(busy)
        self.status.setText(text)
        self.status.setStyleSheet(ERROR_STYLE if error else "")
        self.status.setAccessibleName(text)
