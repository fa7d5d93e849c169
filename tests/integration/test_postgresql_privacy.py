"""PostgreSQL refusals keep the password and the row's values private (redteam MEDIUM-1,
MEDIUM-2, LOW-10): a role that may connect but not create the schema, a role missing
INSERT, and ``db copy --to`` such a role each give one translated line, the URL without
its password; the log holds the error's class and a reference, never the values."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from testkit.cli import Cli
from testkit.postgres import PostgresServer

from siec_desk.core import logs

PASSWORD = "Limited-Pw-777"


def _admin(server: PostgresServer, database: str, *statements: str) -> None:
    engine = create_engine(server.url(database), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            for statement in statements:
                connection.execute(text(statement))
    finally:
        engine.dispose()


def _as(server: PostgresServer, database_url: str, role: str) -> str:
    """*database_url* for *role*, with a password in it (trust ignores it)."""
    url = make_url(database_url).set(username=role, password=PASSWORD)
    return url.render_as_string(hide_password=False)


@pytest.fixture
def limited(pg_server: PostgresServer) -> Iterator[tuple[str, str]]:
    """(URL of an empty database the role may not create tables in, of a migrated
    database where the role may read but not INSERT households)."""
    role = f"siec_limited_{uuid.uuid4().hex[:8]}"
    empty = pg_server.create_database()
    ready = pg_server.create_database(template="siec_template")
    empty_name = make_url(empty).database
    ready_name = make_url(ready).database
    _admin(pg_server, "postgres", f"CREATE ROLE {role} LOGIN PASSWORD '{PASSWORD}'")
    for name in (empty_name, ready_name):
        _admin(
            pg_server,
            str(name),
            "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
            f"GRANT USAGE ON SCHEMA public TO {role}",
            f"GRANT SELECT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}",
            f"GRANT INSERT ON ALL TABLES IN SCHEMA public TO {role}",
            f"REVOKE INSERT ON households FROM {role}" if name == ready_name else "SELECT 1",
            f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}",
        )
    yield _as(pg_server, empty, role), _as(pg_server, ready, role)
    for name in (empty_name, ready_name):
        pg_server.drop_database(str(name))
    _admin(pg_server, "postgres", f"DROP ROLE IF EXISTS {role}")


def _one_line(code: int, err: str) -> str:
    lines = err.strip().splitlines()
    assert code == 1 and len(lines) == 1 and lines[0].startswith("siec-desk: "), err
    assert PASSWORD not in err and "Traceback" not in err
    return lines[0]


def test_a_role_that_cannot_create_the_schema_gets_one_line_without_password(
    limited: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    empty, _ready = limited
    line = _one_line(*Cli(empty, capsys)("--lang", "en", "db", "check")[::2])
    assert "***@" in line and "permission denied" in line and "privilege" in line
    french = _one_line(*Cli(empty, capsys)("--lang", "fr", "db", "check")[::2])
    assert french != line


def test_db_copy_to_a_role_without_create_is_one_line(
    limited: tuple[str, str], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    empty, _ready = limited
    source = tmp_path / "centre.sqlite3"
    cli = Cli(source, capsys)
    assert cli("--lang", "en", "household", "add", "--last-name", "Curie")[0] == 0
    code, _out, err = cli("--lang", "en", "db", "copy", "--to", empty)
    line = _one_line(code, err)
    assert "***@" in line and "privilege" in line


def test_a_refused_insert_logs_no_personal_value(
    limited: tuple[str, str],
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _empty, ready = limited
    monkeypatch.setenv("SIEC_DESK_HOME", str(tmp_path / "home"))
    root = logging.getLogger()
    saved = [h for h in root.handlers if isinstance(h, logging.handlers.RotatingFileHandler)]
    for handler in saved:
        root.removeHandler(handler)
    try:
        code, _out, err = Cli(ready, capsys)(
            "--lang", "en", "household", "add", "--first-name", "Yolanda",
            "--last-name", "Personaldata", "--phone", "+33 6 55 44 33 22",
            "--email", "yolanda.personaldata@example.org",
        )  # fmt: skip
        line = _one_line(code, err)
        log_file = logs.setup_logging()
        assert log_file is not None
        for handler in root.handlers:
            handler.flush()
        logged = log_file.read_text("utf-8")
    finally:
        for handler in root.handlers[:]:
            if isinstance(handler, logs.PrivateFileHandler):
                root.removeHandler(handler)
                handler.close()
        for handler in saved:
            root.addHandler(handler)
    for secret in ("Yolanda", "Personaldata", "personaldata", "55443322", PASSWORD):
        assert secret not in logged and secret not in err
    assert "refused this change" in line and "permission denied for table households" in line
