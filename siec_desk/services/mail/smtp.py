"""The conversation with the centre's mail server, and its failures in one line.

:func:`deliver` connects (plain, STARTTLS or TLS, certificates checked against the
system's authorities), logs in when a user is set, and hands the message over, within
:data:`TIMEOUT_S`. Every failure becomes a :class:`MailError` whose ``kind`` says which
(authentication, tls, unreachable, refused, server) and whose text is one translated line.
"""

from __future__ import annotations

import smtplib
import socket
import ssl
from collections.abc import Callable
from email.message import EmailMessage

from siec_desk.core.errors import SiecError
from siec_desk.core.formatting import ltr
from siec_desk.core.i18n import _, current_language, is_rtl
from siec_desk.services.mail.settings import SmtpSettings

#: Seconds to connect and for each exchange with the server.
TIMEOUT_S = 20.0
TlsContext = Callable[[], ssl.SSLContext]


class MailError(SiecError):
    """A message that was not sent; ``kind``: authentication, tls, unreachable, refused,
    server, settings or password."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(" ".join(message.split()))
        self.kind = kind


def _ltr(text: str) -> str:
    """A server's words, address or host isolated inside Arabic messages."""
    return ltr(text) if is_rtl(current_language()) else text


def _reason(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPResponseException):
        text = (
            exc.smtp_error.decode("utf-8", "replace")
            if isinstance(exc.smtp_error, bytes)
            else str(exc.smtp_error)
        )
        return _ltr(f"{exc.smtp_code} {text}")
    return _ltr(str(getattr(exc, "strerror", None) or exc) or type(exc).__name__)


def _failure(exc: BaseException, settings: SmtpSettings) -> MailError:
    where = _ltr(f"{settings.host}:{settings.effective_port}")
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return MailError(
            "authentication",
            _("The mail server refused the user name or the password ({reason}).").format(
                reason=_reason(exc)
            ),
        )
    if isinstance(exc, ssl.SSLCertVerificationError):
        return MailError(
            "tls",
            _("The mail server's certificate could not be verified ({reason}).").format(
                reason=_ltr(exc.verify_message) if exc.verify_message else _reason(exc)
            ),
        )
    if isinstance(exc, ssl.SSLError) or (
        isinstance(exc, smtplib.SMTPNotSupportedError) and "STARTTLS" in str(exc)
    ):
        return MailError(
            "tls",
            _("The secure connection (TLS) with the mail server failed ({reason}).").format(
                reason=_reason(exc)
            ),
        )
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return MailError("refused", _("The mail server refused the recipient's address."))
    if isinstance(exc, smtplib.SMTPSenderRefused):
        return MailError(
            "refused",
            _("The mail server refused the sender address {sender} ({reason}).").format(
                sender=_ltr(settings.sender or ""), reason=_reason(exc)
            ),
        )
    if isinstance(exc, TimeoutError | socket.timeout):
        return MailError(
            "unreachable",
            _("The mail server {server} did not answer within {seconds} seconds.").format(
                server=where, seconds=int(TIMEOUT_S)
            ),
        )
    if isinstance(exc, smtplib.SMTPConnectError | smtplib.SMTPServerDisconnected | OSError):
        return MailError(
            "unreachable",
            _("The mail server {server} cannot be reached ({reason}).").format(
                server=where, reason=_reason(exc)
            ),
        )
    return MailError(
        "server",
        _("The mail server refused the message ({reason}).").format(reason=_reason(exc)),
    )


def deliver(
    settings: SmtpSettings,
    password: str | None,
    message: EmailMessage,
    tls_context: TlsContext = ssl.create_default_context,
    timeout: float = TIMEOUT_S,
) -> None:
    """Send *message* through the server of *settings*, or raise :class:`MailError`."""
    assert settings.host is not None
    host, port, security = settings.host, settings.effective_port, settings.effective_security
    try:
        client: smtplib.SMTP
        if security == "tls":
            client = smtplib.SMTP_SSL(host, port, timeout=timeout, context=tls_context())
        else:
            client = smtplib.SMTP(host, port, timeout=timeout)
        with client:
            client.ehlo()
            if security == "starttls":
                client.starttls(context=tls_context())
                client.ehlo()
            if settings.user:
                client.login(settings.user, password or "")
            refused = client.send_message(message)
            if refused:
                raise smtplib.SMTPRecipientsRefused(refused)
    except MailError:
        raise
    except (smtplib.SMTPException, ssl.SSLError, OSError) as exc:
        raise _failure(exc, settings) from exc
