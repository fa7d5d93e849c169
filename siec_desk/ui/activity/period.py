"""The period selector of the Activity page: kind (month, quarter, year, custom dates),
previous/next, and the dates of a custom period."""

from __future__ import annotations

from datetime import date

from babel import dates as babel_dates
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QWidget,
)

from siec_desk.core.i18n import _
from siec_desk.domain.activity_period import Period
from siec_desk.services.activity.loading import next_period, of_kind
from siec_desk.ui.widgets.accessible import labelled, tag
from siec_desk.ui.widgets.dates import date_edit, from_qdate, to_qdate


def period_text(period: Period, locale: str) -> str:
    """ "mars 2024", "1er trimestre 2024", "2024", "1 mar. – 14 avr. 2024"."""
    if period.kind == "month":
        return babel_dates.format_skeleton("yMMMM", period.start, locale=locale)
    if period.kind == "quarter":
        return babel_dates.format_date(period.start, "QQQQ y", locale=locale)
    if period.kind == "year":
        return babel_dates.format_date(period.start, "y", locale=locale)
    return babel_dates.format_interval(period.start, period.end, "yMMMd", locale=locale)


def month_text(period: Period, locale: str) -> str:
    """A short month for chart categories ("mars", "janv."); the table gives the year."""
    return babel_dates.format_skeleton("MMM", period.start, locale=locale)


KINDS = ("month", "quarter", "year", "custom")


class PeriodBar(QWidget):
    """Emits ``changed(period)`` whenever the user picks another period."""

    changed = Signal(object)

    def __init__(self, period: Period, locale: str, today: date) -> None:
        super().__init__()
        self._period = period
        self._locale = locale
        self._today = today
        self.kind = QComboBox()
        for code, text in zip(
            KINDS, (_("Month"), _("Quarter"), _("Year"), _("Custom dates")), strict=True
        ):
            self.kind.addItem(text, code)
        kind_label = labelled(_("&Period"), self.kind, "activity.period")
        style = self.style()
        self.previous = QPushButton(
            style.standardIcon(QStyle.StandardPixmap.SP_ArrowBack), _("P&revious")
        )
        tag(self.previous, "activity.previous", _("Previous period"))
        self.next = QPushButton(
            style.standardIcon(QStyle.StandardPixmap.SP_ArrowForward), _("Ne&xt")
        )
        tag(self.next, "activity.next", _("Next period"))
        self.label = QLabel()
        tag(self.label, "activity.period_label")
        font = self.label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.label.setFont(font)
        self.label.setMinimumWidth(180)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.start = date_edit(to_qdate(period.start))
        self.end = date_edit(to_qdate(period.end))
        self.start_label = labelled(_("&From"), self.start, "activity.from")
        self.end_label = labelled(_("&To"), self.end, "activity.to")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (
            kind_label,
            self.kind,
            self.previous,
            self.label,
            self.next,
            self.start_label,
            self.start,
            self.end_label,
            self.end,
        ):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.previous.clicked.connect(lambda: self.set_period(self._period.previous(), True))
        self.next.clicked.connect(lambda: self.set_period(next_period(self._period), True))
        self.start.dateChanged.connect(self._dates_changed)
        self.end.dateChanged.connect(self._dates_changed)
        self.set_period(period, False)

    def period(self) -> Period:
        return self._period

    def set_period(self, period: Period, notify: bool = True) -> None:
        self._period = period
        editors: tuple[QWidget, ...] = (self.kind, self.start, self.end)
        for editor in editors:
            editor.blockSignals(True)
        self.kind.setCurrentIndex(KINDS.index(period.kind))
        self.start.setDate(to_qdate(period.start))
        self.end.setDate(to_qdate(period.end))
        for editor in editors:
            editor.blockSignals(False)
        custom = period.kind == "custom"
        dates: tuple[QWidget, ...] = (self.start_label, self.start, self.end_label, self.end)
        for widget in dates:
            widget.setVisible(custom)
        self.label.setText(period_text(period, self._locale))
        self.next.setEnabled(next_period(period).start <= self._today)
        if notify:
            self.changed.emit(period)

    def _kind_changed(self, index: int) -> None:
        self.set_period(of_kind(KINDS[index], self._period))

    def _dates_changed(self) -> None:
        start = from_qdate(self.start.date())
        end = from_qdate(self.end.date())
        if end < start:
            return  # wait until both dates make a period
        self.set_period(Period(start, end))
