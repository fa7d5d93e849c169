"""Log or edit one consultation: the facts of the contact, the advice, the measures.

Without a household only first-level facts are kept (mode, themes, commune, duration):
notes, follow-up and measures are then disabled. Saving goes through the consultation
service on the DB runner; validation errors appear under their fields, a conflicting
save (someone else saved meanwhile) is reported and the dialog stays open. Closing with
changes asks first. The phone timer counts the call's minutes into the duration.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCompleter, QLabel, QWidget

from siec_desk.core.errors import ConflictError, FieldError
from siec_desk.core.formatting import locale_for
from siec_desk.core.i18n import N_, _
from siec_desk.documents.engine.worker import render_in_process
from siec_desk.domain.consultation_records import ConsultationDetail, ConsultationInput
from siec_desk.domain.consultation_rules import DEFAULT_DURATION
from siec_desk.domain.event_records import EventRecord
from siec_desk.domain.household_records import HouseholdDetail, HouseholdSummary
from siec_desk.services.consultation_restore import ConsultationSnapshot
from siec_desk.texts.labels import ACT_LEVELS, describe_errors
from siec_desk.texts.labels import label as code_label
from siec_desk.ui.agenda.follow_up_fields import FollowUpFields
from siec_desk.ui.consultations.deletion import undoable_delete
from siec_desk.ui.consultations.layout import ConsultationLayout
from siec_desk.ui.events.event_combo import RECENT
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.kit.dialogs import ConflictChoice
from siec_desk.ui.kit.document_preview import DocumentPreviewDialog, Render
from siec_desk.ui.kit.guarded import GuardedDialog, report_save_error
from siec_desk.ui.widgets.accessible import tag
from siec_desk.ui.widgets.dates import from_qdatetime, to_qdatetime
from siec_desk.ui.widgets.household_picker import household_text, isolated


class ConsultationEditor(ConsultationLayout, GuardedDialog):
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
        self.render_pdf: Render = render_in_process  # the attestation's (tests replace it)
        self.attestation_dialog: DocumentPreviewDialog | None = None
        self._household_id: int | None = None
        self._household_name = ""
        self._prefilled_commune = ""
        self._locked = household_id is not None or consultation_id is not None
        self._version: int | None = None
        self._advisor_id = ui.advisor_id
        self._clean: tuple[object, ...] | None = None
        self._busy = False
        self._errors: dict[str, QLabel] = {}
        self._fields: dict[str, QWidget] = {}
        self._locale = locale_for(None, ui.app.centre.country)
        editing = consultation_id is not None
        tag(self, "consultation.editor")
        self.setWindowTitle(_("Edit consultation") if editing else _("Log a consultation"))
        self._build()
        self._connect()
        self.resize(1060, 720)
        self._initial_duration = DEFAULT_DURATION["advice" if household_id else "info"]
        self.duration.setValue(self._initial_duration)
        if consultation_id is not None:
            self.save_button.setEnabled(False)  # until the consultation is shown
            self._update_household_state()
            self.ui.runner.run(lambda: ui.app.consultations.get(consultation_id), self._show)
        else:
            self._set_household(household_id, "")
            if household_id is not None:
                ui.runner.run(lambda: ui.app.households.get(household_id), self._household_loaded)
            self._mark_clean()
        ui.runner.run(ui.app.consultations.frequent_communes, self._communes_loaded)
        ui.runner.run(lambda: ui.app.events.list(limit=RECENT), self._events_loaded)

    def _connect(self) -> None:
        """What the buttons and the household controls do."""
        self.picker.cleared.connect(lambda: self._set_household(None, ""))
        self.picker.chosen.connect(self._household_chosen)
        self.follow_up = FollowUpFields(
            self.follow_action, self.follow_check, self.follow_due, self.follow_time,
            self.follow_kind,
        )  # fmt: skip
        self.save_shortcut.activated.connect(self.save)
        self.delete_button.clicked.connect(self.delete)
        self.letter_button.clicked.connect(self.open_letter)
        self.letter_shortcut.activated.connect(self.open_letter)
        self.attestation_button.clicked.connect(self.open_attestation)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)

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
        self._set_household(summary.id, household_text(summary, self.ui.app.centre.country))
        if summary.commune and self.commune.text() in ("", self._prefilled_commune):
            self.commune.setText(summary.commune)
            self._prefilled_commune = summary.commune

    def _update_household_state(self) -> None:
        identified = self._household_id is not None
        name = (self._household_name or f"#{self._household_id}") if identified else None
        self.picker.show_household(name, self._locked)
        self.anonymous_hint.setVisible(not identified)
        self.notes.setEnabled(identified)
        self.follow_up.set_identified(identified)

    def _household_chosen(self, summary: HouseholdSummary) -> None:
        self._use_summary(summary)
        self.mode.setFocus(Qt.FocusReason.OtherFocusReason)

    def _communes_loaded(self, communes: list[str]) -> None:
        completer = QCompleter(communes, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        popup = completer.popup()  # Qt creates the popup on first call: never None
        assert popup is not None
        tag(popup, "consultation.commune_matches")
        self.commune.setCompleter(completer)

    def _events_loaded(self, events: list[EventRecord]) -> None:
        untouched = not self.is_modified()
        self.met_at.set_events(events)
        if untouched:
            self._mark_clean()

    # -- loading -----------------------------------------------------------------------
    def _show(self, detail: ConsultationDetail) -> None:
        summary = detail.summary
        self._version = detail.version
        if detail.advisor_id is not None:
            self._advisor_id = detail.advisor_id  # editing does not change who advised
        # An anonymous consultation can be linked to a household later (D44): the
        # service checks it again with the household and audits the change.
        self._locked = summary.household_id is not None
        self._set_household(summary.household_id, isolated(summary.household_name or ""))
        self.mode.set_code(summary.mode)
        if self.act.findData(summary.act) < 0:  # an act the centre has hidden since
            self.act.addItem(code_label(ACT_LEVELS, summary.act), summary.act)
        self.act.set_code(summary.act)
        self.project_type.set_code(detail.project_type)
        for index in range(self.themes.count()):
            item = self.themes.item(index)
            checked = item.data(Qt.ItemDataRole.UserRole) in summary.themes
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.orientations.set_chosen(summary.orientations)
        occurred = to_qdatetime(summary.occurred_at)
        self.when.setMaximumDateTime(max(self.when.maximumDateTime(), occurred))
        self.when.setDateTime(occurred)
        self.duration.setValue(summary.duration_min)
        self.origin.set_code(detail.origin)
        self.met_at.set_event(detail.event_id)
        self.commune.setText(summary.commune or "")
        self.notes.setPlainText(detail.notes or "")
        self.follow_action.setText(detail.follow_up_action or "")
        self.follow_up.load(summary.follow_up_due, summary.follow_up_time, summary.follow_up_kind)
        self.measures.load(detail.measures)
        self.save_button.setEnabled(True)
        self._mark_clean()

    # -- saving ------------------------------------------------------------------------
    def data(self) -> ConsultationInput:
        """What the form says; notes, follow-up and measures only with a household."""
        identified = self._household_id is not None
        when = from_qdatetime(self.when.dateTime())
        return ConsultationInput(
            mode=self.mode.code() or "",
            themes=tuple(self.chosen_themes()),
            act=self.act.code(),
            project_type=self.project_type.code() if self.project_type.isEnabled() else None,
            household_id=self._household_id,
            occurred_at=when.replace(second=0, microsecond=0),
            duration_min=self.duration.value(),
            origin=self.origin.code(),
            commune=self.commune.text().strip() or None,
            notes=(self.notes.toPlainText().strip() or None) if identified else None,
            advisor_id=self._advisor_id,
            follow_up_action=(self.follow_action.text().strip() or None) if identified else None,
            follow_up_due=self.follow_up.due_date(),
            follow_up_time=self.follow_up.time_of_day(),
            follow_up_kind=self.follow_up.kind_code(),
            measures=self.measures.choices() if identified else (),
            orientations=tuple(self.orientations.chosen()),
            event_id=self.met_at.event_id(),
        )

    def save(self) -> None:
        if self._busy or not self.save_button.isEnabled():
            return
        if self.timer_button.isChecked():
            self.timer_button.setChecked(False)
        self._clear_errors()
        problems = self.measures.problems()
        clock = self.follow_up.problem()
        if clock:
            self.show_errors([FieldError("follow_up_due", clock)])
            return
        if problems:
            self.show_errors([FieldError("measures", "\n".join(problems))])
            return
        self._write(self.data())

    def _write(self, data: ConsultationInput, overwrite: bool = False) -> None:
        ident, version, service = self.consultation_id, self._version, self.ui.app.consultations

        def work() -> int:
            if ident is None:
                return service.add(data)
            service.update(ident, data, expected_version=version, overwrite=overwrite)
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
        report_save_error(self.ui, exc, self.show_errors, self._resolve_conflict)

    def _resolve_conflict(self, exc: ConflictError) -> None:
        """Someone saved this consultation first: reload theirs, or knowingly save mine."""
        choice = self.ui.dialogs.resolve_conflict(self.windowTitle(), str(exc))
        ident = self.consultation_id
        if ident is None or choice is ConflictChoice.CANCEL:
            return  # my changes stay in the window; saving again asks again
        if choice is ConflictChoice.RELOAD:
            self.ui.runner.run(lambda: self.ui.app.consultations.get(ident), self._show)
            return
        if exc.current_version is not None:
            self._version = exc.current_version
        self._write(self.data(), overwrite=True)

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

    # -- letter ------------------------------------------------------------------------
    def open_letter(self) -> None:
        """The letter of the saved consultation (its household's, in their language)."""
        ident = self.consultation_id
        if ident is None or self._busy:
            return
        if self.is_modified():
            self.ui.dialogs.info(
                _("Letter"), _("Save your changes first: the letter shows the saved consultation.")
            )
            return
        from siec_desk.ui.letters.dialog import open_letter

        open_letter(self.ui, ident, self)

    def open_attestation(self) -> None:
        """The attestation of the saved France Rénov' appointment (issued the first time)."""
        ident = self.consultation_id
        if ident is None or self._busy:
            return
        if self.is_modified():
            self.ui.dialogs.info(
                _("Attestation"),
                _("Save your changes first: the attestation shows the saved appointment."),
            )
            return
        from siec_desk.ui.consultations.attestation import open_attestation

        self.attestation_dialog = open_attestation(self.ui, ident, self, self.render_pdf)

    # -- deleting, closing -------------------------------------------------------------
    def delete(self) -> None:
        ident = self.consultation_id
        if ident is None or self._busy:
            return
        if not self.ui.dialogs.confirm(
            _("Delete consultation"),
            _(
                "Delete this consultation and its recommended measures? "
                "Edit ▸ Undo (Ctrl+Z) brings it back until SIEC Desk is closed."
            ),
            _("Delete"),
        ):
            return
        self.ui.runner.run(lambda: self.ui.app.consultations.delete(ident), self._deleted)

    def _deleted(self, snapshot: ConsultationSnapshot) -> None:
        undoable_delete(self.ui, snapshot)  # Edit ▸ Undo brings it back
        self.deleted = True
        self.accept()

    def _state(self) -> tuple[object, ...]:
        return (self.data(), self.follow_up.state())

    def _mark_clean(self) -> None:
        self._clean = self._state()

    def is_modified(self) -> bool:
        return self._clean is not None and self._state() != self._clean

    # -- closing (asks about unsaved changes: GuardedDialog) ---------------------------
    unsaved_subject = N_("This consultation")

    def save_changes(self) -> None:
        self.save()

    def is_saving(self) -> bool:
        return self._busy

    def done(self, result: int) -> None:
        self.timer.stop()
        super().done(result)
