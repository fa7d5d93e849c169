"""The main window. Navigation and views arrive with the Desk issue; this is the frame."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow

from siec_desk.formatting import ltr
from siec_desk.i18n import _
from siec_desk.services.app import AppContext


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("main_window")
        self.setAccessibleName(_("SIEC Desk"))
        self.resize(1100, 720)
        self.welcome = QLabel(self)
        self.welcome.setObjectName("welcome")
        self.welcome.setAccessibleIdentifier("main.welcome")
        self.welcome.setWordWrap(True)
        self.welcome.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.welcome.setContentsMargins(24, 24, 24, 24)
        self.setCentralWidget(self.welcome)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("SIEC Desk — {centre}").format(centre=self.ctx.centre.name))
        self.welcome.setText(
            _("Welcome to SIEC Desk. Database: {location}").format(
                location=ltr(self.ctx.db.location)
            )
        )
        self.statusBar().showMessage(ltr(self.ctx.db.location))
