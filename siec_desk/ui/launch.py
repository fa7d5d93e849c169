"""Start the GUI: QApplication, language and direction, database, main window."""

from __future__ import annotations

import argparse
import sys

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from siec_desk import APP_NAME, i18n
from siec_desk.errors import SiecError
from siec_desk.formatting import locale_for
from siec_desk.i18n import _
from siec_desk.services.app import database_target, open_app


def install_language(app: QApplication, language: str) -> list[QTranslator]:
    """Qt's own catalogue (OK/Cancel, file dialogs) and the explicit layout direction.

    The direction is set from CLDR data, never left to Qt's auto-detection (which a
    gettext catalogue cannot trigger).
    """
    translators = []
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase",):
        translator = QTranslator(app)
        if language != "en" and translator.load(f"{name}_{language}", path):
            app.installTranslator(translator)
            translators.append(translator)
    QLocale.setDefault(QLocale(locale_for(language, "MA" if language == "ar" else "FR")))
    app.setLayoutDirection(
        Qt.LayoutDirection.RightToLeft if i18n.is_rtl(language) else Qt.LayoutDirection.LeftToRight
    )
    return translators


def run_gui(args: argparse.Namespace) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("SIEC")
    app.setApplicationDisplayName(_("SIEC Desk"))
    app._translators = install_language(app, i18n.current_language())  # type: ignore[attr-defined]
    try:
        target, is_default = database_target(args.db)
        ctx = open_app(target, create_parent=is_default)
    except SiecError as exc:
        QMessageBox.critical(None, _("SIEC Desk"), str(exc))
        return 1
    from siec_desk.ui.main_window import MainWindow

    window = MainWindow(ctx)
    window.show()
    try:
        return app.exec()
    finally:
        ctx.close()
