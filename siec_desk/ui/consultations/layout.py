"""The consultation editor's widgets: built, laid out and put in keyboard order.

:class:`ConsultationLayout` holds everything the advisor sees in the editor: the form
of the contact's facts (each row with an error line beneath it), the recommended
measures and the buttons. :class:`~siec_desk.ui.consultations.editor.ConsultationEditor`
builds on it and gives the household controls and the buttons their behaviour.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from babel.lists import format_list
from PySide6.QtCore import QDate, QDateTime, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from siec_desk.core.formatting import ltr
from siec_desk.core.i18n import _
from siec_desk.domain.codes import ActLevel, Country
from siec_desk.domain.fields import CONSULTATION as F
from siec_desk.texts import act_names
from siec_desk.texts.labels import (
    ACT_LEVELS,
    CONTACT_MODES,
    FOLLOW_UP_KINDS,
    ORIGINS,
    PROJECT_TYPES,
    THEMES,
)
from siec_desk.ui.agenda.time_field import TimeField
from siec_desk.ui.consultations.measures_panel import MeasuresPanel
from siec_desk.ui.consultations.orientation_list import OrientationList
from siec_desk.ui.events.event_combo import EventCombo
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.widgets.accessible import labelled, tag
from siec_desk.ui.widgets.builders import tab_chain
from siec_desk.ui.widgets.call_timer import CallTimer
from siec_desk.ui.widgets.code_combo import CodeCombo
from siec_desk.ui.widgets.dates import date_edit, date_time_edit
from siec_desk.ui.widgets.form_fields import with_error_line
from siec_desk.ui.widgets.household_picker import HouseholdPicker
from siec_desk.ui.widgets.parameters_warning import parameters_warning
from siec_desk.ui.widgets.spec_fields import spec_line

_ERROR_STYLE = "color: #b3261e;"
_HINT_STYLE = "color: palette(placeholder-text);"  # no italic: it loses Arabic glyphs


def _shortcut(sequence: QKeySequence.StandardKey | str) -> str:
    return ltr(QKeySequence(sequence).toString(QKeySequence.SequenceFormat.NativeText))


class ConsultationLayout(QDialog):
    """The editor's widgets; ``_build()`` needs the attributes declared below."""

    ui: UiContext
    consultation_id: int | None
    clock: Callable[[], float]
    _locale: str
    _initial_duration: int
    _errors: dict[str, QLabel]
    _fields: dict[str, QWidget]

    # -- building ------------------------------------------------------------------------
    def _build(self) -> None:
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._build_household()
        self.mode = CodeCombo(CONTACT_MODES)
        self.mode.set_code("walk_in")
        self._row(_("&Mode"), self.mode, "consultation.mode", "mode")
        self.france = self.ui.app.centre.country == Country.FR
        # built-ins and the centre's own types, hidden ones left out, in the centre's order
        acts = act_names.installed().offered(france=self.france)
        self.act = CodeCombo(ACT_LEVELS, empty=_("Automatic (from the household)"), codes=acts)
        self._row(_("Act &level"), self.act, "consultation.act", "act")
        self._build_project_type()
        self._build_themes()
        self._build_orientations()
        self.when = date_time_edit(QDateTime.currentDateTime())
        self.when.setMaximumDateTime(QDateTime.currentDateTime())
        self._row(_("&Date and time"), self.when, "consultation.occurred_at", "occurred_at")
        self._build_duration()
        self.origin = CodeCombo(ORIGINS, empty="")
        self._row(_("Ho&w they heard of us"), self.origin, "consultation.origin", "origin")
        self.met_at = EventCombo(self._locale)  # schema 0016: the events register
        self._row(_("Met at e&vent"), self.met_at, "consultation.event", "event_id")
        self.commune = spec_line(F["commune"])
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
        self.follow_action = spec_line(F["follow_up_action"])
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
        self.parameters_warning = parameters_warning(self.ui.app, "consultation.parameters_warning")
        box_layout.addWidget(self.parameters_warning)
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
        line = QHBoxLayout()
        line.setContentsMargins(0, 0, 0, 0)
        for item in items:
            line.addWidget(item, 1 if item is items[0] else 0)
        if len(items) > 1:
            line.addStretch(0)
        return with_error_line(line, self._error_label(key))

    def _row(self, text: str, field: QWidget, ident: str, key: str, *more: QWidget) -> None:
        self.form.addRow(labelled(text, field, ident), self._cell(key, field, *more))
        self._fields[key] = field

    def _build_household(self) -> None:
        self.picker = HouseholdPicker(self.ui, self._error_label("household_id"))
        self.household_label = self.picker.household_label
        self.anonymous_button = self.picker.anonymous_button
        self.household_search = self.picker.household_search
        label = labelled(_("&Household"), self.household_search, "consultation.household_search")
        self.form.addRow(label, self.picker)
        self._fields["household_id"] = self.household_search

    def _build_project_type(self) -> None:
        """The project a France Rénov' appointment prepares (French centres only; chosen
        once the act is that appointment)."""
        self.project_type = CodeCombo(PROJECT_TYPES, empty="")
        self._row(
            _("&Project type"), self.project_type, "consultation.project_type", "project_type"
        )
        self.form.setRowVisible(self.project_type, self.france)
        self.act.currentIndexChanged.connect(lambda _index: self._update_appointment())
        self._update_appointment()

    def _update_appointment(self) -> None:
        appointment = self.act.code() == ActLevel.MPR_APPOINTMENT
        self.project_type.setEnabled(appointment)
        button = getattr(self, "attestation_button", None)
        if button is not None:
            button.setEnabled(appointment)

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
        column = cell.layout()
        assert isinstance(column, QVBoxLayout)  # as _cell() builds it
        column.insertWidget(1, self.themes_summary)
        self.form.addRow(labelled(_("&Themes"), self.themes, "consultation.themes"), cell)
        self._fields["themes"] = self.themes
        self._update_themes_summary()

    def _build_orientations(self) -> None:
        self.orientations = OrientationList(self._locale)
        cell = self._cell("orientations", self.orientations)
        column = cell.layout()
        assert isinstance(column, QVBoxLayout)  # as _cell() builds it
        column.insertWidget(1, self.orientations.summary)
        label = labelled(_("&Referred to"), self.orientations, "consultation.orientations")
        self.form.addRow(label, cell)
        self._fields["orientations"] = self.orientations

    def _build_duration(self) -> None:
        self.duration = QSpinBox()
        duration = F["duration_min"]
        assert duration.low is not None and duration.high is not None
        self.duration.setRange(int(duration.low), int(duration.high))
        self.duration.setSuffix("\u00a0" + _("min"))
        self.call_timer = CallTimer(
            self.duration,
            lambda: self.clock(),
            lambda: self.consultation_id is None and self._duration_untouched(),
            self,
        )
        self.timer_button = self.call_timer.button
        self.timer_label = self.call_timer.label
        self.timer = self.call_timer.timer
        self._row(
            _("D&uration"),
            self.duration,
            "consultation.duration",
            "duration_min",
            self.timer_button,
            self.timer_label,
        )

    def _build_follow_up_due(self) -> None:
        """The follow-up's day, optional time and kind (D5: typing an action ticks the box
        and proposes the next working day, ``editor.py``)."""
        self.follow_check = QCheckBox(_("&Follow-up due"))
        tag(self.follow_check, "consultation.follow_up")
        self.follow_due = date_edit(QDate.currentDate().addDays(7))
        tag(self.follow_due, "consultation.follow_up_due", _("Follow-up due date"))
        self.follow_time = TimeField()
        tag(self.follow_time, "consultation.follow_up_time", _("Follow-up time"))
        self.follow_kind = CodeCombo(FOLLOW_UP_KINDS)
        tag(self.follow_kind, "consultation.follow_up_kind", _("Follow-up kind"))
        for widget in (self.follow_due, self.follow_time, self.follow_kind):
            widget.setEnabled(False)
        cell = self._cell("follow_up_due", self.follow_due, self.follow_time, self.follow_kind)
        self.form.addRow(self.follow_check, cell)
        self._fields["follow_up_due"] = self.follow_due
        self._fields["follow_up_time"] = self.follow_time
        self._fields["follow_up_kind"] = self.follow_kind

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
        self.save_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        self.letter_button = QPushButton("{} ({})".format(_("Le&tter…"), _shortcut("Ctrl+L")))
        tag(self.letter_button, "consultation.letter", _("Letter"))
        self.letter_button.setAutoDefault(False)
        self.letter_button.setVisible(self.consultation_id is not None)
        self.letter_shortcut = QShortcut(QKeySequence("Ctrl+L"), self)
        self.attestation_button = QPushButton(_("Attestat&ion…"))
        tag(self.attestation_button, "consultation.attestation", _("Attestation"))
        self.attestation_button.setAutoDefault(False)
        self.attestation_button.setVisible(self.consultation_id is not None and self.france)
        self._update_appointment()
        row = QHBoxLayout()
        row.addWidget(self.delete_button)
        row.addWidget(self.letter_button)
        row.addWidget(self.attestation_button)
        row.addStretch(1)
        row.addWidget(self.save_button)
        row.addWidget(self.cancel_button)
        return row

    def _retab(self) -> None:
        """Form top to bottom, then the measures, then Save, Cancel, Delete, Letter."""
        chain: Sequence[QWidget] = (
            self.household_search,
            self.anonymous_button,
            self.mode,
            self.act,
            self.project_type,
            self.themes,
            self.orientations,
            self.when,
            self.duration,
            self.timer_button,
            self.origin,
            self.met_at,
            self.commune,
            self.notes,
            self.follow_action,
            self.follow_check,
            self.follow_due,
            self.follow_time,
            self.follow_kind,
            self.measures.search,
        )
        tab_chain(*chain)
        tab_chain(
            self.measures.remove_button,
            self.save_button,
            self.cancel_button,
            self.delete_button,
            self.letter_button,
            self.attestation_button,
        )

    # -- themes and duration -------------------------------------------------------------
    def chosen_themes(self) -> list[str]:
        return [
            str(self.themes.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.themes.count())
            if self.themes.item(i).checkState() == Qt.CheckState.Checked
        ]

    def _update_themes_summary(self) -> None:
        chosen = [str(THEMES[code]) for code in self.chosen_themes()]
        self.themes_summary.setText(
            _("Chosen: {themes}").format(themes=format_list(chosen, locale=self._locale))
            if chosen
            else _("None chosen")
        )

    def _duration_untouched(self) -> bool:
        return self.call_timer.seconds == 0 and self.duration.value() == self._initial_duration
