"""Render a view of the real main window offscreen (``siec-desk screenshot``)."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEventLoop, QSettings, QTimer, qInstallMessageHandler
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication, QWidget

from siec_desk.core import i18n
from siec_desk.core.errors import SiecError
from siec_desk.core.i18n import _
from siec_desk.services.app import AppContext
from siec_desk.ui.app.launch import install_language
from siec_desk.ui.kit.context import UiContext, error_text
from siec_desk.ui.kit.dialogs import Dialogs
from siec_desk.ui.kit.events import DataEvents
from siec_desk.ui.kit.runner import ImmediateRunner
from siec_desk.ui.kit.ui_settings import UiSettings

if TYPE_CHECKING:
    from siec_desk.ui.letters.dialog import LetterDialog
    from siec_desk.ui.letters.settings import LetterSettingsDialog

log = logging.getLogger(__name__)
SETTLE_MS = 400
#: Views with a letter preview, and the longest wait for it.
LETTER_VIEWS = ("letter", "settings")
PREVIEW_TIMEOUT_MS = 30_000


def _quiet_qt_messages(_mode: object, _context: object, message: str) -> None:
    """Offscreen Qt warns about window hints it cannot honour; keep it in the log."""
    log.debug("qt: %s", message)


def _latest(ctx: AppContext, view: str) -> int:
    """The most recently changed household or consultation."""
    from siec_desk.services.latest import latest_changed

    found = latest_changed(ctx, "household" if view == "household" else "consultation")
    if found is None:
        raise SiecError(_("There is nothing to show yet: add data first (e.g. siec-desk demo)."))
    return int(found)


def _letter_view(
    ui: UiContext, view: str, window: QWidget, size: tuple[int, int]
) -> LetterDialog | LetterSettingsDialog:
    """The letter dialog of the latest consultation with a household, or letter settings."""
    from siec_desk.ui.letters.dialog import LetterDialog
    from siec_desk.ui.letters.settings import (
        LetterSettingsDialog,
        latest_consultation_with_household,
    )
    from siec_desk.ui.letters.start import letter_start

    dialog: LetterDialog | LetterSettingsDialog
    if view == "letter":
        consultation_id = latest_consultation_with_household(ui.app)
        if consultation_id is None:
            raise SiecError(
                _("There is nothing to show yet: add data first (e.g. siec-desk demo).")
            )
        dialog = LetterDialog(ui, letter_start(ui, consultation_id, None), window)
    else:
        dialog = LetterSettingsDialog(ui, window)
    dialog.resize(min(size[0], 1240), min(size[1], 860))
    dialog.show()
    return dialog


#: Centre ▸ Retention and privacy, Centre ▸ Audit trail.
PRIVACY_VIEWS = ("retention", "audit")


def _dialog_view(
    ctx: AppContext, ui: UiContext, view: str, window: QWidget, size: tuple[int, int]
) -> QWidget | None:
    """The dialog or window *view* opens over the main window; None for a page of it."""
    dialog: QWidget
    if view == "consultation":
        from siec_desk.ui.consultations.editor import ConsultationEditor

        dialog = ConsultationEditor(ui, _latest(ctx, view), None, window)
        dialog.resize(min(size[0], 1100), min(size[1], 760))
    elif view == "backups":
        from siec_desk.ui.admin.backups import BackupsDialog

        dialog = BackupsDialog(ui, window)
        dialog.resize(min(size[0], 900), min(size[1], 640))
    elif view in PRIVACY_VIEWS:
        return _privacy_view(ui, view, window, size)
    elif view == "export":  # Centre ▸ Export for the network…
        from siec_desk.ui.network.export_dialog import NetworkExportDialog

        dialog = NetworkExportDialog(ui, window)
        dialog.resize(min(size[0], 1000), min(size[1], 680))
    elif view == "network":
        from siec_desk.ui.network.window import NetworkWindow

        # The network database in the user data folder; an empty window when there is none.
        dialog = NetworkWindow(ui, window)
        dialog.resize(min(size[0], 1000), min(size[1], 680))
    else:
        return None
    dialog.show()
    return dialog


def _privacy_view(ui: UiContext, view: str, window: QWidget, size: tuple[int, int]) -> QWidget:
    from siec_desk.ui.admin.audit_dialog import AuditDialog
    from siec_desk.ui.admin.retention_dialog import RetentionDialog

    dialog = RetentionDialog(ui, window) if view == "retention" else AuditDialog(ui, window)
    dialog.resize(min(size[0], 1000), min(size[1], 680))
    dialog.show()
    return dialog


def render(ctx: AppContext, view: str, out: Path, size: tuple[int, int]) -> None:
    qInstallMessageHandler(_quiet_qt_messages)
    app = QApplication.instance() or QApplication(["siec-desk"])
    assert isinstance(app, QApplication)
    QFontDatabase.families()  # load fonts before layout
    translators = install_language(app, i18n.current_language())
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "shot.ini"), QSettings.Format.IniFormat)
    holder: list[str] = []
    ui = UiContext(
        ctx,
        ImmediateRunner(lambda exc: holder.append(error_text(exc))),
        Dialogs(),
        DataEvents(),
        UiSettings(settings),
    )
    advisors = ctx.centres.advisors()
    ui.advisor_id = advisors[0].id if advisors else None
    from siec_desk.ui.app.main_window import MainWindow

    window = MainWindow(ui)
    window.resize(*size)
    page = {"household": "households", "consultation": "today"}.get(view, view)
    window.show_page(page)
    if view == "household":
        window.open_household(_latest(ctx, view))
    window.show()
    letter = _letter_view(ui, view, window, size) if view in LETTER_VIEWS else None
    target: QWidget | None = letter
    if target is None:
        target = _dialog_view(ctx, ui, view, window, size)
    if target is None:
        target = window
    settle = SETTLE_MS
    loop = QEventLoop()
    if letter is not None:
        # The preview renders in a worker process: wait for it (a cold start takes ~2 s).
        letter.preview.finished.connect(lambda _ok: QTimer.singleShot(SETTLE_MS, loop, loop.quit))
        settle = PREVIEW_TIMEOUT_MS
    # Let deferred work land (list pages load on later turns of the event loop). One
    # exec() with a timer: PySide6 6.12 leaks a reference to None on every bare
    # processEvents() call, and thousands of them crash Python 3.11. A local loop, not
    # app.quit(): a late quit with no exec() running would leave the application's
    # "quit now" flag set, and every later event loop in this process would return at once.
    QTimer.singleShot(settle, loop, loop.quit)
    loop.exec()
    if letter is not None:
        letter.preview.finished.disconnect()
    shiboken6.delete(loop)  # its pending timers go with it
    ui.shutdown()
    if holder:
        raise SiecError(holder[0])
    if not target.grab().save(str(out)):
        raise SiecError(_("The screenshot could not be written to {path}.").format(path=out))
    target.close()
    window.close()
    for translator in translators:
        app.removeTranslator(translator)
