"""What the start no longer does before its window shows still happens (issue 22): the
opening's housekeeping runs with the quick check and the daily backup once the first page
has loaded, or at exit if the window closed sooner; the planner's statistics follow."""

from __future__ import annotations

import os
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from siec_desk.ui.app.launch import _schedule_maintenance
from siec_desk.ui.app.main_window import MainWindow
from siec_desk.ui.app.startup_checks import StartupMaintenance
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.kit.runner import ImmediateRunner

pytestmark = pytest.mark.ui


def _crash_leftover(ui: UiContext) -> Path:
    """A letter's ``.partial`` copy a crash left an hour ago (personal data)."""
    archive = ui.app.archive
    archive.mkdir(parents=True, exist_ok=True)
    leftover = archive / "letter-1.pdf.partial"
    leftover.write_bytes(b"%PDF-1.7 half written")
    hour_ago = time.time() - 3600
    os.utime(leftover, (hour_ago, hour_ago))
    return leftover


def test_the_housekeeping_runs_with_the_start_up_checks(qtbot: Any, ui: UiContext) -> None:
    leftover = _crash_leftover(ui)
    window = MainWindow(ui)
    qtbot.addWidget(window)
    maintenance = StartupMaintenance(
        ui,
        window,
        can_leave=window.can_leave_all,
        restart=lambda: None,
        runner=ImmediateRunner(lambda exc: None),
        clock=lambda: datetime(2025, 3, 14, 9, 0),
        housekeeping=ui.app.housekeeping,
    )
    assert leftover.exists()  # nothing before the checks run
    maintenance.run()
    assert maintenance.housekept and not leftover.exists()
    assert maintenance.report is not None and not maintenance.report.problems


def test_the_housekeeping_runs_at_exit_when_the_window_closed_first(
    qtbot: Any, ui: UiContext
) -> None:
    leftover = _crash_leftover(ui)
    window = MainWindow(ui)
    qtbot.addWidget(window)
    stop = _schedule_maintenance(ui, window, ui.app)
    assert leftover.exists()  # the window shows first
    stop()  # closed before the checks started
    assert not leftover.exists()


def test_the_scheduled_checks_start_after_the_first_page(qtbot: Any, ui: UiContext) -> None:
    leftover = _crash_leftover(ui)
    window = MainWindow(ui)
    qtbot.addWidget(window)
    stop = _schedule_maintenance(ui, window, ui.app)
    try:
        qtbot.waitUntil(lambda: not leftover.exists(), timeout=15000)
        backups = window.findChildren(StartupMaintenance)
        assert len(backups) == 1
        qtbot.waitUntil(lambda: backups[0].report is not None, timeout=15000)
        assert backups[0].housekept
    finally:
        stop()
