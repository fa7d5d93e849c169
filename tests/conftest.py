"""Shared fixtures: an isolated home folder per test, offscreen Qt, a fresh database."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

# Qt must never look for a display; an empty value aborts the process (pitfalls §16).
if not os.environ.get("QT_QPA_PLATFORM"):
    os.environ["QT_QPA_PLATFORM"] = "offscreen"

from testkit.contexts import make_ctx

from siec_desk import i18n

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


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "centre.sqlite3"


@pytest.fixture
def ctx(db_path: Path) -> Iterator[AppContext]:
    from siec_desk.services.app import open_app

    context = open_app(db_path)
    yield context
    context.close()


@pytest.fixture
def ctx_ma(tmp_path: Path) -> Iterator[AppContext]:
    context = make_ctx(tmp_path / "ma.sqlite3", "MA")
    yield context
    context.close()
