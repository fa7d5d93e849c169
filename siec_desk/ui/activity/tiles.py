"""Key-figure tiles: a value, a detail line and its change on the previous period and on
the same period a year earlier. A tile is a button (focusable; Enter or Space opens the
consultations behind the figure)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QKeyEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QAbstractButton, QLabel, QSizePolicy, QVBoxLayout

from siec_desk.core.formatting import (
    currency_digits,
    format_co2_kg,
    format_kwh,
    format_money_whole,
    format_number,
    format_percent,
    plain,
)
from siec_desk.core.i18n import _, ngettext
from siec_desk.documents.activity_report.change import change_text
from siec_desk.domain.activity_results import Indicators
from siec_desk.ui.widgets.accessible import tag
from siec_desk.ui.widgets.elided_label import ElidedLabel


@dataclass(frozen=True)
class Figures:
    """How a tile reads its figures: the compared value, the shown value and detail."""

    key: str
    title: Callable[[], str]
    metric: Callable[[Indicators], float | None]
    value: Callable[[Indicators, str, str], str]  # indicators, locale, currency
    detail: Callable[[Indicators, str], str]
    drill: str | None = "period"  # None: no list behind it; "anonymous", "follow_ups"
    share: bool = False  # a percentage: it changes in points ("▲ 1 pt"), not in percent
    countries: tuple[str, ...] = ()  # shown to the centres of these countries only (): all

    def shown_in(self, country: str) -> bool:
        return not self.countries or country in self.countries


def _count(name: str) -> Callable[[Indicators, str, str], str]:
    return lambda i, loc, _cur: format_number(getattr(i, name), loc)


def _hours(i: Indicators, locale: str, _currency: str) -> str:
    hours = i.duration_total_min / 60
    return _("{hours} h").format(hours=format_number(hours, locale, 0 if hours >= 10 else 1))


def _median(i: Indicators, locale: str, _currency: str) -> str:
    if i.duration_median_min is None:
        return "–"
    minutes = i.duration_median_min
    digits = 0 if float(minutes).is_integer() else 1
    return _("{minutes} min").format(minutes=format_number(minutes, locale, digits))


def _money(i: Indicators, locale: str, currency: str) -> str:
    amount = Decimal(i.money_recommended_minor).scaleb(-currency_digits(currency))
    return format_money_whole(amount, currency, locale)


def _share(part: int, whole: int, locale: str) -> str:
    return format_percent(part / whole, locale) if whole else "–"


def _households_detail(i: Indicators, locale: str) -> str:
    return _("{new} new, {returning} returning").format(
        new=format_number(i.new_households, locale),
        returning=format_number(i.returning_households, locale),
    )


def _follow_ups_detail(i: Indicators, locale: str) -> str:
    return _("{done} done, {overdue} overdue").format(
        done=format_number(i.follow_ups_done, locale),
        overdue=format_number(i.follow_ups_overdue, locale),
    )


def _acted_detail(i: Indicators, locale: str) -> str:
    share = i.acted_share
    return _("Acted: {share}").format(
        share=format_percent(share, locale) if share is not None else "–"
    )


def _measures_detail(i: Indicators, locale: str) -> str:
    n = i.measures_recommended
    return ngettext("per year, {n} measure", "per year, {n} measures", n).format(
        n=format_number(n, locale)
    )


FIGURES: tuple[Figures, ...] = (
    Figures(
        "consultations",
        lambda: _("Consultations"),
        lambda i: i.consultations,
        _count("consultations"),
        lambda i, loc: _("{share} with a household").format(
            share=_share(i.consultations - i.anonymous, i.consultations, loc)
        ),
    ),
    Figures(
        "households",
        lambda: _("Households"),
        lambda i: i.households,
        _count("households"),
        _households_detail,
    ),
    Figures(
        "anonymous",
        lambda: _("Anonymous contacts"),
        lambda i: i.anonymous,
        _count("anonymous"),
        lambda i, loc: _("{share} of consultations").format(
            share=_share(i.anonymous, i.consultations, loc)
        ),
        "anonymous",
    ),
    Figures(
        "duration",
        lambda: _("Time with the public"),
        lambda i: i.duration_total_min,
        _hours,
        lambda i, loc: _("{minutes} min in total").format(
            minutes=format_number(i.duration_total_min, loc)
        ),
    ),
    Figures(
        "median",
        lambda: _("Median duration"),
        lambda i: i.duration_median_min,
        _median,
        lambda _i, _loc: _("per consultation"),
    ),
    Figures(
        "follow_ups",
        lambda: _("Follow-ups due"),
        lambda i: i.follow_ups_due,
        _count("follow_ups_due"),
        _follow_ups_detail,
        "follow_ups",
    ),
    Figures(
        "outcomes",
        lambda: _("Outcomes recorded"),
        lambda i: i.outcomes_recorded,
        _count("outcomes_recorded"),
        _acted_detail,
        None,
    ),
    Figures(
        "kwh",
        lambda: _("Energy savings advised"),
        lambda i: i.kwh_recommended,
        lambda i, loc, _cur: format_kwh(i.kwh_recommended, loc),
        _measures_detail,
    ),
    Figures(
        "money",
        lambda: _("Bill savings advised"),
        lambda i: i.money_recommended_minor,
        _money,
        lambda _i, _loc: _("per year"),
    ),
    Figures(
        "co2",
        lambda: _("CO₂ avoided if done"),
        lambda i: i.co2_recommended_kg,
        lambda i, loc, _cur: format_co2_kg(i.co2_recommended_kg, loc),
        lambda _i, _loc: _("per year"),
    ),
    # The monthly report's count (``services.activity.attestations``): the whole centre's,
    # French centres only; no consultation list behind it.
    Figures(
        "attestations",
        lambda: _("Attestations issued"),
        lambda i: i.attestations_issued,
        _count("attestations_issued"),
        lambda _i, _loc: _("for France Rénov' appointments"),
        None,
        countries=("FR",),
    ),
)


def change(
    current: float | None, before: float | None, locale: str, share: bool = False
) -> str | None:
    """ "▲ 12 %", "▼ 3 %", "= 0 %" ("▲ 1 pt" for a *share*, as in the activity report);
    None when there is nothing to compare with."""
    return change_text(current, before, locale, share=share, arrows=True)


def previous_line(
    current: float | None, before: float | None, locale: str, share: bool = False
) -> str:
    found = change(current, before, locale, share)
    if found is not None:
        return _("{change} vs previous period").format(change=found)
    return _("None in the previous period") if before == 0 and current else ""


def year_line(current: float | None, before: float | None, locale: str, share: bool = False) -> str:
    found = change(current, before, locale, share)
    if found is not None:
        return _("{change} vs a year earlier").format(change=found)
    return _("None a year earlier") if before == 0 and current else ""


class Tile(QAbstractButton):
    """A key figure; ``clicked`` when activated by mouse, Enter or Space."""

    def __init__(self, figures: Figures) -> None:
        super().__init__()
        self.figures = figures
        tag(self, f"activity.tile.{figures.key}", figures.title())
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)  # repaint the border on hover
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        if figures.drill is not None:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
        # Lines narrower than their text end with "…" (D26); the tooltip has them whole.
        self.title = ElidedLabel(figures.title())
        self.value = QLabel("–")
        self.detail = ElidedLabel()
        self.previous = ElidedLabel()
        self.year_before = ElidedLabel()
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.value.setFont(font)
        small = self.title.font()
        small.setPointSizeF(small.pointSizeF() * 0.9)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(1)
        # Aligned by the layout direction, not by the text's first letter: a number or a
        # Latin unit would otherwise sit on the left of a right-to-left tile.
        side = Qt.AlignmentFlag.AlignRight if self.isRightToLeft() else Qt.AlignmentFlag.AlignLeft
        for label in (self.title, self.value, self.detail, self.previous, self.year_before):
            label.setAlignment(
                Qt.AlignmentFlag.AlignAbsolute | side | Qt.AlignmentFlag.AlignVCenter
            )
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            label.setTextFormat(Qt.TextFormat.PlainText)
            layout.addWidget(label)
        for label in (self.title, self.detail, self.previous, self.year_before):
            # Long comparison lines are cut, never widen the page: the tooltip has them.
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            label.setFont(small)
            label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.title.setForegroundRole(QPalette.ColorRole.WindowText)
        self.detail.setForegroundRole(QPalette.ColorRole.WindowText)

    def set_figures(
        self,
        current: Indicators,
        previous: Indicators,
        year_before: Indicators,
        locale: str,
        currency: str,
    ) -> None:
        f = self.figures
        self.value.setText(f.value(current, locale, currency))
        self.detail.setText(f.detail(current, locale))
        now = f.metric(current)
        lines = (
            previous_line(now, f.metric(previous), locale, f.share),
            year_line(now, f.metric(year_before), locale, f.share),
        )
        # A blank line keeps every tile the same height.
        self.previous.setText(lines[0] or "\u00a0")
        self.year_before.setText(lines[1] or "\u00a0")
        head = _("{figure}: {value}").format(figure=f.title(), value=self.value.text())
        parts = [head, self.detail.text(), *lines]
        self.setAccessibleName(plain(". ".join(p for p in parts if p)))
        hint = [_("Show the consultations behind this figure")] if f.drill is not None else []
        self.setToolTip("\n".join(p for p in (*parts, *hint) if p))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        layout = self.layout()
        return layout.sizeHint() if layout is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        layout = self.layout()
        return layout.minimumSize() if layout is not None else super().minimumSizeHint()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.click()
            return
        super().keyPressEvent(event)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        lit = self.hasFocus() or (self.underMouse() and self.figures.drill is not None)
        color = palette.color(QPalette.ColorRole.Highlight if lit else QPalette.ColorRole.Mid)
        painter.setPen(QPen(color, 2 if self.hasFocus() else 1))
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 6, 6)
