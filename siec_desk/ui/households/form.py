"""The household form: create or edit one household, with inline errors.

Every field has a buddy label and an error line beneath it (the fields are built by
``form_groups``; this module is the dialog's behaviour). Saving a new household
first looks for possible duplicates (same phone, or same name in the same commune)
and lets the advisor open the existing one instead. Closing with unsaved changes asks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from siec_desk.core.errors import ConflictError, FieldError
from siec_desk.core.i18n import N_, _
from siec_desk.domain.household_records import HouseholdDetail, HouseholdInput, HouseholdSummary
from siec_desk.domain.validation import format_phone
from siec_desk.texts.labels import INCOME_CATEGORIES, label
from siec_desk.ui.households.duplicates import DuplicatesPanel, LiveDuplicates
from siec_desk.ui.households.form_groups import HouseholdFieldGroups
from siec_desk.ui.households.income_live import follow_income
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.kit.dialogs import ConflictChoice
from siec_desk.ui.kit.guarded import GuardedDialog, report_save_error
from siec_desk.ui.widgets.accessible import tag
from siec_desk.ui.widgets.form_fields import error_label, read_field, write_field


class HouseholdForm(GuardedDialog):
    """``saved_id`` is set once the household is saved (then the dialog is accepted)."""

    def __init__(self, ui: UiContext, household_id: int | None, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.household_id = household_id
        self.saved_id: int | None = None
        self.country = ui.app.centre.country
        self.groups = HouseholdFieldGroups(self.country)
        self.fields = self.groups.fields  # by name, in the order of the form
        self._version: int | None = None
        self._busy = False
        self._closing = False  # set when closing on purpose: no unsaved-changes question
        title = _("New household") if household_id is None else _("Edit household")
        tag(self, "household_form", title)
        self.setWindowTitle(title)
        self.resize(920, 680)
        self._build()
        self._snapshot = self._collect()
        if household_id is None:  # the duplicate warning while typing (D25)
            self.live_duplicates = LiveDuplicates(
                ui, self.fields, self._collect, self.duplicates, self.country
            )
        if household_id is not None:
            self.save_button.setEnabled(False)
            self._run(lambda: ui.app.households.get(household_id), self._load)

    # -- layout ----------------------------------------------------------------------
    def _build(self) -> None:
        columns = QGridLayout()
        columns.addWidget(self.groups.identity(), 0, 0)
        columns.addWidget(self.groups.situation(), 1, 0)
        columns.addWidget(self.groups.dwelling(), 0, 1)
        columns.addWidget(self.groups.preferences(), 1, 1)
        columns.addWidget(self.groups.notes(), 2, 0, 1, 2)
        self._income_update = follow_income(
            self.fields, self.groups.income_note, self.ui.app.reference.french_income_category
        )
        columns.setColumnStretch(0, 1)
        columns.setColumnStretch(1, 1)
        body = QWidget()
        body.setLayout(columns)
        self.scroll_area = QScrollArea()
        tag(self.scroll_area, "household_form.fields", _("Household"))
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll_area.setWidget(body)

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
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self._duplicates_panel())
        layout.addWidget(self.general_error)
        layout.addLayout(buttons)

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
        if self.groups.income_note is not None:  # France: the colour is computed
            self.groups.income_note.setText(
                _("MaPrimeRénov' colour, computed: {colour}").format(
                    colour=label(INCOME_CATEGORIES, h.income_category)
                )
            )
            self._income_update()  # the live colour (the same rule) and the zone
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
            self.live_duplicates.cancel()
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
        report_save_error(self.ui, exc, self._show_errors, self._resolve_conflict)

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
    def _clear_errors(self) -> None:
        for name in self.fields:
            self.groups.set_error(name, None)
        self.general_error.hide()

    def _show_errors(self, errors: list[FieldError]) -> None:
        messages: dict[str, list[str]] = {}
        for e in errors:
            messages.setdefault(e.field if e.field in self.fields else "", []).append(e.message)
        for name, texts in messages.items():
            if name:
                self.groups.set_error(name, " ".join(texts))
        if "" in messages:
            self.general_error.setText(" ".join(messages[""]))
            self.general_error.show()
        first = next((n for n in self.fields if n in messages), None)
        if first is not None:
            self.scroll_area.ensureWidgetVisible(self.fields[first])
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
    unsaved_subject = N_("This household")  # the closing question (GuardedDialog)

    def save_changes(self) -> None:
        self._save()
