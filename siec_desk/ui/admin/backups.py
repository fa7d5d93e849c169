"""File ▸ Backups…: the backups of this database, and this PC's backup settings.

Lists the backups in the folder (date, kind, size), backs up now, restores one (the
current file is backed up first, then SIEC Desk restarts), runs the full integrity and
foreign-key check, opens the folder, and sets where backups go and how many automatic
ones are kept. Folder and counts are per-PC preferences (a USB stick is a path on this
machine); they apply at once. Everything that touches files runs on the DB thread.
"""

from __future__ import annotations

import dataclasses
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QTableWidgetItem, QWidget

from siec_desk.core.errors import SiecError
from siec_desk.core.formatting import format_datetime, format_file_size, locale_for, ltr
from siec_desk.core.i18n import _
from siec_desk.core.settings import load_preferences, save_preferences
from siec_desk.services.backups import (
    BackupFolderUnreachableError,
    BackupInfo,
    BackupPolicy,
    backup_folder,
    backup_policy,
    default_folder,
    kind_label,
    latest_good_backup,
    list_backups,
    unreachable_message,
)
from siec_desk.services.maintenance import CheckReport
from siec_desk.services.restore import damaged_text
from siec_desk.ui.admin.backups_layout import BackupsLayout
from siec_desk.ui.app.restore import restore_and_restart
from siec_desk.ui.kit.context import UiContext, error_text
from siec_desk.ui.widgets.accessible import tag


def folder_is_writable(folder: Path) -> bool:
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".siec-desk-probe-"):
            return True
    except OSError:
        return False


class BackupsDialog(BackupsLayout):
    def __init__(
        self,
        ui: UiContext,
        parent: QWidget | None = None,
        *,
        can_leave: Callable[[], bool] = lambda: True,
        restart: Callable[[], None] = lambda: None,
    ) -> None:
        super().__init__(parent)
        self.ui = ui
        self.can_leave = can_leave
        self.restart = restart
        self.policy = backup_policy()
        self.db_path = ui.app.maintenance.path
        self.babel_locale = locale_for(None, ui.app.centre.country)
        self.backups: list[BackupInfo] = []
        self._busy = False
        tag(self, "backups.dialog", _("Backups"))
        self.setWindowTitle(_("Backups"))
        self._build()
        self._connect()
        self.resize(820, 600)
        self._show_settings()
        if self.db_path is None:
            self._set_status(error_text(_not_sqlite()), error=True)
            for widget in self._actions() + self._settings_widgets():
                widget.setEnabled(False)
        else:
            self.reload()

    def _connect(self) -> None:
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _item: self.restore_selected())
        self.choose_button.clicked.connect(self.choose_folder)
        self.default_button.clicked.connect(self.use_default_folder)
        self.daily_spin.valueChanged.connect(self._counts_changed)
        self.monthly_spin.valueChanged.connect(self._counts_changed)
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button.clicked.connect(self.restore_selected)
        self.check_button.clicked.connect(self.check_database)
        self.open_button.clicked.connect(self.open_folder)
        self.close_button.clicked.connect(self.reject)

    # -- settings --------------------------------------------------------------------
    def folder(self) -> Path | None:
        return backup_folder(self.db_path, self.policy) if self.db_path else None

    def _show_settings(self) -> None:
        folder = self.folder()
        chosen = self.policy.folder is not None
        text = ltr(str(folder)) if folder else ""
        if folder is not None and not chosen:
            text = _("{folder} (default: beside the database)").format(folder=text)
        self.folder_label.setText(text)
        self.default_button.setEnabled(chosen and self.db_path is not None)
        for spin, value in (
            (self.daily_spin, self.policy.daily),
            (self.monthly_spin, self.policy.monthly),
        ):
            spin.blockSignals(True)
            spin.setValue(value)
            spin.blockSignals(False)

    def _save_policy(self, policy: BackupPolicy) -> None:
        preferences = load_preferences()
        save_preferences(
            dataclasses.replace(
                preferences,
                backup_folder=str(policy.folder) if policy.folder else None,
                daily_backups=policy.daily,
                monthly_backups=policy.monthly,
            )
        )
        self.policy = policy
        self.ui.app.maintenance.use_backup_folder(policy.folder)  # manual, pre-restore…

    def choose_folder(self) -> None:
        start = self.folder() or Path.home()
        chosen = self.ui.dialogs.choose_folder(_("Backup folder"), str(start))
        if not chosen:
            return
        folder = Path(chosen)
        if not folder.is_dir() or not folder_is_writable(folder):
            self.ui.dialogs.error(
                _("Backups"),
                _("SIEC Desk cannot write to the folder {folder}.").format(folder=ltr(chosen)),
            )
            return
        if self.db_path is not None and folder == default_folder(self.db_path):
            folder_setting = None
        else:
            folder_setting = folder
        self._save_policy(dataclasses.replace(self.policy, folder=folder_setting))
        self._show_settings()
        self.reload()

    def use_default_folder(self) -> None:
        self._save_policy(dataclasses.replace(self.policy, folder=None))
        self._show_settings()
        self.reload()

    def _counts_changed(self) -> None:
        self._save_policy(
            dataclasses.replace(
                self.policy, daily=self.daily_spin.value(), monthly=self.monthly_spin.value()
            )
        )

    # -- list --------------------------------------------------------------------------
    def reload(self) -> None:
        path, policy = self.db_path, self.policy
        if path is None:
            return
        self.ui.runner.run(lambda: list_backups(path, policy), self._listed, self._list_failed)

    def _listed(self, backups: list[BackupInfo]) -> None:
        self.warning.setVisible(False)
        self._fill(backups)

    def _list_failed(self, exc: Exception) -> None:
        self._fill([])
        if isinstance(exc, BackupFolderUnreachableError):
            self.warning.setText(str(exc))
            self.warning.setVisible(True)
        else:
            self.ui.show_error(exc)

    def _fill(self, backups: list[BackupInfo]) -> None:
        self.backups = backups
        self.table.setRowCount(len(backups))
        for row, backup in enumerate(backups):
            date = QTableWidgetItem(format_datetime(backup.taken_at, self.babel_locale))
            date.setToolTip(str(backup.path))
            size = QTableWidgetItem(format_file_size(backup.size, self.babel_locale))
            size.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, 0, date)
            self.table.setItem(row, 1, QTableWidgetItem(kind_label(backup.kind)))
            self.table.setItem(row, 2, size)
        if backups:
            self.select_row(0)
        self._update_buttons()

    def select_row(self, row: int) -> None:
        """Through the selection model: QTableView.selectRow() selects nothing in a
        right-to-left table that has not been laid out yet."""
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.selectionModel().setCurrentIndex(self.table.model().index(row, 0), flags)

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        enabled = not self._busy and self.db_path is not None
        for widget in self._actions():
            widget.setEnabled(enabled)
        self.restore_button.setEnabled(enabled and self.selected() is not None)

    # -- actions -----------------------------------------------------------------------
    def _start(self, text: str) -> None:
        self._busy = True
        self._update_buttons()
        self.status.setStyleSheet("")
        self.status.setText(text)

    def _end(self) -> None:
        self._busy = False
        self._update_buttons()

    def _failed(self, exc: Exception) -> None:
        self._end()
        self._set_status(error_text(exc), error=True)

    def back_up_now(self) -> None:
        if self._busy or self.db_path is None:
            return
        maintenance = self.ui.app.maintenance
        self._start(_("Backing up…"))
        self.ui.runner.run(lambda: maintenance.backup(None), self._backed_up, self._failed)

    def _backed_up(self, path: Path) -> None:
        self._end()
        self._set_status(_("Backup written: {path}").format(path=ltr(str(path))))
        self.reload()

    def check_database(self) -> None:
        if self._busy or self.db_path is None:
            return
        maintenance, path, policy = self.ui.app.maintenance, self.db_path, self.policy

        def work() -> tuple[CheckReport, BackupInfo | None]:
            report = maintenance.check()
            return report, (None if report.ok else latest_good_backup(path, policy))

        self._start(_("Checking the database (this reads the whole file)…"))
        self.ui.runner.run(work, lambda result: self._checked(*result), self._failed)

    def _checked(self, report: CheckReport, good: BackupInfo | None) -> None:
        self._end()
        if report.ok:
            self._set_status(_("Database OK: integrity and foreign keys checked."))
            return
        problems = _("The database has problems: {details}").format(details=report.describe())
        self._set_status(problems, error=True)
        assert self.db_path is not None
        text = damaged_text(self.db_path, [report.describe()], good, self.ui.app.centre.country)
        if good is None:
            self.ui.dialogs.error(_("Damaged database"), text)
        elif self.ui.dialogs.confirm(_("Damaged database"), text, _("&Restore the backup")):
            self._restore(good, ask=False)

    def restore_selected(self) -> None:
        backup = self.selected()
        if backup is not None and not self._busy:
            self._restore(backup, ask=True)

    def _restore(self, backup: BackupInfo, ask: bool) -> None:
        self._start(_("Restoring…"))
        started = restore_and_restart(
            self.ui,
            backup,
            can_leave=self.can_leave,
            restart=self.restart,
            ask=ask,
            finished=self._restored,
        )
        if not started:  # unsaved work kept, or the user said no
            self._end()
            self.status.clear()

    def _restored(self, ok: bool) -> None:
        self._end()
        if ok:
            self.accept()

    def open_folder(self) -> None:
        folder = self.folder()
        if folder is None:
            return
        if self.policy.folder is None:
            folder.mkdir(parents=True, exist_ok=True)
        if not folder.is_dir() or not self.ui.dialogs.open_path(folder):
            self._set_status(unreachable_message(folder), error=True)


def _not_sqlite() -> SiecError:
    return SiecError(
        _("This is not a SQLite file: back up a server database with its own tools (pg_dump).")
    )
