"""The tables of a network export as they will be written: pick a table (and, for savings,
a figure), see its grid with totals; suppressed entries show the same mark as the Excel
file, on grey, and a screen reader says "hidden". The before/after table (format
version 3) is the list's last entry: one row per energy, a hidden row all marks."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QListWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from siec_desk.core.formatting import format_number
from siec_desk.core.i18n import _
from siec_desk.network.export import before_after_display as ba
from siec_desk.network.export.display import (
    GROUP_NOTES,
    Block,
    MeasureName,
    blocks,
    legend,
    suppressed_mark,
)
from siec_desk.network.export.export_format import NetworkExport
from siec_desk.ui.widgets.accessible import labelled, tag
from siec_desk.ui.widgets.builders import splitter, text_label

_HIDDEN = QColor("#dddddd")


class PreviewPanel(QWidget):
    def __init__(self, locale: str, measure_name: MeasureName) -> None:
        super().__init__()
        self.locale_name = locale
        self.measure_name = measure_name
        self.document: NetworkExport | None = None
        self._blocks: list[Block] = []

        self.tables = QListWidget()
        tag(self.tables, "network_export.tables", _("Tables"))
        self.tables.setWordWrap(True)
        self.tables.setSpacing(2)
        self.tables.currentRowChanged.connect(self._show_table)
        self.measure = QComboBox()
        self.measure_label = labelled(_("Fi&gure"), self.measure, "network_export.measure")
        self.measure.currentIndexChanged.connect(self._show_block)
        self.note = text_label("network_export.note", plain=False)
        self.grid = QTableWidget()
        tag(self.grid, "network_export.grid", _("Table as it will be written"))
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setTabKeyNavigation(False)
        self.legend = text_label(
            "network_export.legend", plain=False, style="color: palette(placeholder-text);"
        )

        measure_row = QHBoxLayout()
        measure_row.addWidget(self.measure_label)
        measure_row.addWidget(self.measure, 1)
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(measure_row)
        column.addWidget(self.note)
        column.addWidget(self.grid, 1)
        column.addWidget(self.legend)
        split = splitter(Qt.Orientation.Horizontal, (self.tables, 0), (right, 3))
        split.setSizes([300, 780])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        self.show_document(None)

    def show_document(self, document: NetworkExport | None) -> None:
        self.document = document
        current = max(0, self.tables.currentRow())
        self.tables.blockSignals(True)
        self.tables.clear()
        if document is not None:
            for table in document.tables:
                hidden = len(table.suppressed())
                self.tables.addItem(
                    _("{title} ({hidden} hidden)").format(title=table.spec.title, hidden=hidden)
                )
            if document.before_after:
                hidden = sum(r.suppressed for r in document.before_after)
                self.tables.addItem(
                    _("{title} ({hidden} hidden)").format(title=ba.TITLE, hidden=hidden)
                )
        self.tables.blockSignals(False)
        self.legend.setText(legend(document.meta.threshold) if document else "")
        if document is not None and document.tables:
            self.tables.setCurrentRow(min(current, self.tables.count() - 1))
            self._show_table(self.tables.currentRow())
        else:
            self._blocks = []
            self.grid.clear()
            self.grid.setRowCount(0)
            self.grid.setColumnCount(0)
            self.note.clear()

    def _show_table(self, row: int) -> None:
        if self.document is not None and row == len(self.document.tables):
            self._show_before_after(self.document)
            return
        if self.document is None or not 0 <= row < len(self.document.tables):
            return
        table = self.document.tables[row]
        meta = self.document.meta
        self._blocks = blocks(table, self.locale_name, meta.currency, self.measure_name)
        note = GROUP_NOTES.get(table.spec.group)
        self.note.setText(str(note) if note else "")
        self.note.setVisible(bool(note))
        self.measure.blockSignals(True)
        self.measure.clear()
        for block in self._blocks:
            self.measure.addItem(block.title)
        self.measure.blockSignals(False)
        several = len(self._blocks) > 1
        self.measure.setVisible(several)
        self.measure_label.setVisible(several)
        self._show_block(0)

    def _show_block(self, index: int) -> None:
        if not 0 <= index < len(self._blocks):
            return
        block = self._blocks[index]
        money = block.measure == "money_per_year_minor"
        self.grid.clear()
        self.grid.setRowCount(len(block.rows))
        self.grid.setColumnCount(len(block.columns))
        self.grid.setHorizontalHeaderLabels(block.columns)
        self.grid.setVerticalHeaderLabels([label for label, _entries in block.rows])
        bold = QFont()
        bold.setBold(True)
        for r, (_label, entries) in enumerate(block.rows):
            for c, entry in enumerate(entries):
                if entry.value is None:
                    item = QTableWidgetItem(suppressed_mark())
                    item.setBackground(QBrush(_HIDDEN))
                    item.setData(Qt.ItemDataRole.AccessibleTextRole, _("hidden"))
                    item.setToolTip(legend(self.document.meta.threshold) if self.document else "")
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                else:
                    text = format_number(entry.value, self.locale_name, 2 if money else 0)
                    item = QTableWidgetItem(text)
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if entry.total:
                    item.setFont(bold)
                self.grid.setItem(r, c, item)
        self.grid.setToolTip(block.corner)
        self.grid.resizeColumnsToContents()
        rows = self.grid.verticalHeader()  # room for bidi labels (Arabic month, Latin year)
        rows.setMinimumWidth(rows.sizeHint().width() + 16)

    def _show_before_after(self, document: NetworkExport) -> None:
        meta = document.meta
        self._blocks = []
        self.measure.setVisible(False)
        self.measure_label.setVisible(False)
        self.note.setText(ba.note(meta.threshold))
        self.note.setVisible(True)
        lines = ba.centre_lines(document.before_after, meta.country, meta.currency)
        self.grid.clear()
        self.grid.setRowCount(len(lines))
        columns = ba.headers(meta.currency)
        self.grid.setColumnCount(len(columns))
        self.grid.setHorizontalHeaderLabels(columns)
        self.grid.setVerticalHeaderLabels([line.label for line in lines])
        for r, line in enumerate(lines):
            for c, value in enumerate(line.values):
                if line.suppressed:
                    item = QTableWidgetItem(suppressed_mark())
                    item.setBackground(QBrush(_HIDDEN))
                    item.setData(Qt.ItemDataRole.AccessibleTextRole, _("hidden"))
                    item.setToolTip(legend(meta.threshold))
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                else:
                    text = ba.value_text(c, value, meta.currency, self.locale_name)
                    item = QTableWidgetItem(text)
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.grid.setItem(r, c, item)
        self.grid.setToolTip(str(ba.TITLE))
        self.grid.resizeColumnsToContents()

    def shown_texts(self) -> list[list[str]]:
        """The grid's cells as displayed (tests and screen-reader checks)."""
        return [
            [
                (item.text() if (item := self.grid.item(r, c)) else "")
                for c in range(self.grid.columnCount())
            ]
            for r in range(self.grid.rowCount())
        ]
