"""Recommended measures: pick from the country's catalogue, adjust, see the savings live.

Each chosen measure is a :class:`~siec_desk.ui.widgets.measure_row.MeasureRow` showing
its share of the combined estimate, recomputed for every row on every change by the
pure ``measures.combine`` (the same figures the letter and the statistics add up).
Catalogue measures that do not apply to the dwelling (or cover the same roof as a
chosen one) are greyed with the reason. Rows are in
priority order (new ones go where the letter order puts them: gestures, small equipment,
works); Alt+Up/Alt+Down move the current row, Delete removes it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from siec_desk.core.errors import SiecError
from siec_desk.core.formatting import locale_for, ltr
from siec_desk.core.i18n import _, current_language
from siec_desk.domain.catalogue import KINDS
from siec_desk.domain.consultation_records import MeasureChoice, MeasureSnapshot
from siec_desk.domain.savings import EnergyProfile, MeasureShare
from siec_desk.domain.savings_applicability import OVERLAPS
from siec_desk.domain.savings_summary import reason_text
from siec_desk.services.measures import MeasureInfo
from siec_desk.ui.consultations.measure_search import CatalogueSearch
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.widgets.accessible import labelled, tag
from siec_desk.ui.widgets.builders import push_button, tab_chain, text_label
from siec_desk.ui.widgets.measure_row import MeasureRow, describe_combination


def _shortcut_text(sequence: QKeySequence | QKeySequence.StandardKey | str) -> str:
    return ltr(QKeySequence(sequence).toString(QKeySequence.SequenceFormat.NativeText))


class MeasuresPanel(QWidget):
    """The measures recommended in one consultation; ``changed`` on every user change."""

    changed = Signal()

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.locale_name = locale_for(None, ui.app.centre.country)
        self.currency = ui.app.centre.currency
        self.catalogue: dict[str, MeasureInfo] = {m.code: m for m in ui.app.measures.catalogue()}
        self.rows: list[MeasureRow] = []
        self._current = -1
        self._household_id: int | None = None
        self._profile: EnergyProfile | None = None
        self._inapplicable: dict[str, str] = {}  # code → why it does not apply here
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
        self.finder.filter("")
        self._update_rows()
        self.set_household(None)

    def _build_search(self) -> None:
        self.finder = CatalogueSearch(
            self.catalogue,
            self.blocked_reason,
            lambda: {row.code for row in self.rows},
            self.add_current,
            self,
        )
        self.search = self.finder.search
        self.results = self.finder.results
        self.add_button = self.finder.add_button

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
        self.up_button = push_button(
            _("Move up ({key})").format(key=_shortcut_text("Alt+Up")),
            "measures.move_up",
            _("Move up"),
            on_click=self.move_up,
        )
        self.down_button = push_button(
            _("Move down ({key})").format(key=_shortcut_text("Alt+Down")),
            "measures.move_down",
            _("Move down"),
            on_click=self.move_down,
        )
        self.remove_button = push_button(
            _("Remove ({key})").format(key=_shortcut_text(QKeySequence.StandardKey.Delete)),
            "measures.remove",
            _("Remove"),
            on_click=self.remove_current,
        )
        for sequence, slot in (
            (QKeySequence("Alt+Up"), self.move_up),
            (QKeySequence("Alt+Down"), self.move_down),
            (QKeySequence(QKeySequence.StandardKey.Delete), self.remove_current),
        ):
            shortcut = QShortcut(sequence, self.area)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.totals = text_label("measures.totals", plain=False, style="font-weight: 600;")

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
        self._inapplicable = {}
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
        self.finder.filter(self.search.text())
        self._refresh_estimates()

    def problems(self) -> list[str]:
        """Out-of-range values, "name: message", for the editor to refuse saving."""
        return [f"{row.name}: {p}" for row in self.rows for p in row.problems()]

    def add_code(self, code: str) -> bool:
        """Add a catalogue measure at its place in the letter order; False if present,
        or if it does not apply to the dwelling (the catalogue shows why)."""
        if code in {row.code for row in self.rows} or code not in self.catalogue:
            return False
        if self.blocked_reason(code):
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

    def blocked_reason(self, code: str) -> str:
        """Why *code* cannot be added to this consultation ("" when it can)."""
        if code in self._inapplicable:
            return self._inapplicable[code]
        chosen = {row.code for row in self.rows}
        for overlap in OVERLAPS:
            if code in overlap:
                for other in sorted((overlap - {code}) & chosen):
                    name = self.catalogue[other].name if other in self.catalogue else other
                    return _("covers the same roof as “{other}”").format(other=name)
        return ""

    def add_current(self) -> None:
        item = self.results.currentItem()
        if item is None or item.isHidden() or not item.flags() & Qt.ItemFlag.ItemIsEnabled:
            return
        self.add_code(str(item.data(Qt.ItemDataRole.UserRole)))
        self.search.clear()  # ready for the next measure, no Ctrl+A first (D32)
        self.finder.filter("")

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
        row = MeasureRow(measure, info, self.locale_name, values)
        row.changed.connect(self._row_changed)
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
        self.finder.filter(self.search.text())

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

    def _row_changed(self) -> None:
        self._refresh_estimates()  # a change in one measure changes every share
        self.changed.emit()

    def _after_change(self) -> None:
        self._update_rows()
        self.finder.filter(self.search.text())
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
        tab_chain(*chain)

    # -- estimates ---------------------------------------------------------------------
    def _profile_loaded(self, household_id: int, profile: EnergyProfile) -> None:
        if household_id == self._household_id:
            self._profile = profile
            self._inapplicable = self.ui.app.measures.applicability(profile)
            self.finder.filter(self.search.text())
            self._refresh_estimates()

    def _refresh_estimates(self) -> None:
        """Every row's share of the combined estimate, and the combined total."""
        if self._profile is None:
            for row in self.rows:
                row.show_problem(None)
            self.totals.setText("")
            return
        valid: list[MeasureRow] = []
        for row in self.rows:
            problems = row.problems()
            if problems:
                row.show_problem("\n".join(problems))
            else:
                valid.append(row)
        if not valid:
            self.totals.setText("")
            return
        choices = [MeasureChoice(r.code, r.values(), i + 1) for i, r in enumerate(valid)]
        try:
            result = self.ui.app.measures.combine(self._profile, choices, keep_inapplicable=True)
        except SiecError as exc:
            for row in valid:
                row.show_problem(str(exc))
            self.totals.setText("")
            return
        for row, share in zip(valid, result.measures, strict=True):
            row.show_estimate(share, self.currency, self._note(row, share))
        text = describe_combination(result, self.locale_name)
        if len(valid) < len(self.rows):
            text += " " + _("(measures with an error are not counted)")
        self.totals.setText(text)

    def _note(self, row: MeasureRow, share: MeasureShare) -> str:
        if share.excluded:
            return _("“{measure}” does not apply to this home: {reason}.").format(
                measure=row.name, reason=reason_text(share.excluded)
            )
        if share.alternative_to:
            other = self.catalogue.get(share.alternative_to)
            return _(
                "Alternative to “{other}”, which saves more: not counted in the total."
            ).format(other=other.name if other else share.alternative_to)
        return ""
