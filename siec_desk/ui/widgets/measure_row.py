"""One recommended measure in the consultation editor: its parameters and its estimate.

A :class:`MeasureRow` has one spin box per adjustable parameter of a catalogue measure
and shows its share of the consultation's combined estimate (kWh, money and CO2 per
year, indicative cost, payback), or why it is not counted (an alternative). Spin
boxes accept a little beyond the catalogue's range so that a mistyped value is explained
inline instead of silently refused. The label tables name the measures' kinds,
parameters and units.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from decimal import Decimal

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFocusEvent, QMouseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override

from siec_desk.core.formatting import format_co2_kg, format_kwh, format_money, format_number, ltr
from siec_desk.core.i18n import N_, LazyText, _
from siec_desk.domain.catalogue import CatalogueMeasure, MeasureParameter
from siec_desk.domain.parameters import payback_is_cost_effective
from siec_desk.domain.savings import Combination, MeasureShare, SavingsEstimate
from siec_desk.services.measures import MeasureInfo
from siec_desk.ui.widgets.accessible import labelled, tag

KIND_LABELS: dict[str, LazyText] = {
    "gesture": N_("Everyday habit"),
    "small_equipment": N_("Small equipment"),
    "works": N_("Works"),
}

PARAMETER_LABELS: dict[str, LazyText] = {
    "bulbs": N_("Bulbs"),
    "cooling_kwh_per_year": N_("Cooling use"),
    "cooling_saving_pct": N_("Cooling saving"),
    "cop": N_("Efficiency (COP)"),
    "coverage_pct": N_("Solar coverage"),
    "degrees": N_("Degrees lower"),
    "devices": N_("Devices"),
    "heating_saving_pct": N_("Heating saving"),
    "hours_per_day": N_("Hours a day"),
    "hours_per_year": N_("Hours a year"),
    "kwh_after": N_("Use after"),
    "kwh_before": N_("Use before"),
    "kwp": N_("Peak power"),
    "power_kw": N_("Power"),
    "reduction_pct": N_("Flow reduction"),
    "fitted_share_pct": N_("Hot water at fitted outlets"),
    "serviced": N_("Already serviced (1 = yes, 0 = no)"),
    "saving_pct": N_("Saving"),
    "self_consumption_pct": N_("Self-consumption"),
    "share_pct": N_("Share replaced"),
    "standby_watts": N_("Standby power"),
    "strips": N_("Power strips"),
    "surface_m2": N_("Area"),
    "units": N_("Units"),
    "watts_after": N_("Watts after"),
    "watts_before": N_("Watts before"),
    "windows": N_("Windows"),
    "yield_kwh_per_kwp": N_("Solar yield"),
}

UNIT_SUFFIXES: dict[str, LazyText] = {
    "h/day": N_("h/day"),
    "h/year": N_("h/year"),
    "L/day": N_("L/day"),
    "kWh/year": N_("kWh/year"),
    "kWh/kWp/year": N_("kWh/kWp/year"),
}
_PLAIN_UNITS = {"m2": "m²", "%": "%", "W": "W", "kW": "kW", "kWp": "kWp", "°C": "°C"}
_DECIMAL_UNITS = frozenset({"°C", "ratio", "kW", "kWp", "h/day"})
_ERROR_STYLE = "color: #b3261e;"
_ROW_STYLE = (
    "MeasureRow { border: 1px solid palette(mid); border-radius: 4px; }"
    'MeasureRow[current="true"] { border: 2px solid palette(highlight); }'
)


def parameter_label(code: str) -> str:
    text = PARAMETER_LABELS.get(code)
    return str(text) if text is not None else code.replace("_", " ")


def unit_text(unit: str) -> str:
    """The unit as shown after a value ("" for plain counts and ratios)."""
    if unit in UNIT_SUFFIXES:
        return str(UNIT_SUFFIXES[unit])
    return _PLAIN_UNITS.get(unit, "")


def _decimals(parameter: MeasureParameter) -> int:
    bounds = (parameter.default, parameter.minimum, parameter.maximum)
    whole = all(v is None or float(v).is_integer() for v in bounds)
    return 1 if parameter.unit in _DECIMAL_UNITS or not whole else 0


def describe_estimate(
    estimate: SavingsEstimate | MeasureShare,
    currency: str,
    locale: str,
    lifetime_years: int | None = None,
) -> str:
    """Two lines: yearly savings, then indicative cost and payback; a payback beyond
    25 years or the measure's life says "not cost-effective", as the letter does (D28)."""
    yearly = _("Per year: {energy} · {money} · {co2}").format(
        energy=ltr(format_kwh(estimate.kwh_per_year, locale)),
        money=format_money(estimate.money_per_year, currency, locale),
        co2=ltr(format_co2_kg(estimate.co2_kg_per_year, locale)),
    )
    # Plain calls, not inside the f-strings: the catalogue extractor misses those (D11).
    no_indicative_cost = _("No indicative cost")
    no_cost = _("No cost")
    if estimate.cost is None:
        return f"{yearly}\n{no_indicative_cost}"
    if estimate.cost == 0:
        return f"{yearly}\n{no_cost}"
    cost = format_money(estimate.cost, currency, locale)
    years = estimate.payback_years
    if years is None:
        works = _("Indicative cost {cost} · no payback").format(cost=cost)
    elif not payback_is_cost_effective(years, lifetime_years):
        works = _("Indicative cost {cost} · payback {years} years: not cost-effective").format(
            cost=cost, years=format_number(years, locale, 0)
        )
    else:
        works = _("Indicative cost {cost} · payback {years} years").format(
            cost=cost, years=format_number(years, locale, 1)
        )
    return f"{yearly}\n{works}"


def describe_totals(results: Sequence[SavingsEstimate], currency: str, locale: str) -> str:
    """The yearly savings of measures whose figures already add up (shares)."""
    return _("Total per year: {energy} · {money} · {co2}").format(
        energy=ltr(format_kwh(sum(r.kwh_per_year for r in results), locale)),
        money=format_money(sum((r.money_per_year for r in results), Decimal(0)), currency, locale),
        co2=ltr(format_co2_kg(sum(r.co2_kg_per_year for r in results), locale)),
    )


def describe_combination(result: Combination, locale: str) -> str:
    """The combined yearly savings: never more than the home uses."""
    return _("Total per year, combined: {energy} · {money} · {co2}").format(
        energy=ltr(format_kwh(result.kwh_per_year, locale)),
        money=format_money(result.money_per_year, result.currency, locale),
        co2=ltr(format_co2_kg(result.co2_kg_per_year, locale)),
    )


class MeasureRow(QFrame):
    """One chosen measure: its parameters and its live estimate."""

    changed = Signal()
    focused = Signal()

    def __init__(
        self,
        measure: CatalogueMeasure,
        info: MeasureInfo,
        locale: str,
        values: Mapping[str, float] | None = None,
    ) -> None:
        super().__init__()
        self.measure = measure
        self.code = measure.code
        self.name = info.name
        self.locale_name = locale
        self.result: SavingsEstimate | MeasureShare | None = None
        tag(self, f"measures.row.{self.code}")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setProperty("current", False)
        self.setStyleSheet(_ROW_STYLE)
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: 600;")
        self.title.setWordWrap(True)
        kind = QLabel(str(KIND_LABELS.get(measure.kind, measure.kind)))
        kind.setStyleSheet("color: palette(placeholder-text);")
        self.spins: dict[str, QDoubleSpinBox] = {}
        self.overrides: dict[str, QCheckBox] = {}
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        given = dict(values or {})
        for index, parameter in enumerate(measure.parameters):
            line, column = divmod(index, 2)
            spin = self._spin(parameter, given.get(parameter.code))
            ident = f"measures.{self.code}.{parameter.code}"
            grid.addWidget(labelled(parameter_label(parameter.code), spin, ident), line, column * 3)
            grid.addWidget(spin, line, column * 3 + 1)
            if parameter.default is None:
                grid.addWidget(
                    self._override(parameter, spin, parameter.code in given), line, column * 3 + 2
                )
        grid.setColumnStretch(2, 1)
        grid.setColumnStretch(5, 1)
        self.estimate = QLabel(_("Estimating…"))
        self.estimate.setWordWrap(True)
        tag(self.estimate, f"measures.{self.code}.estimate")
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(_ERROR_STYLE)
        self.error.hide()
        tag(self.error, f"measures.{self.code}.error")
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(kind)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        layout.addLayout(header)
        layout.addLayout(grid)
        layout.addWidget(self.estimate)
        layout.addWidget(self.error)
        self.setToolTip(info.why)

    def _spin(self, parameter: MeasureParameter, value: float | None) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        decimals = _decimals(parameter)
        spin.setDecimals(decimals)
        low = 0.0 if parameter.minimum >= 0 else parameter.minimum * 10
        high = max(parameter.maximum * 10, parameter.maximum + 10)
        if value is not None:  # a stored value the catalogue no longer allows stays visible
            low, high = min(low, value), max(high, value)
        spin.setRange(low, high)
        top = max(abs(parameter.maximum), 1.0)
        spin.setSingleStep(max(10 ** (math.floor(math.log10(top)) - 2), 10**-decimals))
        unit = unit_text(parameter.unit)
        if unit:
            spin.setSuffix(f"\u00a0{unit}")
        start = value if value is not None else parameter.default
        spin.setValue(start if start is not None else parameter.minimum)
        spin.setToolTip(self._range_text(parameter))
        spin.setAccessibleDescription(self._range_text(parameter))
        spin.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        spin.valueChanged.connect(lambda _value: self.changed.emit())
        spin.installEventFilter(self)
        self.spins[parameter.code] = spin
        return spin

    def _override(self, parameter: MeasureParameter, spin: QDoubleSpinBox, on: bool) -> QCheckBox:
        box = QCheckBox(_("Own value"))
        tag(
            box,
            f"measures.{self.code}.{parameter.code}.override",
            _("Own value for {name}").format(name=parameter_label(parameter.code)),
        )
        box.setToolTip(_("Unticked: taken from the dwelling, or a typical value when unknown."))
        box.setChecked(on)
        spin.setEnabled(on)
        box.toggled.connect(spin.setEnabled)
        box.toggled.connect(lambda _on: self.changed.emit())
        box.installEventFilter(self)
        self.overrides[parameter.code] = box
        return box

    def _range_text(self, parameter: MeasureParameter) -> str:
        digits = _decimals(parameter)
        return (
            _("Between {minimum} and {maximum} {unit}")
            .format(
                minimum=format_number(parameter.minimum, self.locale_name, digits),
                maximum=format_number(parameter.maximum, self.locale_name, digits),
                unit=unit_text(parameter.unit),
            )
            .strip()
        )

    # -- state -------------------------------------------------------------------------
    def values(self) -> dict[str, float]:
        """The values the advisor set: changed defaults and ticked "own values"."""
        chosen: dict[str, float] = {}
        for parameter in self.measure.parameters:
            value = self.spins[parameter.code].value()
            if parameter.default is None:
                if self.overrides[parameter.code].isChecked():
                    chosen[parameter.code] = value
            elif not math.isclose(value, parameter.default):
                chosen[parameter.code] = value
        return chosen

    def problems(self) -> list[str]:
        """One message per value outside the catalogue's range."""
        chosen = self.values()
        return [
            _("{name}: {range}").format(
                name=parameter_label(p.code), range=self._range_text(p).lower()
            )
            for p in self.measure.parameters
            if p.code in chosen and not p.minimum <= chosen[p.code] <= p.maximum
        ]

    def set_priority(self, priority: int) -> None:
        self.title.setText(f"{priority}. {self.name}")
        self.setAccessibleName(_("Priority {n}: {name}").format(n=priority, name=self.name))

    def set_current(self, current: bool) -> None:
        if self.property("current") != current:
            self.setProperty("current", current)
            self.style().unpolish(self)
            self.style().polish(self)

    def show_estimate(
        self, estimate: SavingsEstimate | MeasureShare, currency: str, note: str = ""
    ) -> None:
        """The measure's figures (its share in the combination); *note* says why it is
        not counted in the totals (an alternative), shown greyed."""
        self.result = estimate
        if note:
            text = note
            self.estimate.setStyleSheet("color: palette(placeholder-text);")
        else:
            text = describe_estimate(
                estimate, currency, self.locale_name, self.measure.lifetime_years
            )
            self.estimate.setStyleSheet("")
        if estimate.assumptions:
            text += "\n" + _("Typical values used where the dwelling is unknown.")
        self.estimate.setText(text)
        self.setAccessibleDescription(text)
        self.error.hide()
        for code, box in self.overrides.items():  # show what "from the dwelling" means
            if not box.isChecked() and code in estimate.parameters:
                spin = self.spins[code]
                spin.blockSignals(True)
                spin.setValue(float(estimate.parameters[code]))
                spin.blockSignals(False)

    def show_problem(self, message: str | None) -> None:
        """No estimate: *message* says why (None while the household is loading)."""
        self.result = None
        self.estimate.setText("—" if message else _("Estimating…"))
        self.error.setText(message or "")
        self.error.setVisible(bool(message))
        self.setAccessibleDescription(message or "")

    def focusable(self) -> list[QWidget]:
        widgets: list[QWidget] = [self]
        for parameter in self.measure.parameters:
            widgets.append(self.spins[parameter.code])
            if parameter.code in self.overrides:
                widgets.append(self.overrides[parameter.code])
        return widgets

    # -- focus -------------------------------------------------------------------------
    @override
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # a Qt virtual
        if event.type() == QEvent.Type.FocusIn:
            self.focused.emit()
        return False

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusInEvent(event)
        self.focused.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        super().mousePressEvent(event)
