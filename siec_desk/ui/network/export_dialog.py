"""Centre ▸ Export for the network: choose the months, the threshold and the format, see
exactly what will leave the centre, then write the file.

The period is a whole calendar month, quarter or year that has ended; a period that
overlaps an export already written (other than that very export again) can be previewed
but not written: the status says why (docs/network-export.md, "Differencing").

The preview is built on the DB thread (progress and cancel), a short pause after the
last change; "Write file…" writes that very document, so the file holds the figures on
screen. Each file written is logged (who, period, threshold, format, SHA-256); the log
is the second tab.
"""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from siec_desk.core.formatting import format_number, locale_for, ltr
from siec_desk.core.i18n import _
from siec_desk.domain.activity_period import Period, month
from siec_desk.network.export.display import month_label
from siec_desk.network.export.export_format import NetworkExport
from siec_desk.services.network.export import (
    DEFAULT_THRESHOLD,
    MAX_THRESHOLD,
    MIN_THRESHOLD,
    ExportCancelledError,
    ExportOptions,
    ExportRecord,
)
from siec_desk.texts.act_names import left_out_text
from siec_desk.texts.labels import COUNTRIES, label
from siec_desk.ui.activity.period import period_text
from siec_desk.ui.kit.context import UiContext, error_text
from siec_desk.ui.network.export_log import KINDS, ExportLog, periods
from siec_desk.ui.network.export_preview import PreviewPanel
from siec_desk.ui.widgets.accessible import labelled, tag
from siec_desk.ui.widgets.builders import button_row, debounce_timer, push_button, text_label

PREVIEW_DELAY_MS = 500
_ERROR_STYLE = "color: #b3261e;"
_DONE_STYLE = "color: #1b5e20;"


class _Progress(QObject):
    """Emitted from the DB thread; delivered (queued) on the GUI thread."""

    step = Signal(int, int)


class NetworkExportDialog(QDialog):
    def __init__(
        self, ui: UiContext, parent: QWidget | None = None, today: date | None = None
    ) -> None:
        super().__init__(parent)
        self.ui = ui
        self.today = today or date.today()
        self.locale_name = locale_for(None, ui.app.centre.country)
        self.document: NetworkExport | None = None
        self.written: ExportRecord | None = None
        self._options: ExportOptions | None = None  # what the document was built from
        #: Why the document previewed may not be written (it overlaps an earlier export).
        self._blocked = ""
        self._request = 0
        self._stop = threading.Event()
        self._progress = _Progress(self)
        self._progress.step.connect(self._stepped)
        title = _("Export for the network")
        self.setWindowTitle(title)
        tag(self, "network_export.dialog", title)
        self.timer = debounce_timer(self, PREVIEW_DELAY_MS, self.preview)
        self._build()
        self.resize(1100, 760)
        self.load_log()
        self.preview()

    # -- layout ------------------------------------------------------------------------
    def _build(self) -> None:
        intro = QLabel(
            _(
                "Only anonymised totals leave the centre: counts by month and by shared "
                "code, never names, contacts, notes, exact dates or record numbers. Figures "
                "with fewer households than the threshold are hidden, and so are the figures "
                "that would let them be worked out from the totals."
            )
        )
        intro.setWordWrap(True)
        tag(intro, "network_export.intro")

        self.kind = QComboBox()
        for code, text in zip(KINDS, (_("Month"), _("Quarter"), _("Year")), strict=True):
            self.kind.addItem(text, code)
        self.kind.setCurrentIndex(KINDS.index("quarter"))
        self.period = QComboBox()
        tag(self.period, "network_export.period", _("Period"))
        self._fill_periods()
        self.kind.currentIndexChanged.connect(self._fill_periods)
        self.threshold = QSpinBox()
        self.threshold.setRange(MIN_THRESHOLD, MAX_THRESHOLD)
        self.threshold.setValue(DEFAULT_THRESHOLD)
        self.threshold.setSuffix(" " + _("households"))
        self.format = QComboBox()
        for code, text in (
            ("json", _("JSON, for the network coordinator")),
            ("csv", _("CSV, long format")),
            ("xlsx", _("Excel workbook")),
        ):
            self.format.addItem(text, code)
        self.preview_button = QPushButton(_("&Preview"))
        tag(self.preview_button, "network_export.preview", _("Preview again"))
        self.preview_button.setAutoDefault(False)
        self.preview_button.clicked.connect(self.preview)

        options = QHBoxLayout()
        for text, widget, identifier in (
            (_("&Period"), self.kind, "network_export.kind"),
            ("", self.period, ""),
            (_("T&hreshold"), self.threshold, "network_export.threshold"),
            (_("F&ormat"), self.format, "network_export.format"),
        ):
            if text:
                options.addWidget(labelled(text, widget, identifier))
            options.addWidget(widget)
            options.addSpacing(8)
        options.addStretch(1)
        options.addWidget(self.preview_button)

        self.progress = QProgressBar()
        tag(self.progress, "network_export.progress", _("Preparing the preview"))
        self.cancel_button = QPushButton(_("&Cancel preview"))
        tag(self.cancel_button, "network_export.cancel", _("Cancel the preview"))
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        tag(self.status, "network_export.status")
        status_row = QHBoxLayout()
        status_row.addWidget(self.progress)
        status_row.addWidget(self.cancel_button)
        status_row.addWidget(self.status, 1)

        self.summary = text_label("network_export.summary")
        self.panel = PreviewPanel(self.locale_name, self.ui.app.network_export.measure_name)
        self.log_table = ExportLog(self.locale_name)
        self.tabs = QTabWidget()
        tag(self.tabs, "network_export.tabs", _("Export"))
        self.tabs.addTab(self.panel, _("What will leave the centre"))
        self.tabs.addTab(self.log_table, _("Export log"))

        self.write_button = push_button(
            _("&Write file…"),
            "network_export.write",
            _("Write the export file"),
            on_click=self.write,
        )
        self.write_button.setDefault(True)
        self.close_button = push_button(_("Close"), "network_export.close", on_click=self.close)
        self.close_button.setAutoDefault(False)
        buttons = button_row(self.write_button, self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(options)
        layout.addLayout(status_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        for signal in (self.period.currentIndexChanged, self.threshold.valueChanged):
            signal.connect(self._changed)
        self._busy(False)

    def _fill_periods(self) -> None:
        """The ended periods of the chosen kind, newest first (the last one chosen)."""
        self.period.blockSignals(True)
        self.period.clear()
        for period in periods(self.kind.currentData(), self.today):
            self.period.addItem(period_text(period, self.locale_name), period)
        self.period.blockSignals(False)
        self.period.setCurrentIndex(0)
        self._changed()

    # -- preview -----------------------------------------------------------------------
    def options(self) -> ExportOptions:
        period: Period | None = self.period.currentData()
        if period is None:  # no ended period of that kind yet
            first = month(self.today).start
            return ExportOptions(first, first, self.threshold.value())
        return ExportOptions(period.start, period.end, self.threshold.value())

    def _changed(self) -> None:
        if not hasattr(self, "write_button"):
            return  # still building the dialog: the first preview follows
        self.write_button.setEnabled(False)  # the preview no longer matches the choices
        self.timer.start()

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.write_button.setEnabled(
            not busy
            and self.document is not None
            and self._options == self.options()
            and not self._blocked
        )

    def preview(self) -> None:
        self.timer.stop()
        self._stop.set()  # a preview still running for older choices stops early
        self._stop = stop = threading.Event()
        self._request += 1
        request = self._request
        options = self.options()
        self.progress.setRange(0, 0)
        self.status.setStyleSheet("")
        self.status.setText(_("Preparing the preview…"))
        self._busy(True)
        service = self.ui.app.network_export
        emit = self._progress.step.emit

        def build() -> tuple[NetworkExport, str | None, int]:
            document = service.build(options, progress=emit, cancelled=stop.is_set)
            return document, service.document_problem(document), service.left_out(options)

        self.ui.runner.run(
            build,
            lambda built: self._previewed(request, options, *built),
            lambda exc: self._failed(request, exc),
        )

    def _stepped(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def cancel(self) -> None:
        self._stop.set()

    def _previewed(
        self,
        request: int,
        options: ExportOptions,
        document: NetworkExport,
        problem: str | None,
        left_out: int = 0,
    ) -> None:
        if request != self._request:
            return
        self.document, self._options = document, options
        self._blocked = problem or ""
        self.status.setStyleSheet(_ERROR_STYLE if problem else "")
        self.status.setText(problem or "")
        note = " " + left_out_text(left_out) if left_out else ""  # local: not in the file
        self.summary.setText(self._summary(document) + note)
        self.panel.show_document(document)
        self._busy(False)

    def _failed(self, request: int, exc: Exception) -> None:
        if request != self._request:
            return
        self.document = self._options = None
        self._blocked = ""
        self.panel.show_document(None)
        self.summary.clear()
        cancelled = isinstance(exc, ExportCancelledError)
        self.status.setStyleSheet("" if cancelled else _ERROR_STYLE)
        self.status.setText(
            _("Preview cancelled: nothing was written.") if cancelled else error_text(exc)
        )
        self._busy(False)

    def _summary(self, document: NetworkExport) -> str:
        meta = document.meta
        published, hidden = document.counts()
        return _(
            "Centre {code} ({country}), {first} to {last}, threshold {k} households: "
            "{published} figures in {tables} tables, {hidden} hidden."
        ).format(
            code=ltr(meta.network_code),
            country=label(COUNTRIES, meta.country),
            first=month_label(meta.months[0], self.locale_name),
            last=month_label(meta.months[-1], self.locale_name),
            k=meta.threshold,
            published=format_number(published, self.locale_name),
            tables=len(document.tables),
            hidden=format_number(hidden, self.locale_name),
        )

    # -- writing -----------------------------------------------------------------------
    def suggested_name(self) -> str:
        assert self.document is not None
        meta = self.document.meta
        fmt = self.format.currentData()
        return f"{meta.network_code}_{meta.months[0]}_{meta.months[-1]}.{fmt}"

    def write(self) -> None:
        document = self.document
        if document is None or self._options != self.options():
            return
        fmt = self.format.currentData()
        filters = {
            "json": _("JSON files (*.json)"),
            "csv": _("CSV files (*.csv)"),
            "xlsx": _("Excel workbooks (*.xlsx)"),
        }[fmt]
        chosen = self.ui.dialogs.save_file(
            _("Export for the network"), self.suggested_name(), filters
        )
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != f".{fmt}":
            path = path.with_name(f"{path.name}.{fmt}")
        service = self.ui.app.network_export
        self.write_button.setEnabled(False)
        self.ui.runner.run(lambda: service.write(document, path), self._written, self._write_failed)

    def _written(self, record: ExportRecord) -> None:
        self.written = record
        self.status.setStyleSheet(_DONE_STYLE)
        self.status.setText(
            _("Written to {path}. SHA-256: {sha256}").format(
                path=ltr(str(record.path)), sha256=ltr(record.sha256)
            )
        )
        self._busy(False)
        self.load_log()

    def _write_failed(self, exc: Exception) -> None:
        self.status.setStyleSheet(_ERROR_STYLE)
        self.status.setText(error_text(exc))
        self._busy(False)

    # -- log ---------------------------------------------------------------------------
    def load_log(self) -> None:
        log = self.ui.app.network_export.log
        self.ui.runner.run(log, self.log_table.show_entries, self.ui.show_error)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.timer.stop()
        self._stop.set()
        super().closeEvent(event)
