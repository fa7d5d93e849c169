"""Password stores for the tests: an in-memory keyring backend, and none at all.

:func:`memory_keyring` installs a tiny :class:`keyring.backend.KeyringBackend` that keeps
passwords in a dict (the test reads it to prove what was stored, and where);
:func:`no_keyring` installs keyring's own "fail" backend, as on a headless Linux without
Secret Service. Both restore the previous backend afterwards.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import keyring
from keyring.backend import KeyringBackend
from keyring.backends import fail


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]  # keyring declares it a class property

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


@contextmanager
def _installed(backend: KeyringBackend) -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        yield
    finally:
        keyring.set_keyring(previous)


@contextmanager
def memory_keyring() -> Iterator[MemoryKeyring]:
    backend = MemoryKeyring()
    with _installed(backend):
        yield backend


@contextmanager
def no_keyring() -> Iterator[None]:
    with _installed(fail.Keyring()):
        yield
