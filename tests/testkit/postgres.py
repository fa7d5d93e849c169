"""A private PostgreSQL server for tests and benchmarks, from the machine's binaries.

``initdb`` into a temporary folder, ``trust`` authentication, no TCP listener: the
server answers only on a Unix socket inside that folder, and is stopped (and the
folder removed) at the end. PostgreSQL refuses to run as root, so under root (CI) the
server runs as the ``postgres`` system user that the Debian package creates.

Binaries are looked up in ``$SIEC_PG_BIN`` when it is set (only there), else in
``/usr/lib/postgresql/<newest>/bin`` (Debian's layout), then ``PATH``.
:func:`unavailable_reason` says why none can be used.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL

#: Settings for a throw-away test server: durability off makes CREATE DATABASE cheap.
FAST = ("fsync=off", "synchronous_commit=off", "full_page_writes=off")


def bin_dir() -> Path | None:
    """The folder holding ``initdb``, ``pg_ctl`` and ``postgres``, or None."""
    explicit = os.environ.get("SIEC_PG_BIN")
    if explicit:  # only that folder ("" or a wrong one: no server, tests skipped)
        folder = Path(explicit)
        names = ("initdb", "pg_ctl", "postgres")
        return folder if all((folder / n).is_file() for n in names) else None
    candidates: list[Path] = []
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
        reverse=True,
    )
    candidates += versions
    found = shutil.which("initdb")
    if found:
        candidates.append(Path(found).resolve().parent)
    for folder in candidates:
        if all((folder / name).is_file() for name in ("initdb", "pg_ctl", "postgres")):
            return folder
    return None


def _run_as() -> str | None:
    """The user to run the server as: None for ourselves, ``postgres`` under root."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return None
    import pwd  # POSIX only, like running as root

    try:
        pwd.getpwnam("postgres")
    except KeyError:
        return ""
    return "postgres"


def _driver_missing() -> bool:
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return True
    return False


def unavailable_reason() -> str | None:
    """Why no private server can be started here (None when one can)."""
    if _driver_missing():
        return "psycopg (PostgreSQL driver) is not installed"
    if bin_dir() is None:
        return (
            "PostgreSQL server binaries not found (Debian: apt-get install postgresql; "
            "or set SIEC_PG_BIN)"
        )
    if _run_as() == "":
        return "running as root and there is no 'postgres' user to run the server as"
    return None


class PostgresServer:
    """One private server; :meth:`start` it, :meth:`url` gives each database's URL."""

    def __init__(self, settings: tuple[str, ...] = FAST) -> None:
        folder = bin_dir()
        if folder is None:
            raise RuntimeError(unavailable_reason())
        self.bin = folder
        self.settings = settings
        self.user = _run_as()
        # A short path: Unix socket paths are limited to ~107 bytes.
        self.root = Path(tempfile.mkdtemp(prefix="siec-pg-"))
        self.data = self.root / "data"
        self.socket_dir = self.root
        self.log = self.root / "server.log"
        self.started = False
        self._version_num: int | None = None

    def _run(self, *args: str) -> None:
        result = subprocess.run(
            [str(self.bin / args[0]), *args[1:]],
            user=self.user,
            capture_output=True,
            text=True,
            check=False,
            cwd=self.root,
        )
        if result.returncode != 0:
            raise RuntimeError(
                f"{args[0]} failed ({result.returncode}): {result.stderr or result.stdout}"
                + (f"\n{self.log.read_text()}" if self.log.exists() else "")
            )

    def start(self) -> PostgresServer:
        if self.user:
            shutil.chown(self.root, self.user, self.user)
        self._run(
            "initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres",
            "-E", "UTF8", "--locale=C", "--no-sync",
        )  # fmt: skip
        options = [
            "-c listen_addresses=''",
            f"-c unix_socket_directories='{self.socket_dir}'",
            "-c max_connections=60",
            "-c shared_buffers=64MB",
            *(f"-c {setting}" for setting in self.settings),
        ]
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60",
                  "-o", " ".join(options), "start")  # fmt: skip
        self.started = True
        self._watch(os.getpid())
        return self

    def _watch(self, owner: int) -> None:
        """Stop the server and remove its folder if this process dies without doing it
        (killed by a timeout, say): no server is ever left running."""
        script = (
            f"while [ -d /proc/{owner} ] && [ -d '{self.data}' ]; do sleep 2; done; "
            f"'{self.bin / 'pg_ctl'}' -D '{self.data}' -m immediate stop >/dev/null 2>&1; "
            f"rm -rf '{self.root}'"
        )
        subprocess.Popen(
            ["sh", "-c", script],
            user=self.user,
            start_new_session=True,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def stop(self) -> None:
        if self.started:
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
            self.started = False
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return URL.create(
            "postgresql+psycopg",
            username="postgres",
            database=database,
            query={"host": str(self.socket_dir)},
        ).render_as_string(hide_password=False)

    def _admin(self, *statements: str) -> None:
        engine = create_engine(self.url(), isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as connection:
                for statement in statements:
                    connection.execute(text(statement))
        finally:
            engine.dispose()

    def create_database(self, name: str | None = None, template: str = "template0") -> str:
        """A new empty database (or a copy of *template*); returns its URL."""
        name = name or f"t_{uuid.uuid4().hex[:12]}"
        # PostgreSQL 15+ copies through the WAL by default: ~0.5 s a database here, where
        # copying the files takes ~0.07 s (durability is off on a test server anyway).
        strategy = " STRATEGY FILE_COPY" if self._version() >= 150000 else ""
        self._admin(f'CREATE DATABASE "{name}" TEMPLATE "{template}" ENCODING \'UTF8\'{strategy}')
        return self.url(name)

    def _version(self) -> int:
        if self._version_num is None:
            engine = create_engine(self.url())
            try:
                with engine.connect() as connection:
                    self._version_num = int(
                        connection.execute(text("SHOW server_version_num")).scalar_one()
                    )
            finally:
                engine.dispose()
        return self._version_num

    def drop_database(self, name: str) -> None:
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def __enter__(self) -> PostgresServer:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()
