"""File ▸ Network statistics: the coordinator's mode of the application. A network
database of its own (never the centre's), the centres' files imported into it, the
merged figures by country, centre and month (tables and bar charts), and the network
report as Excel or PDF. All work runs on the DB thread (``network_data``)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from siec_desk.core import i18n
from siec_desk.core.formatting import ltr
from siec_desk.core.i18n import _, ngettext
from siec_desk.documents.engine.worker import render_in_process
from siec_desk.documents.network_report.content import Grid, NetworkReportContent
from siec_desk.services.network import opening as network_data
from siec_desk.services.network.coordinator import ImportOutcome
from siec_desk.texts.labels import COUNTRIES, label
from siec_desk.ui.activity.charts import BarChart, FigureTable
from siec_desk.ui.kit.context import UiContext, error_text
from siec_desk.ui.kit.document_preview import DocumentPreviewDialog, open_preview
from siec_desk.ui.network.before_after_page import BeforeAfterPage
from siec_desk.ui.network.grid_table_page import fill
from siec_desk.ui.network.reach_page import ReachPage
from siec_desk.ui.network.tables_page import TablesPage
from siec_desk.ui.widgets.accessible import tag
from siec_desk.ui.widgets.builders import button_row, push_button, text_label

_ERROR_STYLE = "color: #b3261e;"


class GridPage(QWidget):
    """A table of one grid and a bar chart of one of its columns."""

    def __init__(self, key: str, name: str, horizontal: bool) -> None:
        super().__init__()
        self.table = FigureTable(f"network.{key}", name)
        self.chart = BarChart(
            f"network.{key}_chart", _("Chart: {name}").format(name=name), horizontal
        )
        splitter = QSplitter(Qt.Orientation.Vertical)  # wide tables: the chart below
        splitter.addWidget(self.table)
        splitter.addWidget(self.chart)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.note)

    def show_grid(self, grid: Grid, series: list[tuple[str, int]], rows: int | None = None) -> None:
        """*series*: (name, column index in the entries) charted per row."""
        shown = grid.rows if rows is None else grid.rows[:rows]
        self.table.set_table(
            grid.headers, [[name, *(e.text for e in entries)] for name, entries in grid.rows]
        )
        self.chart.set_bars(
            [name for name, _entries in shown],
            [(title, [entries[i].number or 0 for _n, entries in shown]) for title, i in series],
        )
        self.note.setText(grid.note)


class NetworkWindow(QDialog):
    def __init__(
        self, ui: UiContext, parent: QWidget | None = None, path: Path | None = None
    ) -> None:
        super().__init__(parent)
        tag(self, "network.window", _("Network statistics"))
        self.setWindowTitle(_("Network statistics (coordinator)"))
        self.ui = ui
        self.path = path or network_data.default_network_db()
        self.content: NetworkReportContent | None = None
        self.preview_dialog: DocumentPreviewDialog | None = None
        #: How the PDF preview renders (the document worker; tests may replace it).
        self.render_pdf = render_in_process

        self.path_label = QLabel()
        tag(self.path_label, "network.path")
        self.open_button = push_button(
            _("&Open another network database…"),
            "network.open_db",
            on_click=self.choose_database,
        )
        self.import_button = push_button(
            _("&Import centre files…"), "network.import", on_click=self.import_files
        )
        self.report_button = push_button(
            _("&Report…"), "network.report", on_click=self.write_report
        )
        self.status = text_label("network.status", plain=False)

        self.tabs = QTabWidget()
        tag(self.tabs, "network.tabs", _("Network figures"))
        self.by_country = GridPage("by_country", _("By country"), horizontal=True)
        self.by_centre = GridPage("by_centre", _("By centre"), horizontal=True)
        self.by_month = GridPage("by_month", _("Consultations by month"), horizontal=False)
        self.imports = FigureTable("network.imports", _("Centre files imported"))
        self.before_after = BeforeAfterPage()
        self.reach = ReachPage()
        self.tables = TablesPage()
        self.tabs.addTab(self.by_country, _("By &country"))
        self.tabs.addTab(self.by_centre, _("By c&entre"))
        self.tabs.addTab(self.by_month, _("By &month"))
        self.tabs.addTab(self.reach, _("E&vents and people reached"))
        self.tabs.addTab(self.before_after, _("Before / &after"))
        self.tabs.addTab(self.tables, _("&Tables"))
        self.tabs.addTab(self.imports, _("&Files imported"))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        tag(buttons, "network.buttons")
        buttons.rejected.connect(self.reject)

        where = QHBoxLayout()
        where.addWidget(QLabel(_("Network database:")))
        where.addWidget(self.path_label, 1)
        where.addWidget(self.open_button)
        actions = button_row(leading=[self.import_button, self.report_button])
        layout = QVBoxLayout(self)
        layout.addLayout(where)
        layout.addLayout(actions)
        layout.addWidget(self.status)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.resize(1000, 680)
        self.refresh()

    # -- loading -----------------------------------------------------------------------
    def _busy(self, busy: bool) -> None:
        for button in (self.open_button, self.import_button, self.report_button):
            button.setEnabled(not busy)

    def refresh(self) -> None:
        self.path_label.setText(ltr(str(self.path)))
        path, language = self.path, i18n.current_language()
        self._busy(True)
        self.ui.runner.run(lambda: network_data.load(path, language), self._show, self._failed)

    def _failed(self, exc: Exception) -> None:
        self._busy(False)
        self.status.setStyleSheet(_ERROR_STYLE)
        self.status.setText(error_text(exc))
        self.ui.dialogs.error(_("Network statistics"), error_text(exc))

    def _show(self, content: NetworkReportContent | None) -> None:
        self._busy(False)
        self.content = content
        self.status.setStyleSheet("")
        empty = content is None or not content.imports.rows
        self.report_button.setEnabled(not empty)
        if content is None or empty:
            self.status.setText(
                _(
                    "No centre file imported yet: choose Import centre files… and select the "
                    ".json files the centres sent."
                )
            )
            for page in (self.by_country, self.by_centre, self.by_month):
                page.table.set_table([], [])
                page.chart.set_bars([], [])
            self.imports.set_table([], [])
            self.before_after.show_grid(None)
            self.reach.show_grid(None)
            self.tables.show_grids([])
            return
        centres, files = len(content.by_centre.rows), len(content.imports.rows)
        self.status.setText(
            ngettext("{count} centre", "{count} centres", centres).format(count=centres)
            + " · "
            + ngettext("{count} file", "{count} files", files).format(count=files)
        )
        consultations = content.by_centre.headers[2]
        countries = len(content.by_month.headers) - 3
        self.by_country.show_grid(
            content.by_country, [(consultations, 1)], rows=len(content.by_country.rows) - 1
        )
        self.by_centre.show_grid(content.by_centre, [(consultations, 1)])
        month_series = (
            [(content.by_month.headers[1 + i], i) for i in range(countries)]
            if countries <= 2
            else [(content.by_month.headers[1 + countries], countries)]
        )
        self.by_month.show_grid(content.by_month, month_series)
        self.before_after.show_grid(content.before_after)
        self.reach.show_grid(content.reach)
        self.tables.show_grids(content.details)
        fill(self.imports, content.imports)

    # -- actions -----------------------------------------------------------------------
    def choose_database(self) -> None:
        chosen = self.ui.dialogs.open_file(
            _("Open a network database"), _("Network database (*.sqlite3 *.db);;All files (*)")
        )
        if chosen:
            self.path = Path(chosen)
            self.refresh()

    def import_files(self) -> None:
        chosen = self.ui.dialogs.open_files(
            _("Import centre files"), _("Network exports (*.json);;All files (*)")
        )
        if not chosen:
            return
        path, files = self.path, [Path(f) for f in chosen]
        self._busy(True)
        self.status.setText(_("Importing…"))
        self.ui.runner.run(
            lambda: network_data.import_files(path, files), self._imported, self._failed
        )

    def _imported(self, outcomes: list[ImportOutcome]) -> None:
        confirmed = [o for o in outcomes if o.unconfirmed and self._confirm_replacement(o)]
        if confirmed:
            path = self.path
            files = [o.path for o in confirmed]
            codes = sorted({o.code for o in confirmed})
            kept = [o for o in outcomes if o not in confirmed]
            self.ui.runner.run(
                lambda: network_data.import_files(path, files, codes),
                lambda again: self._report_outcomes([*kept, *again]),
                self._failed,
            )
            return
        self._report_outcomes(outcomes)

    def _confirm_replacement(self, outcome: ImportOutcome) -> bool:
        """Ask before a file replaces a centre's different figures: anyone can write a
        centre's code in a file. Shows the earlier files: centre, country, period, date."""
        earlier = "\n".join(
            _("{file}: centre {code} ({country}), {first} to {last}, imported on {date}").format(
                file=ltr(e.file_name),
                code=ltr(e.network_code),
                country=label(COUNTRIES, e.country),
                first=e.first_month,
                last=e.last_month,
                date=e.imported_at.date().isoformat(),
            )
            for e in outcome.unconfirmed
        )
        text = (
            _(
                "{file} holds other figures for centre {code}. Importing it replaces the "
                "figures of:"
            ).format(file=ltr(outcome.path.name), code=ltr(outcome.code))
            + "\n\n"
            + earlier
            + "\n\n"
            + _("Replace them only if centre {code} sent you this file.").format(
                code=ltr(outcome.code)
            )
        )
        return self.ui.dialogs.confirm(_("Replace a centre's figures?"), text, _("Replace"))

    def _report_outcomes(self, outcomes: list[ImportOutcome]) -> None:
        refused = [o.error for o in outcomes if o.error]
        done = len(outcomes) - len(refused)
        if refused:
            self.ui.dialogs.error(
                _("Import centre files"),
                ngettext("{count} file imported.", "{count} files imported.", done).format(
                    count=done
                )
                + "\n\n"
                + _("Refused (nothing of these files was stored):")
                + "\n"
                + "\n".join(str(r) for r in refused),
            )
        self.refresh()

    def preview_report(self, suggested: Path) -> DocumentPreviewDialog:
        """The PDF report in a preview dialog (composed on the DB thread, rendered by the
        document worker in a process of its own); Save as… writes it."""
        path, language = self.path, i18n.current_language()

        def saved(out: Path, pdf: bytes) -> Path:
            return network_data.save_pdf(out, pdf)

        self.preview_dialog = open_preview(
            DocumentPreviewDialog(
                self.ui,
                "network.report",
                _("Network report"),
                lambda: network_data.pdf_report_job(path, language),
                suggested,
                saved,
                self,
                render=self.render_pdf,
            )
        )
        return self.preview_dialog

    def write_report(self) -> None:
        chosen = self.ui.dialogs.save_file(
            _("Network report"), "network-report.xlsx", _("Excel (*.xlsx);;PDF (*.pdf)")
        )
        if not chosen:
            return
        out = Path(chosen)
        if out.suffix.lower() not in (".xlsx", ".pdf"):
            out = out.with_name(out.name + ".xlsx")
        path, language = self.path, i18n.current_language()
        if out.suffix.lower() == ".pdf":
            self.preview_report(out)
            return
        self._busy(True)
        self.status.setText(_("Writing the report…"))

        def done(written: Path) -> None:
            self._busy(False)
            self.status.setText(_("Report written to {path}").format(path=ltr(str(written))))

        self.ui.runner.run(
            lambda: network_data.write_report(path, out, language), done, self._failed
        )
