"""Record or change one event: date, time, duration, type, title, place, partners,
participants by audience, themes, advisors, notes.

Two columns so it fits a 1366×768 screen: the facts on the left, who took part and what
it was about on the right. Saving goes through the event service on the DB runner; what
is refused is one translated line above the buttons and nothing is saved. Closing with
changes asks first.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from siec_desk.core.errors import ConflictError, FieldError, ValidationError
from siec_desk.core.i18n import N_, _
from siec_desk.domain.codes import Theme
from siec_desk.domain.consultation_rules import parse_clock
from siec_desk.domain.event_records import EventInput, EventRecord
from siec_desk.domain.fields import EVENT as F
from siec_desk.services.centre import AdvisorInfo
from siec_desk.texts.labels import EVENT_TYPES, THEMES, describe_errors
from siec_desk.ui.events.audience_table import AudienceTable, CheckList
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.kit.guarded import GuardedDialog
from siec_desk.ui.widgets.accessible import labelled, tag
from siec_desk.ui.widgets.builders import button_row, push_button, tab_chain, text_label
from siec_desk.ui.widgets.code_combo import CodeCombo
from siec_desk.ui.widgets.dates import date_edit, from_qdate, to_qdate
from siec_desk.ui.widgets.form_fields import no_wheel
from siec_desk.ui.widgets.spec_fields import spec_line

_ERROR_STYLE = "color: #b00020;"


class EventDialog(GuardedDialog):
    """``exec()`` is accepted after a save (``saved_id``) or a delete (``deleted``)."""

    unsaved_subject = N_("This event")

    def __init__(self, ui: UiContext, event_id: int | None, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.event_id = event_id
        self.saved_id: int | None = None
        self.deleted = False
        self._version: int | None = None
        self._busy = False
        self._advisor_ids: tuple[int, ...] = ()
        self._clean: tuple[object, ...] | None = None
        tag(self, "event.dialog")
        self.setWindowTitle(_("Edit event") if event_id else _("Record an event"))
        self._build()
        self.resize(1000, 640)
        self.delete_button.setVisible(event_id is not None)
        ui.runner.run(ui.app.centres.advisors, self._advisors_loaded)
        if event_id is not None:
            self.save_button.setEnabled(False)  # until the event is shown
            ui.runner.run(lambda: ui.app.events.get(event_id), self._show)
        else:
            self._clean = self._state()

    # -- building ------------------------------------------------------------------------
    def _build(self) -> None:
        today = date.today()
        form = QFormLayout()
        self.when = date_edit(to_qdate(today))
        self.when.setMaximumDate(to_qdate(today + timedelta(days=366)))
        self.when.setMinimumDate(QDate(2000, 1, 1))
        form.addRow(labelled(_("&Date"), self.when, "event.date"), self.when)
        self.event_type = CodeCombo(EVENT_TYPES)
        form.addRow(labelled(_("T&ype"), self.event_type, "event.type"), self.event_type)
        self.starts_at = QLineEdit()
        self.starts_at.setPlaceholderText(_("HH:MM (optional)"))
        self.starts_at.setMaxLength(5)
        form.addRow(labelled(_("Start t&ime"), self.starts_at, "event.time"), self.starts_at)
        self.duration = QSpinBox()
        self.duration.setRange(0, 1440)
        self.duration.setSingleStep(15)
        self.duration.setSpecialValueText(_("— not specified —"))
        self.duration.setSuffix(" " + _("min"))
        no_wheel(self.duration)
        form.addRow(labelled(_("D&uration"), self.duration, "event.duration"), self.duration)
        self.title_field = spec_line(F["title"])
        self.title_field.setPlaceholderText(_("e.g. Energy day at the Ibn Khaldoun school"))
        form.addRow(labelled(_("&Title"), self.title_field, "event.title"), self.title_field)
        self.commune = spec_line(F["commune"])
        form.addRow(labelled(_("&Commune"), self.commune, "event.commune"), self.commune)
        self.postal_code = spec_line(F["postal_code"])
        form.addRow(
            labelled(_("Postal c&ode"), self.postal_code, "event.postal_code"), self.postal_code
        )
        self.place = spec_line(F["place"])
        self.place.setPlaceholderText(_("venue, or the mobile desk's stop"))
        form.addRow(labelled(_("&Place"), self.place, "event.place"), self.place)
        self.partners = spec_line(F["partners"])
        self.partners.setPlaceholderText(_("e.g. town hall; school; association"))
        form.addRow(labelled(_("P&artners"), self.partners, "event.partners"), self.partners)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(90)
        form.addRow(labelled(_("&Notes"), self.notes, "event.notes"), self.notes)

        self.audiences = AudienceTable()
        self.themes = CheckList("event.themes", _("Themes"))
        self.themes.fill((str(THEMES[t.value]), t.value) for t in Theme)
        self.advisors = CheckList("event.advisors", _("Advisors"))
        right = QGridLayout()
        right.addWidget(QLabel(_("Participants by audience (people)")), 0, 0, 1, 2)
        right.addWidget(self.audiences, 1, 0, 1, 2)
        right.addWidget(labelled(_("T&hemes"), self.themes, "event.themes"), 2, 0)
        right.addWidget(labelled(_("Ad&visors"), self.advisors, "event.advisors"), 2, 1)
        right.addWidget(self.themes, 3, 0)
        right.addWidget(self.advisors, 3, 1)
        right.setRowStretch(3, 1)

        self.error = text_label("event.error", style=_ERROR_STYLE)
        self.error.hide()
        self.save_button = push_button(_("&Save"), "event.save", on_click=self.save)
        self.save_button.setDefault(True)
        self.cancel_button = push_button(_("Cancel"), "event.cancel", on_click=self.reject)
        self.delete_button = push_button(_("D&elete"), "event.delete", on_click=self.delete)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addStretch(1)
        right.setColumnStretch(0, 3)
        right.setColumnStretch(1, 2)
        columns = QGridLayout()
        columns.addLayout(left, 0, 0)
        columns.addLayout(right, 0, 1)
        columns.setColumnStretch(0, 1)
        columns.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.error)
        layout.addLayout(
            button_row(self.save_button, self.cancel_button, leading=[self.delete_button])
        )
        spins = list(self.audiences.spins.values())
        tab_chain(
            self.when, self.event_type, self.starts_at, self.duration, self.title_field,
            self.commune, self.postal_code, self.place, self.partners, self.notes, *spins,
            self.themes, self.advisors, self.save_button, self.cancel_button, self.delete_button,
        )  # fmt: skip

    def _advisors_loaded(self, advisors: list[AdvisorInfo]) -> None:
        untouched = not self.is_modified()
        self.advisors.fill((a.display_name, a.id) for a in advisors if a.active)
        if self.event_id is None and self.ui.advisor_id is not None:
            self.advisors.set_chosen([self.ui.advisor_id])  # who records it ran it
        elif self._advisor_ids:
            self.advisors.set_chosen(self._advisor_ids)
        if untouched:
            self._clean = self._state()

    # -- loading -------------------------------------------------------------------------
    def _show(self, event: EventRecord) -> None:
        self._version = event.version
        day = to_qdate(event.occurred_on)
        self.when.setMaximumDate(max(self.when.maximumDate(), day))
        self.when.setDate(day)
        self.event_type.set_code(event.event_type)
        self.starts_at.setText(event.starts_at.strftime("%H:%M") if event.starts_at else "")
        self.duration.setValue(event.duration_min or 0)
        self.title_field.setText(event.title or "")
        self.commune.setText(event.commune or "")
        self.postal_code.setText(event.postal_code or "")
        self.place.setText(event.place or "")
        self.partners.setText(event.partners or "")
        self.notes.setPlainText(event.notes or "")
        self.audiences.set_counts(event.audiences)
        self.themes.set_chosen(event.themes)
        self._advisor_ids = event.advisor_ids
        self.advisors.set_chosen(event.advisor_ids)
        self.save_button.setEnabled(True)
        self._clean = self._state()

    # -- saving --------------------------------------------------------------------------
    def data(self) -> EventInput:
        """What the form says; ``ValidationError`` for a time that is not one."""
        typed = self.starts_at.text().strip()
        try:
            starts_at = parse_clock(typed) if typed else None
        except ValueError as exc:
            raise ValidationError([FieldError("starts_at", str(exc))]) from exc
        return EventInput(
            occurred_on=from_qdate(self.when.date()),
            event_type=self.event_type.code(),
            starts_at=starts_at,
            duration_min=self.duration.value() or None,
            title=self.title_field.text().strip() or None,
            commune=self.commune.text().strip() or None,
            postal_code=self.postal_code.text().strip() or None,
            place=self.place.text().strip() or None,
            partners=self.partners.text().strip() or None,
            notes=self.notes.toPlainText().strip() or None,
            audiences=self.audiences.counts(),
            themes=tuple(str(t) for t in self.themes.chosen()),
            advisor_ids=tuple(int(str(a)) for a in self.advisors.chosen()),
        )

    def save(self) -> None:
        if self._busy or not self.save_button.isEnabled():
            return
        try:
            data = self.data()
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return
        self._busy = True
        self.save_button.setEnabled(False)
        service, event_id, version = self.ui.app.events, self.event_id, self._version

        def work() -> int:
            if event_id is None:
                return service.add(data)
            service.update(event_id, data, version)
            return event_id

        self.ui.runner.run(work, self._saved, self._save_failed)

    def _saved(self, event_id: int) -> None:
        self._busy = False
        self.saved_id = event_id
        self._closing = True
        self.accept()

    def _save_failed(self, exc: Exception) -> None:
        self._busy = False
        self.save_button.setEnabled(True)
        if isinstance(exc, ValidationError):
            self.show_errors(exc.errors)
        elif isinstance(exc, ConflictError):
            self.show_errors([FieldError("version", str(exc))])
        else:
            self.ui.show_error(exc)

    def show_errors(self, errors: list[FieldError]) -> None:
        line = describe_errors([e for e in errors if e.field != "version"])
        line = " ".join([*(e.message for e in errors if e.field == "version"), line]).strip()
        self.error.setText(line)
        self.error.show()

    def delete(self) -> None:
        if self.event_id is None:
            return
        question = _(
            "Delete this event? The consultations of the households met there are kept, "
            "no longer tied to it."
        )
        if not self.ui.dialogs.confirm(_("Delete event"), question, _("Delete")):
            return
        event_id = self.event_id
        self.ui.runner.run(lambda: self.ui.app.events.delete(event_id), self._deleted)

    def _deleted(self, _result: object) -> None:
        self.deleted = True
        self._closing = True
        self.accept()

    # -- unsaved changes -----------------------------------------------------------------
    def _state(self) -> tuple[object, ...]:
        fields = (self.when.date(), self.event_type.code(), self.starts_at.text(),
                  self.duration.value(), self.title_field.text(), self.commune.text(),
                  self.postal_code.text(), self.place.text(), self.partners.text(),
                  self.notes.toPlainText())  # fmt: skip
        return (*fields, tuple(sorted(self.audiences.counts().items())),
                tuple(self.themes.chosen()), tuple(self.advisors.chosen()))  # fmt: skip

    def is_modified(self) -> bool:
        return self._clean is not None and self._state() != self._clean

    def save_changes(self) -> None:
        self.save()

    def is_saving(self) -> bool:
        return self._busy
