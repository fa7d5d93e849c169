"""Saving while another program holds the database's write lock: the GUI says so calmly."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from siec_desk.services.app import AppContext, open_app
from siec_desk.storage import engine
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.today.page import TodayPage


@pytest.fixture
def app_ctx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppContext]:
    """The usual context, with a 200 ms busy timeout so the test does not wait 5 s."""
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 200)
    ctx = open_app(tmp_path / "ui.sqlite3")
    yield ctx
    ctx.close()


def test_quick_log_says_the_database_is_busy_and_keeps_the_call(  # type: ignore[no-untyped-def]
    qtbot, ui: UiContext, tmp_path: Path
) -> None:
    page = TodayPage(ui)
    qtbot.addWidget(page)
    page.refresh()
    bar = page.quick_log
    bar.themes.setText("heating")  # typed, its completion popup would take the Enter
    qtbot.keyClicks(bar.commune, "Gardanne")
    other_program = sqlite3.connect(tmp_path / "ui.sqlite3", isolation_level=None)
    other_program.execute("BEGIN IMMEDIATE")
    try:
        qtbot.keyClick(bar.commune, Qt.Key.Key_Return)
    finally:
        other_program.execute("ROLLBACK")
        other_program.close()
    assert bar.message.text() == (
        "The database is busy (another program is writing to it). Try again in a moment."
    )
    assert (bar.themes.text(), bar.commune.text()) == ("heating", "Gardanne")
    assert ui.app.consultations.between() == []
    qtbot.keyClick(bar.commune, Qt.Key.Key_Return)  # trying again works
    assert [c.commune for c in ui.app.consultations.between()] == ["Gardanne"]
