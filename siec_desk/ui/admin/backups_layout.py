"""The widgets of File ▸ Backups… and their order (``backups.py`` gives them behaviour):
the folder and counts kept (this PC's preferences), the list of backups, the status line
and the action buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from siec_desk.core.i18n import _
from siec_desk.core.settings import DAILY_BACKUPS_RANGE, MONTHLY_BACKUPS_RANGE
from siec_desk.ui.widgets.accessible import labelled, tag
from siec_desk.ui.widgets.builders import (
    button_row,
    natural_width,
    push_button,
    read_only_table,
    tab_chain,
    text_label,
)

OK_STYLE = "color: #1b5e20;"
ERROR_STYLE = "color: #b3261e;"


class BackupsLayout(QDialog):
    """The dialog's widgets, built by :meth:`_build`; no behaviour."""

    # -- building --------------------------------------------------------------------
    def _build(self) -> None:
        intro = QLabel(
            _(
                "SIEC Desk backs up the database once a day when it starts, and before "
                "every upgrade or restore. Of the automatic backups it keeps the newest of "
                "each of the last days and months set below; manual backups and the copies "
                "made before an upgrade or a restore are never deleted automatically."
            )
        )
        intro.setWordWrap(True)
        tag(intro, "backups.intro")

        self.folder_label = QLabel()
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_label.setWordWrap(True)
        self.choose_button = push_button(
            _("&Choose folder…"), "backups.choose_folder", _("Choose the backup folder")
        )
        self.default_button = push_button(
            _("Use the &default folder"),
            "backups.default_folder",
            _("Use the default backup folder"),
        )
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_label, 1)
        folder_row.addWidget(self.choose_button)
        folder_row.addWidget(self.default_button)
        self.daily_spin = QSpinBox()
        self.daily_spin.setRange(*DAILY_BACKUPS_RANGE)
        self.monthly_spin = QSpinBox()
        self.monthly_spin.setRange(*MONTHLY_BACKUPS_RANGE)
        for spin in (self.daily_spin, self.monthly_spin):
            spin.setMinimumWidth(90)
        form = QFormLayout()
        folder_caption = QLabel(_("Backup folder:"))
        tag(self.folder_label, "backups.folder", _("Backup folder"))
        form.addRow(folder_caption, folder_row)
        form.addRow(
            labelled(_("Days &kept:"), self.daily_spin, "backups.daily"),
            natural_width(self.daily_spin),
        )
        form.addRow(
            labelled(_("&Months kept:"), self.monthly_spin, "backups.monthly"),
            natural_width(self.monthly_spin),
        )

        self.warning = text_label("backups.warning", plain=False, style=ERROR_STYLE)
        self.warning.setVisible(False)

        self.table = read_only_table(
            [_("Date"), _("Kind"), _("Size")],
            "backups.list",
            _("Backups"),
            selection=QAbstractItemView.SelectionMode.SingleSelection,
            striped=False,
            tab_in_cells=True,
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)

        self.backup_button = push_button(_("&Back up now"), "backups.backup_now", _("Back up now"))
        self.restore_button = push_button(
            _("&Restore…"), "backups.restore", _("Restore the selected backup")
        )
        self.check_button = push_button(
            _("C&heck database"), "backups.check", _("Check the database")
        )
        self.open_button = push_button(
            _("&Open folder"), "backups.open_folder", _("Open the backup folder")
        )
        self.close_button = push_button(_("Close"), "backups.close", _("Close"))
        for button in (self.restore_button, self.check_button, self.open_button):
            button.setAutoDefault(False)
        self.backup_button.setDefault(True)
        buttons = button_row(self.close_button, leading=self._actions())
        self.status = text_label("backups.status")

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.warning)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

        tab_chain(*self._settings_widgets(), self.table, *self._actions(), self.close_button)

    def _actions(self) -> list[QWidget]:
        return [self.backup_button, self.restore_button, self.check_button, self.open_button]

    def _settings_widgets(self) -> list[QWidget]:
        return [self.choose_button, self.default_button, self.daily_spin, self.monthly_spin]

    def _set_status(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(ERROR_STYLE if error else OK_STYLE)
