"""Log or edit one consultation: the facts of the contact, the advice, the measures.

Without a household only first-level facts are kept (mode, themes, commune, duration):
notes, follow-up and measures are then disabled. Saving goes through the consultation
service on the DB runner; validation errors appear under their fields, a conflicting
save (someone else saved meanwhile) is reported and the dialog stays open. Closing with
changes asks first. The phone timer counts the call's minutes into the duration.
"""

from __future__ import annotations

import itertools
import math
import time
from collections.abc import Callable, Sequence
from datetime import date, datetime

from babel.lists import format_list
from PySide6.QtCore import QDate, QDateTime, QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QCompleter,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from siec_desk.domain.normalise import fold
from siec_desk.errors import ConflictError, FieldError, ValidationError
from siec_desk.formatting import locale_for, ltr
from siec_desk.i18n import _
from siec_desk.labels import ACT_LEVELS, CONTACT_MODES, ORIGINS, THEMES, describe_errors
from siec_desk.services.consultation_types import ConsultationDetail, ConsultationInput
from siec_desk.services.consultations import DEFAULT_DURATION
from siec_desk.services.household_types import HouseholdDetail, HouseholdSummary
from siec_desk.ui.context import UiContext
from siec_desk.ui.dialogs import Unsaved
from siec_desk.ui.views.measures_panel import MeasuresPanel
from siec_desk.ui.widgets.accessible import labelled, tag
from siec_desk.ui.widgets.code_combo import CodeCombo

_ERROR_STYLE = "color: #b3261e;"
_HINT_STYLE = "color: palette(placeholder-text);"  # no italic: it loses Arabic glyphs
_MAX_MINUTES = 600


def _isolated(text: str) -> str:
    """Latin-script text (names, phones) isolated so it reads right inside Arabic."""
    if any("\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f" for c in text):
        return text
    return ltr(text)


def _household_text(summary: HouseholdSummary) -> str:
    name = summary.display_name or summary.phone or summary.email or f"#{summary.id}"
    parts = [_isolated(name)] + [_isolated(p) for p in (summary.commune, summary.phone) if p]
    return " · ".join(dict.fromkeys(parts))


def _shortcut(sequence: QKeySequence.StandardKey | str) -> str:
    return ltr(QKeySequence(sequence).toString(QKeySequence.SequenceFormat.NativeText))


class ConsultationEditor(QDialog):
    """``exec()`` is accepted after a save (``saved_id``) or a delete (``deleted``)."""

    def __init__(
        self,
        ui: UiContext,
        consultation_id: int | None,
        household_id: int | None,
        parent: QWidget | None,
    ) -> None:
        super().__init__(parent)
        self.ui = ui
        self.consultation_id = consultation_id
        self.saved_id: int | None = None
        self.deleted = False
        self.clock: Callable[[], float] = time.monotonic  # tests replace it
        self._household_id: int | None = None
        self._household_name = ""
        self._prefilled_commune = ""
        self._locked = household_id is not None or consultation_id is not None
        self._version: int | None = None
        self._advisor_id = ui.advisor_id
        self._clean: tuple[object, ...] | None = None
        self._busy = False
        self._matches: dict[int, HouseholdSummary] = {}
        self._errors: dict[str, QLabel] = {}
        self._fields: dict[str, QWidget] = {}
        self._timer_seconds = 0.0
        self._timer_started: float | None = None
        self._timer_base = 0
        self._locale = locale_for(None, ui.app.centre.country)
        editing = consultation_id is not None
        tag(self, "consultation.editor")
        self.setWindowTitle(_("Edit consultation") if editing else _("Log a consultation"))
        self._build()
        self.resize(1060, 720)
        self._initial_duration = DEFAULT_DURATION["advice" if household_id else "info"]
        self.duration.setValue(self._initial_duration)
        if editing:
            self.save_button.setEnabled(False)  # until the consultation is shown
            self._update_household_state()
            self.ui.runner.run(lambda: ui.app.consultations.get(consultation_id), self._show)
        else:
            self._set_household(household_id, "")
            if household_id is not None:
                ui.runner.run(lambda: ui.app.households.get(household_id), self._household_loaded)
            self._mark_clean()
        ui.runner.run(ui.app.consultations.frequent_communes, self._communes_loaded)

    # -- layout ------------------------------------------------------------------------
    def _build(self) -> None:
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._build_household()
        self.mode = CodeCombo(CONTACT_MODES)
        self.mode.set_code("walk_in")
        self._row(_("&Mode"), self.mode, "consultation.mode", "mode")
        self.act = CodeCombo(ACT_LEVELS, empty=_("Automatic (from the household)"))
        self._row(_("Act &level"), self.act, "consultation.act", "act")
        self._build_themes()
        self.when = QDateTimeEdit(QDateTime.currentDateTime())
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.when.setMaximumDateTime(QDateTime.currentDateTime())
        self._row(_("&Date and time"), self.when, "consultation.occurred_at", "occurred_at")
        self._build_duration()
        self.origin = CodeCombo(ORIGINS, empty="")
        self._row(_("Ho&w they heard of us"), self.origin, "consultation.origin", "origin")
        self.commune = QLineEdit()
        self._row(_("&Commune"), self.commune, "consultation.commune", "commune")
        self.anonymous_hint = QLabel(_("Only first-level facts are kept without a household."))
        self.anonymous_hint.setStyleSheet(_HINT_STYLE)
        self.anonymous_hint.setWordWrap(True)
        tag(self.anonymous_hint, "consultation.anonymous_hint")
        self.form.addRow(self.anonymous_hint)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(84)
        self._row(_("&Notes"), self.notes, "consultation.notes", "notes")
        self.follow_action = QLineEdit()
        self.follow_action.setPlaceholderText(_("e.g. send the aid forms"))
        self._row(
            _("Follow-up acti&on"),
            self.follow_action,
            "consultation.follow_up_action",
            "follow_up_action",
        )
        self._build_follow_up_due()

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(self.form)
        left_layout.addStretch(1)
        left.setMinimumWidth(430)
        self.measures = MeasuresPanel(self.ui)
        box = QGroupBox(_("Recommended measures"))
        box_layout = QVBoxLayout(box)
        box_layout.addWidget(self.measures)
        box_layout.addWidget(self._error_label("measures"))
        columns = QHBoxLayout()
        columns.addWidget(left, 0)
        columns.addWidget(box, 1)
        self.general_error = self._error_label("general")
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.general_error)
        layout.addLayout(self._build_buttons())
        self._fields["measures"] = self.measures.search
        self._retab()

    def _error_label(self, key: str) -> QLabel:
        label = QLabel()
        label.setStyleSheet(_ERROR_STYLE)
        label.setWordWrap(True)
        label.hide()
        tag(label, f"consultation.error.{key}")
        self._errors[key] = label
        return label

    def _cell(self, key: str, *items: QWidget) -> QWidget:
        """The field(s) of a form row with the row's (hidden) error message under them."""
        cell = QWidget()
        line = QHBoxLayout()
        line.setContentsMargins(0, 0, 0, 0)
        for item in items:
            line.addWidget(item, 1 if item is items[0] else 0)
        if len(items) > 1:
            line.addStretch(0)
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(line)
        column.addWidget(self._error_label(key))
        return cell

    def _row(self, text: str, field: QWidget, ident: str, key: str, *more: QWidget) -> None:
        self.form.addRow(labelled(text, field, ident), self._cell(key, field, *more))
        self._fields[key] = field

    def _build_household(self) -> None:
        self.household_label = QLabel()
        self.household_label.setStyleSheet("font-weight: 600;")
        self.household_label.setWordWrap(True)
        tag(self.household_label, "consultation.household")
        self.anonymous_button = QPushButton(_("Make anon&ymous"))
        tag(self.anonymous_button, "consultation.household_clear")
        self.anonymous_button.setToolTip(_("Unlink the household: first-level information"))
        self.anonymous_button.clicked.connect(lambda: self._set_household(None, ""))
        self.household_search = QLineEdit()
        self.household_search.setPlaceholderText(_("Type a name, phone or commune to link"))
        self.household_search.setClearButtonEnabled(True)
        self._household_model = QStandardItemModel(self)
        completer = QCompleter(self._household_model, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.activated[QModelIndex].connect(self._household_chosen)
        tag(completer.popup(), "consultation.household_matches", _("Matching households"))
        self.household_search.setCompleter(completer)
        self.household_search.textEdited.connect(self._search_households)
        self.household_search.installEventFilter(self)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.household_label, 1)
        top.addWidget(self.anonymous_button)
        cell = QWidget()
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(top)
        column.addWidget(self.household_search)
        column.addWidget(self._error_label("household_id"))
        label = labelled(_("&Household"), self.household_search, "consultation.household_search")
        self.form.addRow(label, cell)
        self._fields["household_id"] = self.household_search

    def _build_themes(self) -> None:
        self.themes = QListWidget()
        for code, text in THEMES.items():
            item = QListWidgetItem(str(text))
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.themes.addItem(item)
        self.themes.setFixedHeight(self.themes.sizeHintForRow(0) * 8 + 2 * self.themes.frameWidth())
        self.themes.setToolTip(_("Space ticks or unticks the highlighted theme."))
        self.themes_summary = QLabel()
        self.themes_summary.setWordWrap(True)
        self.themes_summary.setStyleSheet(_HINT_STYLE)
        tag(self.themes_summary, "consultation.themes_summary")
        self.themes.itemChanged.connect(lambda _item: self._update_themes_summary())
        cell = self._cell("themes", self.themes)
        cell.layout().insertWidget(1, self.themes_summary)
        self.form.addRow(labelled(_("&Themes"), self.themes, "consultation.themes"), cell)
        self._fields["themes"] = self.themes
        self._update_themes_summary()

    def _build_duration(self) -> None:
        self.duration = QSpinBox()
        self.duration.setRange(1, _MAX_MINUTES)
        self.duration.setSuffix("\u00a0" + _("min"))
        self.timer_button = QPushButton(_("Start time&r"))
        self.timer_button.setCheckable(True)
        tag(self.timer_button, "consultation.timer", _("Call timer"))
        self.timer_button.setToolTip(_("Counts the minutes of a phone call into the duration."))
        self.timer_label = QLabel()
        tag(self.timer_label, "consultation.timer_elapsed")
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self._tick)
        self.timer_button.toggled.connect(self._toggle_timer)
        self._row(
            _("D&uration"),
            self.duration,
            "consultation.duration",
            "duration_min",
            self.timer_button,
            self.timer_label,
        )

    def _build_follow_up_due(self) -> None:
        self.follow_check = QCheckBox(_("&Follow-up due"))
        tag(self.follow_check, "consultation.follow_up")
        self.follow_due = QDateEdit(QDate.currentDate().addDays(7))
        self.follow_due.setCalendarPopup(True)
        self.follow_due.setDisplayFormat("dd/MM/yyyy")
        self.follow_due.setEnabled(False)
        tag(self.follow_due, "consultation.follow_up_due", _("Follow-up due date"))
        self.follow_check.toggled.connect(lambda _on: self._update_household_state())
        self.form.addRow(self.follow_check, self._cell("follow_up_due", self.follow_due))
        self._fields["follow_up_due"] = self.follow_due

    def _build_buttons(self) -> QHBoxLayout:
        self.delete_button = QPushButton(_("D&elete"))
        tag(self.delete_button, "consultation.delete", _("Delete this consultation"))
        self.delete_button.setAutoDefault(False)
        self.delete_button.setVisible(self.consultation_id is not None)
        self.save_button = QPushButton(
            "{} ({})".format(_("&Save"), _shortcut(QKeySequence.StandardKey.Save))
        )
        tag(self.save_button, "consultation.save", _("Save"))
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton("{} ({})".format(_("Cancel"), _shortcut("Esc")))
        tag(self.cancel_button, "consultation.cancel", _("Cancel"))
        self.cancel_button.setAutoDefault(False)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, activated=self.save)
        self.delete_button.clicked.connect(self.delete)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.delete_button)
        row.addStretch(1)
        row.addWidget(self.save_button)
        row.addWidget(self.cancel_button)
        return row

    def _retab(self) -> None:
        """Form top to bottom, then the measures, then Save, Cancel, Delete."""
        chain: Sequence[QWidget] = (
            self.household_search,
            self.anonymous_button,
            self.mode,
            self.act,
            self.themes,
            self.when,
            self.duration,
            self.timer_button,
            self.origin,
            self.commune,
            self.notes,
            self.follow_action,
            self.follow_check,
            self.follow_due,
            self.measures.search,
        )
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        QWidget.setTabOrder(self.measures.remove_button, self.save_button)
        QWidget.setTabOrder(self.save_button, self.cancel_button)
        QWidget.setTabOrder(self.cancel_button, self.delete_button)

    # -- household ---------------------------------------------------------------------
    def _set_household(self, household_id: int | None, name: str) -> None:
        changed = household_id != self._household_id
        self._household_id = household_id
        self._household_name = name
        if changed:
            self.measures.set_household(household_id)
        if changed and self.consultation_id is None and self._duration_untouched():
            self._initial_duration = DEFAULT_DURATION["advice" if household_id else "info"]
            self.duration.setValue(self._initial_duration)
        self._update_household_state()

    def _household_loaded(self, detail: HouseholdDetail) -> None:
        untouched = not self.is_modified()
        self._use_summary(detail.summary)
        if untouched:  # prefilling the commune is not a change of the user's
            self._mark_clean()

    def _use_summary(self, summary: HouseholdSummary) -> None:
        self._set_household(summary.id, _household_text(summary))
        if summary.commune and self.commune.text() in ("", self._prefilled_commune):
            self.commune.setText(summary.commune)
            self._prefilled_commune = summary.commune

    def _update_household_state(self) -> None:
        identified = self._household_id is not None
        if identified:
            self.household_label.setText(self._household_name or f"#{self._household_id}")
        else:
            self.household_label.setText(_("Anonymous first-level information"))
        self.household_search.setVisible(not self._locked and not identified)
        self.anonymous_button.setVisible(not self._locked and identified)
        self.anonymous_hint.setVisible(not identified)
        for widget in (self.notes, self.follow_action, self.follow_check):
            widget.setEnabled(identified)
        self.follow_due.setEnabled(identified and self.follow_check.isChecked())

    def _search_households(self, text: str) -> None:
        wanted = text.strip()
        if len(fold(wanted)) < 2:
            self._household_model.clear()
            self._matches = {}
            return
        self.ui.runner.run(
            lambda: self.ui.app.households.search(wanted, 10),
            lambda rows: self._show_matches(wanted, rows),
        )

    def _show_matches(self, wanted: str, rows: list[HouseholdSummary]) -> None:
        if wanted != self.household_search.text().strip():
            return  # the user typed on; a newer search is on its way
        self._household_model.clear()
        self._matches = {row.id: row for row in rows}
        for row in rows:
            item = QStandardItem(_household_text(row))
            item.setData(row.id, Qt.ItemDataRole.UserRole)
            self._household_model.appendRow(item)
        if rows:
            self.household_search.completer().complete()

    def _household_chosen(self, index: QModelIndex) -> None:
        summary = self._matches.get(index.data(Qt.ItemDataRole.UserRole))
        if summary is not None:
            self._use_summary(summary)
            self.mode.setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Enter in the household search picks the only match instead of saving."""
        if (
            watched is self.household_search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            if len(self._matches) == 1 and self.household_search.text().strip():
                self._use_summary(next(iter(self._matches.values())))
                self.mode.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return False

    def _communes_loaded(self, communes: list[str]) -> None:
        completer = QCompleter(communes, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        tag(completer.popup(), "consultation.commune_matches")
        self.commune.setCompleter(completer)

    # -- loading -----------------------------------------------------------------------
    def _show(self, detail: ConsultationDetail) -> None:
        summary = detail.summary
        self._version = detail.version
        if detail.advisor_id is not None:
            self._advisor_id = detail.advisor_id  # editing does not change who advised
        self._set_household(summary.household_id, _isolated(summary.household_name or ""))
        self.mode.set_code(summary.mode)
        self.act.set_code(summary.act)
        for index in range(self.themes.count()):
            item = self.themes.item(index)
            checked = item.data(Qt.ItemDataRole.UserRole) in summary.themes
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        occurred = QDateTime(summary.occurred_at)
        self.when.setMaximumDateTime(max(self.when.maximumDateTime(), occurred))
        self.when.setDateTime(occurred)
        self.duration.setValue(summary.duration_min)
        self.origin.set_code(detail.origin)
        self.commune.setText(summary.commune or "")
        self.notes.setPlainText(detail.notes or "")
        self.follow_action.setText(detail.follow_up_action or "")
        self.follow_check.setChecked(summary.follow_up_due is not None)
        if summary.follow_up_due is not None:
            self.follow_due.setDate(QDate(summary.follow_up_due))
        self.measures.load(detail.measures)
        self.save_button.setEnabled(True)
        self._mark_clean()

    def _update_themes_summary(self) -> None:
        chosen = [str(THEMES[code]) for code in self.chosen_themes()]
        self.themes_summary.setText(
            _("Chosen: {themes}").format(themes=format_list(chosen, locale=self._locale))
            if chosen
            else _("None chosen")
        )

    # -- timer -------------------------------------------------------------------------
    def _duration_untouched(self) -> bool:
        return self._timer_seconds == 0 and self.duration.value() == self._initial_duration

    def _elapsed(self) -> float:
        running = self.clock() - self._timer_started if self._timer_started is not None else 0
        return self._timer_seconds + running

    def _toggle_timer(self, on: bool) -> None:
        if on:
            counted = math.ceil(self._timer_seconds / 60)
            fresh = self.consultation_id is None and self._duration_untouched()
            self._timer_base = 0 if fresh else max(self.duration.value() - counted, 0)
            self._timer_started = self.clock()
            self.timer.start()
        else:
            self._tick()
            self._timer_seconds = self._elapsed()
            self._timer_started = None
            self.timer.stop()
        self.duration.setReadOnly(on)
        self.timer_button.setText(_("Stop time&r") if on else _("Start time&r"))

    def _tick(self) -> None:
        """Once a second while the timer runs: whole minutes, rounded up, into the duration."""
        seconds = self._elapsed()
        minutes = self._timer_base + math.ceil(seconds / 60)
        self.duration.setValue(max(1, min(minutes, _MAX_MINUTES)))
        whole = int(seconds)
        self.timer_label.setText(f"{whole // 60:02d}:{whole % 60:02d}")

    # -- saving ------------------------------------------------------------------------
    def chosen_themes(self) -> list[str]:
        return [
            str(self.themes.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.themes.count())
            if self.themes.item(i).checkState() == Qt.CheckState.Checked
        ]

    def data(self) -> ConsultationInput:
        """What the form says; notes, follow-up and measures only with a household."""
        identified = self._household_id is not None
        follow_due: date | None = None
        if identified and self.follow_check.isChecked():
            follow_due = self.follow_due.date().toPython()  # type: ignore[assignment]
        when: datetime = self.when.dateTime().toPython()  # type: ignore[assignment]
        return ConsultationInput(
            mode=self.mode.code() or "",
            themes=tuple(self.chosen_themes()),
            act=self.act.code(),
            household_id=self._household_id,
            occurred_at=when.replace(second=0, microsecond=0),
            duration_min=self.duration.value(),
            origin=self.origin.code(),
            commune=self.commune.text().strip() or None,
            notes=(self.notes.toPlainText().strip() or None) if identified else None,
            advisor_id=self._advisor_id,
            follow_up_action=(self.follow_action.text().strip() or None) if identified else None,
            follow_up_due=follow_due,
            measures=self.measures.choices() if identified else (),
        )

    def save(self) -> None:
        if self._busy or not self.save_button.isEnabled():
            return
        if self.timer_button.isChecked():
            self.timer_button.setChecked(False)
        self._clear_errors()
        problems = self.measures.problems()
        if problems:
            self.show_errors([FieldError("measures", "\n".join(problems))])
            return
        data = self.data()
        ident, version, service = self.consultation_id, self._version, self.ui.app.consultations

        def work() -> int:
            if ident is None:
                return service.add(data)
            service.update(ident, data, expected_version=version)
            return ident

        self._busy = True
        self.save_button.setEnabled(False)
        self.ui.runner.run(work, self._saved, self._save_failed)

    def _saved(self, consultation_id: int) -> None:
        self._busy = False
        self.saved_id = consultation_id
        self.accept()

    def _save_failed(self, exc: Exception) -> None:
        self._busy = False
        self.save_button.setEnabled(True)
        if isinstance(exc, ValidationError):
            self.show_errors(exc.errors)
        elif isinstance(exc, ConflictError):
            self.ui.dialogs.error(self.windowTitle(), str(exc))
        else:
            self.ui.show_error(exc)

    def show_errors(self, errors: Sequence[FieldError]) -> None:
        """Each message under its field; unknown fields in the line above the buttons."""
        general: list[FieldError] = []
        first: QWidget | None = None
        for error in errors:
            label = self._errors.get(error.field)
            if label is None or error.field == "general":
                general.append(error)
                continue
            text = "\n".join(t for t in (label.text(), error.message) if t)
            label.setText(text)
            label.show()
            field = self._fields.get(error.field)
            if field is not None:
                field.setAccessibleDescription(text)
                if first is None and field.isEnabled() and field.isVisible():
                    first = field
        if general:
            self.general_error.setText(describe_errors(general))
            self.general_error.show()
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def _clear_errors(self) -> None:
        for label in self._errors.values():
            label.clear()
            label.hide()
        for field in self._fields.values():
            field.setAccessibleDescription("")

    # -- deleting, closing -------------------------------------------------------------
    def delete(self) -> None:
        ident = self.consultation_id
        if ident is None or self._busy:
            return
        if not self.ui.dialogs.confirm(
            _("Delete consultation"),
            _("Delete this consultation and its recommended measures? This cannot be undone."),
            _("Delete"),
        ):
            return
        self.ui.runner.run(lambda: self.ui.app.consultations.delete(ident), self._deleted)

    def _deleted(self, _result: object) -> None:
        self.deleted = True
        self.accept()

    def _state(self) -> tuple[object, ...]:
        return (self.data(), self.follow_check.isChecked(), self.follow_due.date())

    def _mark_clean(self) -> None:
        self._clean = self._state()

    def is_modified(self) -> bool:
        return self._clean is not None and self._state() != self._clean

    def reject(self) -> None:
        """Cancel, Escape and the close button: ask before dropping changes."""
        if self._busy:
            return
        if self.is_modified():
            answer = self.ui.dialogs.ask_unsaved(_("This consultation"))
            if answer is Unsaved.SAVE:
                self.save()
                return
            if answer is Unsaved.CANCEL:
                return
        super().reject()

    def done(self, result: int) -> None:
        self.timer.stop()
        super().done(result)
