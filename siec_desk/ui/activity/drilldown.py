"""The consultations behind a figure of the Activity page. Enter or double-click opens
one in the consultation editor (through the main window's edit path)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from siec_desk.core.i18n import _, ngettext
from siec_desk.domain.consultation_records import ConsultationSummary
from siec_desk.services.activity.loading import Drill, drill_rows
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.widgets.accessible import tag
from siec_desk.ui.widgets.consultation_table import ConsultationTable


class DrilldownDialog(QDialog):
    def __init__(self, ui: UiContext, drill: Drill, locale: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.drill = drill
        tag(self, "activity.drilldown", _("Consultations behind a figure"))
        self.setWindowTitle(drill.title)
        self.heading = QLabel(drill.title)
        tag(self.heading, "activity.drilldown.title")
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.count = QLabel(_("Loading…"))
        tag(self.count, "activity.drilldown.count")
        self.table = ConsultationTable(
            ["when", "mode", "household", "commune"],
            locale,
            "activity.drilldown.list",
            _("Consultations"),
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_button = QPushButton(_("&Open"))
        tag(self.open_button, "activity.drilldown.open")
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.count)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(720, 480)
        self.table.activated_id.connect(ui.events.edit_consultation.emit)
        self.open_button.clicked.connect(self.table.activate_selected)
        ui.events.consultations_changed.connect(self.reload)
        self.finished.connect(lambda _r: ui.events.consultations_changed.disconnect(self.reload))
        self.reload()

    def reload(self) -> None:
        drill = self.drill
        self.ui.runner.run(lambda: drill_rows(self.ui.app, drill), self._show)

    def _show(self, rows: list[ConsultationSummary]) -> None:
        self.table.set_rows(rows)
        self.count.setText(
            ngettext("{n} consultation", "{n} consultations", len(rows)).format(n=len(rows))
        )
        if rows:
            self.table.select_row(0)
        self.table.setFocus()

    def ids(self) -> list[int]:
        return self.table.ids()
