"""The household form's fields, built group by group: identity and contact, situation,
dwelling, consent and preferences, notes.

Each field has a buddy label and, beneath it, a hidden error line that editing the field
clears; bounds and lengths come from the field registry (``domain.fields``). The dialog's
behaviour (loading, saving, duplicates, conflicts) is ``ui.households.form``.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from siec_desk.core.i18n import _
from siec_desk.domain.fields import HOUSEHOLD as F
from siec_desk.services.consent import consent_text
from siec_desk.texts.labels import (
    CONSTRUCTION_PERIODS,
    DPE_CLASSES,
    DWELLING_TYPES,
    ENERGY_CARRIERS,
    FIELDS,
    INCOME_CATEGORIES,
    LANGUAGES,
    TENURES,
    TOP_FLOOR_CHOICES,
    label,
)
from siec_desk.ui.widgets.accessible import labelled, tag
from siec_desk.ui.widgets.code_combo import CodeCombo
from siec_desk.ui.widgets.form_fields import error_label, form_group, on_change, with_error_line
from siec_desk.ui.widgets.spec_fields import spec_date, spec_decimal, spec_integer, spec_line

#: Income bands an advisor chooses in Morocco and Tunisia (France computes its colour).
LOCAL_INCOME_BANDS = ["low", "middle", "high", "unknown"]
_LEFT_TO_RIGHT_FIELDS = ("phone", "email", "postal_code", "dpe_number")


class HouseholdFieldGroups:
    """The fields (``fields``) and their error lines (``errors``) by name, in the order
    the groups were built; ``income_note`` explains the computed colour (France only)."""

    def __init__(self, country: str) -> None:
        self.country = country
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.income_note: QLabel | None = None

    def identity(self) -> QGroupBox:
        box, form = form_group(_("Identity and contact"))
        self._add(form, "first_name", spec_line(F["first_name"]))
        self._add(form, "last_name", spec_line(F["last_name"]))
        self._add(form, "phone", spec_line(F["phone"]))
        self._add(form, "email", spec_line(F["email"]))
        self._add(form, "address", spec_line(F["address"]))
        self._add(form, "commune", spec_line(F["commune"]))
        self._add(form, "postal_code", spec_line(F["postal_code"]))
        return box

    def dwelling(self) -> QGroupBox:
        box, form = form_group(_("Dwelling"))
        self._add(form, "dwelling_type", CodeCombo(DWELLING_TYPES, empty=""))
        self._add(form, "construction_period", CodeCombo(CONSTRUCTION_PERIODS, empty=""))
        self._add(form, "surface_m2", spec_decimal(F["surface_m2"], 1))
        self._add(form, "heating_energy", CodeCombo(ENERGY_CARRIERS, empty=""))
        self._add(form, "hot_water_energy", CodeCombo(ENERGY_CARRIERS, empty=""))
        self._add(form, "heating_kwh_per_year", spec_decimal(F["heating_kwh_per_year"], 0))
        self._add(form, "electricity_kwh_per_year", spec_decimal(F["electricity_kwh_per_year"], 0))
        self._add(form, "butane_bottles_per_month", spec_decimal(F["butane_bottles_per_month"], 1))
        top_floor = CodeCombo(TOP_FLOOR_CHOICES, empty="")
        self._add(form, "top_floor", top_floor)
        top_floor.setToolTip(
            _("Attic and roof insulation and rooftop solar panels need a roof of your own.")
        )
        if F["dpe_class"].concerns(self.country):  # the energy label (DPE) is French
            self._add(form, "dpe_class", CodeCombo(DPE_CLASSES, empty=""))
            self._add(form, "dpe_date", spec_date(F["dpe_date"], date.today()))
            self._add(form, "dpe_number", spec_line(F["dpe_number"]))
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

    def situation(self) -> QGroupBox:
        box, form = form_group(_("Situation"))
        self._add(form, "tenure", CodeCombo(TENURES, empty=""))
        self._add(form, "household_size", spec_integer(F["household_size"]))
        if self.country == "FR":
            self._add(form, "reference_income", spec_integer(F["reference_income"], " €", step=100))
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

    def preferences(self) -> QGroupBox:
        box, form = form_group(_("Consent and preferences"))
        refused = F["letter_language"].refused
        languages = CodeCombo(LANGUAGES, codes=[c for c in LANGUAGES if c not in refused])
        languages.set_code("fr" if self.country == "FR" else "ar")
        self._add(form, "letter_language", languages)
        consent = QCheckBox(_("Agrees to be contacted again"))
        self._add(form, "consent_recontact", consent)
        self._add(form, "consent_wording", spec_line(F["consent_wording"]))
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

    def notes(self) -> QWidget:
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
        cell = with_error_line(field, error)
        if isinstance(field, QCheckBox):
            tag(field, identifier)
            form.addRow(cell)
        else:
            form.addRow(labelled(label(FIELDS, name), field, identifier), cell)
        if name in _LEFT_TO_RIGHT_FIELDS and QGuiApplication.isRightToLeft():
            assert isinstance(field, QLineEdit)
            field.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # "+212…" keeps its "+"
        on_change(field, lambda *_args, n=name: self.set_error(n, None))
        self.fields[name] = field
        self.errors[name] = error

    def set_error(self, name: str, message: str | None) -> None:
        """Show *message* beneath field *name* (None hides its error line)."""
        error = self.errors[name]
        error.setText(message or "")
        error.setVisible(bool(message))
        self.fields[name].setAccessibleDescription(message or "")
