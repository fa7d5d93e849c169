"""Start the GUI: QApplication, language and direction, first run, database, main window."""

from __future__ import annotations

import argparse
import dataclasses
import logging
import os
import sys
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING

# The database layer (SQLAlchemy, the models) before Qt: once PySide6 is imported it reads
# the source of every module imported after it (its ``__feature__`` check), ~0.1 s here.
from siec_desk.services.app import (
    AppContext,
    CentreSetup,
    database_target,
    open_set_up_app,
)

# isort: split
from PySide6.QtCore import QLibraryInfo, QLocale, QObject, QSettings, Qt, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget

from siec_desk import APP_NAME
from siec_desk.core import i18n
from siec_desk.core.errors import SiecError
from siec_desk.core.formatting import locale_for
from siec_desk.core.i18n import _
from siec_desk.core.paths import user_config_dir
from siec_desk.core.settings import chosen_backup_folder, load_preferences, save_preferences
from siec_desk.services.targets import unencrypted_warning
from siec_desk.ui.admin.advisor_choice import choose_advisor
from siec_desk.ui.admin.first_run import FirstRunAnswers, FirstRunDialog
from siec_desk.ui.app.identity import apply_identity
from siec_desk.ui.app.idle_warmup import IdleWarmup, page_steps
from siec_desk.ui.kit.context import UiContext, error_text
from siec_desk.ui.kit.dialogs import Dialogs
from siec_desk.ui.kit.events import DataEvents
from siec_desk.ui.kit.runner import ThreadRunner
from siec_desk.ui.kit.screen_fit import ScreenFitter, fit_to_screen
from siec_desk.ui.kit.ui_settings import UiSettings

if TYPE_CHECKING:
    from siec_desk.ui.app.main_window import MainWindow
    from siec_desk.ui.app.startup_checks import StartupMaintenance

log = logging.getLogger(__name__)
FIRST_RUN_DEMO_HOUSEHOLDS = 1000
#: The opening's housekeeping, the quick check and the daily backup (``startup_checks``,
#: its module too) start once the first page has loaded: they read the whole file.
MAINTENANCE_DELAY_MS = 1500


class MnemonicFallback(QTranslator):
    """Qt strings that gained a mnemonic after Qt's catalogues were last updated (the
    file dialog's "&Look in:" and "Files of &type:" in Qt 6.11 while ``qtbase_fr``/
    ``qtbase_ar`` translate "Look in:" and "Files of type:"): translated from the catalogue's
    entry without the ``&`` (a mnemonic added at the start in left-to-right languages).
    Installed before the catalogue, so it is asked only for what the catalogue lacks."""

    def __init__(self, catalogue: QTranslator, rtl: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.rtl = rtl

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        # None, never "": Qt takes an empty string for a translation and stops asking the
        # catalogue, so every "Ctrl+" of Qt's own would read "Ctrl" ("CtrlS" in Arabic).
        if not source or "&" not in source:
            return None
        found = self.catalogue.translate(context, source.replace("&", "", 1), disambiguation, n)
        if not found:
            return None
        return found if self.rtl or "&" in found else f"&{found}"

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return False


def install_language(app: QApplication, language: str) -> list[QTranslator]:
    """Qt's own catalogue (OK/Cancel, file dialogs) and the explicit layout direction.

    The direction is set from CLDR data, never left to Qt's auto-detection (which a
    gettext catalogue cannot trigger). :class:`MnemonicFallback` covers the strings
    Qt's catalogue lacks (D12: "Look in:" stayed English in the save dialog).
    """
    translators: list[QTranslator] = []
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(app)
    if language != "en" and translator.load(f"qtbase_{language}", path):
        fallback = MnemonicFallback(translator, i18n.is_rtl(language), app)
        app.installTranslator(fallback)  # searched after the catalogue (installed last)
        app.installTranslator(translator)
        translators += [fallback, translator]
    elif language != "en":  # OK/Cancel and file dialogs stay English: say why in the log
        log.warning("Qt's own catalogue qtbase_%s not found in %s", language, path)
    QLocale.setDefault(QLocale(locale_for(language, "MA" if language == "ar" else "FR")))
    app.setLayoutDirection(
        Qt.LayoutDirection.RightToLeft if i18n.is_rtl(language) else Qt.LayoutDirection.LeftToRight
    )
    return translators


def _install_excepthook() -> None:
    """An unexpected error in a slot is logged and shown, not silently printed."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        log.critical("unhandled exception", exc_info=(kind, exc, tb))
        if isinstance(exc, Exception) and QApplication.instance() is not None:
            QMessageBox.critical(None, _("SIEC Desk"), error_text(exc))

    sys.excepthook = hook


def _open_with_first_run(
    target: str, create_parent: bool
) -> tuple[AppContext, FirstRunAnswers | None] | None:
    """Open the database, asking for the centre first if it has none (one opening: the
    first-run question and the work share it). None: the first run was cancelled."""
    asked: list[FirstRunAnswers] = []

    def ask() -> CentreSetup | None:
        dialog = FirstRunDialog(i18n.current_language())
        if not dialog.exec():
            return None
        answers = dialog.answers()
        asked.append(answers)
        return CentreSetup(
            answers.centre_name,
            answers.country,
            answers.language,
            answers.advisor_name,
            answers.advisor_title,
        )

    folder = chosen_backup_folder(load_preferences())
    ctx = open_set_up_app(
        target, ask, create_parent=create_parent, backup_dir=folder, housekeep=False
    )
    if ctx is None:
        return None
    return ctx, asked[0] if asked else None


def _load_demo(ui: UiContext, parent: QWidget | None) -> None:
    from siec_desk.services.demo import DemoOptions, generate_demo  # first run only

    progress = QProgressDialog(_("Creating demo data…"), "", 0, 0, parent)
    progress.setCancelButton(None)
    progress.setWindowModality(Qt.WindowModality.ApplicationModal)
    progress.show()

    def done(_report: object) -> None:
        progress.close()
        ui.events.households_changed.emit()
        ui.events.consultations_changed.emit()

    def failed(exc: Exception) -> None:
        progress.close()
        ui.show_error(exc)

    ui.runner.run(
        lambda: generate_demo(ui.app, DemoOptions(households=FIRST_RUN_DEMO_HOUSEHOLDS, seed=1)),
        done,
        failed,
    )


#: GIL hand-off interval while the DB thread runs. Python's default (5 ms) makes the GUI
#: thread wait up to 5 ms each time both threads run Python (painting calls the models);
#: 1 ms keeps search-as-you-type well within a frame (benchmarks/desk.py).
GUI_SWITCH_INTERVAL = 0.001


def build_ui(ctx: AppContext, settings: UiSettings | None = None) -> UiContext:
    sys.setswitchinterval(GUI_SWITCH_INTERVAL)
    holder: list[UiContext] = []
    runner = ThreadRunner(lambda exc: holder[0].show_error(exc))
    ui = UiContext(ctx, runner, Dialogs(), DataEvents(), settings or UiSettings())
    holder.append(ui)
    return ui


def _switch_language(
    app: QApplication, translators: list[QTranslator], language: str
) -> list[QTranslator]:
    """Use and remember the language chosen at the first run; the new translators."""
    save_preferences(dataclasses.replace(load_preferences(), language=language))
    i18n.set_language(language)
    for translator in translators:
        app.removeTranslator(translator)
    return install_language(app, language)


def _schedule_maintenance(ui: UiContext, window: MainWindow, ctx: AppContext) -> Callable[[], None]:
    """Start the opening's housekeeping, the quick check and the daily backup once the
    first page has loaded (off the GUI thread); the call returned ends them at exit, and
    does the housekeeping itself if the window closed before they started."""
    started: list[StartupMaintenance] = []
    stopped: list[bool] = []

    def start() -> None:
        if stopped:
            return
        from siec_desk.ui.app.startup_checks import StartupMaintenance

        maintenance = StartupMaintenance(
            ui,
            window,
            can_leave=window.can_leave_all,
            restart=window.restart,
            housekeeping=ctx.housekeeping,
        )
        started.append(maintenance)
        maintenance.run()

    def stop() -> None:
        stopped.append(True)
        for maintenance in started:
            maintenance.shutdown()  # waits for a backup in progress
        if not any(maintenance.housekept for maintenance in started):
            ctx.housekeeping()

    QTimer.singleShot(MAINTENANCE_DELAY_MS, window, start)
    return stop


def run_gui(args: argparse.Namespace) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("SIEC")
    app.setApplicationDisplayName(_("SIEC Desk"))
    apply_identity(app)  # window icon, desktop-file id (menu entry, Wayland taskbar)
    # UI state (geometry, last view, advisor) beside the app's other settings, as INI.
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(user_config_dir()))
    _install_excepthook()
    fitter = ScreenFitter(app)  # every dialog fits the screen it opens on (D1)
    app.installEventFilter(fitter)
    translators = install_language(app, i18n.current_language())
    target, is_default = database_target(args.db)
    for attempt in range(2):  # a second time after restoring a backup over a damaged file
        try:
            opened = _open_with_first_run(target, is_default)
            if opened is None:
                return 0
            ctx, answers = opened
            if answers is not None and answers.language != i18n.current_language():
                translators = _switch_language(app, translators, answers.language)
            break
        except SiecError as exc:
            from siec_desk.ui.app.restore import recover_unopenable

            country = "MA" if i18n.current_language() == "ar" else "FR"
            if attempt == 0 and recover_unopenable(target, exc, Dialogs(), country):
                continue
            QMessageBox.critical(None, _("SIEC Desk"), error_text(exc))
            return 1
    from siec_desk.ui.app.main_window import MainWindow

    ui = build_ui(ctx)
    ui.advisor_id = choose_advisor(ctx.centres.advisors(), ui.settings.advisor_id(ctx.location))
    if ui.advisor_id is not None:
        ui.settings.set_advisor_id(ctx.location, ui.advisor_id)
    window = MainWindow(ui)
    ui.dialogs.parent = window
    fit_to_screen(window)  # a 1366×768 laptop less its taskbar
    window.show()
    warning = unencrypted_warning(target)
    if warning:  # a remote PostgreSQL server reached without TLS
        ui.dialogs.info(_("SIEC Desk"), warning)
    stop_maintenance = _schedule_maintenance(ui, window, ctx)
    # Once idle: gc.freeze() and the other pages built, one per event-loop turn.
    IdleWarmup(window, page_steps(window.pages)).start()
    if answers is not None and answers.load_demo:
        _load_demo(ui, window)
    if os.environ.get("SIEC_DESK_QUIT_WHEN_READY"):  # benchmarks: time to an idle window
        QTimer.singleShot(0, lambda: (print("ready", flush=True), app.quit()))
    try:
        return app.exec()
    finally:
        stop_maintenance()
        ui.shutdown()
        ctx.close()
        del translators
