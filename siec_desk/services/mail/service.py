"""Sending a letter (or an attestation) by e-mail, and the test message: the one path the
GUI (Send by e-mail…, Centre ▸ E-mail settings…) and the command line (``letter ID
--email``, ``letter --smtp-test``) share.

The recipient is checked first (one line when it is not an address); the archived PDF is
read and checked against its SHA-256 (never rendered again); the message is sent outside
any transaction; only once the server accepted it is a ``letter_sendings`` row written
with its audit event, in one transaction, neither holding the address. A failure records
nothing and the letter stays as it was saved.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage

from siec_desk.core.errors import SiecError
from siec_desk.core.i18n import _
from siec_desk.domain.audit_codes import LETTER, SEND
from siec_desk.domain.validation import Checker
from siec_desk.services.audit import AuditService
from siec_desk.services.centre import get_centre
from siec_desk.services.households import HouseholdService
from siec_desk.services.letter_copies import copy_name, verified_pdf
from siec_desk.services.letter_types import LetterRecord
from siec_desk.services.letters import LetterService
from siec_desk.services.mail.message import (
    MailText,
    build_message,
    letter_mail_text,
    smtp_test_text,
)
from siec_desk.services.mail.passwords import PasswordStore, no_store_text
from siec_desk.services.mail.settings import SmtpSettings, settings_of
from siec_desk.services.mail.smtp import MailError, TlsContext, deliver
from siec_desk.storage.database import Database
from siec_desk.storage.models import LetterSending
from siec_desk.storage.models.letter import SENT


@dataclass(frozen=True)
class SendStart:
    """What the Send by e-mail dialog shows before sending."""

    letter: LetterRecord
    household_name: str
    recipient: str | None  # the household's e-mail, if it has one
    text: MailText
    attachment_name: str
    configured: bool


@dataclass(frozen=True)
class Outgoing:
    """A message ready to go: checked, with what :meth:`MailService.record_sent` needs."""

    settings: SmtpSettings
    password: str | None = field(repr=False)
    message: EmailMessage = field(repr=False)
    letter: LetterRecord | None  # None: the test message
    recipient: str = field(repr=False)


@dataclass(frozen=True)
class SendResult:
    letter_id: int
    reference: str
    sent_at: datetime

    def as_json(self) -> dict[str, object]:
        return {
            "letter_id": self.letter_id,
            "reference": self.reference,
            "sent_at": self.sent_at.isoformat(),
        }


def not_configured_text() -> str:
    return _(
        "No mail server is set: fill in Centre ▸ E-mail settings… (or centre set "
        "--smtp-host … --smtp-sender …) first."
    )


class MailService:
    def __init__(
        self,
        db: Database,
        letters: LetterService,
        households: HouseholdService,
        audit: AuditService,
        passwords: PasswordStore | None = None,
        tls_context: TlsContext | None = None,
    ) -> None:
        self.db = db
        self.letters = letters
        self.households = households
        self.audit = audit
        self.passwords = passwords or PasswordStore()
        self.tls_context = tls_context

    # -- settings ----------------------------------------------------------------------
    def settings(self) -> SmtpSettings:
        with self.db.read() as session:
            return settings_of(get_centre(session))

    def _centre_name(self, language: str) -> str:
        with self.db.read() as session:
            centre = get_centre(session)
            return (centre.name_ar if language == "ar" and centre.name_ar else centre.name) or ""

    def save_password(self, password: str, settings: SmtpSettings | None = None) -> None:
        """Keep the password of the settings' user (the saved ones by default)."""
        current = settings or self.settings()
        if not current.host or not current.user:
            raise SiecError(_("Set the mail server and the user name before the password."))
        if not password:
            raise SiecError(_("The password is empty: nothing was changed."))
        self.passwords.save(current.host, current.user, password)

    def check_password(self, password: str, changes: Mapping[str, str]) -> None:
        """Refuse, before anything is written, a password that cannot be kept: empty, no
        password store, or no server or user name (given in *changes* or saved)."""
        if not password:
            raise SiecError(_("The password is empty: nothing was changed."))
        if not self.passwords.available():
            raise SiecError(no_store_text())
        current = self.settings()
        host = changes.get("smtp_host", current.host or "")
        user = changes.get("smtp_user", current.user or "")
        if not host.strip() or not user.strip():
            raise SiecError(_("Set the mail server and the user name before the password."))

    def has_password(self, settings: SmtpSettings | None = None) -> bool:
        current = settings or self.settings()
        return self.passwords.has(current.host, current.user)

    def password_store_available(self) -> bool:
        return self.passwords.available()

    # -- a letter ----------------------------------------------------------------------
    def start(self, letter_id: int) -> SendStart:
        record = self.letters.get(letter_id)
        summary = self.households.get(record.household_id).summary
        return SendStart(
            letter=record,
            household_name=summary.display_name,
            recipient=summary.email,
            text=letter_mail_text(
                record.language, self._centre_name(record.language), record.reference, record.kind
            ),
            attachment_name=copy_name(record, summary.last_name),
            configured=self.settings().configured,
        )

    def prepare_letter(self, letter_id: int, recipient: str | None) -> Outgoing:
        """The message of a letter to *recipient* (the household's e-mail when None),
        checked before any connection: address, settings, password, archive intact."""
        start = self.start(letter_id)
        address = self._recipient(recipient if recipient is not None else start.recipient)
        settings = self._ready_settings()
        password = self._password(settings)
        pdf = verified_pdf(start.letter)
        message = build_message(
            start.text, settings.sender or "", address, (start.attachment_name, pdf)
        )
        return Outgoing(settings, password, message, start.letter, address)

    def prepare_test(self, recipient: str | None = None, language: str = "fr") -> Outgoing:
        """A short test message (to the From address by default)."""
        settings = self._ready_settings()
        address = self._recipient(recipient or settings.sender)
        text = smtp_test_text(language, self._centre_name(language))
        message = build_message(text, settings.sender or "", address)
        return Outgoing(settings, self._password(settings), message, None, address)

    def deliver(self, outgoing: Outgoing) -> None:
        """Hand the message to the server (no database: the GUI runs it on a thread of
        its own, so a slow server never holds the database thread), or :class:`MailError`."""
        if self.tls_context is not None:
            deliver(outgoing.settings, outgoing.password, outgoing.message, self.tls_context)
        else:
            deliver(outgoing.settings, outgoing.password, outgoing.message)

    def record_sent(self, outgoing: Outgoing, advisor_id: int | None = None) -> SendResult:
        """Once the server accepted it: the sending and its audit event (no address)."""
        letter = outgoing.letter
        assert letter is not None
        with self.db.write() as session:
            sending = LetterSending(
                letter_id=letter.id,
                advisor_id=advisor_id or self.audit.actor.advisor_id,
                sent_at=datetime.now(UTC),
                status=SENT,
            )
            session.add(sending)
            session.flush()
            self.audit.record_in(
                session,
                SEND,
                LETTER,
                letter.id,
                household_id=letter.household_id,
                reference=letter.reference,
                language=letter.language,
            )
            sent_at = sending.sent_at
        return SendResult(letter.id, letter.reference, sent_at)

    def send_letter(
        self, letter_id: int, recipient: str | None, advisor_id: int | None = None
    ) -> SendResult:
        """Prepare, deliver and record in one call (the command line)."""
        outgoing = self.prepare_letter(letter_id, recipient)
        self.deliver(outgoing)
        return self.record_sent(outgoing, advisor_id)

    def send_test(self, recipient: str | None = None, language: str = "fr") -> str:
        """Send the test message; the address it went to."""
        outgoing = self.prepare_test(recipient, language)
        self.deliver(outgoing)
        return outgoing.recipient

    # -- helpers -----------------------------------------------------------------------
    @staticmethod
    def _recipient(value: str | None) -> str:
        if not (value or "").strip():
            raise SiecError(_("This household has no e-mail address: type the address to send to."))
        check = Checker()
        address = check.email("recipient", value)
        if address is None:
            raise SiecError(check.errors[0].message)
        return address

    def _ready_settings(self) -> SmtpSettings:
        settings = self.settings()
        if not settings.configured:
            raise MailError("settings", not_configured_text())
        return settings

    def _password(self, settings: SmtpSettings) -> str | None:
        if not (settings.user and settings.host):
            return None
        password = self.passwords.get(settings.host, settings.user)
        if password is None:
            raise MailError(
                "password",
                _(
                    "No password is stored on this computer for {user}: give it in "
                    "Centre ▸ E-mail settings… (or centre set --smtp-password-stdin)."
                ).format(user=settings.user),
            )
        return password
