"""Centre ▸ Audit trail: who created, changed, deleted, exported, purged or restored what,
and when. Events hold no personal data: the details are field names, counts and periods."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from siec_desk.core.formatting import format_datetime, format_number, locale_for
from siec_desk.core.i18n import _, ngettext
from siec_desk.services.audit import ACTIONS, AuditEntry
from siec_desk.texts import audit as audit_text
from siec_desk.ui.households.letters import local_time
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.models.household_list import isolate
from siec_desk.ui.widgets.accessible import labelled, tag
from siec_desk.ui.widgets.builders import read_only_table

#: Newest events shown.
LIMIT = 2000


class AuditDialog(QDialog):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.locale_name = locale_for(None, ui.app.centre.country)
        self.entries: list[AuditEntry] = []
        self._seq = 0
        title = _("Audit trail")
        self.setWindowTitle(title)
        tag(self, "audit", title)
        self.resize(980, 600)

        self.action = QComboBox()
        self.action.addItem(_("All actions"), None)
        for code, name in ACTIONS.items():
            self.action.addItem(str(name), code)
        action_label = labelled(_("&Action:"), self.action, "audit.action")
        self.action.currentIndexChanged.connect(lambda _i: self.reload())
        self.count = QLabel()
        tag(self.count, "audit.count")
        top = QHBoxLayout()
        top.addWidget(action_label)
        top.addWidget(self.action)
        top.addStretch(1)
        top.addWidget(self.count)

        self.table = read_only_table(
            [_("When"), _("Who"), _("What"), _("Record"), _("Details")],
            "audit.list",
            _("Audit events"),
        )
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate((140, 150, 170, 130)):
            header.resizeSection(column, width)

        self.note = QLabel(
            _("The trail records who did what and when, never the personal data itself.")
        )
        self.note.setWordWrap(True)
        tag(self.note, "audit.note")
        self.close_button = QPushButton(_("Close"))
        tag(self.close_button, "audit.close")
        self.close_button.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addWidget(self.note, 1)
        bottom.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        QWidget.setTabOrder(self.action, self.table)
        QWidget.setTabOrder(self.table, self.close_button)
        self.reload()

    def reload(self) -> None:
        self._seq += 1
        seq = self._seq
        action = self.action.currentData()
        audit = self.ui.app.audit
        self.ui.runner.run(
            lambda: audit.events(action=action, limit=LIMIT),
            lambda entries: self._loaded(seq, entries),
        )

    def _loaded(self, seq: int, entries: list[AuditEntry]) -> None:
        if seq != self._seq:
            return
        self.entries = entries
        n = len(entries)
        self.count.setText(
            ngettext("{n} event", "{n} events", n).format(n=format_number(n, self.locale_name))
        )
        self.table.setRowCount(n)
        for row, e in enumerate(entries):
            cells = (
                format_datetime(local_time(e.occurred_at), self.locale_name),
                isolate(audit_text.actor_label(e.actor)),
                audit_text.action_label(e.action),
                audit_text.object_text(e.object_type, e.object_id),
                audit_text.summary(e.details, self.locale_name),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
