"""The "Consumption" box of the household page: the readings table (sortable), Add…,
Edit… and Delete, and a bar chart of the monthly use of one kind (QtCharts).

Widgets never query: every load and change goes through the runner to
``ReadingService``. Right to left, the chart's months run from the right (``BarChart``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QSizePolicy,
    QTableWidgetItem,
    QVBoxLayout,
)

from siec_desk.core.formatting import format_date, locale_for, ltr, plain
from siec_desk.core.i18n import _
from siec_desk.domain.consumption import add_months, monthly_totals
from siec_desk.domain.readings import UNITS, Reading, ReadingInput
from siec_desk.texts.labels import READING_KINDS
from siec_desk.texts.readings import reading_cells
from siec_desk.ui.activity.charts import BarChart
from siec_desk.ui.households.reading_dialog import ReadingDialog
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.widgets.accessible import labelled
from siec_desk.ui.widgets.builders import button_row, push_button, read_only_table
from siec_desk.ui.widgets.code_combo import CodeCombo

#: Months the chart shows (the last of them: the newest reading's).
CHART_MONTHS = 12
_SORT = Qt.ItemDataRole.UserRole + 1


class _SortedItem(QTableWidgetItem):
    """A cell sorted by the value it carries (a date, a number), not by its text."""

    def __lt__(self, other: QTableWidgetItem) -> bool:
        mine, theirs = self.data(_SORT), other.data(_SORT)
        if mine is None or theirs is None or type(mine) is not type(theirs):
            return bool(super().__lt__(other))
        return bool(mine < theirs)


class ConsumptionBox(QGroupBox):
    def __init__(self, ui: UiContext) -> None:
        super().__init__(_("Consumption"))
        self.ui = ui
        self.household_id: int | None = None
        self.readings: list[Reading] = []
        self._seq = 0
        headers = [_("Reading of"), _("From"), _("To"), _("Quantity"), _("Amount paid"),
                   _("Source")]  # fmt: skip
        self.table = read_only_table(
            headers,
            "households.readings",
            _("Consumption readings"),
            selection=QAbstractItemView.SelectionMode.SingleSelection,
        )
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)  # oldest first
        self.table.setMinimumHeight(140)
        self.table.itemActivated.connect(lambda _item: self._edit())
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.add_button = push_button(_("Add…"), "households.readings.add", on_click=self._add)
        self.edit_button = push_button(
            _("Edit…"), "households.readings.edit", _("Edit the reading"), on_click=self._edit
        )
        self.delete_button = push_button(
            _("Delete"), "households.readings.delete", _("Delete the reading"),
            on_click=self._delete,
        )  # fmt: skip
        self.kind = CodeCombo(READING_KINDS)
        kind_label = labelled(_("Chart of"), self.kind, "households.readings.chart_kind")
        self.kind.currentIndexChanged.connect(self._draw)
        self.chart = BarChart(
            "households.readings.chart", _("Monthly consumption"), horizontal=False
        )
        self.chart.setMinimumSize(200, 180)  # the list beside the page keeps its columns
        self.chart.setMaximumHeight(260)
        # its table and chart must not widen the household page at the expense of the list
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(
            button_row(leading=[self.add_button, self.edit_button, self.delete_button])
        )
        layout.addLayout(button_row(kind_label, self.kind))  # the chart's own row: narrower
        layout.addWidget(self.chart)
        self._selection_changed()

    # -- loading ---------------------------------------------------------------------
    def set_household(self, household_id: int) -> None:
        self.household_id = household_id
        self._seq += 1
        seq = self._seq
        readings = self.ui.app.readings
        self.ui.runner.run(
            lambda: readings.of_household(household_id),
            lambda rows: self._loaded(seq, rows),
            self.ui.show_error,
        )

    def _loaded(self, seq: int, rows: list[Reading]) -> None:
        if seq != self._seq:
            return
        self.readings = rows
        locale = locale_for(None, self.ui.app.centre.country)
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(rows))
        for index, r in enumerate(rows):
            keys: tuple[object, ...] = (r.kind, r.start_on or r.end_on, r.end_on, r.quantity,
                                        r.amount_minor or 0, r.source)  # fmt: skip
            for column, (text, key) in enumerate(zip(reading_cells(r, locale), keys, strict=True)):
                if column == 3 and UNITS.get(r.kind):  # "160 kWh" reads left to right
                    text = ltr(text)
                item = _SortedItem(text)
                item.setData(_SORT, key)
                item.setData(Qt.ItemDataRole.UserRole, r.id)
                item.setData(Qt.ItemDataRole.AccessibleTextRole, plain(text))
                if column >= 3:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(index, column, item)
        self.table.setSortingEnabled(True)
        self.table.resizeColumnsToContents()
        kinds = [r.kind for r in rows]
        if kinds and self.kind.code() not in kinds:
            self.kind.set_code(max(set(kinds), key=kinds.count))
        self._draw()
        self._selection_changed()

    def _draw(self) -> None:
        kind = self.kind.code() or ""
        months = monthly_totals(self.readings).get(kind, {})
        if not months:
            self.chart.set_bars([], [])
            return
        newest = max(months)
        last = date(newest[0], newest[1], 1)
        days = [add_months(last, -n) for n in range(CHART_MONTHS - 1, -1, -1)]
        locale = locale_for(None, self.ui.app.centre.country)
        self.chart.set_bars(
            [format_date(d, locale, "MM/yy") for d in days],
            [(str(READING_KINDS.get(kind, kind)),
              [months.get((d.year, d.month), 0.0) for d in days])],
        )  # fmt: skip

    # -- actions ---------------------------------------------------------------------
    def selected(self) -> Reading | None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        if item is None or not self.table.selectionModel().hasSelection():
            return None
        reading_id = item.data(Qt.ItemDataRole.UserRole)
        return next((r for r in self.readings if r.id == reading_id), None)

    def _selection_changed(self) -> None:
        chosen = self.selected() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def _dialog(self, reading: Reading | None) -> ReadingInput | None:
        dialog = ReadingDialog(self.ui.app.centre.currency, reading, self.window())
        dialog.setLayoutDirection(self.layoutDirection())
        return dialog.result_input if dialog.exec() else None

    def _add(self) -> None:
        household_id = self.household_id
        if household_id is None:
            return
        data = self._dialog(None)
        if data is not None:
            readings = self.ui.app.readings
            self._change(lambda: readings.add(household_id, data))

    def _edit(self) -> None:
        reading = self.selected()
        if reading is None:
            return
        data = self._dialog(reading)
        if data is not None:
            readings = self.ui.app.readings
            self._change(lambda: readings.update(reading.id, data))

    def _delete(self) -> None:
        reading = self.selected()
        if reading is None:
            return
        locale = locale_for(None, self.ui.app.centre.country)
        text = _("Delete the reading of {kind} of {date}?").format(
            kind=READING_KINDS.get(reading.kind, reading.kind),
            date=format_date(reading.end_on, locale),
        )
        if self.ui.dialogs.confirm(_("Delete a reading"), text, _("Delete")):
            readings = self.ui.app.readings
            self._change(lambda: readings.delete(reading.id))

    def _change(self, work: Callable[[], object]) -> None:
        household_id = self.household_id
        assert household_id is not None
        self.ui.runner.run(
            work, lambda _result: self.set_household(household_id), self.ui.show_error
        )
