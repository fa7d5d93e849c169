"""Centre ▸ Letter settings: the centre's identity as printed on its letters.

Every branding field, the logo and the signature, with a live preview. Saving goes
through the branding service; when it refuses, each message appears under its field and
nothing is saved. The preview is the letter of the most recent consultation with a
household, composed with the form as it is now (saved or not): the letter service
gathers the consultation's inputs, the form's branding replaces the stored one, and the
letter is composed and rendered as usual. The phone number is shown as typed (the
service formats it on saving).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from siec_desk.core.errors import FieldError
from siec_desk.core.i18n import N_, _
from siec_desk.documents.letters.compose import compose
from siec_desk.documents.letters.content import Image, LetterContent
from siec_desk.documents.letters.inputs import Branding
from siec_desk.services.app import AppContext
from siec_desk.services.branding import BrandingInput, image_mime
from siec_desk.services.letter_types import LetterRequest
from siec_desk.texts.labels import COUNTRIES, FIELDS, describe_errors, label
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.kit.guarded import GuardedDialog, report_save_error
from siec_desk.ui.letters.preview import preview_beside
from siec_desk.ui.widgets.accessible import labelled, tag
from siec_desk.ui.widgets.builders import (
    align_labels,
    debounce_timer,
    push_button,
    scroll_area,
    tab_chain,
    text_label,
)
from siec_desk.ui.widgets.form_fields import (
    error_label,
    form_group,
    on_change,
    read_field,
    with_error_line,
    write_field,
)
from siec_desk.ui.widgets.image_picker import ImagePicker

PREVIEW_DELAY_MS = 800
#: How many recent consultations are looked through for one with a household.
SAMPLE_WINDOW = 200
_SAVED_STYLE = "color: #1b5e20;"
_ERROR_STYLE = "color: #b3261e;"

#: (group title, fields); a field is (name, max length, multi-line, left-to-right).
_GROUPS: tuple[tuple[str, tuple[tuple[str, int, bool, bool], ...]], ...] = (
    (
        "centre",
        (
            ("name", 200, False, False),
            ("name_ar", 200, False, False),
            ("address", 300, True, False),
            ("postal_code", 20, False, True),
            ("commune", 120, False, False),
        ),
    ),
    (
        "contacts",
        (
            ("phone", 40, False, True),
            ("email", 254, False, True),
            ("website", 200, False, True),
            ("opening_hours", 500, True, False),
        ),
    ),
    (
        "network",
        (
            ("network_banner", 200, False, False),
            ("network_code", 40, False, True),
        ),
    ),
    (
        "texts",
        (
            ("letter_footer", 4000, True, False),
            ("legal_mentions", 4000, True, False),
            ("privacy_contact", 300, False, False),
        ),
    ),
)
TEXT_FIELDS = tuple(name for _group, fields in _GROUPS for name, *_rest in fields)
IMAGE_FIELDS = ("logo", "signature")


def _group_title(key: str) -> str:
    return {
        "centre": _("Centre"),
        "contacts": _("Contacts"),
        "network": _("Network"),
        "texts": _("Letter texts"),
        "images": _("Logo and signature"),
    }[key]


def latest_consultation_with_household(app: AppContext) -> int | None:
    """The most recent consultation that has a household (DB thread)."""
    for summary in app.consultations.between(limit=SAMPLE_WINDOW):
        if summary.household_id is not None:
            return summary.id
    return None


def sample_letter(app: AppContext, consultation_id: int, branding: Branding) -> LetterContent:
    """The letter of *consultation_id* as it would be with *branding* (DB thread)."""
    inputs = app.letters.inputs(LetterRequest(consultation_id))
    return compose(dataclasses.replace(inputs, branding=branding))


def country_note(country: str) -> QWidget:
    """The centre's country, and why it is not changed (D46, docs/desk-defects.md)."""
    return text_label(
        "settings.country",
        _(
            "Country: {country}. It is not changed after the first start: it sets the "
            "currency of the amounts already recorded, the parameter sets, the measure "
            "catalogue and how phone numbers are read. A centre in another country "
            "starts a new database."
        ).format(country=label(COUNTRIES, country)),
        style="color: palette(placeholder-text);",
    )


class LetterSettingsDialog(GuardedDialog):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.fields: dict[str, QLineEdit | QPlainTextEdit] = {}
        self.errors: dict[str, QLabel] = {}
        self.images: dict[str, ImagePicker] = {}
        self._row_labels: list[QLabel] = []
        self._stored: Branding | None = None
        self._sample: int | None = None
        self._clean: BrandingInput | None = None
        self._saving = False
        tag(self, "settings.dialog")
        self.setWindowTitle(_("Letter settings"))
        self.timer = debounce_timer(self, PREVIEW_DELAY_MS, self.update_preview)
        self._build()
        self.resize(1200, 820)
        self.save_button.setEnabled(False)  # until the settings are shown
        app = ui.app
        ui.runner.run(
            lambda: (app.branding.get(display=True), latest_consultation_with_household(app)),
            lambda result: self._loaded(*result),
            ui.show_error,
        )

    # -- building --------------------------------------------------------------------
    def _build(self) -> None:
        form_box = QWidget()
        column = QVBoxLayout(form_box)
        column.addWidget(country_note(self.ui.app.centre.country))
        for group, fields in _GROUPS:
            box, form = form_group(_group_title(group))
            for name, length, multiline, left_to_right in fields:
                self._add_field(form, name, length, multiline, left_to_right)
            column.addWidget(box)
        box = QGroupBox(_group_title("images"))
        form = QFormLayout(box)
        for name in IMAGE_FIELDS:
            picker = ImagePicker(self.ui.dialogs, f"settings.{name}", label(FIELDS, name))
            picker.changed.connect(lambda n=name: self._edited(n))
            picker.refused.connect(lambda text, n=name: self._set_error(n, text))
            self.images[name] = picker
            self._add_row(form, name, picker, picker.choose_button)
        column.addWidget(box)
        column.addStretch(1)
        align_labels(self._row_labels)
        scroll = scroll_area(form_box, "settings.form", _("Letter settings"), takes_focus=False)
        scroll.setMinimumWidth(460)

        self.preview, self.update_button, split = preview_beside(
            self.ui, "settings", scroll, (580, 620)
        )

        self.status = text_label("settings.status")
        self.save_button = push_button(_("&Save"), "settings.save", _("Save"), on_click=self.save)
        self.save_button.setDefault(True)
        self.close_button = push_button(
            _("Close"), "settings.close", _("Close"), on_click=self.reject
        )
        self.close_button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        self.update_button.clicked.connect(self.update_preview)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self.save)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.update_preview)
        self._retab()

    def _add_field(
        self, form: QFormLayout, name: str, length: int, multiline: bool, left_to_right: bool
    ) -> None:
        field: QLineEdit | QPlainTextEdit
        if multiline:
            field = QPlainTextEdit()
            field.setTabChangesFocus(True)
            field.setFixedHeight(64 if length <= 500 else 84)
        else:
            field = QLineEdit()
            field.setMaxLength(length)
        if left_to_right and QGuiApplication.isRightToLeft():
            field.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # "+212…" keeps its "+"
        self.fields[name] = field
        on_change(field, lambda *_args, n=name: self._edited(n))
        self._add_row(form, name, field, field)

    def _add_row(self, form: QFormLayout, name: str, cell_widget: QWidget, focus: QWidget) -> None:
        error = error_label(f"settings.{name}.error")
        self.errors[name] = error
        row_label = labelled(label(FIELDS, name), focus, f"settings.{name}")
        self._row_labels.append(row_label)
        if focus is not cell_widget:  # an image: the picker's button carries its own name
            focus.setAccessibleName(_("{image}: choose a file").format(image=label(FIELDS, name)))
        form.addRow(row_label, with_error_line(cell_widget, error))

    def _retab(self) -> None:
        chain: list[QWidget] = [self.fields[name] for name in TEXT_FIELDS]
        for name in IMAGE_FIELDS:
            chain += [self.images[name].choose_button, self.images[name].remove_button]
        chain += [self.update_button, self.preview.view, self.save_button, self.close_button]
        tab_chain(*chain)

    # -- values ----------------------------------------------------------------------
    def _loaded(self, branding: Branding, sample: int | None) -> None:
        self._stored = branding
        self._sample = sample
        for name, field in self.fields.items():
            write_field(field, getattr(branding, name))
        for name, picker in self.images.items():
            image = getattr(branding, name)
            picker.set_stored(image.data if image else None)
        first_time = self._clean is None
        self._clean = self.data()
        self.save_button.setEnabled(True)
        if first_time:
            self.fields["name"].setFocus(Qt.FocusReason.OtherFocusReason)
        self.update_preview()

    def data(self) -> BrandingInput:
        """What the form says (images: None keeps, b"" removes, bytes replace)."""
        values = {name: read_field(field) for name, field in self.fields.items()}
        values["name"] = values["name"] or ""
        values.update((name, picker.change()) for name, picker in self.images.items())
        return BrandingInput(**values)

    def form_branding(self) -> Branding | None:
        """The branding a letter would have if the form were saved now (for the preview)."""
        if self._stored is None:
            return None
        values = {name: read_field(field) for name, field in self.fields.items()}
        for name, picker in self.images.items():
            data = picker.current()
            mime = image_mime(data) if data else None
            values[name] = Image(data, mime) if data and mime else None
        values["name"] = values["name"] or ""
        return dataclasses.replace(self._stored, **values)

    def is_modified(self) -> bool:
        return self._clean is not None and self.data() != self._clean

    def _edited(self, name: str) -> None:
        self._set_error(name, None)
        self.status.clear()
        self.timer.start()

    # -- errors ----------------------------------------------------------------------
    def _set_error(self, name: str, text: str | None) -> None:
        error = self.errors.get(name)
        if error is None:
            return
        error.setText(text or "")
        error.setVisible(bool(text))
        focus = self.fields.get(name) or self.images[name].choose_button
        focus.setAccessibleDescription(text or "")

    def show_errors(self, errors: Sequence[FieldError]) -> None:
        """Each message under its field; the first wrong field gets the focus."""
        general: list[FieldError] = []
        first: QWidget | None = None
        for error in errors:
            if error.field not in self.errors:
                general.append(error)
                continue
            self._set_error(error.field, error.message)
            if first is None:
                first = self.fields.get(error.field) or self.images[error.field].choose_button
        text = _("Nothing was saved: correct the fields marked in red.")
        if general:
            text += " " + describe_errors(general)
        self.status.setText(text)
        self.status.setStyleSheet(_ERROR_STYLE)
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- preview and saving ----------------------------------------------------------
    def update_preview(self) -> None:
        self.timer.stop()
        branding = self.form_branding()
        if branding is None:
            return
        sample = self._sample
        if sample is None:
            self.preview.show_message(
                _(
                    "The preview shows the letter of the most recent consultation with a "
                    "household: there is none yet."
                )
            )
            return
        app = self.ui.app
        self.preview.request(branding, lambda: sample_letter(app, sample, branding), "tagged")

    def save(self) -> None:
        if self._saving or not self.save_button.isEnabled():
            return
        for name in self.errors:
            self._set_error(name, None)
        data = self.data()
        self._saving = True
        self.save_button.setEnabled(False)
        branding = self.ui.app.branding
        self.ui.runner.run(lambda: branding.update(data), self._saved, self._save_failed)

    def _saved(self, _branding: Branding) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        self.ui.runner.run(
            lambda: self.ui.app.branding.get(display=True), self._reloaded, self.ui.show_error
        )

    def _reloaded(self, branding: Branding) -> None:
        """Show what was stored (e.g. the phone as the service formatted it)."""
        self._loaded(branding, self._sample)
        self.status.setText(_("Letter settings saved."))
        self.status.setStyleSheet(_SAVED_STYLE)

    def _save_failed(self, exc: Exception) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        report_save_error(self.ui, exc, self.show_errors)

    # -- closing ---------------------------------------------------------------------
    # -- closing (asks about unsaved changes: GuardedDialog) ---------------------------
    unsaved_subject = N_("The letter settings")

    def save_changes(self) -> None:
        self.save()

    def is_saving(self) -> bool:
        return self._saving

    def done(self, result: int) -> None:
        self.timer.stop()
        self.preview.shutdown()
        super().done(result)
