"""Bar charts (QtCharts) and the tables beside them.

Right to left, a chart reads from the right: breakdown bars grow leftwards from a
category axis on the right, and the months of the trend run from right (oldest) to left
(newest), with the value axis on the right. Axis numbers are whole counts; the exact,
Babel-formatted figures are in the table next to each chart.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QKeyEvent, QPainter, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
)

from siec_desk.core.formatting import plain
from siec_desk.ui.widgets.accessible import tag

COLOURS = ("#2b6cb0", "#dd8a2e")  # consultations, households (readable in grey too)


def _nice_top(largest: float) -> tuple[int, int]:
    """(axis maximum, tick count) with whole-number steps: 0..7 → 0, 2, 4, 6, 8."""
    if largest <= 0:
        return 1, 2
    rough = largest / 4
    magnitude = 10 ** math.floor(math.log10(rough)) if rough >= 1 else 1
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= rough)
    top = int(math.ceil(largest / step) * step)
    return top, top // step + 1


class BarChart(QChartView):
    """One or two series of bars over categories; ``bar_clicked(index)`` in data order."""

    bar_clicked = Signal(int)

    def __init__(self, identifier: str, name: str, horizontal: bool) -> None:
        super().__init__()
        tag(self, identifier, name)
        self.horizontal = horizontal
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the table beside it is the keyboard path
        self.viewport().setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab never stops inside it
        self.setMinimumSize(320, 240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.bar_sets: list[QBarSet] = []
        self._count = 0
        self._categories: list[str] = []
        self._category_axis: QBarCategoryAxis | None = None
        chart = QChart()
        chart.setBackgroundVisible(False)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setLocalizeNumbers(False)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.setChart(chart)

    def set_bars(
        self, categories: Sequence[str], series: Sequence[tuple[str, Sequence[float]]]
    ) -> None:
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        self._category_axis = None
        self._count = len(categories)
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        # Horizontal bars are drawn bottom-up: reverse so that the first row is on top.
        # Vertical bars run left to right: reverse right to left (QBarCategoryAxis
        # ignores setReverse).
        order = list(range(len(categories)))
        if self.horizontal or rtl:
            order.reverse()
        bars = QHorizontalBarSeries() if self.horizontal else QBarSeries()
        self.bar_sets = []
        largest = 0.0
        for index, (name, values) in enumerate(series):
            bar_set = QBarSet(name)
            bar_set.setColor(QColor(COLOURS[index % len(COLOURS)]))
            bar_set.setBorderColor(QColor(COLOURS[index % len(COLOURS)]))
            bar_set.append([float(values[i]) for i in order])
            bar_set.clicked.connect(lambda shown, o=order: self.bar_clicked.emit(o[shown]))
            bars.append(bar_set)
            self.bar_sets.append(bar_set)
            largest = max([largest, *values])
        bars.setBarWidth(min(0.7, 0.25 + 0.15 * len(categories)))  # no slab for one bar
        chart.addSeries(bars)
        self._categories = [categories[i] for i in order]
        category_axis = QBarCategoryAxis()
        category_axis.append(self._fitted(self._categories) or [""])
        category_axis.setGridLineVisible(False)
        # QtCharts elides every category label to "…" long before the chart is narrow
        # (D10): labels are drawn, elided by us to a share of the width, and the plot
        # area gives way to them.
        category_axis.setTruncateLabels(False)
        self._category_axis = category_axis
        value_axis = QValueAxis()
        top, ticks = _nice_top(largest)
        value_axis.setRange(0, top)
        value_axis.setTickCount(ticks)
        value_axis.setLabelFormat("%d")
        if self.horizontal:
            chart.addAxis(
                category_axis, Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
            )
            chart.addAxis(value_axis, Qt.AlignmentFlag.AlignBottom)
            value_axis.setReverse(rtl)
        else:
            chart.addAxis(category_axis, Qt.AlignmentFlag.AlignBottom)
            chart.addAxis(
                value_axis, Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
            )
        bars.attachAxis(category_axis)
        bars.attachAxis(value_axis)
        chart.legend().setVisible(len(series) > 1)
        self.setAccessibleDescription(
            plain(
                "; ".join(
                    f"{categories[i]}: " + ", ".join(f"{n} {v[i]:g}" for n, v in series)
                    for i in range(len(categories))
                )
            )
        )

    def category_count(self) -> int:
        return self._count

    def category_labels(self) -> list[str]:
        """The labels drawn on the category axis, in drawing order."""
        axis = self._category_axis
        return list(axis.categories()) if axis is not None else []

    def _fitted(self, labels: Sequence[str]) -> list[str]:
        """Breakdown labels elided at their end to 40 % of the chart's width (never
        below 110 px), unique as the axis requires; month labels are short already."""
        if not self.horizontal:
            return list(labels)
        metrics = QFontMetrics(self.chart().font())
        width = max(110, int(self.width() * 0.4))
        fitted: list[str] = []
        for label in labels:
            short = metrics.elidedText(label, Qt.TextElideMode.ElideRight, width)
            while short in fitted:  # two names cut to the same start stay apart
                short += "\u200b"
            fitted.append(short)
        return fitted

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        axis = self._category_axis
        if self.horizontal and axis is not None and self._categories:
            fitted = self._fitted(self._categories)
            if fitted != list(axis.categories()):
                axis.setCategories(fitted)


class FigureTable(QTableWidget):
    """A read-only table of formatted figures; Enter or double-click emits ``row_activated``."""

    row_activated = Signal(int)

    def __init__(self, identifier: str, name: str) -> None:
        super().__init__()
        tag(self, identifier, name)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setTabKeyNavigation(False)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.doubleClicked.connect(lambda index: self.row_activated.emit(index.row()))

    def set_table(self, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        self.clear()
        self.setColumnCount(len(headers))
        self.setRowCount(len(rows))
        self.setHorizontalHeaderLabels(list(headers))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.AccessibleTextRole, plain(text))
                if c > 0:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter
                    )
                self.setItem(r, c, item)
        header = self.horizontalHeader()
        if 0 < len(headers) <= 4:  # a narrow table fills its width with its names
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        elif headers:  # a wide one scrolls: its names must stay readable, not be elided
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentRow() >= 0:
            self.row_activated.emit(self.currentRow())
            return
        super().keyPressEvent(event)
