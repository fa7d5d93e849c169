"""File ▸ Import from a spreadsheet…: file → sheet → columns → values → dry run → import.

Reading the file, the dry run and the import run on the DB thread (``ui.runner``) with a
progress bar and Cancel; cancelling the import rolls its one transaction back, so nothing
is written. The services (``services.importer``) do the work; the pages
(``import_wizard_pages``, ``import_wizard_report``) only show and collect choices.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from siec_desk.core.errors import SiecError
from siec_desk.core.formatting import format_number, locale_for, ltr
from siec_desk.core.i18n import _, ngettext
from siec_desk.importing import encodings
from siec_desk.importing.mapping import (
    ImportMapping,
    load_mapping,
    mapping_from_columns,
    save_mapping,
)
from siec_desk.importing.plan import ImportReport
from siec_desk.importing.problems import ImportCancelledError, MappingFileError
from siec_desk.importing.source import SourceTable, header_texts
from siec_desk.importing.summary import write_rejected
from siec_desk.services.importer import ColumnInfo, ImportService, ValueInfo
from siec_desk.ui.import_wizard.pages import FilePage, MappingPage, SheetPage
from siec_desk.ui.import_wizard.report import ReportPage, ValuesPage
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.widgets.accessible import tag

FILE, SHEET, MAPPING, VALUES, REPORT = range(5)
FILE_FILTER = "*.xlsx *.xlsm *.csv *.txt *.tsv"


class _Progress(QObject):
    """Emitted from the DB thread; delivered (queued) on the GUI thread."""

    step = Signal(int, int, str)


def _step_titles() -> list[str]:
    return [
        _("Step 1 of 5 — The file"),
        _("Step 2 of 5 — Sheet and header row"),
        _("Step 3 of 5 — What each column holds"),
        _("Step 4 of 5 — Codes of the values"),
        _("Step 5 of 5 — Dry run: what the import will do"),
    ]


class ImportWizard(QDialog):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.service = ImportService(ui.app)
        self.locale = locale_for(None, ui.app.centre.country)
        self.path: Path | None = None
        self.mapping = ImportMapping()  # the base: a loaded mapping file, and choices so far
        self.mapping_name: str | None = None
        self.table: SourceTable | None = None
        self.header_line = 1
        self.columns: list[ColumnInfo] = []
        self.report: ImportReport | None = None
        self.result: ImportReport | None = None  # once imported: the wizard is done
        self.busy = False
        self._stop = threading.Event()
        self._progress = _Progress(self)
        self._progress.step.connect(self._on_step)
        title = _("Import from a spreadsheet")
        self.setWindowTitle(title)
        tag(self, "import", title)
        self.resize(960, 640)
        self._build()
        self._show_page(FILE)

    # -- layout ----------------------------------------------------------------------
    def _build(self) -> None:
        self.step = QLabel()
        tag(self.step, "import.step")
        font = self.step.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.step.setFont(font)
        self.file_page = FilePage()
        self.sheet_page = SheetPage()
        self.mapping_page = MappingPage()
        self.values_page = ValuesPage()
        self.report_page = ReportPage()
        self.stack = QStackedWidget()
        for page in (
            self.file_page,
            self.sheet_page,
            self.mapping_page,
            self.values_page,
            self.report_page,
        ):
            self.stack.addWidget(page)

        self.progress = QProgressBar()
        tag(self.progress, "import.progress", _("Progress"))
        self.status = QLabel()
        tag(self.status, "import.status")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.cancel_button = QPushButton(_("Cancel"))
        tag(self.cancel_button, "import.cancel_work", _("Cancel the work in progress"))
        self.cancel_button.clicked.connect(self.cancel_work)
        work = QHBoxLayout()
        work.addWidget(self.progress, 1)
        work.addWidget(self.status, 2)
        work.addWidget(self.cancel_button)

        self.save_button = QPushButton(_("Sa&ve the mapping…"))
        tag(self.save_button, "import.save_mapping", _("Save the mapping"))
        self.back_button = QPushButton(_("&Back"))
        tag(self.back_button, "import.back", _("Back"))
        self.next_button = QPushButton(_("&Next"))
        tag(self.next_button, "import.next", _("Next"))
        self.run_button = QPushButton(_("&Import"))
        tag(self.run_button, "import.run", _("Import"))
        self.close_button = QPushButton(_("Close"))
        tag(self.close_button, "import.close", _("Close"))
        self.next_button.setDefault(True)
        nav = QHBoxLayout()
        nav.addWidget(self.save_button)
        nav.addStretch(1)
        for button in (self.back_button, self.next_button, self.run_button, self.close_button):
            nav.addWidget(button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.step)
        layout.addWidget(self.stack, 1)
        layout.addLayout(work)
        layout.addLayout(nav)

        self.file_page.choose_button.clicked.connect(self.choose_file)
        self.file_page.mapping_button.clicked.connect(self.choose_mapping)
        self.mapping_page.load_button.clicked.connect(self.choose_mapping)
        self.report_page.save_rejected.clicked.connect(self.save_rejected_rows)
        self.save_button.clicked.connect(self.save_mapping_file)
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        self.run_button.clicked.connect(self.run_import)
        self.close_button.clicked.connect(self.reject)
        self.sheet_page.sheet.currentIndexChanged.connect(self._sheet_changed)
        self.sheet_page.encoding.currentIndexChanged.connect(self._sheet_changed)
        self.sheet_page.delimiter.currentIndexChanged.connect(self._sheet_changed)
        self.sheet_page.header_row.valueChanged.connect(self._header_changed)

    # -- navigation ------------------------------------------------------------------
    def page(self) -> int:
        return self.stack.currentIndex()

    def _show_page(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        done = self.result is not None and index == REPORT
        self.step.setText(_("Import finished") if done else _step_titles()[index])
        self._update_buttons()

    def _update_buttons(self) -> None:
        index = self.page()
        idle = not self.busy
        done = self.result is not None
        for widget in (self.progress, self.status, self.cancel_button):
            widget.setVisible(self.busy)
        self.back_button.setVisible(index != FILE and not done)
        self.back_button.setEnabled(idle)
        self.next_button.setVisible(index < REPORT)
        self.next_button.setEnabled(idle and (index != FILE or self.table is not None))
        self.run_button.setVisible(index == REPORT and not done)
        self.run_button.setDefault(index == REPORT)
        self.next_button.setDefault(index != REPORT)
        report = self.report
        self.run_button.setEnabled(
            idle
            and report is not None
            and (report.households_new > 0 or report.consultations_new > 0)
        )
        self.save_button.setVisible(index in (MAPPING, VALUES, REPORT))
        self.save_button.setEnabled(idle)
        self.close_button.setText(_("Close") if done else _("Cancel"))
        self.file_page.setEnabled(idle)
        self.sheet_page.setEnabled(idle)

    def next(self) -> None:
        index = self.page()
        if self.busy or self.table is None:
            return
        if index == FILE:
            self.sheet_page.show_table(self.table, self.header_line)
            self._show_page(SHEET)
        elif index == SHEET:
            self.columns = self.service.columns(self.table, self.header_line, self.mapping)
            self.mapping_page.show_columns(self.columns)
            self.mapping_page.show_defaults(self.mapping.defaults)
            self._show_page(MAPPING)
        elif index == MAPPING:
            self.mapping = self.current_mapping()
            table, header, mapping = self.table, self.header_line, self.mapping
            self._work(
                _("Reading the values…"),
                lambda: self.service.values(table, header, mapping),
                self._values_found,
            )
        elif index == VALUES:
            self.mapping = self.current_mapping()
            self.dry_run()

    def back(self) -> None:
        if self.busy or self.result is not None or self.page() == FILE:
            return
        if self.page() in (MAPPING, VALUES):
            self.mapping = self.current_mapping()  # kept when the user comes forward again
        self._show_page(self.page() - 1)

    # -- the file --------------------------------------------------------------------
    def choose_file(self) -> None:
        name = self.ui.dialogs.open_file(
            _("Choose the spreadsheet to import"),
            _("Spreadsheets ({patterns})").format(patterns=FILE_FILTER),
        )
        if name:
            self.load(Path(name))

    def load(self, path: Path) -> None:
        """Read *path* (on the DB thread) with the options of the current mapping."""
        self.path = path
        mapping = self.mapping
        service = self.service

        def read() -> tuple[SourceTable, int]:
            table = service.read(path, mapping)
            return table, service.header_line(table, mapping)

        self._work(_("Reading {name}…").format(name=path.name), read, self._loaded)

    def _loaded(self, result: tuple[SourceTable, int]) -> None:
        self.table, self.header_line = result
        table = self.table
        n = len(table.rows)
        rows = format_number(n, self.locale)
        if table.kind == "csv":
            details = ngettext(
                "CSV, {encoding}, {rows} line", "CSV, {encoding}, {rows} lines", n
            ).format(encoding=encodings.display_name(table.encoding or ""), rows=rows)
        else:
            details = ngettext(
                "sheet “{sheet}”, {rows} row", "sheet “{sheet}”, {rows} rows", n
            ).format(sheet=table.sheet, rows=rows)
        self.file_page.show_file(f"{ltr(str(table.path))}\n{details}")
        if self.page() == SHEET:
            self.sheet_page.show_table(table, self.header_line)
        self._update_buttons()

    def _sheet_changed(self) -> None:
        page = self.sheet_page
        if self.table is None or self.path is None or self.busy:
            return
        self.mapping.sheet = page.sheet.currentText() if self.table.kind == "xlsx" else None
        self.mapping.encoding = page.encoding.currentData()
        self.mapping.delimiter = page.delimiter.currentData()
        self.mapping.header_row = None  # another sheet: find its header again
        self.load(self.path)

    def _header_changed(self, line: int) -> None:
        if self.table is None:
            return
        self.header_line = line
        self.mapping.header_row = line
        self.sheet_page.show_table(self.table, line)

    # -- mapping files ---------------------------------------------------------------
    def choose_mapping(self) -> None:
        name = self.ui.dialogs.open_file(_("Use a saved mapping"), _("Mappings (*.json)"))
        if not name:
            return
        try:
            loaded = load_mapping(Path(name))
        except MappingFileError as exc:
            self.ui.show_error(exc)
            return
        self.mapping = loaded
        self.mapping_name = Path(name).name
        self.file_page.show_mapping(self.mapping_name)
        if self.path is not None:
            self._show_page(FILE)
            self.load(self.path)  # its sheet, encoding and header row may differ

    def current_mapping(self) -> ImportMapping:
        """The columns, defaults and values chosen so far (what a mapping file keeps)."""
        base = self.mapping
        if self.table is None:
            return base
        headers = header_texts(self.table, self.header_line)
        fields = self.mapping_page.fields() if self.columns else [None] * len(headers)
        if len(fields) != len(headers):
            fields = [c.field for c in self.service.columns(self.table, self.header_line, base)]
        mapping = mapping_from_columns(headers, fields, base)
        mapping.defaults = {
            **{k: v for k, v in base.defaults.items() if k not in ("mode", "themes")},
            **self.mapping_page.defaults(),
        }
        mapping.sheet = self.table.sheet
        mapping.header_row = self.header_line
        if self.page() >= VALUES:
            for info, code, changed in self.values_page.choices():
                if changed:
                    mapping.values.setdefault(info.field, {})[info.value] = code
        return mapping

    def save_mapping_file(self) -> None:
        name = self.ui.dialogs.save_file(
            _("Save the mapping"), self.mapping_name or _("mapping.json"), _("Mappings (*.json)")
        )
        if not name:
            return
        path = Path(name) if name.lower().endswith(".json") else Path(f"{name}.json")
        mapping = self.current_mapping()
        try:
            save_mapping(mapping, path)
        except MappingFileError as exc:
            self.ui.show_error(exc)
            return
        self.mapping = mapping
        self.mapping_name = path.name
        self.file_page.show_mapping(path.name)

    def save_rejected_rows(self) -> None:
        report = self.result or self.report
        if report is None or not report.rejected:
            return
        name = self.ui.dialogs.save_file(
            _("Save the rejected rows"), _("rejected-rows.csv"), _("CSV files (*.csv)")
        )
        if not name:
            return
        try:
            write_rejected(report, Path(name))
        except SiecError as exc:  # written whole and private, or nothing (one line)
            self.ui.dialogs.error(self.windowTitle(), str(exc))

    # -- values, dry run, import -----------------------------------------------------
    def _values_found(self, infos: list[ValueInfo]) -> None:
        self.values_page.show_values(infos, self.locale)
        self._show_page(VALUES)

    def dry_run(self) -> None:
        table, mapping, stop = self.table, self.mapping, self._stop
        emit = self._progress.step.emit
        self._work(
            _("Checking the rows…"),
            lambda: self.service.dry_run(table, mapping, emit, stop.is_set),  # type: ignore[arg-type]
            self._checked,
            cancellable=True,
        )

    def _checked(self, report: ImportReport) -> None:
        self.report = report
        self.report_page.show_report(report, self.locale)
        self._show_page(REPORT)

    def run_import(self) -> None:
        report = self.report
        if report is None or self.table is None or self.busy:
            return
        question = _(
            "Import now? New households: {households}; new consultations: {consultations}. "
            "The database is backed up first."
        ).format(
            households=format_number(report.households_new, self.locale),
            consultations=format_number(report.consultations_new, self.locale),
        )
        rejected = len(report.rejected_lines)
        if rejected:
            question += "\n" + ngettext(
                "{n} rejected row will not be imported.",
                "{n} rejected rows will not be imported.",
                rejected,
            ).format(n=format_number(rejected, self.locale))
        if not self.ui.dialogs.confirm(self.windowTitle(), question, _("Import")):
            return
        table, mapping, stop = self.table, self.mapping, self._stop
        emit = self._progress.step.emit
        self._work(
            _("Importing…"),
            lambda: self.service.run(table, mapping, emit, stop.is_set),
            self._imported,
            cancellable=True,
        )

    def _imported(self, report: ImportReport) -> None:
        self.result = report
        self.report_page.show_report(report, self.locale)
        self._show_page(REPORT)
        self.ui.events.households_changed.emit()
        self.ui.events.consultations_changed.emit()

    # -- work on the DB thread -------------------------------------------------------
    def _work(
        self,
        text: str,
        work: Callable[[], Any],
        done: Callable[[Any], None],
        *,
        cancellable: bool = False,
    ) -> None:
        self.busy = True
        self._stop.clear()
        self.progress.setRange(0, 0)
        self.status.setText(text)
        self.cancel_button.setEnabled(cancellable)
        self._update_buttons()

        def finished(result: Any) -> None:
            self._idle()
            done(result)

        self.ui.runner.run(work, finished, self._failed)

    def _idle(self) -> None:
        self.busy = False
        self._update_buttons()

    def _failed(self, exc: Exception) -> None:
        self._idle()
        if isinstance(exc, ImportCancelledError):
            self.status.setText(str(exc))
            self.ui.dialogs.info(self.windowTitle(), str(exc))
        else:
            self.ui.show_error(exc)

    def _on_step(self, done: int, total: int, phase: str) -> None:
        texts = {
            "check": _("Checking the rows… {done} of {total}"),
            "match": _("Comparing with the database…"),
            "backup": _("Backing up the database…"),
            "write": _("Writing… {done} of {total}"),
        }
        text = texts.get(phase, "")
        self.status.setText(
            text.format(
                done=format_number(done, self.locale), total=format_number(total, self.locale)
            )
        )
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
        else:
            self.progress.setRange(0, 0)

    def cancel_work(self) -> None:
        if self.busy:
            self._stop.set()
            self.cancel_button.setEnabled(False)
            self.status.setText(_("Cancelling…"))

    def reject(self) -> None:
        """Closing while work runs cancels it first; the dialog closes once it stopped."""
        if self.busy:
            self.cancel_work()
            return
        super().reject()
