"""Activity: the centre's key figures for a period, compared with the previous period
and the same period a year earlier; a 12-month trend and breakdowns by contact mode,
theme, act level, orientation and advisor. Every figure opens the consultations behind
it; the period's report exports as PDF or Excel (``activity_export``).

All figures come from the statistics engine (``ui.app.stats``) on the DB thread.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from siec_desk.core.formatting import format_number, format_percent, locale_for
from siec_desk.core.i18n import _
from siec_desk.domain.activity_dimensions import DIMENSIONS
from siec_desk.domain.activity_period import Period
from siec_desk.domain.activity_results import Indicators
from siec_desk.services.activity.loading import (
    BREAKDOWNS,
    ActivityData,
    Drill,
    last_complete_month,
    load_activity,
)
from siec_desk.texts.labels import ALL_LABELS, label
from siec_desk.ui.activity.charts import BarChart, FigureTable
from siec_desk.ui.activity.drilldown import DrilldownDialog
from siec_desk.ui.activity.export import ReportExporter
from siec_desk.ui.activity.period import PeriodBar, month_text, period_text
from siec_desk.ui.activity.tiles import FIGURES, Tile
from siec_desk.ui.events.activity_tab import EventsTab
from siec_desk.ui.kit.base import Page
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.kit.empty_state import activity_empty, check_empty
from siec_desk.ui.loans.activity_tab import LoansTab
from siec_desk.ui.widgets.accessible import tag

TILE_ROWS = 2
Row = tuple[Any, Indicators]


class _Panel(QWidget):
    """A chart and its table side by side (mirrored right to left by the layout)."""

    def __init__(self, key: str, name: str, horizontal: bool) -> None:
        super().__init__()
        self.chart = BarChart(f"activity.chart.{key}", name, horizontal)
        self.table = FigureTable(f"activity.table.{key}", name)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.chart, 3)
        layout.addWidget(self.table, 2)
        if key == "trend":
            layout.setStretch(0, 5)


class ActivityPage(Page):
    key = "activity"

    def __init__(self, ui: UiContext, today: Callable[[], date] = date.today) -> None:
        super().__init__()
        self.ui = ui
        self._today = today
        self.formats = locale_for(None, ui.app.centre.country)
        self.currency = ui.app.centre.currency
        self.data: ActivityData | None = None
        self.drilldown: DrilldownDialog | None = None
        self._request = 0
        self._trend_periods: list[Period] = []
        self._rows: dict[str, list[Row]] = {}

        self.period_bar = PeriodBar(last_complete_month(today()), self.formats, today())
        self.status = QLabel()
        tag(self.status, "activity.status")
        top = QHBoxLayout()
        top.addWidget(self.period_bar, 1)
        top.addWidget(self.status)
        self.export = ReportExporter(ui, self.period, self)
        top.addWidget(self.export.button)

        country = ui.app.centre.country
        self.tiles = [Tile(f) for f in FIGURES if f.shown_in(country)]
        columns = -(-len(self.tiles) // TILE_ROWS)  # two full rows: 5 columns, 6 in France
        grid = QGridLayout()
        grid.setSpacing(8)
        for index, tile in enumerate(self.tiles):
            grid.addWidget(tile, index // columns, index % columns)
            tile.clicked.connect(lambda _c=False, t=tile: self.open_tile(t.figures.key))

        self.tabs = QTabWidget()
        tag(self.tabs, "activity.tabs", _("Charts"))
        self.tabs.setMinimumHeight(320)
        self.panels: dict[str, _Panel] = {}
        self.panels["trend"] = _Panel("trend", _("Consultations over 12 months"), False)
        self.tabs.addTab(self.panels["trend"], _("12-month trend"))
        for code in BREAKDOWNS:
            name = str(DIMENSIONS[code].label)
            self.panels[code] = _Panel(code, name, True)
            self.tabs.addTab(self.panels[code], name)
        self.events_tab = EventsTab(self.formats)  # schema 0016: the events register
        self.tabs.addTab(self.events_tab, _("Events and people reached"))
        self.loans_tab = LoansTab(self.formats)  # schema 0017: equipment loans
        self.tabs.addTab(self.loans_tab, _("Equipment loans"))
        for key, panel in self.panels.items():
            panel.table.row_activated.connect(lambda row, k=key: self.open_row(k, row))
            if key != "trend":  # bars in table order
                panel.chart.bar_clicked.connect(lambda row, k=key: self.open_row(k, row))
        # The trend chart runs oldest to newest; its table newest first.
        self.panels["trend"].chart.bar_clicked.connect(
            lambda i: self.open_row("trend", len(self._trend_periods) - 1 - i)
        )

        content = QWidget()
        inner = QVBoxLayout(content)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addLayout(grid)
        inner.addWidget(self.tabs, 1)
        scroll = QScrollArea()
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the tiles and tabs in it
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.export)
        layout.addWidget(scroll, 1)
        self.empty = activity_empty([scroll])  # D43: nothing to count yet
        layout.addWidget(self.empty, 1)
        self.period_bar.changed.connect(lambda _p: self.refresh())

    def title(self) -> str:
        return _("Activity")

    def focus_primary(self) -> None:
        self.period_bar.kind.setFocus()

    def period(self) -> Period:
        return self.period_bar.period()

    def set_period(self, period: Period) -> None:
        self.period_bar.set_period(period)

    # -- loading ---------------------------------------------------------------------------
    def refresh(self) -> None:
        self._request += 1
        request = self._request
        period = self.period()
        self._busy(True)
        app = self.ui.app
        check_empty(self.ui, self.empty, households=True)
        self.ui.runner.run(
            lambda: load_activity(app, period),
            lambda data: self._loaded(request, data),
            lambda exc: self._failed(request, exc),
        )
        self.ui.runner.run(
            lambda: app.events.figures(period.start, period.end), self.events_tab.show_figures
        )
        self.ui.runner.run(
            lambda: app.loans.figures(period.start, period.end), self.loans_tab.show_figures
        )

    def _busy(self, busy: bool) -> None:
        self.status.setText(_("Loading…") if busy else "")
        self.setCursor(Qt.CursorShape.BusyCursor if busy else Qt.CursorShape.ArrowCursor)

    def _failed(self, request: int, exc: Exception) -> None:
        if request == self._request:
            self._busy(False)
            self.ui.show_error(exc)

    def _loaded(self, request: int, data: ActivityData) -> None:
        if request != self._request:
            return  # the user has moved on to another period
        self.data = data
        self._busy(False)
        c = data.comparison
        for tile in self.tiles:
            tile.set_figures(c.current, c.previous, c.year_before, self.formats, self.currency)
        self._show_trend(data)
        for code in BREAKDOWNS:
            self._show_breakdown(code, data)

    def is_loading(self) -> bool:
        return bool(self.status.text())

    # -- showing ---------------------------------------------------------------------------
    def _show_trend(self, data: ActivityData) -> None:
        points = data.trend
        self._trend_periods = [p.period for p in points]
        months = [month_text(p.period, self.formats) for p in points]
        panel = self.panels["trend"]
        panel.chart.set_bars(
            months,
            [
                (_("Consultations"), [p.consultations for p in points]),
                (_("Households"), [p.households for p in points]),
            ],
        )
        panel.table.set_table(
            [_("Month"), _("Consultations"), _("Households")],
            [
                [
                    period_text(p.period, self.formats),
                    format_number(p.consultations, self.formats),
                    format_number(p.households, self.formats),
                ]
                for p in reversed(points)  # newest first in the table
            ],
        )

    def category_label(self, code: str, value: Any, data: ActivityData) -> str:
        if code == "advisor":
            if value is None:
                return _("No advisor")
            return data.advisors.get(value, _("Advisor {id}").format(id=value))
        if value is None:
            return _("Not stated")
        table = DIMENSIONS[code].label_table
        return label(ALL_LABELS[table], value) if table else str(value)

    def _show_breakdown(self, code: str, data: ActivityData) -> None:
        rows = sorted(
            ((key[0], figures) for key, figures in data.breakdowns[code].items()),
            key=lambda r: (-r[1].consultations, self.category_label(code, r[0], data)),
        )
        self._rows[code] = rows
        names = [self.category_label(code, value, data) for value, _f in rows]
        total = data.comparison.current.consultations
        panel = self.panels[code]
        panel.chart.set_bars(names, [(_("Consultations"), [f.consultations for _v, f in rows])])
        panel.table.set_table(
            [str(DIMENSIONS[code].label), _("Consultations"), _("Share"), _("Households")],
            [
                [
                    name,
                    format_number(f.consultations, self.formats),
                    format_percent(f.consultations / total, self.formats) if total else "–",
                    format_number(f.households, self.formats),
                ]
                for name, (_v, f) in zip(names, rows, strict=True)
            ],
        )

    # -- drill-down ------------------------------------------------------------------------
    def open_tile(self, key: str) -> None:
        figures = next(f for f in FIGURES if f.key == key)
        if figures.drill is None:
            return
        period = self.period()
        title = _("{figure} — {period}").format(
            figure=figures.title(), period=period_text(period, self.formats)
        )
        only = None if figures.drill == "period" else figures.drill
        self.open_drill(Drill(title, period, {}, only))

    def open_row(self, key: str, row: int) -> None:
        """The consultations behind a bar or a table row (*row* in table order)."""
        if self.data is None:
            return
        if key == "trend":
            periods = list(reversed(self._trend_periods))  # the table is newest first
            if not 0 <= row < len(periods):
                return
            period = periods[row]
            title = _("Consultations — {period}").format(period=period_text(period, self.formats))
            self.open_drill(Drill(title, period))
            return
        rows = self._rows.get(key, [])
        if not 0 <= row < len(rows):
            return
        value = rows[row][0]
        period = self.period()
        title = _("{dimension}: {value} — {period}").format(
            dimension=DIMENSIONS[key].label,
            value=self.category_label(key, value, self.data),
            period=period_text(period, self.formats),
        )
        self.open_drill(Drill(title, period, {key: value}))

    def open_drill(self, drill: Drill) -> None:
        if self.drilldown is not None:
            self.drilldown.close()
        self.drilldown = DrilldownDialog(self.ui, drill, self.formats, self)
        self.drilldown.show()
