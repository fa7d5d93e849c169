"""Messages and the log keep personal data and passwords private (redteam MEDIUM-1,
MEDIUM-2, LOW-3, LOW-5): one masking helper for every URL and driver message; the log
holds error classes and places, never values; the log file is private; a remote
PostgreSQL server reached without TLS is warned about; huge ids are usage errors."""

from __future__ import annotations

import argparse
import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from siec_desk.cli import main
from siec_desk.cli.arg_types import MAX_ID, record_id
from siec_desk.core import logs
from siec_desk.core.errors import driver_reason, mask_secrets, one_line
from siec_desk.storage.transport import unencrypted_host, unencrypted_warning

PASSWORD = "Limited-Pw-777"


@pytest.mark.parametrize(
    "text",
    [
        f"postgresql+psycopg://siec_limited:{PASSWORD}@127.0.0.1:55432/siec2",
        f"postgresql://u:{PASSWORD}@db.example.org/siec?sslmode=require",
        f"postgresql://u:p@{PASSWORD}@host/db",  # an "@" typed in the password
        f"connection to server failed: host=10.0.0.5 user=siec password={PASSWORD} dbname=x",
        f"dsn 'host=a password='{PASSWORD} x' dbname=b'",
        f"postgresql://host/db?user=siec&password={PASSWORD}",
    ],
)
def test_every_password_is_masked(text: str) -> None:
    masked = mask_secrets(text)
    assert PASSWORD not in masked and "***" in masked
    assert mask_secrets(masked) == masked


def test_a_driver_message_is_one_line_without_sql_values_or_password() -> None:
    message = (
        f"(psycopg.errors.InsufficientPrivilege) permission denied for schema public "
        f"(postgresql://siec:{PASSWORD}@h/db)\nLINE 2: CREATE TABLE alembic_version (\n"
        "[SQL: INSERT INTO households (first_name) VALUES (%(first_name)s)]\n"
        "[parameters: {'first_name': 'Yolanda'}]\n(Background on this error at: …)"
    )
    line = one_line(message)
    assert "\n" not in line and "permission denied for schema public" in line
    assert PASSWORD not in line and "Yolanda" not in line and "INSERT" not in line
    assert len(one_line("x" * 10_000)) <= 300

    class WrappedError(Exception):
        orig = RuntimeError(message)

    assert driver_reason(WrappedError("ignored")) == line


@pytest.fixture
def own_log_file() -> Iterator[None]:
    """The root logger without its log files for the test; as it was afterwards."""
    root = logging.getLogger()
    saved = root.handlers[:]
    for handler in saved:
        if isinstance(handler, logging.handlers.RotatingFileHandler):
            root.removeHandler(handler)
    yield
    for handler in root.handlers[:]:
        if handler not in saved:
            root.removeHandler(handler)
            handler.close()
    for handler in saved:
        if handler not in root.handlers:
            root.addHandler(handler)


@pytest.mark.usefixtures("own_log_file")
def test_the_log_holds_classes_and_places_not_values(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SIEC_DESK_HOME", str(tmp_path / "home"))
    path = logs.setup_logging()
    assert path is not None
    try:
        try:
            raise KeyError("yolanda.personaldata@example.org")
        except KeyError as inner:
            raise RuntimeError(
                f"postgresql://siec:{PASSWORD}@h/db [parameters: {{'first_name': 'Yolanda'}}]"
            ) from inner
    except RuntimeError as exc:
        reference = logs.log_unexpected(logging.getLogger("test"), exc)
    logging.getLogger("test").warning("opening postgresql://u:%s@h/db", PASSWORD)
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = path.read_text("utf-8")
    assert reference in text and reference.startswith("E-")
    assert "builtins.RuntimeError" in text and "builtins.KeyError" in text
    assert "test_private_messages.py" in text  # where it happened
    for secret in (PASSWORD, "Yolanda", "personaldata"):
        assert secret not in text
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_an_old_world_readable_log_becomes_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SIEC_DESK_HOME", str(tmp_path))
    folder = tmp_path / "logs"
    folder.mkdir(mode=0o755)
    (folder / "siec-desk.log.1").write_text("old\n")
    (folder / "siec-desk.log.1").chmod(0o644)
    logs._private_folder(folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / "siec-desk.log.1").stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("postgresql+psycopg://siec:pw@db.example.org/siec", "db.example.org"),
        ("postgresql+psycopg://siec:pw@10.1.2.3:5432/siec?sslmode=prefer", "10.1.2.3"),
        ("postgresql+psycopg://siec:pw@db.example.org/siec?sslmode=disable", "db.example.org"),
        ("postgresql+psycopg://siec@/siec?host=db.example.org", "db.example.org"),
        ("postgresql+psycopg://siec:pw@db.example.org/siec?sslmode=require", None),
        ("postgresql+psycopg://siec:pw@db.example.org/siec?sslmode=verify-full", None),
        ("postgresql+psycopg://siec:pw@db.example.org/siec?sslmode=verify-ca", None),
        ("postgresql+psycopg://siec:pw@localhost/siec", None),
        ("postgresql+psycopg://siec:pw@127.0.0.1:55432/siec", None),
        ("postgresql+psycopg://siec:pw@[::1]/siec", None),
        ("postgresql+psycopg://siec@/siec?host=/var/run/postgresql", None),
        ("sqlite:////tmp/centre.sqlite3", None),
        ("/home/centre/siec-desk.sqlite3", None),
    ],
)
def test_a_remote_server_without_tls_is_named(
    url: str, host: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PGSSLMODE", raising=False)
    monkeypatch.delenv("PGHOST", raising=False)
    assert unencrypted_host(url) == host
    warning = unencrypted_warning(url)
    assert (warning is None) == (host is None)
    if warning:
        assert host in warning and "pw" not in warning.replace("verify", "")
        assert "\n" not in warning


def test_pgsslmode_in_the_environment_counts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PGSSLMODE", "verify-full")
    assert unencrypted_host("postgresql+psycopg://siec:pw@db.example.org/siec") is None


def test_the_command_line_warns_in_one_line_and_still_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SIEC_DESK_HOME", str(tmp_path))
    monkeypatch.delenv("PGSSLMODE", raising=False)
    url = f"postgresql+psycopg://siec:{PASSWORD}@192.0.2.1:1/siec?connect_timeout=1"
    code = main(["--db", url, "--lang", "fr", "db", "check"])
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert code == 1 and len(lines) == 2, err  # the warning, then why it cannot connect
    assert "192.0.2.1" in lines[0] and "sslmode" in lines[0]
    assert PASSWORD not in err


@pytest.mark.parametrize("value", ["99999999999999999999", "0", "-5", str(MAX_ID + 1), "1e9"])
def test_an_id_out_of_range_is_a_usage_error(value: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError, match=str(MAX_ID)):
        record_id(value)
    assert record_id(str(MAX_ID)) == MAX_ID and record_id(" 7 ") == 7
