"""Shared fixtures: an isolated home folder per test, offscreen Qt, a fresh database.

Test modules marked ``both_backends`` run twice: on SQLite files and on a private
PostgreSQL server started from the machine's binaries (skipped, with the reason shown,
where there are none). ``--backends sqlite`` or ``-m "not postgresql"`` runs one only.
A test's fresh SQLite database is a copy of one migrated once per session.

Tests run in a random order (pytest-randomly); the seed is printed at the end, and
``--randomly-seed=N`` replays that order and Hypothesis's examples.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

# Qt must never look for a display; an empty value aborts the process (pitfalls §16).
if not os.environ.get("QT_QPA_PLATFORM"):
    os.environ["QT_QPA_PLATFORM"] = "offscreen"

from testkit import databases
from testkit.contexts import make_ctx
from testkit.databases import Databases, SqliteTemplate
from testkit.postgres import PostgresServer, unavailable_reason

from siec_desk.core import i18n

if TYPE_CHECKING:
    from siec_desk.services.app import AppContext


@pytest.fixture(autouse=True)
def isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """User data, config and logs go to a temporary folder; the language starts English."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("SIEC_DESK_HOME", str(home))
    monkeypatch.delenv("SIEC_DESK_DB", raising=False)
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.setenv(var, "C")
    i18n.set_language("en")
    yield home
    i18n.set_language("en")


BACKENDS = ("sqlite", "postgresql")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--backends",
        default=",".join(BACKENDS),
        help="databases that 'both_backends' tests run on (default: sqlite,postgresql)",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "both_backends: run the module's database tests on SQLite and PostgreSQL"
    )
    config.addinivalue_line("markers", "postgresql: the PostgreSQL run of a both_backends test")


def _order_seed(config: pytest.Config) -> int | None:
    """pytest-randomly's seed for this run (None with ``-p no:randomly``)."""
    seed = config.getoption("randomly_seed", default=None)
    return seed if isinstance(seed, int) else None


def pytest_sessionstart(session: pytest.Session) -> None:
    """Hypothesis draws its examples from the order's seed (unless ``--hypothesis-seed``
    names one), so the one seed printed at the end replays the order and the examples."""
    seed = _order_seed(session.config)
    if seed is not None and session.config.getoption("hypothesis_seed", default=None) is None:
        from hypothesis import core

        core.global_force_seed = seed


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> None:
    """The seed, printed even with ``-q`` (where pytest-randomly's header is not)."""
    seed = _order_seed(config)
    if seed is not None:
        terminalreporter.write_line(
            f"Random test order, seed {seed}: --randomly-seed={seed} replays it and the same"
            " Hypothesis examples (-p no:randomly: file order)"
        )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" not in metafunc.fixturenames:
        return
    if metafunc.definition.get_closest_marker("both_backends") is None:
        return
    chosen = [b.strip() for b in metafunc.config.getoption("--backends").split(",")]
    params = [
        pytest.param(b, id=b, marks=[pytest.mark.postgresql] if b == "postgresql" else [])
        for b in BACKENDS
        if b in chosen
    ]
    metafunc.parametrize("backend", params, indirect=True, scope="module")


@pytest.fixture(scope="module")
def backend(request: pytest.FixtureRequest) -> str:
    """The database a test runs on: "sqlite" unless its module is ``both_backends``."""
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    """One private server for the session, with a migrated template database."""
    reason = unavailable_reason()
    if reason:
        pytest.skip(f"PostgreSQL tests skipped: {reason}")
    from siec_desk.storage.database import open_database

    server = PostgresServer().start()
    try:
        open_database(server.create_database("siec_template")).close()  # every migration
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def sqlite_template() -> SqliteTemplate:
    """One SQLite database migrated for the session; tests get copies (``new_db``)."""
    return databases.sqlite_template()


def _databases(request: pytest.FixtureRequest, backend: str, folder: Path) -> Databases:
    if backend == "postgresql":
        return Databases(folder, request.getfixturevalue("pg_server"))
    return Databases(folder, None, request.getfixturevalue("sqlite_template"))


@pytest.fixture
def new_db(request: pytest.FixtureRequest, backend: str, tmp_path: Path) -> Iterator[Databases]:
    """``new_db("name")``: a new, empty, migrated database for this test (dropped
    afterwards). Ask for a plain ``tmp_path`` file to test creating a database."""
    databases = _databases(request, backend, tmp_path)
    yield databases
    databases.drop_all()


@pytest.fixture(scope="module")
def module_db(
    request: pytest.FixtureRequest, backend: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Databases]:
    """Like ``new_db``, for module-scoped fixtures."""
    databases = _databases(request, backend, tmp_path_factory.mktemp("db"))
    yield databases
    databases.drop_all()


@pytest.fixture
def db_path(new_db: Databases) -> Path | str:
    """The test's database: a SQLite file, or a PostgreSQL URL in ``both_backends`` runs."""
    return new_db("centre")


@pytest.fixture
def ctx(db_path: Path) -> Iterator[AppContext]:
    from siec_desk.services.app import open_app

    context = open_app(db_path)
    yield context
    context.close()


@pytest.fixture
def ctx_ma(new_db: Databases) -> Iterator[AppContext]:
    context = make_ctx(new_db("ma"), "MA")
    yield context
    context.close()
