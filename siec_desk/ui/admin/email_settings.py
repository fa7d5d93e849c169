"""Centre ▸ E-mail settings…: the centre's outgoing mail server, and a test message.

Server, port, security, user name and From address are saved in the centre's settings
(the same checks as ``centre set``: all of them or none); the password, when typed, goes
to the operating system's keyring only (a computer without one gets one line and nothing
changes). *Send a test message* saves first, then sends to the address given (the From
address by default) on a thread of its own, with a busy bar.
"""

from __future__ import annotations

from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFormLayout, QLineEdit, QProgressBar, QVBoxLayout, QWidget

from siec_desk.core.i18n import N_, _, current_language
from siec_desk.services.centre_settings import CentreChanges
from siec_desk.services.mail.settings import DEFAULT_PORTS, SECURITIES, SmtpSettings
from siec_desk.ui.kit.context import UiContext, error_text
from siec_desk.ui.letters.mail_worker import MailWorker
from siec_desk.ui.widgets.accessible import labelled, tag
from siec_desk.ui.widgets.builders import button_row, push_button, tab_chain, text_label
from siec_desk.ui.widgets.code_combo import CodeCombo

SECURITY_LABELS = {
    "none": N_("None (not encrypted)"),
    "starttls": N_("STARTTLS (usually port 587)"),
    "tls": N_("TLS (usually port 465)"),
}
_OK_STYLE = "color: #1b5e20;"
_ERROR_STYLE = "color: #b00020;"


@dataclass(frozen=True)
class _Loaded:
    smtp: SmtpSettings
    store: bool  # a password store exists on this computer
    stored: bool  # a password is kept for the saved server and user


def _ltr(box: QLineEdit) -> QLineEdit:
    box.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # host names and addresses
    return box


class EmailSettingsDialog(QDialog):
    """``state``: loading, ready, saving, testing, failed."""

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.state = "loading"
        self.worker = MailWorker(self)
        self.worker.finished.connect(self._tested)
        tag(self, "email_settings.dialog")
        self.setWindowTitle(_("E-mail settings"))
        self._build()
        self._set_state("loading", _("Reading the settings…"))
        mail, settings = ui.app.mail, ui.app.centre_settings
        ui.runner.run(
            lambda: _Loaded(
                settings.get().smtp, mail.password_store_available(), mail.has_password()
            ),
            self._loaded,
            self._failed,
        )

    def _build(self) -> None:
        self.host = _ltr(QLineEdit())
        self.host.setPlaceholderText("smtp.example.org")
        self.port = _ltr(QLineEdit())
        self.security = CodeCombo(SECURITY_LABELS, codes=list(SECURITIES))
        self.security.currentIndexChanged.connect(lambda _i: self._port_hint())
        self.user = _ltr(QLineEdit())
        self.password = _ltr(QLineEdit())
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.sender_box = _ltr(QLineEdit())
        self.sender_box.setPlaceholderText("accueil@example.org")
        self.test_to = _ltr(QLineEdit())
        form = QFormLayout()
        for text, box, identifier in (
            (_("Mail &server"), self.host, "email_settings.host"),
            (_("&Port"), self.port, "email_settings.port"),
            (_("Se&curity"), self.security, "email_settings.security"),
            (_("&User name"), self.user, "email_settings.user"),
            (_("Pass&word"), self.password, "email_settings.password"),
            (_("Sender address (&From)"), self.sender_box, "email_settings.sender"),
            (_("Send the test &to"), self.test_to, "email_settings.test_to"),
        ):
            form.addRow(labelled(text, box, identifier), box)
        self.password_note = text_label("email_settings.password_note")
        form.addRow(self.password_note)
        self.busy = QProgressBar()
        tag(self.busy, "email_settings.busy", _("Working"))
        self.busy.setRange(0, 0)
        self.status = text_label("email_settings.status")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.test_button = push_button(
            _("Send a &test message"), "email_settings.test", _("Send a test message"),
            on_click=self.test,
        )  # fmt: skip
        self.save_button = push_button(
            _("Sa&ve"), "email_settings.save", _("Save"), on_click=self.save
        )
        self.close_button = push_button(
            _("Close"), "email_settings.close", _("Close"), on_click=self.reject
        )
        self.save_button.setDefault(True)
        for button in (self.test_button, self.close_button):
            button.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(text_label("email_settings.intro", _(
            "Letters are sent through the centre's own mail server. The password is kept in "
            "this computer's password store (keyring), never in the database."
        )))  # fmt: skip
        layout.addLayout(form)
        layout.addWidget(self.busy)
        layout.addWidget(self.status)
        layout.addLayout(
            button_row(self.save_button, self.close_button, leading=[self.test_button])
        )
        tab_chain(
            self.host, self.port, self.security, self.user, self.password, self.sender_box,
            self.test_to, self.test_button, self.save_button, self.close_button,
        )  # fmt: skip
        self.resize(560, 480)

    # -- loading -----------------------------------------------------------------------
    def _loaded(self, loaded: _Loaded) -> None:
        if not shiboken6.isValid(self):
            return
        smtp = loaded.smtp
        self.host.setText(smtp.host or "")
        self.port.setText(str(smtp.port) if smtp.port else "")
        self.security.set_code(smtp.effective_security)
        self.user.setText(smtp.user or "")
        self.sender_box.setText(smtp.sender or "")
        self.test_to.setText(smtp.sender or "")
        if not loaded.store:
            note = _("There is no password store on this computer: only a server without a "
                     "user name can be used.")  # fmt: skip
        elif loaded.stored:
            note = _("A password is kept in this computer's keyring; type a new one to replace it.")
        else:
            note = _("No password is kept yet.")
        self.password.setEnabled(loaded.store)
        self.password_note.setText(note)
        self._port_hint()
        self._set_state("ready", "")
        self.host.setFocus()

    def _port_hint(self) -> None:
        code = self.security.code() or "starttls"
        self.port.setPlaceholderText(_("default: {port}").format(port=DEFAULT_PORTS.get(code, 587)))

    # -- saving and testing ------------------------------------------------------------
    def changes(self) -> CentreChanges:
        return CentreChanges(
            smtp={
                "smtp_host": self.host.text(),
                "smtp_port": self.port.text(),
                "smtp_security": self.security.code() or "",
                "smtp_user": self.user.text(),
                "smtp_sender": self.sender_box.text(),
            }
        )

    def save(self, then_test: bool = False) -> None:
        if self.state in ("loading", "saving", "testing"):
            return
        self._set_state("saving", _("Saving…"))
        changes, password = self.changes(), self.password.text()
        mail, settings = self.ui.app.mail, self.ui.app.centre_settings

        def work() -> None:
            if password:  # refused before anything is written
                mail.check_password(password, changes.smtp)
            settings.apply(changes)
            if password:
                mail.save_password(password)

        self.ui.runner.run(work, lambda _r: self._saved(then_test), self._failed)

    def _saved(self, then_test: bool) -> None:
        if not shiboken6.isValid(self):
            return
        if self.password.text():
            self.password.clear()
            self.password_note.setText(
                _("A password is kept in this computer's keyring; type a new one to replace it.")
            )
        if not then_test:
            self._set_state("ready", _("E-mail settings saved."))
            return
        self._set_state("testing", _("Sending a test message…"))
        mail, to, language = self.ui.app.mail, self.test_to.text(), current_language()
        self.ui.runner.run(
            lambda: mail.prepare_test(to or None, language if language in ("fr", "ar") else "fr"),
            lambda outgoing: self.worker.start(lambda: mail.deliver(outgoing)),
            self._failed,
        )

    def test(self) -> None:
        self.save(then_test=True)

    def _tested(self, error: Exception | None) -> None:
        if not shiboken6.isValid(self):
            return
        if error is not None:
            self._failed(error)
            return
        self._set_state("ready", _("Test message sent. Check the mailbox it was sent to."))

    def _failed(self, exc: Exception) -> None:
        if shiboken6.isValid(self):
            self._set_state("failed", error_text(exc), error=True)

    def _set_state(self, state: str, text: str, error: bool = False) -> None:
        self.state = state
        working = state in ("loading", "saving", "testing")
        self.busy.setVisible(working)
        for button in (self.save_button, self.test_button, self.close_button):
            button.setEnabled(not working)
        self.status.setText(text)
        self.status.setStyleSheet(_ERROR_STYLE if error else _OK_STYLE)
        self.status.setAccessibleName(text)

    def reject(self) -> None:
        if self.state in ("saving", "testing"):
            return  # a moment: the server answers within 20 seconds
        super().reject()
