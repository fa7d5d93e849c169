"""The recommendation letter of one consultation: adjust the texts, preview, save, print.

Opened from the consultation editor (Ctrl+L), the consultations list and a household's
timeline ("Generate again"). :func:`open_letter` first asks the letter service for the
household's letter language: a consultation without household gets the service's
message and no dialog. The texts start as the letter language's defaults; switching the
language replaces the texts the advisor has not touched. The preview is composed on the
DB thread and rendered in the letter worker; it updates shortly after typing stops.
"Save letter" and "Print…" use exactly the PDF the preview shows, rendering it first
when the form changed since.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QTextOption
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from siec_desk.core.formatting import ltr
from siec_desk.core.i18n import _
from siec_desk.documents.letters.compose import LETTER_LANGUAGES
from siec_desk.documents.letters.inputs import FreeTexts
from siec_desk.services.letter_types import LetterRecord, LetterRequest
from siec_desk.texts.labels import LANGUAGES
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.letters.preview import preview_beside
from siec_desk.ui.letters.printing import print_document
from siec_desk.ui.letters.send_dialog import open_send_dialog
from siec_desk.ui.letters.sharing import save_copy_as, share_buttons
from siec_desk.ui.letters.start import LetterStart, default_texts, letter_start
from siec_desk.ui.widgets.accessible import labelled, tag
from siec_desk.ui.widgets.builders import debounce_timer, push_button, tab_chain, text_label
from siec_desk.ui.widgets.code_combo import CodeCombo
from siec_desk.ui.widgets.parameters_warning import parameters_warning

#: Quiet time after the last keystroke before the preview is made again.
PREVIEW_DELAY_MS = 700
_SAVED_STYLE = "color: #1b5e20;"


def open_letter(ui: UiContext, consultation_id: int, parent: QWidget | None) -> None:
    """Open the letter dialog of a consultation, or say why there cannot be a letter."""
    ui.runner.run(
        lambda: letter_start(ui, consultation_id, None),
        lambda start: show_letter_dialog(ui, start, parent),
        ui.show_error,
    )


def open_regeneration(ui: UiContext, letter_id: int, parent: QWidget | None) -> None:
    """Open the letter dialog prefilled as an archived letter was made."""

    def work() -> LetterStart:
        request = ui.app.letters.regeneration(letter_id)
        return letter_start(ui, request.consultation_id, request)

    ui.runner.run(work, lambda start: show_letter_dialog(ui, start, parent), ui.show_error)


def show_letter_dialog(ui: UiContext, start: LetterStart, parent: QWidget | None) -> LetterDialog:
    dialog = LetterDialog(ui, start, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


class LetterDialog(QDialog):
    def __init__(self, ui: UiContext, start: LetterStart, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.start = start
        self.saved: LetterRecord | None = None
        self._saved_key: LetterRequest | None = None
        self._requested: LetterRequest | None = None
        self._after: str | None = None  # "save" or "print" once the preview is current
        self._saving = False
        self._language = start.language
        tag(self, "letter.dialog")
        name = start.household_name or _("(no name)")
        self.setWindowTitle(_("Letter — {household}").format(household=name))
        self.timer = debounce_timer(self, PREVIEW_DELAY_MS, self.update_preview)
        self._build()
        self.heading.setText(self.windowTitle())
        self._fill(start)
        self._connect()
        self.resize(1180, 800)
        self.update_preview()

    # -- building --------------------------------------------------------------------
    def _build(self) -> None:
        self.language = CodeCombo(LANGUAGES, codes=list(LETTER_LANGUAGES))
        self.pdfa = QCheckBox(_("PDF/&A for archiving"))
        tag(self.pdfa, "letter.pdfa")
        self.pdfa.setToolTip(_("PDF/A-3b: the format for long-term archives."))
        self.opening = _text_box()
        self.findings = _text_box()
        self.findings.setPlaceholderText(_("What you observed during the visit (optional)"))
        self.closing = _text_box()
        form = QWidget()
        column = QVBoxLayout(form)
        column.setContentsMargins(0, 0, 0, 0)
        self.heading = text_label("letter.heading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.heading.setFont(font)
        column.addWidget(self.heading)
        self.parameters_warning = parameters_warning(self.ui.app, "letter.parameters_warning")
        column.addWidget(self.parameters_warning)
        language_row = QHBoxLayout()
        language_row.addWidget(labelled(_("&Language"), self.language, "letter.language"))
        language_row.addWidget(self.language)
        language_row.addSpacing(16)
        language_row.addWidget(self.pdfa)
        language_row.addStretch(1)
        column.addLayout(language_row)
        self.findings_label = labelled(_("&Findings"), self.findings, "letter.findings")
        for label, box in (
            (labelled(_("&Opening"), self.opening, "letter.opening"), self.opening),
            (self.findings_label, self.findings),
            (labelled(_("Closin&g"), self.closing, "letter.closing"), self.closing),
        ):
            column.addWidget(label)
            column.addWidget(box, 1)
        self.hint = text_label(
            "letter.hint",
            _("The preview follows your changes after a short pause."),
            plain=False,
            style="color: palette(placeholder-text);",
        )
        column.addWidget(self.hint)
        form.setMinimumWidth(360)

        self.preview, self.update_button, split = preview_beside(
            self.ui, "letter", form, (460, 700)
        )

        self.saved_label = text_label("letter.saved", style=_SAVED_STYLE)
        self.saved_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.save_button = push_button(
            _("&Save letter"), "letter.save", _("Save letter"), on_click=self.save
        )
        self.save_button.setDefault(True)
        self.print_button = push_button(
            _("&Print…"), "letter.print", _("Print"), on_click=self.print_letter
        )
        self.print_button.setAutoDefault(False)
        self.folder_button = push_button(
            _("Open fold&er"), "letter.open_folder", _("Open folder"), on_click=self.open_folder
        )
        self.folder_button.setAutoDefault(False)
        self.folder_button.setEnabled(False)
        self.folder_button.setToolTip(_("Show the archive folder of the saved letter."))
        self.save_as_button, self.email_button = share_buttons(
            "letter", lambda: self._share(save_copy_as), lambda: self._share(open_send_dialog)
        )
        self.close_button = push_button(
            _("Close"), "letter.close", _("Close"), on_click=self.reject
        )
        self.close_button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.saved_label, 1)
        shared = (self.save_as_button, self.email_button)
        for button in (self.save_button, self.print_button, self.folder_button, *shared):
            buttons.addWidget(button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self.save)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self, self.print_letter)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.update_preview)
        tab_chain(
            self.language,
            self.pdfa,
            self.opening,
            self.findings,
            self.closing,
            self.update_button,
            self.preview.view,
            self.save_button,
            self.print_button,
            self.folder_button,
            self.save_as_button,
            self.email_button,
            self.close_button,
        )

    def _fill(self, start: LetterStart) -> None:
        self.language.set_code(start.language)
        self.pdfa.setChecked(start.variant == "pdfa")
        opening, closing = default_texts(start.language, start.with_measures)
        self.opening.setPlainText(start.texts.opening or opening)
        self.closing.setPlainText(start.texts.closing or closing)
        self.findings.setPlainText(start.texts.findings or "")
        home_visit = start.mode == "home_visit"
        self.findings.setVisible(home_visit)
        self.findings_label.setVisible(home_visit)
        self._apply_direction(start.language)

    def _connect(self) -> None:
        self.language.currentIndexChanged.connect(lambda _i: self._language_changed())
        self.pdfa.toggled.connect(lambda _on: self._changed(at_once=True))
        for box in (self.opening, self.findings, self.closing):
            box.textChanged.connect(self._changed)
        self.update_button.clicked.connect(self.update_preview)
        self.preview.finished.connect(self._preview_finished)

    # -- the form --------------------------------------------------------------------
    def letter_language(self) -> str:
        return self.language.code() or self.start.language

    def request(self) -> LetterRequest:
        """What the form asks for; a text equal to its default is sent as None."""
        opening, closing = default_texts(self.letter_language(), self.start.with_measures)

        def chosen(box: QPlainTextEdit, default: str) -> str | None:
            text = box.toPlainText().strip()
            return text if text and text != default.strip() else None

        findings = self.findings.toPlainText().strip() if self.findings.isVisibleTo(self) else ""
        return LetterRequest(
            consultation_id=self.start.consultation_id,
            language=self.letter_language(),
            texts=FreeTexts(
                opening=chosen(self.opening, opening),
                findings=findings or None,
                closing=chosen(self.closing, closing),
            ),
            variant="pdfa" if self.pdfa.isChecked() else "tagged",
            advisor_id=self.ui.advisor_id,
        )

    def _language_changed(self) -> None:
        new = self.letter_language()
        old_opening, old_closing = default_texts(self._language, self.start.with_measures)
        opening, closing = default_texts(new, self.start.with_measures)
        for box, old, fresh in (
            (self.opening, old_opening, opening),
            (self.closing, old_closing, closing),
        ):
            if box.toPlainText().strip() in ("", old.strip()):
                box.blockSignals(True)
                box.setPlainText(fresh)
                box.blockSignals(False)
        self._language = new
        self._apply_direction(new)
        self._changed(at_once=True)

    def _apply_direction(self, language: str) -> None:
        """The text boxes read in the letter's direction, whatever the UI's."""
        direction = (
            Qt.LayoutDirection.RightToLeft if language == "ar" else Qt.LayoutDirection.LeftToRight
        )
        for box in (self.opening, self.findings, self.closing):
            box.setLayoutDirection(direction)
            option = box.document().defaultTextOption()
            option.setTextDirection(direction)
            option.setAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignAbsolute)
            box.document().setDefaultTextOption(option)

    def _changed(self, at_once: bool = False) -> None:
        self._update_buttons()
        if at_once:
            self.update_preview()
        else:
            self.timer.start()

    def _update_buttons(self) -> None:
        self.save_button.setEnabled(not self._saving and self.request() != self._saved_key)

    # -- preview -----------------------------------------------------------------------
    def update_preview(self) -> None:
        self.timer.stop()
        request = self._requested = self.request()
        letters = self.ui.app.letters
        self.preview.request(request, lambda: letters.compose(request), request.variant)

    def _preview_finished(self, ok: bool) -> None:
        action, self._after = self._after, None
        if action is None:
            return
        if not ok:
            if action == "save":
                self._saving = False  # nothing was written
            self._update_buttons()
            self.ui.dialogs.error(self.windowTitle(), self.preview.error)
            return
        self._when_current(action)

    def _when_current(self, action: str) -> None:
        """Do *action* with the PDF of the form as it is now (render it first if needed)."""
        request = self.request()
        current = self.preview.current
        if current is not None and current.key == request and not self.preview.busy:
            if action == "save":
                self._record()
            else:
                self._print()
            return
        self._after = action
        if not (self.preview.busy and self._requested == request):
            self.update_preview()

    # -- actions -----------------------------------------------------------------------
    def save(self) -> None:
        if self._saving or not self.save_button.isEnabled():
            return
        self._saving = True
        self._update_buttons()
        self._when_current("save")

    def _record(self) -> None:
        current = self.preview.current
        assert current is not None
        request, content, rendered = current.key, current.content, current.rendered
        letters = self.ui.app.letters
        self.ui.runner.run(
            lambda: letters.record(request, content, rendered),
            lambda record: self._saved(request, record),
            self._save_failed,
        )

    def _saved(self, request: LetterRequest, record: LetterRecord) -> None:
        self.ui.events.letters_changed.emit(record.household_id)
        if not shiboken6.isValid(self):
            return
        self._saving = False
        self.saved = record
        self._saved_key = request
        self.saved_label.setText(
            _("Letter saved in the archive: {path}").format(path=ltr(str(record.path)))
        )
        self.saved_label.setAccessibleName(self.saved_label.text())
        for button in (self.folder_button, self.save_as_button, self.email_button):
            button.setEnabled(True)
        self._update_buttons()

    def _save_failed(self, exc: Exception) -> None:
        if not shiboken6.isValid(self):
            self.ui.show_error(exc)
            return
        self._saving = False
        self._update_buttons()
        self.ui.show_error(exc)

    def print_letter(self) -> None:
        self._when_current("print")

    def _print(self) -> None:
        printer = self.ui.dialogs.choose_printer(_("Print letter"))
        if printer is None:
            return
        if print_document(self.preview.document, printer) == 0:
            self.ui.dialogs.error(self.windowTitle(), _("The letter could not be printed."))

    def _share(self, action: Callable[[UiContext, int, QWidget | None], None]) -> None:
        """Save as… or Send by e-mail… the letter saved last (the archived file)."""
        if self.saved is not None:
            action(self.ui, self.saved.id, self)

    def open_folder(self) -> None:
        if self.saved is None:
            return
        folder = self.saved.path.parent
        if not self.ui.dialogs.open_path(folder):
            self.ui.dialogs.error(
                self.windowTitle(),
                _("The folder {folder} could not be opened.").format(folder=ltr(str(folder))),
            )

    # -- closing -----------------------------------------------------------------------
    def reject(self) -> None:
        if self._saving:
            return  # the letter is being written: a moment
        super().reject()

    def done(self, result: int) -> None:
        self.timer.stop()
        self._after = None
        self.preview.shutdown()
        super().done(result)


def _text_box() -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    box.setMinimumHeight(90)
    return box
