"""Send by e-mail…, Save as… and Centre ▸ E-mail settings… (issue 20, point 3), offscreen:
the message reaches a local SMTP server (aiosmtpd on 127.0.0.1) from the dialog's own
thread, the timeline notes it, a failure says which in one line and records nothing."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from testkit.fake_keyring import MemoryKeyring, memory_keyring, no_keyring
from testkit.letters import LATIN, consultation
from testkit.smtp_server import PASSWORD, USER, LocalSmtp, smtp_server

from siec_desk.core.formatting import locale_for
from siec_desk.documents.engine.pdf import RenderedPdf
from siec_desk.domain.household_records import HouseholdInput
from siec_desk.services.centre_settings import CentreChanges
from siec_desk.services.letter_types import LetterRecord, LetterRequest
from siec_desk.ui.admin.email_settings import EmailSettingsDialog
from siec_desk.ui.households.detail import HouseholdDetailPane
from siec_desk.ui.households.letters import LetterActions, sending_timeline_text
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.letters.send_dialog import SendDialog

SENDER = "accueil@centre.test"


@pytest.fixture
def keyring_memory() -> Iterator[MemoryKeyring]:
    with memory_keyring() as backend:
        yield backend


def archived(ui: UiContext, household: HouseholdInput = LATIN) -> LetterRecord:
    ctx = ui.app
    request = LetterRequest(consultation(ctx, household, ()))
    content = ctx.letters.compose(request)
    pdf = b"%PDF-1.7\n" + hashlib.sha256(content.reference.encode()).digest() * 30
    return ctx.letters.record(request, content, RenderedPdf(pdf, 1))


def use(ui: UiContext, server: LocalSmtp) -> None:
    ui.app.centre_settings.apply(
        CentreChanges(
            smtp={
                "smtp_host": server.host,
                "smtp_port": str(server.port),
                "smtp_security": server.security,
                "smtp_sender": SENDER,
            }
        )
    )


def send_dialog(qtbot: Any, ui: UiContext, record: LetterRecord) -> SendDialog:
    dialog = SendDialog(ui, ui.app.mail.start(record.id))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_send_dialog_sends_from_its_thread_and_the_timeline_notes_it(
    qtbot: Any, ui: UiContext, tmp_path: Path
) -> None:
    record = archived(ui)
    changed: list[int] = []
    ui.events.letters_changed.connect(changed.append)
    with smtp_server(tmp_path) as server:
        use(ui, server)
        dialog = send_dialog(qtbot, ui, record)
        assert dialog.recipient.text() == LATIN.email
        assert record.reference in dialog.subject.text()
        dialog.send_button.click()
        qtbot.waitUntil(lambda: dialog.state in ("sent", "failed"), timeout=25_000)
    assert dialog.state == "sent", dialog.status.text()
    (message,) = server.messages
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_content() == record.path.read_bytes()
    sent = ui.app.letters.get(record.id).sent_by_email
    assert len(sent) == 1 and changed == [record.household_id]
    assert not dialog.send_button.isEnabled()  # sent once: not twice by a double click
    pane = HouseholdDetailPane(ui)
    qtbot.addWidget(pane)
    pane.load(record.household_id)
    rows = [pane.timeline.item(i).text() for i in range(pane.timeline.count())]
    locale = locale_for(None, ui.app.centre.country)
    assert rows[0] == sending_timeline_text(record, sent[0], locale)  # newest first
    assert record.reference in rows[0] and "e-mail" in rows[0]


def test_a_refused_recipient_says_so_in_one_line_and_records_nothing(
    qtbot: Any, ui: UiContext, tmp_path: Path
) -> None:
    record = archived(ui)
    with smtp_server(tmp_path) as server:
        use(ui, server)
        dialog = send_dialog(qtbot, ui, record)
        dialog.recipient.setText("personne@refused.test")
        dialog.send_button.click()
        qtbot.waitUntil(lambda: dialog.state in ("sent", "failed"), timeout=25_000)
    assert dialog.state == "failed"
    assert "recipient" in dialog.status.text() and "\n" not in dialog.status.text()
    assert dialog.send_button.isEnabled() and dialog.close_button.isEnabled()
    assert ui.app.letters.get(record.id).sent_by_email == ()


def test_a_household_without_email_is_told_and_a_bad_address_refused(
    qtbot: Any, ui: UiContext, tmp_path: Path
) -> None:
    record = archived(ui, HouseholdInput(**{**LATIN.__dict__, "email": None}))
    with smtp_server(tmp_path) as server:
        use(ui, server)
        dialog = send_dialog(qtbot, ui, record)
        assert dialog.no_email.isVisibleTo(dialog) and dialog.recipient.text() == ""
        dialog.recipient.setText("pas-une-adresse")
        dialog.send_button.click()
        qtbot.waitUntil(lambda: dialog.state == "failed")
    assert "not a valid e-mail" in dialog.status.text()
    assert server.messages == []


def test_save_as_from_the_timeline_writes_the_archived_bytes(
    qtbot: Any, ui: UiContext, dialogs: Any, tmp_path: Path
) -> None:
    record = archived(ui)
    actions = LetterActions(ui)
    qtbot.addWidget(actions)
    actions.set_letter(record)
    assert actions.save_as_button.isEnabled() and actions.email_button.isEnabled()
    dialogs.file_answers.append(str(tmp_path / "pour-le-ménage"))
    actions.save_as_button.click()
    suggested = dict(dialogs.calls)["save_file"]
    assert suggested.endswith(f"{record.reference}-Légaré.pdf")
    assert (tmp_path / "pour-le-ménage.pdf").read_bytes() == record.path.read_bytes()


def test_email_settings_save_the_password_in_the_keyring_and_send_a_test(
    qtbot: Any, ui: UiContext, tmp_path: Path, keyring_memory: MemoryKeyring
) -> None:
    with smtp_server(tmp_path, "none", auth=True) as server:
        dialog = EmailSettingsDialog(ui)
        qtbot.addWidget(dialog)
        qtbot.waitUntil(lambda: dialog.state == "ready")
        dialog.host.setText(server.host)
        dialog.port.setText(str(server.port))
        dialog.security.set_code("none")
        dialog.user.setText(USER)
        dialog.password.setText(PASSWORD)
        dialog.sender_box.setText(SENDER)
        dialog.test_button.click()
        qtbot.waitUntil(lambda: dialog.state in ("ready", "failed"), timeout=25_000)
    assert dialog.state == "ready", dialog.status.text()
    assert [m["To"] for m in server.messages] == [SENDER]  # the From address by default
    assert list(keyring_memory.store.values()) == [PASSWORD]
    assert dialog.password.text() == ""
    smtp = ui.app.centre_settings.get().smtp
    assert (smtp.host, smtp.port, smtp.user) == (server.host, server.port, USER)


def test_email_settings_without_a_password_store(qtbot: Any, ui: UiContext) -> None:
    with no_keyring():
        dialog = EmailSettingsDialog(ui)
        qtbot.addWidget(dialog)
        qtbot.waitUntil(lambda: dialog.state == "ready")
        assert not dialog.password.isEnabled()
        assert "no password store" in dialog.password_note.text()
        dialog.host.setText("smtp.example.org")
        dialog.port.setText("99999")
        dialog.save_button.click()
        qtbot.waitUntil(lambda: dialog.state == "failed")
    assert "65535" in dialog.status.text()
    assert ui.app.centre_settings.get().smtp.host is None  # nothing half-written
