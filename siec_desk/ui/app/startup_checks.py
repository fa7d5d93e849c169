"""After the window shows: the opening's housekeeping, the quick check, then the automatic
daily backup, then the query planner's statistics if the data drifted (issue 22: these
ran before the window showed).

Both read the whole file (~0.45 s each on 100k households), so they run on their own
thread with their own SQLite connections, a moment after the window is painted: the
start-up time and the database thread (searches, lists) are not held up. A damaged file
gets guidance and the offer of the latest good backup; a backup folder that cannot be
reached gets a warning in the status bar, and work goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel, QMainWindow

from siec_desk.core.i18n import _
from siec_desk.services.backups import (
    AutoStatus,
    Clock,
    StartupReport,
    backup_policy,
    startup_checks,
)
from siec_desk.services.restore import damaged_text
from siec_desk.ui.app.restore import restore_and_restart
from siec_desk.ui.kit.context import UiContext, error_text
from siec_desk.ui.kit.runner import Runner, ThreadRunner
from siec_desk.ui.widgets.accessible import tag

log = logging.getLogger(__name__)
#: Let the first page load before reading the whole file.
START_DELAY_MS = 1500
WARNING_STYLE = "color: #b3261e;"


class StartupMaintenance(QObject):
    def __init__(
        self,
        ui: UiContext,
        window: QMainWindow,
        *,
        can_leave: Callable[[], bool],
        restart: Callable[[], None],
        runner: Runner | None = None,
        clock: Clock = datetime.now,
        housekeeping: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(window)
        self.ui = ui
        self.window = window
        self.can_leave = can_leave
        self.restart = restart
        self.clock = clock
        self.runner: Runner = runner or ThreadRunner(self._failed, self)
        self.warning: QLabel | None = None
        self.report: StartupReport | None = None
        #: What the opening left for after the window (crash leftovers, letter files
        #: still due): run first, on this thread; ``housekept`` once it has run.
        self.housekeeping = housekeeping
        self.housekept = False

    def start(self, delay_ms: int = START_DELAY_MS) -> None:
        QTimer.singleShot(delay_ms, self.run)

    def run(self) -> None:
        path, policy, clock = self.ui.app.maintenance.path, backup_policy(), self.clock
        refresh = self.ui.app.refresh_statistics

        def checks() -> StartupReport:
            if self.housekeeping is not None:
                self.housekeeping()  # never raises
                self.housekept = True
            report = startup_checks(path, policy, clock)
            if not report.problems:  # the planner's statistics, once the start is over
                refresh()
            return report

        self.runner.run(checks, self._done, self._failed)

    def shutdown(self) -> None:
        """Waits for a backup in progress (it is written to ``.partial`` first anyway)."""
        self.runner.shutdown()

    # -- results -----------------------------------------------------------------------
    def show_warning(self, text: str) -> None:
        if self.warning is None:
            self.warning = QLabel()
            tag(self.warning, "status.backup")
            self.warning.setStyleSheet(WARNING_STYLE)
            self.window.statusBar().addPermanentWidget(self.warning)
        self.warning.setText(text)
        self.warning.setToolTip(text)
        self.warning.setAccessibleName(text)

    def _failed(self, exc: Exception) -> None:
        log.warning("start-up checks failed: %s", exc)
        self.show_warning(_("Start-up check not done: {reason}").format(reason=error_text(exc)))

    def _done(self, report: StartupReport) -> None:
        self.report = report
        if report.problems:
            self._damaged(report)
            return
        if report.backup is not None and report.backup.status is AutoStatus.FAILED:
            self.show_warning(
                _("No automatic backup: {reason}").format(reason=report.backup.message)
            )

    def _damaged(self, report: StartupReport) -> None:
        path = self.ui.app.maintenance.path
        assert path is not None
        self.show_warning(_("The database file is damaged: see File ▸ Backups…"))
        text = damaged_text(path, report.problems, report.latest_good, self.ui.app.centre.country)
        if report.latest_good is None:
            self.ui.dialogs.error(_("Damaged database"), text)
            return
        if self.ui.dialogs.confirm(_("Damaged database"), text, _("&Restore the backup")):
            restore_and_restart(
                self.ui,
                report.latest_good,
                can_leave=self.can_leave,
                restart=self.restart,
                ask=False,
            )
