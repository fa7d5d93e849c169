"""About SIEC Desk: version, database, licences."""

from __future__ import annotations

import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from siec_desk import __version__
from siec_desk.core.formatting import ltr
from siec_desk.core.i18n import _
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.widgets.accessible import tag


class AboutDialog(QDialog):
    def __init__(self, ui: UiContext, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("About SIEC Desk"))
        tag(self, "about", _("About SIEC Desk"))
        text = QLabel()
        text.setWordWrap(True)
        text.setTextInteractionFlags(text.textInteractionFlags())
        lines = [
            f"<h2>{_('SIEC Desk')} {ltr(__version__)}</h2>",
            "<p>"
            + _(
                "Free, neutral and independent energy advice: consultations, letters "
                "and statistics of an energy and climate advice centre."
            )
            + "</p>",
            "<p>"
            + _("Centre: {name}").format(name=ui.app.centre.name)
            + "<br>"
            + _("Database: {location}").format(location=ltr(ui.app.location))
            + "</p>",
            "<p>"
            + _("SIEC Desk is free software under the GNU GPL, version 3 or later.")
            + "<br>"
            + _(
                "It uses Qt {qt} and PySide6 {pyside} (LGPL v3), SQLAlchemy and "
                "Alembic (MIT), Babel (BSD), Jinja2 (BSD), WeasyPrint (BSD), "
                "phonenumbers (Apache 2.0) and platformdirs (MIT)."
            ).format(qt=qVersion(), pyside=pyside_version)
            + "</p>",
            "<p>"
            + _("Python {version} on {system}").format(
                version=platform.python_version(), system=platform.system()
            )
            + "</p>",
        ]
        html = "".join(lines)
        if self.isRightToLeft():  # a paragraph starting with "SIEC Desk" stays RTL (D38)
            html = html.replace("<p>", '<p dir="rtl">').replace("<h2>", '<h2 dir="rtl">')
        text.setText(html)
        tag(text, "about.text")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        tag(buttons.button(QDialogButtonBox.StandardButton.Close), "about.close")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
