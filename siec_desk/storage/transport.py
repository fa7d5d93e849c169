"""Is the connection to a PostgreSQL server encrypted? (redteam LOW-3)

libpq's default ``sslmode`` is ``prefer``: without a word in the URL, a server without
TLS, or anyone in the middle, gets names and phone numbers in plain text. A server on this
PC (``localhost``, a loopback address, a unix socket) is not on the network; any other
host should be reached with ``sslmode=require`` at least, ``verify-full`` preferably
(docs/postgresql.md). SIEC Desk warns, it does not refuse: a closed office network may
be a deliberate choice.
"""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from siec_desk.core.i18n import _

#: ``sslmode`` values that encrypt the connection (PostgreSQL manual, libpq-ssl)
ENCRYPTED_MODES = frozenset({"require", "verify-ca", "verify-full"})
_LOCAL_NAMES = frozenset({"", "localhost"})


def _is_local(host: str) -> bool:
    host = host.strip().strip("[]")
    if host in _LOCAL_NAMES or host.startswith("/") or host.startswith("@"):
        return True  # unix socket (a folder, or an abstract socket)
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def unencrypted_host(target: str | Path | None) -> str | None:
    """The remote host a PostgreSQL *target* reaches without TLS, else None."""
    text = str(target or "")
    if "://" not in text:
        return None  # a SQLite file
    try:
        url = make_url(text)
    except ArgumentError:
        return None  # opening it will say what is wrong
    if url.get_backend_name() != "postgresql":
        return None
    mode = url.query.get("sslmode") or os.environ.get("PGSSLMODE", "")
    if isinstance(mode, tuple):
        mode = mode[-1]
    if str(mode).lower() in ENCRYPTED_MODES:
        return None
    hosts: list[str] = []
    for value in (
        url.host,
        url.query.get("host"),
        os.environ.get("PGHOST") if not url.host else None,
    ):
        if isinstance(value, tuple):
            hosts.extend(value)
        elif value:
            hosts.extend(value.split(","))
    remote = [h for h in hosts if not _is_local(h)]
    return remote[0] if remote else None


def unencrypted_warning(target: str | Path | None) -> str | None:
    """One translated line when *target* reaches a remote server without TLS."""
    host = unencrypted_host(target)
    if host is None:
        return None
    return _(
        "Warning: the connection to the database server {host} is not encrypted; "
        "anyone on the network could read names and phone numbers. Add "
        "?sslmode=verify-full (or require) to the URL (see the PostgreSQL guide)."
    ).format(host=host)
