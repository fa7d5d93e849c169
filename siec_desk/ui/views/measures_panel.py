"""Recommended measures: pick from the country's catalogue, adjust, see the savings live.

Each chosen measure is a :class:`MeasureRow` with one spin box per adjustable parameter
and its estimate (kWh, money and CO2 per year, indicative cost, payback), recomputed on
every change by the pure ``measures.estimate``. Rows are in priority order (new ones go
where the letter order puts them: gestures, small equipment, works); Alt+Up/Alt+Down move
the current row, Delete removes it. Spin boxes accept a little beyond the catalogue's
range so that a mistyped value is explained inline instead of silently refused.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from decimal import Decimal

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence, QMouseEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QDoubleSpinBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from siec_desk.domain.catalogue import KINDS, CatalogueMeasure, MeasureParameter
from siec_desk.domain.normalise import fold
from siec_desk.domain.savings import EnergyProfile, SavingsEstimate
from siec_desk.errors import SiecError
from siec_desk.formatting import (
    format_co2_kg,
    format_kwh,
    format_money,
    format_number,
    locale_for,
    ltr,
)
from siec_desk.i18n import N_, LazyText, _, current_language
from siec_desk.services.consultation_types import MeasureChoice, MeasureSnapshot
from siec_desk.services.measures import MeasureInfo
from siec_desk.ui.context import UiContext
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


def describe_estimate(estimate: SavingsEstimate, currency: str, locale: str) -> str:
    """Two lines: yearly savings, then indicative cost and payback."""
    yearly = _("Per year: {energy} · {money} · {co2}").format(
        energy=ltr(format_kwh(estimate.kwh_per_year, locale)),
        money=format_money(estimate.money_per_year, currency, locale),
        co2=ltr(format_co2_kg(estimate.co2_kg_per_year, locale)),
    )
    if estimate.cost is None:
        return f"{yearly}\n{_('No indicative cost')}"
    if estimate.cost == 0:
        return f"{yearly}\n{_('No cost')}"
    cost = format_money(estimate.cost, currency, locale)
    if estimate.payback_years is None:
        works = _("Indicative cost {cost} · no payback").format(cost=cost)
    else:
        works = _("Indicative cost {cost} · payback {years} years").format(
            cost=cost, years=format_number(estimate.payback_years, locale, 1)
        )
    return f"{yearly}\n{works}"


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
        self.locale = locale
        self.result: SavingsEstimate | None = None
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
                minimum=format_number(parameter.minimum, self.locale, digits),
                maximum=format_number(parameter.maximum, self.locale, digits),
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

    def show_estimate(self, estimate: SavingsEstimate, currency: str) -> None:
        self.result = estimate
        text = describe_estimate(estimate, currency, self.locale)
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
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.FocusIn:
            self.focused.emit()
        return False

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusInEvent(event)
        self.focused.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        super().mousePressEvent(event)


def _shortcut_text(sequence: QKeySequence | QKeySequence.StandardKey) -> str:
    return ltr(QKeySequence(sequence).toString(QKeySequence.SequenceFormat.NativeText))


class MeasuresPanel(QWidget):
    """The measures recommended in one consultation; ``changed`` on every user change."""

    changed = Signal()

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.locale = locale_for(None, ui.app.centre.country)
        self.currency = ui.app.centre.currency
        self.catalogue: dict[str, MeasureInfo] = {m.code: m for m in ui.app.measures.catalogue()}
        self._folded = {code: fold(info.name) for code, info in self.catalogue.items()}
        self.rows: list[MeasureRow] = []
        self._current = -1
        self._household_id: int | None = None
        self._profile: EnergyProfile | None = None
        tag(self, "measures.panel")
        self.hint = QLabel(_("Measures can be recommended to an identified household only."))
        self.hint.setWordWrap(True)
        tag(self.hint, "measures.hint")
        self.body = QWidget()
        self._build_search()
        self._build_chosen()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hint)
        layout.addWidget(self.body, 1)
        self._filter("")
        self._update_rows()
        self.set_household(None)

    def _build_search(self) -> None:
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Type part of a name; Enter adds"))
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget()
        tag(self.results, "measures.catalogue", _("Catalogue matches"))
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for info in self.catalogue.values():
            item = QListWidgetItem(info.name)
            item.setData(Qt.ItemDataRole.UserRole, info.code)
            item.setToolTip(f"{KIND_LABELS.get(info.kind, info.kind)} — {info.why}")
            self.results.addItem(item)
        self.results.setFixedHeight(
            self.results.sizeHintForRow(0) * 5 + 2 * self.results.frameWidth()
        )
        self.add_button = QPushButton(_("&Add"))
        tag(self.add_button, "measures.add", _("Add the measure"))
        self.add_button.setToolTip(_("Add the highlighted measure (Enter)"))
        self.search.textChanged.connect(self._filter)
        self.search.installEventFilter(self)
        self.results.installEventFilter(self)
        self.results.itemActivated.connect(lambda _item: self.add_current())
        self.add_button.clicked.connect(self.add_current)

    def _build_chosen(self) -> None:
        self.empty = QLabel(_("No measure yet: find one above and press Enter to add it."))
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: palette(placeholder-text);")
        self._rows_box = QVBoxLayout()
        self._rows_box.setContentsMargins(0, 0, 0, 0)
        container = QWidget()
        inner = QVBoxLayout(container)
        inner.setContentsMargins(2, 2, 2, 2)
        inner.addWidget(self.empty)
        inner.addLayout(self._rows_box)
        inner.addStretch(1)
        self.area = QScrollArea()
        tag(self.area, "measures.chosen", _("Recommended measures"))
        self.area.setWidgetResizable(True)
        self.area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.area.setWidget(container)
        self.up_button = QPushButton(_("Move up ({key})").format(key=_shortcut_text("Alt+Up")))
        tag(self.up_button, "measures.move_up", _("Move up"))
        self.down_button = QPushButton(
            _("Move down ({key})").format(key=_shortcut_text("Alt+Down"))
        )
        tag(self.down_button, "measures.move_down", _("Move down"))
        self.remove_button = QPushButton(
            _("Remove ({key})").format(key=_shortcut_text(QKeySequence.StandardKey.Delete))
        )
        tag(self.remove_button, "measures.remove", _("Remove"))
        self.up_button.clicked.connect(self.move_up)
        self.down_button.clicked.connect(self.move_down)
        self.remove_button.clicked.connect(self.remove_current)
        for sequence, slot in (
            (QKeySequence("Alt+Up"), self.move_up),
            (QKeySequence("Alt+Down"), self.move_down),
            (QKeySequence(QKeySequence.StandardKey.Delete), self.remove_current),
        ):
            shortcut = QShortcut(sequence, self.area)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        self.totals.setStyleSheet("font-weight: 600;")
        tag(self.totals, "measures.totals")

        search_row = QHBoxLayout()
        search_row.addWidget(labelled(_("F&ind a measure"), self.search, "measures.search"))
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.add_button)
        buttons = QHBoxLayout()
        for button in (self.up_button, self.down_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        chosen_label = QLabel(_("Recommended, in priority order:"))
        chosen_label.setBuddy(self.area)
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(search_row)
        layout.addWidget(self.results)
        layout.addWidget(chosen_label)
        layout.addWidget(self.area, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.totals)

    # -- public API --------------------------------------------------------------------
    def set_household(self, household_id: int | None) -> None:
        """Estimates use this household's dwelling; without one the panel is disabled."""
        self._household_id = household_id
        self._profile = None
        self.hint.setVisible(household_id is None)
        self.body.setEnabled(household_id is not None)
        if household_id is None:
            self._clear()
            self._refresh_estimates()
            return
        self._refresh_estimates()
        self.ui.runner.run(
            lambda: self.ui.app.households.energy_profile(household_id),
            lambda profile: self._profile_loaded(household_id, profile),
        )

    def choices(self) -> tuple[MeasureChoice, ...]:
        return tuple(
            MeasureChoice(row.code, row.values(), index + 1) for index, row in enumerate(self.rows)
        )

    def load(self, snapshots: Sequence[MeasureSnapshot]) -> None:
        """Show the measures of a saved consultation (no ``changed`` signal)."""
        self._clear()
        for snapshot in sorted(snapshots, key=lambda s: s.priority):
            self._insert(snapshot.code, len(self.rows), snapshot.parameters)
        self._current = 0 if self.rows else -1
        self._update_rows()
        self._filter(self.search.text())
        self._refresh_estimates()

    def problems(self) -> list[str]:
        """Out-of-range values, "name: message", for the editor to refuse saving."""
        return [f"{row.name}: {p}" for row in self.rows for p in row.problems()]

    def add_code(self, code: str) -> bool:
        """Add a catalogue measure at its place in the letter order; False if present."""
        if code in {row.code for row in self.rows} or code not in self.catalogue:
            return False
        at = len(self.rows)
        key = self._sort_key(code)
        for index, row in enumerate(self.rows):
            if self._sort_key(row.code) > key:
                at = index
                break
        self._insert(code, at, None)
        self._current = at
        self._after_change()
        self.area.ensureWidgetVisible(self.rows[at])
        return True

    def add_current(self) -> None:
        item = self.results.currentItem()
        if item is None or item.isHidden():
            return
        self.add_code(str(item.data(Qt.ItemDataRole.UserRole)))

    def move_up(self) -> None:
        self._move(-1)

    def move_down(self) -> None:
        self._move(1)

    def remove_current(self) -> None:
        if not 0 <= self._current < len(self.rows):
            return
        row = self.rows.pop(self._current)
        focus = QApplication.focusWidget()
        had_focus = focus is not None and (focus is row or row.isAncestorOf(focus))
        row.deleteLater()
        row.hide()
        self._current = min(self._current, len(self.rows) - 1)
        self._after_change()
        if had_focus:
            target = self.rows[self._current] if self.rows else self.search
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- rows --------------------------------------------------------------------------
    def _sort_key(self, code: str) -> tuple[int, int]:
        info = self.catalogue.get(code)
        if info is None:
            return (len(KINDS), 0)
        kind = KINDS.index(info.kind) if info.kind in KINDS else len(KINDS)
        return (kind, info.default_priority)

    def _insert(self, code: str, at: int, values: Mapping[str, float] | None) -> None:
        try:
            measure = self.ui.app.reference.measure(code)
        except SiecError as exc:
            self.ui.show_error(exc)
            return
        info = self.catalogue.get(code) or MeasureInfo(
            code, measure.name(current_language()), "", measure.theme, measure.kind, 0
        )
        row = MeasureRow(measure, info, self.locale, values)
        row.changed.connect(lambda r=row: self._row_changed(r))
        row.focused.connect(lambda r=row: self._set_current(r))
        self.rows.insert(at, row)
        self._rows_box.insertWidget(at, row)
        row.show()  # now, not on the next event loop turn (the layout's default)

    def _clear(self) -> None:
        for row in self.rows:
            row.hide()
            row.deleteLater()
        self.rows = []
        self._current = -1
        self._update_rows()
        self._filter(self.search.text())

    def _move(self, step: int) -> None:
        index, target = self._current, self._current + step
        if not (0 <= index < len(self.rows) and 0 <= target < len(self.rows)):
            return
        row = self.rows.pop(index)
        self.rows.insert(target, row)
        self._rows_box.removeWidget(row)
        self._rows_box.insertWidget(target, row)
        self._current = target
        self._after_change()
        self.area.ensureWidgetVisible(row)

    def _set_current(self, row: MeasureRow) -> None:
        if row in self.rows:
            self._current = self.rows.index(row)
            self._update_rows()

    def _row_changed(self, row: MeasureRow) -> None:
        self._estimate(row)
        self._update_totals()
        self.changed.emit()

    def _after_change(self) -> None:
        self._update_rows()
        self._filter(self.search.text())
        self._refresh_estimates()
        self.changed.emit()

    def _update_rows(self) -> None:
        for index, row in enumerate(self.rows):
            row.set_priority(index + 1)
            row.set_current(index == self._current)
        self.empty.setVisible(not self.rows)
        has = 0 <= self._current < len(self.rows)
        self.up_button.setEnabled(has and self._current > 0)
        self.down_button.setEnabled(has and self._current < len(self.rows) - 1)
        self.remove_button.setEnabled(has)
        self._retab()

    def _retab(self) -> None:
        """Keyboard order: search, matches, Add, each row and its fields, the buttons."""
        chain: list[QWidget] = [self.search, self.results, self.add_button]
        for row in self.rows:
            chain.extend(row.focusable())
        chain.extend([self.up_button, self.down_button, self.remove_button])
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # -- catalogue search --------------------------------------------------------------
    def _filter(self, text: str) -> None:
        words = fold(text).split()
        chosen = {row.code for row in self.rows}
        first: QListWidgetItem | None = None
        for index in range(self.results.count()):
            item = self.results.item(index)
            code = str(item.data(Qt.ItemDataRole.UserRole))
            folded = self._folded.get(code, "")
            hidden = code in chosen or not all(word in folded for word in words)
            item.setHidden(hidden)
            if not hidden and first is None:
                first = item
        current = self.results.currentItem()
        if current is None or current.isHidden():
            self.results.setCurrentItem(first)
        self.add_button.setEnabled(first is not None)

    def _step_results(self, step: int) -> None:
        visible = [
            self.results.item(i)
            for i in range(self.results.count())
            if not self.results.item(i).isHidden()
        ]
        if not visible:
            return
        current = self.results.currentItem()
        index = visible.index(current) + step if current in visible else 0
        self.results.setCurrentItem(visible[max(0, min(index, len(visible) - 1))])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Enter adds (and never reaches the dialog's Save); arrows in the search move."""
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and watched in (self.search, self.results):
            self.add_current()
            return True
        if watched is self.search and key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self._step_results(1 if key == Qt.Key.Key_Down else -1)
            return True
        return False

    # -- estimates ---------------------------------------------------------------------
    def _profile_loaded(self, household_id: int, profile: EnergyProfile) -> None:
        if household_id == self._household_id:
            self._profile = profile
            self._refresh_estimates()

    def _refresh_estimates(self) -> None:
        for row in self.rows:
            self._estimate(row)
        self._update_totals()

    def _estimate(self, row: MeasureRow) -> None:
        if self._profile is None:
            row.show_problem(None)
            return
        problems = row.problems()
        if problems:
            row.show_problem("\n".join(problems))
            return
        try:
            result = self.ui.app.measures.estimate(row.code, self._profile, row.values())
        except SiecError as exc:
            row.show_problem(str(exc))
            return
        row.show_estimate(result, self.currency)

    def _update_totals(self) -> None:
        results = [row.result for row in self.rows if row.result is not None]
        if not results:
            self.totals.setText("")
            return
        text = _("Total per year: {energy} · {money} · {co2}").format(
            energy=ltr(format_kwh(sum(r.kwh_per_year for r in results), self.locale)),
            money=format_money(
                sum((r.money_per_year for r in results), Decimal(0)), self.currency, self.locale
            ),
            co2=ltr(format_co2_kg(sum(r.co2_kg_per_year for r in results), self.locale)),
        )
        if len(results) < len(self.rows):
            text += " " + _("(measures with an error are not counted)")
        self.totals.setText(text)
