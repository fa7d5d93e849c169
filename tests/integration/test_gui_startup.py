"""Starting the desk to an idle window builds only the page shown and imports nothing
that page does not need: no document engine, e-mail, keyring, spreadsheet or charts
library, no other page (issue 22: start-up ≤ 0.5 s; checked here by what is loaded, in
a fresh offscreen process, never by timing). What is left out still comes on first use."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from siec_desk.services.app import CentreSetup, ensure_centre, open_app

#: Modules the start must leave for later (each costs tens of milliseconds, or more).
HEAVY = (
    "weasyprint",
    "jinja2",
    "openpyxl",
    "keyring",
    "smtplib",
    "email.mime",
    "alembic",
    "psycopg",
    "matplotlib",
    "jsonschema",
    "fastjsonschema",
    "siec_desk.documents",
    "siec_desk.importing",
    "siec_desk.services.mail",
    "siec_desk.services.letters",
    "siec_desk.services.rights",
    "siec_desk.services.network",
    "siec_desk.services.activity",
    "siec_desk.ui.activity.page",
    "siec_desk.ui.events",
    "siec_desk.ui.kit.document_preview",
)

#: Runs the real ``siec-desk`` start; when it prints "ready" (its window shown, the
#: event loop idle: ``SIEC_DESK_QUIT_WHEN_READY``), reports the window and the modules.
DRIVER = """
import json, os, sys

def report():
    import gc
    from PySide6.QtWidgets import QApplication
    window = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "main_window")
    return {
        "shown": window.isVisible(),
        "page": window.stack.currentWidget().key,
        "built": [p.key for p in window.pages if p.built],
        "modules": sorted(sys.modules),
        "frozen": gc.get_freeze_count() > 0,
    }

def after_warm_up():
    # back to the event loop until the idle warm-up has built every page (60 s at most)
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication
    window = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "main_window")
    loop, poll = QEventLoop(), QTimer()
    poll.timeout.connect(lambda: all(p.built for p in window.pages) and loop.quit())
    poll.start(20)
    QTimer.singleShot(60000, loop.quit)
    loop.exec()

class Ready:
    def __init__(self, out):
        self.out = out
    def write(self, text):
        if text.strip() == "ready":
            if os.environ.get("AFTER_WARM_UP"):
                after_warm_up()
            self.out.write(json.dumps(report()) + "\\n")
            self.out.flush()
            os._exit(0)
        return self.out.write(text)
    def flush(self):
        self.out.flush()

sys.stdout = Ready(sys.stdout)
from siec_desk.cli import main
main(["--db", sys.argv[1]])
"""


def start_to_idle(db: Path, home: Path, after_warm_up: bool = False) -> dict[str, object]:
    env = dict(
        os.environ,
        AFTER_WARM_UP="1" if after_warm_up else "",
        SIEC_DESK_HOME=str(home),
        QT_QPA_PLATFORM="offscreen",
        SIEC_DESK_QUIT_WHEN_READY="1",
        LANG="C.UTF-8",
    )
    env.pop("SIEC_DESK_DB", None)
    result = subprocess.run(
        [sys.executable, "-c", DRIVER, str(db)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    assert lines, result.stderr[-2000:]
    report: dict[str, object] = json.loads(lines[-1])
    return report


def heavy_modules(modules: object, heavy: tuple[str, ...] = HEAVY) -> list[str]:
    assert isinstance(modules, list)
    return sorted(m for m in modules if m in heavy or m.startswith(tuple(f"{h}." for h in heavy)))


@pytest.fixture()
def centre_db(tmp_path: Path) -> Path:
    """A centre with one advisor (so the start asks no advisor question)."""
    db = tmp_path / "centre.sqlite3"
    ensure_centre(db, lambda: CentreSetup("Espace Conseil Gap", "FR", "fr", "Claire"))
    return db


@pytest.mark.parametrize("view", ["today", "households"])
def test_the_start_builds_the_page_shown_and_imports_nothing_heavy(
    view: str, centre_db: Path, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    ini = home / "config" / "SIEC" / "siec-desk.ini"  # where the window's state is kept
    ini.parent.mkdir(parents=True)
    ini.write_text(f"[window]\nlast_view={view}\n", encoding="utf-8")
    report = start_to_idle(centre_db, home)
    assert report["shown"] is True
    assert report["page"] == view
    assert report["built"] == [view]  # the other pages come when first shown
    # The household pane (its consumption chart: QtCharts) waits for a household.
    pane = ("PySide6.QtCharts", "siec_desk.ui.households.consumption")
    assert heavy_modules(report["modules"], HEAVY + pane) == []


def test_once_idle_the_start_freezes_its_objects_and_builds_the_other_pages(
    centre_db: Path, tmp_path: Path
) -> None:
    report = start_to_idle(centre_db, tmp_path / "home", after_warm_up=True)
    assert report["page"] == "today"  # still the user's page
    assert report["built"] == [
        "today", "households", "consultations", "followups", "activity", "events", "loans"
    ]  # fmt: skip
    assert report["frozen"] is True  # gc.freeze(): no full collection walks them again


def test_every_service_is_still_there_when_first_used(centre_db: Path) -> None:
    """The services are bound on first use, once: the same object for every caller."""
    ctx = open_app(centre_db)
    try:
        assert "mail" not in vars(ctx)  # not built by opening
        mail = ctx.mail
        assert ctx.mail is mail
        assert mail.letters is ctx.letters and ctx.letters.audit is ctx.audit
        assert ctx.households.audit is ctx.audit is ctx.consultations.audit
        assert ctx.centres.current() is not None
    finally:
        ctx.close()
