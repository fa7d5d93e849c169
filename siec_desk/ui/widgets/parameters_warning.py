"""The "parameters out of date" banner of the consultation editor and the letter preview.

Shown only when the centre's parameter set that applies today took effect before this
year's 1 January (:meth:`siec_desk.services.parameters.ParameterService.status`): the
estimates then use last year's prices and factors until the coordinator's new set is
imported (Centre ▸ Parameters…).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from siec_desk.core.i18n import _
from siec_desk.services.app import AppContext
from siec_desk.ui.widgets.accessible import tag

_WARNING_STYLE = (
    "QLabel { background: #fff4e5; color: #7a4100; border: 1px solid #f0b86e; "
    "border-radius: 3px; padding: 4px 6px; }"
)


def parameters_warning(app: AppContext, identifier: str, today: date | None = None) -> QLabel:
    """A warning label, hidden when the parameters are current."""
    label = QLabel()
    tag(label, identifier, _("Parameters warning"))
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet(_WARNING_STYLE)
    text = app.parameters.status(today).warning()
    label.setText(text)
    label.setAccessibleDescription(text)
    label.setVisible(bool(text))
    return label
