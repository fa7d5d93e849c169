"""The centre's outgoing mail server: host, port, security, user and From address.

Stored in the ``centres`` row (schema 0014), changed through ``centre set`` and Centre ▸
E-mail settings… with the same checks (:func:`check_smtp`). The password is never here:
see :mod:`siec_desk.services.mail.passwords`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from siec_desk.core.i18n import _
from siec_desk.domain.validation import Checker

#: How the connection is protected: none (plain, port 25), STARTTLS (587), TLS (465).
SECURITIES = ("none", "starttls", "tls")
DEFAULT_PORTS = {"none": 25, "starttls": 587, "tls": 465}
#: The SMTP settings' columns, in the order ``centre show`` lists them.
SMTP_FIELDS = ("smtp_host", "smtp_port", "smtp_security", "smtp_user", "smtp_sender")
HOST_MAX = 253
USER_MAX = 254
_HOST = re.compile(
    r"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.?)+$|^\[?[0-9A-Fa-f:.]+\]?$"
)


@dataclass(frozen=True)
class SmtpSettings:
    host: str | None = None
    port: int | None = None
    security: str | None = None
    user: str | None = None
    sender: str | None = None

    @property
    def configured(self) -> bool:
        """A server and a From address are set: letters can be sent."""
        return bool(self.host and self.sender)

    @property
    def effective_security(self) -> str:
        return self.security or "starttls"

    @property
    def effective_port(self) -> int:
        return self.port or DEFAULT_PORTS[self.effective_security]

    def as_json(self) -> dict[str, object]:
        return {
            "smtp_host": self.host,
            "smtp_port": self.port,
            "smtp_security": self.security,
            "smtp_user": self.user,
            "smtp_sender": self.sender,
        }


def settings_of(row: object) -> SmtpSettings:
    """The SMTP settings of a ``centres`` row."""
    return SmtpSettings(
        host=getattr(row, "smtp_host", None),
        port=getattr(row, "smtp_port", None),
        security=getattr(row, "smtp_security", None),
        user=getattr(row, "smtp_user", None),
        sender=getattr(row, "smtp_sender", None),
    )


def check_smtp(check: Checker, given: Mapping[str, str]) -> dict[str, object]:
    """The columns to write for the SMTP settings *given* (texts, "" clears one), their
    errors added to *check*. Unknown keys are a programming error."""
    unknown = set(given) - set(SMTP_FIELDS)
    if unknown:
        raise ValueError(f"not an SMTP setting: {sorted(unknown)}")
    values: dict[str, object] = {}
    if "smtp_host" in given:
        host = check.text("smtp_host", given["smtp_host"], HOST_MAX)
        if host is not None and not _HOST.match(host):
            check.add(
                "smtp_host",
                _("“{value}” is not a server name (e.g. smtp.example.org).").format(value=host),
            )
        values["smtp_host"] = host.lower() if host else None
    if "smtp_port" in given:
        text = given["smtp_port"].strip()
        port = int(text) if text.isascii() and text.isdigit() else -1
        if text and not 1 <= port <= 65535:
            check.add("smtp_port", _("Give a port number from 1 to 65535."))
        values["smtp_port"] = port if text and 1 <= port <= 65535 else None
    if "smtp_security" in given:
        security = given["smtp_security"].strip().lower() or None
        if security is not None and security not in SECURITIES:
            check.add("smtp_security", _("Give none, starttls or tls."))
        values["smtp_security"] = security
    if "smtp_user" in given:
        values["smtp_user"] = check.text("smtp_user", given["smtp_user"], USER_MAX)
    if "smtp_sender" in given:
        values["smtp_sender"] = check.email("smtp_sender", given["smtp_sender"])
    return values
