"""Centre ▸ Retention and privacy: the retention period and the households past it.

The manager sees who is due (names shown locally, to recognise them), then anonymises or
deletes them, all of them or those selected, after a confirmation that states the count.
The purge runs on the DB thread with a progress dialog; cancelling rolls everything back.
"""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QProgressDialog,
    QSpinBox,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from siec_desk.core.errors import ValidationError
from siec_desk.core.formatting import format_date, format_number, locale_for
from siec_desk.core.i18n import _, ngettext
from siec_desk.services.privacy_ops import PurgeCancelledError
from siec_desk.services.retention import (
    ANONYMISE,
    MAX_YEARS,
    MIN_YEARS,
    DueHousehold,
    PurgeResult,
)
from siec_desk.texts.privacy import purge_done
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.models.household_list import isolate
from siec_desk.ui.widgets.accessible import labelled, tag
from siec_desk.ui.widgets.builders import button_row, push_button, read_only_table
from siec_desk.ui.widgets.form_fields import error_label

#: Rows shown; a larger backlog is purged whole ("all due"), the list shows the oldest.
SHOWN_LIMIT = 5000


class _Progress(QObject):
    """Emitted from the DB thread; delivered (queued) on the GUI thread."""

    step = Signal(int, int)


class RetentionDialog(QDialog):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.locale_name = locale_for(None, ui.app.centre.country)
        self.due: list[DueHousehold] = []
        self._progress = _Progress(self)
        self._dialog: QProgressDialog | None = None
        title = _("Retention and privacy")
        self.setWindowTitle(title)
        tag(self, "retention", title)
        self.resize(860, 600)
        self._build()
        self.reload()

    # -- layout ----------------------------------------------------------------------
    def _build(self) -> None:
        self.explanation = QLabel(
            _(
                "Personal data is kept for the retention period after a household's last "
                "contact (its latest consultation, else the day it was recorded). Past it, "
                "anonymise the household — its consultations stay in the statistics, "
                "without name, contact details, notes or letters — or delete it."
            )
        )
        self.explanation.setWordWrap(True)
        tag(self.explanation, "retention.explanation")

        self.years = QSpinBox()
        self.years.setRange(MIN_YEARS, MAX_YEARS)
        years_label = labelled(_("&Retention period (years):"), self.years, "retention.years")
        self.save_years = push_button(
            _("Apply"),
            "retention.save_period",
            _("Apply the retention period"),
            on_click=self._save_period,
        )
        self.years_error = error_label("retention.years.error")
        period_row = button_row(leading=[years_label, self.years, self.save_years])

        self.count = QLabel()
        tag(self.count, "retention.count")
        self.table = read_only_table(
            [_("ID"), _("Name"), _("Commune"), _("Last contact"), _("Consultations")],
            "retention.list",
            _("Households past the retention period"),
            selection=QAbstractItemView.SelectionMode.ExtendedSelection,
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.hint = QLabel(_("Select households to purge only those; otherwise all are purged."))
        self.hint.setWordWrap(True)
        tag(self.hint, "retention.hint")

        self.anonymise_button = push_button(
            _("&Anonymise…"),
            "retention.anonymise",
            _("Anonymise"),
            on_click=lambda: self._purge(ANONYMISE),
        )
        self.delete_button = push_button(
            _("&Delete…"), "retention.delete", _("Delete"), on_click=lambda: self._purge("delete")
        )
        self.close_button = push_button(_("Close"), "retention.close", on_click=self.accept)
        buttons = button_row(self.close_button, leading=[self.anonymise_button, self.delete_button])

        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addLayout(period_row)
        layout.addWidget(self.years_error)
        layout.addWidget(self.count)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)
        QWidget.setTabOrder(self.years, self.save_years)
        QWidget.setTabOrder(self.save_years, self.table)
        QWidget.setTabOrder(self.table, self.anonymise_button)
        QWidget.setTabOrder(self.anonymise_button, self.delete_button)
        QWidget.setTabOrder(self.delete_button, self.close_button)

    # -- loading ---------------------------------------------------------------------
    def reload(self) -> None:
        retention = self.ui.app.retention
        self.count.setText(_("Loading…"))
        self.ui.runner.run(
            lambda: (retention.period(), retention.cutoff(), retention.due()),
            lambda result: self._loaded(*result),
        )

    def _loaded(self, years: int, cutoff: Any, due: list[DueHousehold]) -> None:
        self.due = due
        self.years.setValue(years)
        n = len(due)
        self.count.setText(
            ngettext(
                "{n} household past the retention period (last contact before {date}).",
                "{n} households past the retention period (last contact before {date}).",
                n,
            ).format(
                n=format_number(n, self.locale_name),
                date=isolate(format_date(cutoff, self.locale_name)),
            )
        )
        shown = due[:SHOWN_LIMIT]
        self.table.setRowCount(len(shown))
        for row, h in enumerate(shown):
            cells = (
                str(h.id),
                isolate(h.name) or _("(no name)"),
                isolate(h.commune or ""),
                format_date(h.last_contact, self.locale_name),
                format_number(h.consultations, self.locale_name),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, h.id)
                self.table.setItem(row, column, item)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_due = bool(self.due)
        self.anonymise_button.setEnabled(has_due)
        self.delete_button.setEnabled(has_due)

    # -- the period ------------------------------------------------------------------
    def _save_period(self) -> None:
        years = self.years.value()
        self.years_error.hide()
        retention = self.ui.app.retention
        self.ui.runner.run(
            lambda: retention.set_period(years), lambda _r: self.reload(), self._period_failed
        )

    def _period_failed(self, exc: Exception) -> None:
        if isinstance(exc, ValidationError):
            self.years_error.setText(" ".join(e.message for e in exc.errors))
            self.years_error.show()
        else:
            self.ui.show_error(exc)

    # -- purging ---------------------------------------------------------------------
    def selected_ids(self) -> list[int]:
        """The households selected, else every household due."""
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        if rows:
            items = (self.table.item(r, 0) for r in rows)
            return [int(i.data(Qt.ItemDataRole.UserRole)) for i in items if i is not None]
        return [h.id for h in self.due]

    def _purge(self, mode: str) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        n = len(ids)
        count = format_number(n, self.locale_name)
        if mode == ANONYMISE:
            question = ngettext(
                "Anonymise {n} household? Names, contact details, notes and letters are "
                "removed for good; the consultations stay in the statistics.",
                "Anonymise {n} households? Names, contact details, notes and letters are "
                "removed for good; the consultations stay in the statistics.",
                n,
            )
            action = _("Anonymise")
        else:
            question = ngettext(
                "Delete {n} household with its consultations and letters? This cannot be "
                "undone, and the statistics will no longer count them.",
                "Delete {n} households with their consultations and letters? This cannot be "
                "undone, and the statistics will no longer count them.",
                n,
            )
            action = _("Delete")
        if not self.ui.dialogs.confirm(
            _("Retention and privacy"), question.format(n=count), action
        ):
            return
        self._run_purge(mode, ids)

    def _run_purge(self, mode: str, ids: list[int]) -> None:
        stop = threading.Event()
        dialog = QProgressDialog(_("Purging…"), _("Cancel"), 0, len(ids), self)
        tag(dialog, "retention.progress", _("Purging"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.canceled.connect(stop.set)
        self._dialog = dialog
        self._progress.step.connect(dialog.setValue)
        retention = self.ui.app.retention
        purge = retention.anonymise if mode == ANONYMISE else retention.delete
        emit = self._progress.step.emit

        def work() -> PurgeResult:
            return purge(ids, progress=emit, cancelled=stop.is_set)

        self.ui.runner.run(work, self._purged, self._purge_failed)

    def _finish_progress(self) -> None:
        if self._dialog is not None:
            self._progress.step.disconnect(self._dialog.setValue)
            self._dialog.close()
            self._dialog.deleteLater()
            self._dialog = None

    def _purged(self, result: PurgeResult) -> None:
        self._finish_progress()
        self.ui.dialogs.info(_("Retention and privacy"), purge_done(result))
        self.ui.events.households_changed.emit()
        self.ui.events.consultations_changed.emit()
        self.reload()

    def _purge_failed(self, exc: Exception) -> None:
        self._finish_progress()
        if isinstance(exc, PurgeCancelledError):
            self.ui.dialogs.info(_("Retention and privacy"), _("Cancelled: nothing was changed."))
        else:
            self.ui.show_error(exc)
        self.reload()
