"""Send by e-mail…: an archived letter (or attestation) to the household, PDF attached.

Opened from the letter dialog once the letter is saved and from a household's timeline.
The recipient starts as the household's e-mail (editable; a line says when it has none);
the subject and the text are shown as they will be sent, in the letter's language and
direction. *Send* prepares the message on the DB thread (address, settings, password and
archive checked first: one line if something is wrong), hands it to the server on a
thread of its own (busy bar; the desk never freezes; at most 20 seconds), then records
the sending on the DB thread. A failure says which in one line; nothing is recorded.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from siec_desk.core.formatting import isolate, ltr
from siec_desk.core.i18n import _
from siec_desk.services.mail.service import Outgoing, SendResult, SendStart
from siec_desk.ui.kit.context import UiContext, error_text
from siec_desk.ui.letters.mail_worker import MailWorker
from siec_desk.ui.widgets.accessible import labelled, tag
from siec_desk.ui.widgets.builders import button_row, push_button, tab_chain, text_label

_OK_STYLE = "color: #1b5e20;"
_ERROR_STYLE = "color: #b00020;"


def open_send_dialog(ui: UiContext, letter_id: int, parent: QWidget | None) -> None:
    """Open the dialog for an archived letter (its data read on the DB thread)."""
    mail = ui.app.mail
    ui.runner.run(
        lambda: mail.start(letter_id),
        lambda start: _show(ui, start, parent),
        ui.show_error,
    )


def _show(ui: UiContext, start: SendStart, parent: QWidget | None) -> SendDialog:
    dialog = SendDialog(ui, start, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


class SendDialog(QDialog):
    """``state``: ready, preparing, sending, recording, sent, failed."""

    def __init__(self, ui: UiContext, start: SendStart, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.start = start
        self.state = "ready"
        self.sent_result: SendResult | None = None
        self.worker = MailWorker(self)
        self.worker.finished.connect(self._delivered)
        tag(self, "letter.email.dialog")
        self.setWindowTitle(
            _("Send by e-mail — {reference}").format(reference=start.letter.reference)
        )
        self._build()
        self.resize(620, 520)

    def _build(self) -> None:
        start = self.start
        rtl = start.text.direction == "rtl"
        self.recipient = QLineEdit(start.recipient or "")
        self.recipient.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.recipient.setPlaceholderText("nom@exemple.fr")
        self.recipient.returnPressed.connect(self.send)
        self.subject = QLineEdit(start.text.subject)
        self.subject.setReadOnly(True)
        self.body = QPlainTextEdit()
        self.body.setReadOnly(True)
        self.body.setTabChangesFocus(True)
        direction = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        for box in (self.subject, self.body):
            box.setLayoutDirection(direction)
        option = self.body.document().defaultTextOption()  # the letter's direction, always
        option.setTextDirection(direction)
        side = Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
        option.setAlignment(side | Qt.AlignmentFlag.AlignAbsolute)  # Leading|Absolute = left
        self.body.document().setDefaultTextOption(option)
        self.body.setPlainText(start.text.plain())  # after the option: laid out with it
        self.attachment = text_label("letter.email.attachment", isolate(start.attachment_name))
        form = QFormLayout()
        form.addRow(labelled(_("&To"), self.recipient, "letter.email.recipient"), self.recipient)
        self.no_email = text_label(
            "letter.email.no_address",
            _("This household has no e-mail address on file: type the address to send to.")
            if not start.recipient
            else "",
        )
        self.no_email.setVisible(not start.recipient)
        form.addRow(self.no_email)
        form.addRow(labelled(_("Su&bject"), self.subject, "letter.email.subject"), self.subject)
        form.addRow(labelled(_("Te&xt"), self.body, "letter.email.body"), self.body)
        form.addRow(_("Attachment"), self.attachment)
        heading = text_label(
            "letter.email.heading",
            _("Letter {reference} for {household}").format(
                reference=ltr(start.letter.reference),
                household=isolate(start.household_name) or _("(no name)"),
            ),
        )
        self.busy = QProgressBar()
        tag(self.busy, "letter.email.busy", _("Sending"))
        self.busy.setRange(0, 0)
        self.busy.setVisible(False)
        self.status = text_label("letter.email.status")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if not start.configured:
            self._say(_("No mail server is set: fill in Centre ▸ E-mail settings… first."), True)
        self.send_button = push_button(
            _("&Send"), "letter.email.send", _("Send"), on_click=self.send
        )
        self.send_button.setDefault(True)
        self.send_button.setEnabled(start.configured)
        self.close_button = push_button(
            _("Close"), "letter.email.close", _("Close"), on_click=self.reject
        )
        self.close_button.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form, 1)
        layout.addWidget(self.busy)
        layout.addWidget(self.status)
        layout.addLayout(button_row(self.send_button, self.close_button))
        tab_chain(self.recipient, self.subject, self.body, self.send_button, self.close_button)
        self.recipient.setFocus()

    # -- sending -----------------------------------------------------------------------
    def send(self) -> None:
        if self.state in ("preparing", "sending", "recording") or not self.send_button.isEnabled():
            return
        self._set_state("preparing", _("Preparing the message…"))
        mail, letter_id, to = self.ui.app.mail, self.start.letter.id, self.recipient.text()
        self.ui.runner.run(
            lambda: mail.prepare_letter(letter_id, to),
            self._prepared,
            self._failed,
        )

    def _prepared(self, outgoing: Outgoing) -> None:
        if not shiboken6.isValid(self):
            return
        self._outgoing = outgoing
        self._set_state("sending", _("Sending to the mail server…"))
        mail = self.ui.app.mail
        self.worker.start(lambda: mail.deliver(outgoing))

    def _delivered(self, error: Exception | None) -> None:
        if not shiboken6.isValid(self):
            return
        if error is not None:
            self._failed(error)
            return
        outgoing, mail, advisor = self._outgoing, self.ui.app.mail, self.ui.advisor_id
        self._set_state("recording", _("Sent; noting it on the timeline…"))
        self.ui.runner.run(
            lambda: mail.record_sent(outgoing, advisor),
            self._recorded,
            self._failed,
        )

    def _recorded(self, result: SendResult) -> None:
        self.ui.events.letters_changed.emit(self.start.letter.household_id)
        if not shiboken6.isValid(self):
            return
        self.sent_result = result
        self._set_state(
            "sent", _("Letter {reference} sent by e-mail.").format(reference=ltr(result.reference))
        )

    def _failed(self, exc: Exception) -> None:
        if not shiboken6.isValid(self):
            return
        self._set_state("failed", error_text(exc), error=True)
        self.recipient.setFocus()

    def _set_state(self, state: str, text: str, error: bool = False) -> None:
        self.state = state
        working = state in ("preparing", "sending", "recording")
        self.busy.setVisible(working)
        self.send_button.setEnabled(not working and state != "sent")
        self.close_button.setEnabled(not working)
        self.recipient.setReadOnly(working or state == "sent")
        self._say(text, error)

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(_ERROR_STYLE if error else _OK_STYLE)
        self.status.setAccessibleName(text)

    def reject(self) -> None:
        if self.state in ("preparing", "sending", "recording"):
            return  # a moment: the server answers within 20 seconds
        super().reject()
