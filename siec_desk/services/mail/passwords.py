"""The mail server's password, kept in the operating system's keyring.

Windows Credential Manager, macOS Keychain, or the Secret Service on Linux, through the
``keyring`` library; service name ``siec-desk``, one entry per server and user. The
password never goes into the database, the settings file or a log. On a computer without
a password store (a headless Linux without Secret Service) saving says so in one line and
nothing changes; sending then works only with a server that needs no user name.
"""

from __future__ import annotations

import logging

from siec_desk.core.errors import SiecError
from siec_desk.core.i18n import _

log = logging.getLogger(__name__)

SERVICE = "siec-desk"


def password_key(host: str, user: str) -> str:
    """The keyring entry's name for *user* on *host* (``smtp:user@host``)."""
    return f"smtp:{user}@{host.strip().lower()}"


def no_store_text() -> str:
    return _(
        "There is no password store on this computer (no keyring): the mail password "
        "cannot be saved. Nothing was changed."
    )


class PasswordStore:
    """Reads and writes the SMTP password through ``keyring`` (its current backend)."""

    def available(self) -> bool:
        """A usable password store exists (not keyring's "fail" backend)."""
        try:
            import keyring
            from keyring.backends import fail
        except ImportError:
            return False
        backend = keyring.get_keyring()
        return not isinstance(backend, fail.Keyring) and backend.priority > 0

    def save(self, host: str, user: str, password: str) -> None:
        """Store the password, or :class:`SiecError` (one line) and nothing stored."""
        if not self.available():
            raise SiecError(no_store_text())
        import keyring
        from keyring.errors import KeyringError

        try:
            keyring.set_password(SERVICE, password_key(host, user), password)
        except (KeyringError, RuntimeError, OSError) as exc:
            log.warning("keyring refused the password: %s", type(exc).__name__)
            raise SiecError(no_store_text()) from exc

    def get(self, host: str, user: str) -> str | None:
        """The stored password; None when there is none or no store."""
        if not self.available():
            return None
        import keyring
        from keyring.errors import KeyringError

        try:
            return keyring.get_password(SERVICE, password_key(host, user))
        except (KeyringError, RuntimeError, OSError) as exc:
            log.warning("keyring could not be read: %s", type(exc).__name__)
            return None

    def has(self, host: str | None, user: str | None) -> bool:
        return bool(host and user and self.get(host, user))
