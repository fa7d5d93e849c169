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
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from siec_desk.errors import ConflictError, FieldError, ValidationError
from siec_desk.formatting import ltr
from siec_desk.i18n import _
from siec_desk.labels import (
    CONSTRUCTION_PERIODS,
    DWELLING_TYPES,
    ENERGY_CARRIERS,
    FIELDS,
    INCOME_CATEGORIES,
    LANGUAGES,
    TENURES,
    label,
)
from siec_desk.services import validation as v
from siec_desk.services.household_types import HouseholdDetail, HouseholdInput, HouseholdSummary
from siec_desk.services.validation import format_phone
from siec_desk.ui.context import UiContext
from siec_desk.ui.dialogs import Unsaved
from siec_desk.ui.models.household_list import isolate
from siec_desk.ui.widgets.accessible import labelled, tag
from siec_desk.ui.widgets.code_combo import CodeCombo

#: Income bands an advisor chooses in Morocco and Tunisia (France computes its colour).
LOCAL_INCOME_BANDS = ["low", "middle", "high", "unknown"]
_ERROR_STYLE = "color: #b3261e;"
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

        self.general_error = self._error_label("household_form.error")
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
        box, form = _group(_("Identity and contact"))
        self._add(form, "first_name", _line(v.NAME_MAX))
        self._add(form, "last_name", _line(v.NAME_MAX))
        self._add(form, "phone", _line(40))
        self._add(form, "email", _line(v.EMAIL_MAX))
        self._add(form, "address", _line(v.ADDRESS_MAX))
        self._add(form, "commune", _line(v.COMMUNE_MAX))
        self._add(form, "postal_code", _line(v.POSTAL_CODE_MAX))
        return box

    def _dwelling_group(self) -> QGroupBox:
        box, form = _group(_("Dwelling"))
        self._add(form, "dwelling_type", CodeCombo(DWELLING_TYPES, empty=""))
        self._add(form, "construction_period", CodeCombo(CONSTRUCTION_PERIODS, empty=""))
        self._add(form, "surface_m2", _decimal(0, 2000, 1))
        self._add(form, "heating_energy", CodeCombo(ENERGY_CARRIERS, empty=""))
        self._add(form, "hot_water_energy", CodeCombo(ENERGY_CARRIERS, empty=""))
        self._add(form, "heating_kwh_per_year", _decimal(-1, 200_000, 0))
        self._add(form, "electricity_kwh_per_year", _decimal(-1, 100_000, 0))
        self._add(form, "butane_bottles_per_month", _decimal(-1, 50, 1))
        return box

    def _situation_group(self) -> QGroupBox:
        box, form = _group(_("Situation"))
        self._add(form, "tenure", CodeCombo(TENURES, empty=""))
        self._add(form, "household_size", _integer(0, 30))
        if self.country == "FR":
            self._add(form, "reference_income", _integer(-1, 10_000_000, " €", step=100))
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
        box, form = _group(_("Consent and preferences"))
        languages = CodeCombo(LANGUAGES, codes=[c for c in LANGUAGES if c != "en"])
        languages.set_code("fr" if self.country == "FR" else "ar")
        self._add(form, "letter_language", languages)
        self._add(form, "consent_recontact", QCheckBox(_("Agrees to be contacted again")))
        self._add(form, "consent_wording", _line(2000))
        return box

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
        error = self._error_label(f"{identifier}.error")
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
        _on_change(field, lambda *_args, n=name: self._set_error(n, None))
        self.fields[name] = field
        self.errors[name] = error

    def _error_label(self, identifier: str) -> QLabel:
        error = QLabel()
        tag(error, identifier)
        error.setWordWrap(True)
        error.setTextFormat(Qt.TextFormat.PlainText)
        error.setStyleSheet(_ERROR_STYLE)
        error.hide()
        return error

    def _duplicates_panel(self) -> QFrame:
        self.duplicates = QFrame()
        tag(self.duplicates, "household_form.duplicates", _("Possible duplicates"))
        self.duplicates.setFrameShape(QFrame.Shape.StyledPanel)
        self.duplicate_list = QListWidget()
        heading = labelled(
            _("This household may already be recorded:"),
            self.duplicate_list,
            "household_form.duplicates.list",
        )
        heading.setStyleSheet("font-weight: bold;")
        self.duplicate_list.setMaximumHeight(96)
        self.duplicate_list.itemActivated.connect(lambda _item: self._open_duplicate())
        self.open_button = QPushButton(_("Open this household"))
        tag(self.open_button, "household_form.open_duplicate")
        self.open_button.setAutoDefault(False)
        self.open_button.clicked.connect(self._open_duplicate)
        self.create_anyway_button = QPushButton(_("Create anyway"))
        tag(self.create_anyway_button, "household_form.create_anyway")
        self.create_anyway_button.setAutoDefault(False)
        self.create_anyway_button.clicked.connect(self._create_anyway)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.create_anyway_button)
        layout = QVBoxLayout(self.duplicates)
        layout.addWidget(heading)
        layout.addWidget(self.duplicate_list)
        layout.addLayout(buttons)
        self.duplicates.hide()
        return self.duplicates

    # -- values ----------------------------------------------------------------------
    def _collect(self) -> HouseholdInput:
        """What the form says now (empty fields are None)."""
        values: dict[str, Any] = {}
        for name, field in self.fields.items():
            if isinstance(field, QLineEdit):
                values[name] = field.text().strip() or None
            elif isinstance(field, QPlainTextEdit):
                values[name] = field.toPlainText().strip() or None
            elif isinstance(field, CodeCombo):
                values[name] = field.code()
            elif isinstance(field, QCheckBox):
                values[name] = field.isChecked()
            elif isinstance(field, QSpinBox | QDoubleSpinBox):
                number = field.value()
                values[name] = None if number == field.minimum() else number
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
        }
        for name, field in self.fields.items():
            value = values[name] if name in values else getattr(h, name, None)
            if isinstance(field, QLineEdit):
                field.setText(value or "")
            elif isinstance(field, QPlainTextEdit):
                field.setPlainText(value or "")
            elif isinstance(field, CodeCombo):
                field.set_code(value)
            elif isinstance(field, QCheckBox):
                field.setChecked(bool(value))
            elif isinstance(field, QSpinBox):
                field.setValue(int(value) if value is not None else field.minimum())
            elif isinstance(field, QDoubleSpinBox):
                field.setValue(float(value) if value is not None else field.minimum())
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

    def _write(self, data: HouseholdInput) -> None:
        households, household_id, version = self.ui.app.households, self.household_id, self._version
        if household_id is None:
            self._run(lambda: households.create(data), self._saved, self._save_failed)
        else:

            def update() -> int:
                households.update(household_id, data, expected_version=version)
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
            self.ui.dialogs.error(
                _("Household not saved"),
                str(exc)
                + " "
                + _(
                    "Your changes are still in this window: copy what you need, "
                    "then close it and open the household again."
                ),
            )
        else:
            self.ui.show_error(exc)

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
        self.duplicate_list.clear()
        for s in found:
            parts = (
                isolate(s.display_name) or _("(no name)"),
                ltr(format_phone(s.phone, self.country)),
                isolate(s.commune),
            )
            item = QListWidgetItem(" · ".join(p for p in parts if p))
            item.setData(Qt.ItemDataRole.UserRole, s.id)
            self.duplicate_list.addItem(item)
        self.duplicate_list.setCurrentRow(0)
        self.duplicates.show()
        self.duplicate_list.setFocus(Qt.FocusReason.OtherFocusReason)

    def _open_duplicate(self) -> None:
        item = self.duplicate_list.currentItem() or self.duplicate_list.item(0)
        if item is None:
            return
        self.ui.events.open_household.emit(int(item.data(Qt.ItemDataRole.UserRole)))
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


def _group(title: str) -> tuple[QGroupBox, QFormLayout]:
    box = QGroupBox(title)
    form = QFormLayout(box)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return box, form


def _line(max_length: int) -> QLineEdit:
    field = QLineEdit()
    field.setMaxLength(max_length)
    return field


def _no_wheel(field: QAbstractSpinBox) -> None:
    """Scrolling the form must not change a number under the mouse."""
    field.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


def _integer(special: int, high: int, suffix: str = "", step: int = 1) -> QSpinBox:
    """Whole numbers; the minimum (*special*) means "not specified"."""
    field = QSpinBox()
    field.setRange(special, high)
    field.setSingleStep(step)
    field.setSuffix(suffix)
    field.setGroupSeparatorShown(high >= 10_000)
    field.setSpecialValueText(_("not specified"))
    field.setValue(field.minimum())  # a new form starts "not specified", not at 0
    _no_wheel(field)
    return field


def _decimal(special: float, high: float, decimals: int) -> QDoubleSpinBox:
    """Numbers whose unit is in the label; the minimum (*special*) means "not specified"."""
    field = QDoubleSpinBox()
    field.setDecimals(decimals)
    field.setRange(special, high)
    field.setGroupSeparatorShown(high >= 10_000)
    field.setSpecialValueText(_("not specified"))
    field.setValue(field.minimum())  # a new form starts "not specified", not at 0
    _no_wheel(field)
    return field


def _on_change(field: QWidget, slot: Callable[..., None]) -> None:
    """Call *slot* when the user changes *field* (to clear its error line)."""
    if isinstance(field, QLineEdit):
        field.textEdited.connect(slot)
    elif isinstance(field, QPlainTextEdit):
        field.textChanged.connect(slot)
    elif isinstance(field, QComboBox):
        field.currentIndexChanged.connect(slot)
    elif isinstance(field, QCheckBox):
        field.toggled.connect(slot)
    elif isinstance(field, QSpinBox | QDoubleSpinBox):
        field.valueChanged.connect(slot)
