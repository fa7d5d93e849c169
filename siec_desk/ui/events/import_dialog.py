"""Events ▸ Import events…: choose a CSV or XLSX sheet, see the column each header was
recognised as and the first rows, then the dry run — one line per refused row (its line
and reasons) and per event already recorded (skipped) — and Import.

Reading and the dry run run on the DB thread (``services/event_import.py``); a file that
cannot be read is one translated line and nothing else. The import writes every valid,
new row in one transaction and lists the rest; nothing is half-written.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from siec_desk.core.errors import SiecError
from siec_desk.core.formatting import isolate, isolate_ltr_runs, locale_for
from siec_desk.core.i18n import _
from siec_desk.importing.events_columns import target_label
from siec_desk.importing.events_report import EventImportReport, detail_lines, summary_line
from siec_desk.importing.events_sheet import EventSheet, read_event_sheet
from siec_desk.services.event_import import EventImportService
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.widgets.accessible import labelled, tag
from siec_desk.ui.widgets.builders import button_row, push_button, read_only_table, text_label

FILE_FILTER = "*.csv *.txt *.tsv *.xlsx *.xlsm"
_ERROR_STYLE = "color: #b00020;"


class EventImportDialog(QDialog):
    """``imported`` is the number of events written (0 until Import succeeds)."""

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.service = EventImportService(ui.app)
        self.sheet: EventSheet | None = None
        self.report: EventImportReport | None = None
        self.imported = 0
        self._locale = locale_for(None, ui.app.centre.country)
        tag(self, "events.import.dialog")
        self.setWindowTitle(_("Import events"))
        self._build()
        self.resize(960, 640)

    def _build(self) -> None:
        self.file = QLineEdit()
        self.file.setReadOnly(True)
        self.file.setPlaceholderText(_("no file chosen"))
        self.choose_button = push_button(
            _("&Choose a file…"), "events.import.choose", on_click=self.choose_file
        )
        self.source = text_label("events.import.source")
        self.error = text_label("events.import.error", style=_ERROR_STYLE)
        self.error.hide()
        self.columns = read_only_table(
            [_("Column"), _("Imported as")], "events.import.columns", _("Recognised columns")
        )
        self.columns.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.preview = read_only_table(1, "events.import.preview", _("First rows"))
        self.summary = text_label("events.import.summary")
        self.problems = QListWidget()
        self.import_button = push_button(_("&Import"), "events.import.run", on_click=self.run)
        self.import_button.setEnabled(False)
        self.close_button = push_button(_("Close"), "events.import.close", on_click=self.reject)
        layout = QVBoxLayout(self)
        file_label = labelled(_("&File"), self.file, "events.import.file")
        file_row = QHBoxLayout()
        file_row.addWidget(file_label)
        file_row.addWidget(self.file, 1)
        file_row.addWidget(self.choose_button)
        layout.addLayout(file_row)
        layout.addWidget(self.source)
        layout.addWidget(self.error)
        columns_label = labelled(_("Recognised c&olumns"), self.columns, "events.import.columns")
        layout.addWidget(columns_label)
        layout.addWidget(self.columns, 2)
        layout.addWidget(labelled(_("First &rows"), self.preview, "events.import.preview"))
        layout.addWidget(self.preview, 2)
        layout.addWidget(self.summary)
        layout.addWidget(
            labelled(_("Refused and skipped l&ines"), self.problems, "events.import.problems")
        )
        layout.addWidget(self.problems, 2)
        layout.addLayout(button_row(self.import_button, self.close_button))

    # -- the file --------------------------------------------------------------------
    def choose_file(self) -> None:
        name = self.ui.dialogs.open_file(
            _("Choose the events sheet to import"),
            _("Spreadsheets ({patterns})").format(patterns=FILE_FILTER),
        )
        if name:
            self.load(Path(name))

    def load(self, path: Path) -> None:
        """Read *path* and run the dry run on the DB thread."""
        self.file.setText(str(path))
        self.sheet = self.report = None
        self.import_button.setEnabled(False)
        self.error.hide()
        service = self.service

        def work() -> tuple[EventSheet, EventImportReport]:
            sheet = read_event_sheet(path)
            return sheet, service.check(sheet)

        self.ui.runner.run(work, self._checked, self._failed)

    def _checked(self, result: tuple[EventSheet, EventImportReport]) -> None:
        self.sheet, report = result
        self._show_sheet(self.sheet)
        self._show_report(report)
        self.import_button.setEnabled(report.new > 0)
        if report.new > 0:
            self.import_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _failed(self, exc: Exception) -> None:
        """A file that cannot be used: one line, nothing else shown."""
        if not isinstance(exc, SiecError):
            self.ui.show_error(exc)
            return
        self.sheet = self.report = None
        self.import_button.setEnabled(False)
        self.error.setText(isolate_ltr_runs(str(exc)))
        self.error.show()
        for table in (self.columns, self.preview):
            table.setRowCount(0)
        self.source.clear()
        self.summary.clear()
        self.problems.clear()

    def _show_sheet(self, sheet: EventSheet) -> None:
        self.source.setText(
            isolate_ltr_runs(
                _("{file}: header on line {line}.").format(
                    file=isolate(sheet.table.path.name), line=sheet.header_line
                )
            )
        )
        self.columns.setRowCount(len(sheet.headers))
        for row, (header, target) in enumerate(zip(sheet.headers, sheet.columns, strict=True)):
            self.columns.setItem(row, 0, QTableWidgetItem(header or "—"))
            self.columns.setItem(
                row, 1, QTableWidgetItem(target_label(target) or _("(not imported)"))
            )
        self.preview.setColumnCount(len(sheet.headers) + 1)
        self.preview.setHorizontalHeaderLabels([_("Line"), *sheet.headers])
        self.preview.setRowCount(len(sheet.preview))
        for row, (line, cells) in enumerate(sheet.preview):
            self.preview.setItem(row, 0, QTableWidgetItem(str(line)))
            for column, text in enumerate(cells[: len(sheet.headers)], start=1):
                self.preview.setItem(row, column, QTableWidgetItem(text))

    def _show_report(self, report: EventImportReport) -> None:
        self.report = report
        self.summary.setText(isolate_ltr_runs(summary_line(report, self._locale)))
        self.problems.clear()
        self.problems.addItems([isolate_ltr_runs(line) for line in detail_lines(report)])

    # -- the import ------------------------------------------------------------------
    def run(self) -> None:
        sheet = self.sheet
        if sheet is None or self.report is None or self.report.new == 0:
            return
        self.import_button.setEnabled(False)
        service = self.service
        self.ui.runner.run(lambda: service.run(sheet), self._imported, self._failed)

    def _imported(self, report: EventImportReport) -> None:
        self.imported = len(report.event_ids)
        self._show_report(report)
