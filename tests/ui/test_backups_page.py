"""File ▸ Backups…, the start-up checks and the damaged-file guidance, with scripted dialogs."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from siec_desk.core.settings import Preferences, load_preferences, save_preferences
from siec_desk.domain.household_records import HouseholdInput
from siec_desk.services.app import AppContext, open_app
from siec_desk.services.backups import BackupKind, BackupPolicy, list_backups
from siec_desk.storage.backup import backup_database, default_backup_dir
from siec_desk.ui.admin.backups import BackupsDialog
from siec_desk.ui.app import main_window as main_window_module
from siec_desk.ui.app.main_window import MainWindow
from siec_desk.ui.app.restore import recover_unopenable
from siec_desk.ui.app.startup_checks import StartupMaintenance
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.kit.runner import ImmediateRunner

pytestmark = pytest.mark.ui


class Restarts:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self) -> None:
        self.count += 1


def _path(ui: UiContext) -> Path:
    path = ui.app.db.path
    assert path is not None
    return path


def _names(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return [r[0] for r in con.execute("SELECT last_name FROM households ORDER BY id")]
    finally:
        con.close()


def _add(ui: UiContext, name: str) -> None:
    ui.app.households.create(HouseholdInput(first_name="Test", last_name=name))


def _damage(path: Path) -> None:
    """Junk over a data page, as a failing disk would write it: the audit trail's root page
    (never read to build the window; the middle of the file can be a schema page, which
    no connection could then even open)."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'audit_events'").fetchone()
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    con.close()
    with path.open("r+b") as fh:
        fh.seek(page_size * (root[0] - 1))
        fh.write(b"\xde\xad\xbe\xef" * (page_size // 4))


def _dialog(qtbot: Any, ui: UiContext, restart: Restarts | None = None) -> BackupsDialog:
    dialog = BackupsDialog(ui, None, restart=restart or Restarts())
    qtbot.addWidget(dialog)
    return dialog


def _fill_for_damage(ui: UiContext) -> None:
    """Enough rows that the middle of the file is data pages."""
    for index in range(150):
        _add(ui, f"Famille {index:03d}")


def test_the_list_shows_date_kind_and_size_newest_first(qtbot: Any, ui: UiContext) -> None:
    path = _path(ui)
    backup_database(path, None, "auto", when=datetime(2025, 3, 13, 8, 5))
    backup_database(path, None, "before-migration-0004", when=datetime(2025, 2, 1, 9, 0))
    dialog = _dialog(qtbot, ui)
    cells = [
        [dialog.table.item(row, col).text() for col in range(3)]
        for row in range(dialog.table.rowCount())
    ]
    assert [c[:2] for c in cells] == [
        ["13 Mar 2025 08:05", "Automatic (daily)"],
        ["1 Feb 2025 09:00", "Before an upgrade"],
    ]
    assert all(c[2].endswith("kB") for c in cells)
    assert dialog.restore_button.isEnabled()  # the newest is selected


def test_back_up_now_adds_a_manual_backup(qtbot: Any, ui: UiContext) -> None:
    dialog = _dialog(qtbot, ui)
    assert dialog.table.rowCount() == 0 and not dialog.restore_button.isEnabled()
    qtbot.mouseClick(dialog.backup_button, Qt.MouseButton.LeftButton)
    assert [b.kind for b in dialog.backups] == [BackupKind.MANUAL]
    assert "Backup written" in dialog.status.text()


def test_restore_from_the_gui_brings_the_backup_back_and_keeps_a_safety_copy(
    qtbot: Any, ui: UiContext, dialogs: Any
) -> None:
    path = _path(ui)
    _add(ui, "Avant")
    saved = backup_database(path, None, "manual", when=datetime(2025, 3, 13, 8, 5))
    _add(ui, "Après")
    restarts = Restarts()
    dialog = _dialog(qtbot, ui, restarts)
    dialogs.confirm_answers = [True]
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)

    question = dialogs.calls[0]
    assert question[0] == "confirm" and "13 Mar 2025 08:05" in question[1]
    assert dialogs.kinds() == ["confirm", "info"]
    assert restarts.count == 1  # the app reopens the restored file by restarting
    assert _names(path) == _names(saved) == ["Avant"]
    reopened = open_app(path)  # what the restarted app does: it opens cleanly
    try:
        assert [h.last_name for h in reopened.households.page(0, 10)] == ["Avant"]
    finally:
        reopened.close()
    safety = [b for b in list_backups(path, BackupPolicy()) if b.kind is BackupKind.PRE_RESTORE]
    assert len(safety) == 1 and _names(safety[0].path) == ["Avant", "Après"]
    assert str(safety[0].path) in dialogs.calls[1][1]


def test_declining_the_restore_changes_nothing(qtbot: Any, ui: UiContext, dialogs: Any) -> None:
    path = _path(ui)
    _add(ui, "Avant")
    backup_database(path, None, "manual")
    _add(ui, "Après")
    restarts = Restarts()
    dialog = _dialog(qtbot, ui, restarts)
    dialogs.confirm_answers = [False]
    dialog.restore_selected()
    assert restarts.count == 0 and _names(path) == ["Avant", "Après"]
    assert dialog.backup_button.isEnabled() and dialog.restore_button.isEnabled()
    assert len(list_backups(path, BackupPolicy())) == 1  # no safety copy either


def test_unsaved_work_stops_a_restore_before_the_question(
    qtbot: Any, ui: UiContext, dialogs: Any
) -> None:
    backup_database(_path(ui), None, "manual")
    dialog = BackupsDialog(ui, None, can_leave=lambda: False, restart=Restarts())
    qtbot.addWidget(dialog)
    dialog.restore_selected()
    assert dialogs.kinds() == []


def test_check_database_reports_ok(qtbot: Any, ui: UiContext) -> None:
    dialog = _dialog(qtbot, ui)
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert dialog.status.text() == "Database OK: integrity and foreign keys checked."


def test_check_database_offers_the_latest_good_backup_when_damaged(
    qtbot: Any, ui: UiContext, dialogs: Any
) -> None:
    _fill_for_damage(ui)
    path = _path(ui)
    good = backup_database(path, None, "auto", when=datetime(2025, 3, 10, 7, 0))
    ui.app.db.engine.dispose()
    _damage(path)
    restarts = Restarts()
    dialog = _dialog(qtbot, ui, restarts)
    dialogs.confirm_answers = [True]
    dialog.check_database()
    kind, text = dialogs.calls[0]
    assert kind == "confirm" and "damaged" in text and "10 Mar 2025 07:00" in text
    assert restarts.count == 1
    assert _names(path) == _names(good)


def test_choosing_a_folder_saves_it_for_this_pc_and_backs_up_there(
    qtbot: Any, ui: UiContext, dialogs: Any, tmp_path: Path
) -> None:
    save_preferences(Preferences(language="fr"))
    stick = tmp_path / "stick"
    stick.mkdir()
    dialog = _dialog(qtbot, ui)
    dialogs.file_answers = [str(stick)]
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    saved = load_preferences()
    assert saved.backup_folder == str(stick) and saved.language == "fr"  # language kept
    assert ui.app.db.backup_dir == stick and str(stick) in dialog.folder_label.text()
    dialog.back_up_now()
    assert [b.path.parent for b in dialog.backups] == [stick]

    dialog.daily_spin.setValue(3)
    dialog.monthly_spin.setValue(24)
    saved = load_preferences()
    assert (saved.daily_backups, saved.monthly_backups) == (3, 24)

    qtbot.mouseClick(dialog.default_button, Qt.MouseButton.LeftButton)
    assert load_preferences().backup_folder is None and ui.app.db.backup_dir is None
    assert dialog.backups == []  # the default folder has none yet


def test_an_unplugged_folder_is_a_warning_on_the_page(
    qtbot: Any, ui: UiContext, tmp_path: Path
) -> None:
    stick = tmp_path / "STICK"
    save_preferences(Preferences(backup_folder=str(stick)))
    ui.app.db.backup_dir = stick
    dialog = _dialog(qtbot, ui)
    assert dialog.warning.isVisibleTo(dialog) and str(stick) in dialog.warning.text()
    dialog.back_up_now()
    assert "cannot be reached" in dialog.status.text()
    assert not stick.exists()


def test_a_folder_that_cannot_be_written_is_refused(
    qtbot: Any, ui: UiContext, dialogs: Any, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, ui)
    dialogs.file_answers = [str(tmp_path / "missing")]
    dialog.choose_folder()
    assert dialogs.kinds() == ["choose_folder", "error"]
    assert load_preferences().backup_folder is None


# -- start-up ---------------------------------------------------------------------------
def _maintenance(
    qtbot: Any, ui: UiContext, now: datetime, restarts: Restarts | None = None
) -> tuple[MainWindow, StartupMaintenance]:
    window = MainWindow(ui)
    qtbot.addWidget(window)
    maintenance = StartupMaintenance(
        ui,
        window,
        can_leave=window.can_leave_all,
        restart=restarts or Restarts(),
        runner=ImmediateRunner(lambda exc: None),
        clock=lambda: now,
    )
    return window, maintenance


def test_start_up_backs_up_once_a_day_quietly(qtbot: Any, ui: UiContext) -> None:
    _window, maintenance = _maintenance(qtbot, ui, datetime(2025, 3, 14, 9, 0))
    maintenance.run()
    maintenance.run()  # a second start the same day
    backups = list_backups(_path(ui), BackupPolicy())
    assert [b.kind for b in backups] == [BackupKind.AUTOMATIC]
    assert maintenance.warning is None


def test_start_up_warns_in_the_status_bar_when_the_stick_is_away(
    qtbot: Any, ui: UiContext, tmp_path: Path
) -> None:
    stick = tmp_path / "STICK"
    save_preferences(Preferences(backup_folder=str(stick)))
    _window, maintenance = _maintenance(qtbot, ui, datetime(2025, 3, 14, 9, 0))
    maintenance.run()
    assert maintenance.warning is not None
    assert maintenance.warning.parent() is not None
    assert str(stick) in maintenance.warning.text()
    assert maintenance.warning.objectName() == "status.backup"


def test_a_damaged_file_at_start_up_offers_the_latest_good_backup(
    qtbot: Any, ui: UiContext, dialogs: Any
) -> None:
    _fill_for_damage(ui)
    path = _path(ui)
    good = backup_database(path, None, "auto", when=datetime(2025, 3, 13, 8, 0))
    ui.app.db.engine.dispose()
    _damage(path)
    restarts = Restarts()
    _window, maintenance = _maintenance(qtbot, ui, datetime(2025, 3, 14, 9, 0), restarts)
    dialogs.confirm_answers = [True]
    maintenance.run()
    kind, text = dialogs.calls[0]
    assert kind == "confirm" and "damaged" in text and "13 Mar 2025 08:00" in text
    assert restarts.count == 1 and _names(path) == _names(good)
    kinds = {b.kind for b in list_backups(path, BackupPolicy())}
    assert kinds == {BackupKind.AUTOMATIC, BackupKind.PRE_RESTORE}  # no backup of the damage


def test_a_damaged_file_without_backups_gets_guidance(
    qtbot: Any, ui: UiContext, dialogs: Any
) -> None:
    _fill_for_damage(ui)
    ui.app.db.engine.dispose()
    _damage(_path(ui))
    _window, maintenance = _maintenance(qtbot, ui, datetime(2025, 3, 14, 9, 0))
    maintenance.run()
    assert dialogs.kinds() == ["error"]
    assert "no good backup" in dialogs.calls[0][1] and "db check" in dialogs.calls[0][1]
    assert maintenance.warning is not None


def test_a_file_that_will_not_open_is_restored_at_start_up(tmp_path: Path, dialogs: Any) -> None:
    path = tmp_path / "centre.sqlite3"
    ctx: AppContext = open_app(path)
    ctx.households.create(HouseholdInput(first_name="A", last_name="Gardée"))
    good = backup_database(path, None, "auto", when=datetime.now() - timedelta(hours=5))
    ctx.close()
    with path.open("r+b") as fh:
        fh.write(b"\0" * 100)  # the header: SQLite no longer recognises the file
    from siec_desk.core.errors import SiecError

    try:
        open_app(path).close()
    except SiecError as exc:
        error = exc
    else:
        raise AssertionError("a file without its header opened")
    dialogs.confirm_answers = [True]
    assert recover_unopenable(str(path), error, dialogs, "FR") is True
    assert dialogs.kinds() == ["confirm", "info"]
    reopened = open_app(path)
    try:
        assert [h.last_name for h in reopened.households.page(0, 10)] == ["Gardée"]
    finally:
        reopened.close()
    assert _names(good) == ["Gardée"]


def test_a_locked_or_newer_database_is_not_offered_a_restore(tmp_path: Path, dialogs: Any) -> None:
    from siec_desk.core.errors import NewerSchemaError

    path = tmp_path / "centre.sqlite3"
    open_app(path).close()
    backup_database(path, None, "auto")
    assert not recover_unopenable(str(path), NewerSchemaError("newer"), dialogs, "FR")
    assert dialogs.kinds() == []


# -- main window ------------------------------------------------------------------------
def test_file_menu_opens_the_backups_dialog(
    qtbot: Any, ui: UiContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = MainWindow(ui)
    qtbot.addWidget(window)
    opened: list[BackupsDialog] = []
    monkeypatch.setattr(BackupsDialog, "exec", lambda self: opened.append(self) or 0)
    action = window.findChild(QAction, "action.backups")
    assert action is not None
    action.trigger()
    assert len(opened) == 1


def test_restart_closes_without_asking_and_starts_again(
    qtbot: Any, ui: UiContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[tuple[str, list[str]]] = []

    class FakeProcess:
        @staticmethod
        def startDetached(program: str, arguments: list[str]) -> bool:  # noqa: N802
            started.append((program, arguments))
            return True

    monkeypatch.setattr(main_window_module, "QProcess", FakeProcess)
    window = MainWindow(ui)
    qtbot.addWidget(window)
    window.show()
    today = window.stack.currentWidget()
    monkeypatch.setattr(today, "can_leave", lambda: False)  # asked before the restore
    window.restart()
    assert not window.isVisible()
    assert len(started) == 1 and "siec_desk" in started[0][1]


def test_arabic_dialog_is_right_to_left_with_the_path_isolated(
    qtbot: Any, ui: UiContext, arabic: None
) -> None:
    backup_database(_path(ui), None, "manual")
    dialog = _dialog(qtbot, ui)
    dialog.show()
    assert dialog.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert f"\u2066{default_backup_dir(_path(ui))}\u2069" in dialog.folder_label.text()
    assert dialog.restore_button.isEnabled()  # the newest row is selected in RTL too
