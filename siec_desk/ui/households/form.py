"""The household form: create or edit one household, with inline errors.

Every field has a buddy label and an error line beneath it. Saving a new household
first looks for possible duplicates (same phone, or same name in the same commune)
and lets the advisor open the existing one instead. Closing with unsaved changes asks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from siec_desk.core.errors import ConflictError, FieldError, ValidationError
from siec_desk.core.i18n import N_, LazyText, _
from siec_desk.domain import validation as v
from siec_desk.domain.household_records import HouseholdDetail, HouseholdInput, HouseholdSummary
from siec_desk.domain.validation import format_phone
from siec_desk.services.consent import consent_text
from siec_desk.texts.labels import (
    CONSTRUCTION_PERIODS,
    DWELLING_TYPES,
    ENERGY_CARRIERS,
    FIELDS,
    INCOME_CATEGORIES,
    LANGUAGES,
    TENURES,
    label,
)
from siec_desk.ui.households.duplicates import DuplicatesPanel
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.kit.dialogs import ConflictChoice, Unsaved
from siec_desk.ui.widgets.accessible import labelled, tag
from siec_desk.ui.widgets.code_combo import CodeCombo
from siec_desk.ui.widgets.form_fields import (
    decimal_field,
    error_label,
    form_group,
    integer_field,
    line_field,
    on_change,
    read_field,
    write_field,
)

#: Income bands an advisor chooses in Morocco and Tunisia (France computes its colour).
LOCAL_INCOME_BANDS = ["low", "middle", "high", "unknown"]
#: A flat's floor, for the measures that need a roof (attic, roof, rooftop PV).
TOP_FLOOR_CHOICES: dict[str, LazyText] = {
    "yes": N_("Yes: the flat is under the roof"),
    "no": N_("No: there is a flat above"),
}
_LEFT_TO_RIGHT_FIELDS = ("phone", "email", "postal_code")


class HouseholdForm(QDialog):
    """``saved_id`` is set once the household is saved (then the dialog is accepted)."""

    def __init__(self, ui: UiContext, household_id: int | None, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.household_id = household_id
        self.saved_id: int | None = None
        self.country = ui.app.centre.country
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self._version: int | None = None
        self._busy = False
        self._closing = False  # set when closing on purpose: no unsaved-changes question
        title = _("New household") if household_id is None else _("Edit household")
        tag(self, "household_form", title)
        self.setWindowTitle(title)
        self.resize(920, 680)
        self._build()
        self._snapshot = self._collect()
        if household_id is not None:
            self.save_button.setEnabled(False)
            self._run(lambda: ui.app.households.get(household_id), self._load)

    # -- layout ----------------------------------------------------------------------
    def _build(self) -> None:
        columns = QGridLayout()
        columns.addWidget(self._identity_group(), 0, 0)
        columns.addWidget(self._situation_group(), 1, 0)
        columns.addWidget(self._dwelling_group(), 0, 1)
        columns.addWidget(self._preferences_group(), 1, 1)
        columns.addWidget(self._notes_group(), 2, 0, 1, 2)
        columns.setColumnStretch(0, 1)
        columns.setColumnStretch(1, 1)
        body = QWidget()
        body.setLayout(columns)
        self.scroll = QScrollArea()
        tag(self.scroll, "household_form.fields", _("Household"))
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll.setWidget(body)

        self.general_error = error_label("household_form.error")
        self.save_button = QPushButton(_("Save"))
        tag(self.save_button, "household_form.save")
        self.save_button.setDefault(True)
        self.save_button.setAutoDefault(True)
        self.save_button.setToolTip(
            QKeySequence(QKeySequence.StandardKey.Save).toString(
                QKeySequence.SequenceFormat.NativeText
            )
        )
        self.save_button.clicked.connect(self._save)
        self.cancel_button = QPushButton(_("Cancel"))
        tag(self.cancel_button, "household_form.cancel")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self).activated.connect(self._save)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self._duplicates_panel())
        layout.addWidget(self.general_error)
        layout.addLayout(buttons)

    def _identity_group(self) -> QGroupBox:
        box, form = form_group(_("Identity and contact"))
        self._add(form, "first_name", line_field(v.NAME_MAX))
        self._add(form, "last_name", line_field(v.NAME_MAX))
        self._add(form, "phone", line_field(40))
        self._add(form, "email", line_field(v.EMAIL_MAX))
        self._add(form, "address", line_field(v.ADDRESS_MAX))
        self._add(form, "commune", line_field(v.COMMUNE_MAX))
        self._add(form, "postal_code", line_field(v.POSTAL_CODE_MAX))
        return box

    def _dwelling_group(self) -> QGroupBox:
        box, form = form_group(_("Dwelling"))
        self._add(form, "dwelling_type", CodeCombo(DWELLING_TYPES, empty=""))
        self._add(form, "construction_period", CodeCombo(CONSTRUCTION_PERIODS, empty=""))
        self._add(form, "surface_m2", decimal_field(0, 2000, 1))
        self._add(form, "heating_energy", CodeCombo(ENERGY_CARRIERS, empty=""))
        self._add(form, "hot_water_energy", CodeCombo(ENERGY_CARRIERS, empty=""))
        self._add(form, "heating_kwh_per_year", decimal_field(-1, 200_000, 0))
        self._add(form, "electricity_kwh_per_year", decimal_field(-1, 100_000, 0))
        self._add(form, "butane_bottles_per_month", decimal_field(-1, 50, 1))
        top_floor = CodeCombo(TOP_FLOOR_CHOICES, empty="")
        self._add(form, "top_floor", top_floor)
        top_floor.setToolTip(
            _("Attic and roof insulation and rooftop solar panels need a roof of your own.")
        )
        dwelling = self.fields["dwelling_type"]
        assert isinstance(dwelling, CodeCombo)
        dwelling.currentIndexChanged.connect(self._dwelling_changed)
        self._dwelling_changed()
        return box

    def _dwelling_changed(self, *_args: object) -> None:
        """Only a flat has a floor: elsewhere the question does not arise."""
        dwelling, top_floor = self.fields["dwelling_type"], self.fields["top_floor"]
        assert isinstance(dwelling, CodeCombo) and isinstance(top_floor, CodeCombo)
        flat = dwelling.code() == "apartment"
        top_floor.setEnabled(flat)
        if not flat:
            top_floor.set_code(None)

    def _situation_group(self) -> QGroupBox:
        box, form = form_group(_("Situation"))
        self._add(form, "tenure", CodeCombo(TENURES, empty=""))
        self._add(form, "household_size", integer_field(0, 30))
        if self.country == "FR":
            self._add(form, "reference_income", integer_field(-1, 10_000_000, " €", step=100))
            idf = QCheckBox(_("Lives in Île-de-France"))
            self._add(form, "ile_de_france", idf)
            self.income_note = QLabel(
                _(
                    "The MaPrimeRénov' colour is computed from the household size, "
                    "the reference tax income and the region."
                )
            )
            self.income_note.setWordWrap(True)
            tag(self.income_note, "household_form.income_note")
            form.addRow(self.income_note)
        else:
            combo = CodeCombo(INCOME_CATEGORIES, empty="", codes=LOCAL_INCOME_BANDS)
            self._add(form, "income_category", combo)
        return box

    def _preferences_group(self) -> QGroupBox:
        box, form = form_group(_("Consent and preferences"))
        languages = CodeCombo(LANGUAGES, codes=[c for c in LANGUAGES if c != "en"])
        languages.set_code("fr" if self.country == "FR" else "ar")
        self._add(form, "letter_language", languages)
        consent = QCheckBox(_("Agrees to be contacted again"))
        self._add(form, "consent_recontact", consent)
        self._add(form, "consent_wording", line_field(2000))
        consent.toggled.connect(self._consent_toggled)
        return box

    def _consent_toggled(self, checked: bool) -> None:
        """Consent is recorded with its wording: offer the standard text, in the form's
        language, for the advisor to read out (or replace with their own words)."""
        wording = self.fields["consent_wording"]
        assert isinstance(wording, QLineEdit)
        if checked and not wording.text().strip():
            wording.setText(consent_text())
            wording.setCursorPosition(0)

    def _notes_group(self) -> QWidget:
        section = QWidget()
        form = QFormLayout(section)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # label above the box
        notes = QPlainTextEdit()
        notes.setTabChangesFocus(True)
        notes.setMinimumHeight(90)
        self._add(form, "notes", notes)
        return section

    def _add(self, form: QFormLayout, name: str, field: QWidget) -> None:
        """A field with its buddy label and, beneath it, its (hidden) error line."""
        identifier = f"household_form.{name}"
        error = error_label(f"{identifier}.error")
        cell = QWidget()
        cell_layout = QVBoxLayout(cell)
        cell_layout.setContentsMargins(0, 0, 0, 0)
        cell_layout.setSpacing(2)
        cell_layout.addWidget(field)
        cell_layout.addWidget(error)
        if isinstance(field, QCheckBox):
            tag(field, identifier)
            form.addRow(cell)
        else:
            form.addRow(labelled(label(FIELDS, name), field, identifier), cell)
        if name in _LEFT_TO_RIGHT_FIELDS and QGuiApplication.isRightToLeft():
            assert isinstance(field, QLineEdit)
            field.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # "+212…" keeps its "+"
        on_change(field, lambda *_args, n=name: self._set_error(n, None))
        self.fields[name] = field
        self.errors[name] = error

    def _duplicates_panel(self) -> DuplicatesPanel:
        self.duplicates = DuplicatesPanel()
        self.duplicate_list = self.duplicates.duplicate_list
        self.open_button = self.duplicates.open_button
        self.create_anyway_button = self.duplicates.create_anyway_button
        self.duplicates.open_requested.connect(self._open_duplicate)
        self.duplicates.create_requested.connect(self._create_anyway)
        return self.duplicates

    # -- values ----------------------------------------------------------------------
    def _collect(self) -> HouseholdInput:
        """What the form says now (empty fields are None)."""
        values: dict[str, Any] = {name: read_field(field) for name, field in self.fields.items()}
        values["top_floor"] = {"yes": True, "no": False}.get(values["top_floor"])
        return HouseholdInput(**values)

    def _load(self, h: HouseholdDetail) -> None:
        self._version = h.version
        values: dict[str, Any] = {
            "first_name": h.summary.first_name,
            "last_name": h.summary.last_name,
            "phone": format_phone(h.summary.phone, self.country),
            "email": h.summary.email,
            "commune": h.summary.commune,
            "postal_code": h.summary.postal_code,
            "consent_recontact": h.consent_recontact_on is not None,
            "top_floor": {True: "yes", False: "no"}.get(h.top_floor)
            if h.top_floor is not None
            else None,
        }
        for name, field in self.fields.items():
            write_field(field, values[name] if name in values else getattr(h, name, None))
        if self.country == "FR":
            self.income_note.setText(
                _("MaPrimeRénov' colour, computed: {colour}").format(
                    colour=label(INCOME_CATEGORIES, h.income_category)
                )
            )
        self._snapshot = self._collect()
        self.save_button.setEnabled(True)

    def is_modified(self) -> bool:
        return self._collect() != self._snapshot

    # -- saving ----------------------------------------------------------------------
    def _save(self) -> None:
        if self._busy or not self.save_button.isEnabled():
            return
        data = self._collect()
        self._clear_errors()
        self.duplicates.hide()
        if self.household_id is None:
            households = self.ui.app.households
            self._run(
                lambda: households.find_duplicates(data),
                lambda found: self._show_duplicates(found) if found else self._write(data),
            )
        else:
            self._write(data)

    def _write(self, data: HouseholdInput, overwrite: bool = False) -> None:
        households, household_id, version = self.ui.app.households, self.household_id, self._version
        if household_id is None:
            self._run(lambda: households.create(data), self._saved, self._save_failed)
        else:

            def update() -> int:
                households.update(household_id, data, expected_version=version, overwrite=overwrite)
                return household_id

            self._run(update, self._saved, self._save_failed)

    def _saved(self, household_id: int) -> None:
        self.saved_id = household_id
        self._snapshot = self._collect()
        self._closing = True
        self.accept()

    def _save_failed(self, exc: Exception) -> None:
        if isinstance(exc, ValidationError):
            self._show_errors(exc.errors)
        elif isinstance(exc, ConflictError):
            self._resolve_conflict(exc)
        else:
            self.ui.show_error(exc)

    def _resolve_conflict(self, exc: ConflictError) -> None:
        """Someone saved this household first: reload theirs, or knowingly save mine."""
        choice = self.ui.dialogs.resolve_conflict(_("Household not saved"), str(exc))
        household_id = self.household_id
        if household_id is None or choice is ConflictChoice.CANCEL:
            return  # my changes stay in the window; saving again asks again
        if choice is ConflictChoice.RELOAD:
            self._run(lambda: self.ui.app.households.get(household_id), self._load)
            return
        if exc.current_version is not None:
            self._version = exc.current_version
        self._write(self._collect(), overwrite=True)

    def _run(
        self,
        work: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[Exception], None] | None = None,
    ) -> None:
        """Database work through the runner; one job at a time for this form."""
        self._busy = True

        def finished(result: Any) -> None:
            self._busy = False
            done(result)

        def went_wrong(exc: Exception) -> None:
            self._busy = False
            (failed or self.ui.show_error)(exc)

        self.ui.runner.run(work, finished, went_wrong)

    # -- errors ----------------------------------------------------------------------
    def _set_error(self, name: str, message: str | None) -> None:
        error = self.errors[name]
        error.setText(message or "")
        error.setVisible(bool(message))
        self.fields[name].setAccessibleDescription(message or "")

    def _clear_errors(self) -> None:
        for name in self.fields:
            self._set_error(name, None)
        self.general_error.hide()

    def _show_errors(self, errors: list[FieldError]) -> None:
        messages: dict[str, list[str]] = {}
        for e in errors:
            messages.setdefault(e.field if e.field in self.fields else "", []).append(e.message)
        for name, texts in messages.items():
            if name:
                self._set_error(name, " ".join(texts))
        if "" in messages:
            self.general_error.setText(" ".join(messages[""]))
            self.general_error.show()
        first = next((n for n in self.fields if n in messages), None)
        if first is not None:
            self.scroll.ensureWidgetVisible(self.fields[first])
            self.fields[first].setFocus(Qt.FocusReason.OtherFocusReason)

    # -- duplicates ------------------------------------------------------------------
    def _show_duplicates(self, found: list[HouseholdSummary]) -> None:
        self.duplicates.show_households(found, self.country)

    def _open_duplicate(self) -> None:
        household_id = self.duplicates.current_id()
        if household_id is None:
            return
        self.ui.events.open_household.emit(household_id)
        self._closing = True
        self.reject()

    def _create_anyway(self) -> None:
        self.duplicates.hide()
        self._write(self._collect())

    # -- closing ---------------------------------------------------------------------
    def reject(self) -> None:
        """Cancel, Escape and the window's close button: ask first if anything changed."""
        if self._closing or not self.is_modified():
            super().reject()
            return
        answer = self.ui.dialogs.ask_unsaved(_("This household"))
        if answer is Unsaved.SAVE:
            self._save()  # closes only if the save works
        elif answer is Unsaved.DISCARD:
            self._closing = True
            super().reject()
