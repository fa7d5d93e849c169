"""A local SMTP server for the e-mail tests (aiosmtpd on 127.0.0.1, a free port).

:func:`smtp_server` starts one (plain, STARTTLS or implicit TLS; AUTH with one user when
asked) and keeps every message it accepted in ``messages`` (parsed back with the e-mail
package). A recipient ending in ``@refused.test`` is refused (550). TLS uses a
self-signed certificate for 127.0.0.1 made with ``cryptography``; :attr:`LocalSmtp.trust`
is a client context that trusts it.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

USER, PASSWORD = "accueil@centre.test", "s3cret-Mot-de-passe"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate and key for 127.0.0.1 (valid one day)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "smtp-cert.pem", folder / "smtp-key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


@dataclass
class LocalSmtp:
    host: str
    port: int
    security: str
    cert: Path | None
    messages: list[EmailMessage] = field(default_factory=list)
    envelopes: list[tuple[str, list[str]]] = field(default_factory=list)

    def trust(self) -> ssl.SSLContext:
        """A client context that trusts this server's certificate (and only it)."""
        return ssl.create_default_context(cafile=str(self.cert) if self.cert else None)


class _Handler:
    def __init__(self, server: LocalSmtp) -> None:
        self.server = server

    async def handle_RCPT(  # noqa: N802 (aiosmtpd's hook name)
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: Any
    ) -> str:
        if address.endswith("@refused.test"):
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(  # noqa: N802
        self, server: Any, session: Any, envelope: Any
    ) -> str:
        raw = envelope.original_content or envelope.content
        parsed = message_from_bytes(raw, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        self.server.messages.append(parsed)
        self.server.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 Message accepted"


def _authenticator(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> Any:
    from aiosmtpd.smtp import AuthResult, LoginPassword

    ok = (
        isinstance(data, LoginPassword)
        and data.login.decode() == USER
        and data.password.decode() == PASSWORD
    )
    return AuthResult(success=ok, handled=False)


@contextmanager
def smtp_server(folder: Path, security: str = "none", auth: bool = False) -> Iterator[LocalSmtp]:
    """A running server on 127.0.0.1: *security* none, starttls or tls."""
    from aiosmtpd.controller import Controller

    cert = key = None
    context = None
    if security != "none":
        cert, key = self_signed(folder)
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(str(cert), str(key))
    local = LocalSmtp("127.0.0.1", free_port(), security, cert)
    kwargs: dict[str, Any] = {}
    if auth:
        kwargs.update(authenticator=_authenticator, auth_require_tls=security == "starttls")
    if security == "starttls":
        kwargs.update(tls_context=context, require_starttls=True)
    if security == "tls":
        kwargs.update(ssl_context=context)
    controller = Controller(_Handler(local), hostname=local.host, port=local.port, **kwargs)
    controller.start()
    try:
        yield local
    finally:
        controller.stop()
