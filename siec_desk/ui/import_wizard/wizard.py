"""File ▸ Import from a spreadsheet…: file → sheet → columns → values → dry run → import.

Reading the file, the dry run and the import run on the DB thread (``ui.runner``) with a
progress bar and Cancel (:mod:`.work`); cancelling the import rolls its one transaction
back, so nothing is written. The services (``services.importer``) do the work; the pages
(:mod:`.pages`, :mod:`.report`) only show and collect choices.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from siec_desk.core.errors import SiecError
from siec_desk.core.formatting import format_number, locale_for, ltr
from siec_desk.core.i18n import _, ngettext
from siec_desk.documents.import_report import write_rejected
from siec_desk.importing import encodings
from siec_desk.importing.mapping import (
    ImportMapping,
    load_mapping,
    mapping_from_columns,
    save_mapping,
)
from siec_desk.importing.plan_records import Cancelled, ImportReport, Progress
from siec_desk.importing.problems import MappingFileError
from siec_desk.importing.source import SourceTable, header_texts
from siec_desk.services.importer import ColumnInfo, ImportService, ValueInfo
from siec_desk.ui.import_wizard.pages import FilePage, MappingPage, SheetPage
from siec_desk.ui.import_wizard.report import ReportPage, ValuesPage
from siec_desk.ui.import_wizard.work import WorkBar
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.widgets.accessible import tag
from siec_desk.ui.widgets.builders import button_row, push_button

FILE, SHEET, MAPPING, VALUES, REPORT = range(5)
#: The dry run or the import: every row of the table, with progress and a stop flag.
_RowsWork = Callable[[SourceTable, ImportMapping, Progress | None, Cancelled | None], ImportReport]
FILE_FILTER = "*.xlsx *.xlsm *.csv *.txt *.tsv"


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
        self.locale_name = locale_for(None, ui.app.centre.country)
        self.path: Path | None = None
        self.mapping = ImportMapping()  # the base: a loaded mapping file, and choices so far
        self.mapping_name: str | None = None
        self.table: SourceTable | None = None
        self.header_line = 1
        self.columns: list[ColumnInfo] = []
        self.report: ImportReport | None = None
        self.imported: ImportReport | None = None  # once imported: the wizard is done
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

        self.work = WorkBar(self.ui, self.locale_name, self._update_buttons)

        self.save_button = push_button(
            _("Sa&ve the mapping…"),
            "import.save_mapping",
            _("Save the mapping"),
            on_click=self.save_mapping_file,
        )
        self.back_button = push_button(_("&Back"), "import.back", _("Back"), on_click=self.back)
        self.next_button = push_button(_("&Next"), "import.next", _("Next"), on_click=self.next)
        self.run_button = push_button(
            _("&Import"), "import.run", _("Import"), on_click=self.run_import
        )
        self.close_button = push_button(
            _("Close"), "import.close", _("Close"), on_click=self.reject
        )
        self.next_button.setDefault(True)
        nav = button_row(
            self.back_button,
            self.next_button,
            self.run_button,
            self.close_button,
            leading=[self.save_button],
        )

        layout = QVBoxLayout(self)
        layout.addWidget(self.step)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.work)
        layout.addLayout(nav)

        self.file_page.choose_button.clicked.connect(self.choose_file)
        self.file_page.mapping_button.clicked.connect(self.choose_mapping)
        self.mapping_page.load_button.clicked.connect(self.choose_mapping)
        self.report_page.save_rejected.clicked.connect(self.save_rejected_rows)
        self.sheet_page.sheet.currentIndexChanged.connect(self._sheet_changed)
        self.sheet_page.encoding.currentIndexChanged.connect(self._sheet_changed)
        self.sheet_page.delimiter.currentIndexChanged.connect(self._sheet_changed)
        self.sheet_page.header_row.valueChanged.connect(self._header_changed)

    # -- navigation ------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """Reading, checking or importing on the DB thread."""
        return self.work.busy

    def page(self) -> int:
        return self.stack.currentIndex()

    def _show_page(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        done = self.imported is not None and index == REPORT
        self.step.setText(_("Import finished") if done else _step_titles()[index])
        self._update_buttons()

    def _update_buttons(self) -> None:
        index = self.page()
        idle = not self.busy
        done = self.imported is not None
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
            self.work.run(
                _("Reading the values…"),
                lambda: self.service.values(table, header, mapping),
                self._values_found,
            )
        elif index == VALUES:
            self.mapping = self.current_mapping()
            self.dry_run()

    def back(self) -> None:
        if self.busy or self.imported is not None or self.page() == FILE:
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

        self.work.run(_("Reading {name}…").format(name=path.name), read, self._loaded)

    def _loaded(self, result: tuple[SourceTable, int]) -> None:
        self.table, self.header_line = result
        table = self.table
        n = len(table.rows)
        rows = format_number(n, self.locale_name)
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
        report = self.imported or self.report
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
        self.values_page.show_values(infos, self.locale_name)
        self._show_page(VALUES)

    def _go_through_rows(
        self, text: str, work: _RowsWork, done: Callable[[ImportReport], None]
    ) -> None:
        """Check or import every row on the DB thread, with progress and Cancel."""
        table, mapping, stop = self.table, self.mapping, self.work.stop
        if table is None:
            return  # no file read yet (the mapping page is reached only after one)
        emit = self.work.step.emit
        self.work.run(text, lambda: work(table, mapping, emit, stop.is_set), done, cancellable=True)

    def _show_report(self, report: ImportReport) -> None:
        self.report_page.show_report(report, self.locale_name)
        self._show_page(REPORT)

    def dry_run(self) -> None:
        self._go_through_rows(_("Checking the rows…"), self.service.dry_run, self._checked)

    def _checked(self, report: ImportReport) -> None:
        self.report = report
        self._show_report(report)

    def run_import(self) -> None:
        report = self.report
        if report is None or self.table is None or self.busy:
            return
        question = _(
            "Import now? New households: {households}; new consultations: {consultations}. "
            "The database is backed up first."
        ).format(
            households=format_number(report.households_new, self.locale_name),
            consultations=format_number(report.consultations_new, self.locale_name),
        )
        rejected = len(report.rejected_lines)
        if rejected:
            question += "\n" + ngettext(
                "{n} rejected row will not be imported.",
                "{n} rejected rows will not be imported.",
                rejected,
            ).format(n=format_number(rejected, self.locale_name))
        if not self.ui.dialogs.confirm(self.windowTitle(), question, _("Import")):
            return
        self._go_through_rows(_("Importing…"), self.service.run, self._imported)

    def _imported(self, report: ImportReport) -> None:
        self.imported = report
        self._show_report(report)
        self.ui.events.households_changed.emit()
        self.ui.events.consultations_changed.emit()

    def reject(self) -> None:
        """Closing while work runs cancels it first; the dialog closes once it stopped."""
        if self.busy:
            self.work.cancel()
            return
        super().reject()
