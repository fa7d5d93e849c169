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
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QPushButton, QSplitter, QWidget

from siec_desk.core.i18n import _
from siec_desk.documents.letters.content import LetterContent
from siec_desk.documents.letters.render import RenderedLetter
from siec_desk.ui.kit.context import UiContext, error_text
from siec_desk.ui.kit.letter_renderer import render_error_text
from siec_desk.ui.widgets.builders import push_button, splitter
from siec_desk.ui.widgets.pdf_preview import PdfPreview


@dataclass(frozen=True)
class Rendition:
    """What the preview shows: made from *key* (e.g. a LetterRequest)."""

    key: Any
    content: LetterContent
    rendered: RenderedLetter


class LetterPreview(PdfPreview):
    """Pages of the newest letter asked for; ``finished(ok)`` after each request (the
    shared :class:`PdfPreview` shows them)."""

    finished = Signal(bool)

    def __init__(self, ui: UiContext, prefix: str, parent: QWidget | None = None) -> None:
        super().__init__(prefix, _("Letter preview"), parent)
        self.ui = ui
        self.current: Rendition | None = None
        self.error = ""
        self._seq = 0
        self._ticket: int | None = None
        self._busy = False

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
        self.load(rendered.pdf)
        self.current = Rendition(key, content, rendered)
        self.error = ""
        self._set_busy(False, self.pages_text(rendered.pages))
        self.finished.emit(True)

    def _failed(self, seq: int, text: str) -> None:
        if self._stale(seq):
            return
        self._ticket = None
        self.error = text
        self._set_busy(False, text, error=True)
        self.finished.emit(False)

    def _set_busy(self, busy: bool, text: str, error: bool = False) -> None:
        self._busy = busy
        self.set_busy(busy, text, error)

    def shutdown(self) -> None:
        """Drop what is under way (the dialog is closing)."""
        self._seq += 1
        if self.ui.renderer is not None:
            self.ui.renderer.cancel(self._ticket)
        self._ticket = None
        self._busy = False


def preview_beside(
    ui: UiContext, prefix: str, form: QWidget, sizes: tuple[int, int]
) -> tuple[LetterPreview, QPushButton, QSplitter]:
    """A live preview to the right of *form* (widths 2:3, *sizes* at first) with its
    "Update preview" button (``<prefix>.update_preview``): the letter dialog's layout and
    the letter settings' one."""
    preview = LetterPreview(ui, prefix)
    button = push_button(_("&Update preview"), f"{prefix}.update_preview")
    button.setAutoDefault(False)
    preview.status_line.insertWidget(0, button)
    split = splitter(Qt.Orientation.Horizontal, (form, 2), (preview, 3))
    split.setSizes(list(sizes))
    return preview, button, split
