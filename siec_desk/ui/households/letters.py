"""Letters on a household's timeline: their text, and the "Open", "Generate again",
"Save as…" and "Send by e-mail…" actions; a letter sent by e-mail gets a row of its own.
An attestation of a France Rénov' appointment is listed the same way; "Generate again"
prints it again (the archived one: same number, same document).

Opening checks the archived file first (SHA-256 against the record, on the DB thread):
a file that is missing or altered is never shown as the letter given; the advisor is
offered to generate the letter again instead.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from siec_desk.core.formatting import format_datetime, ltr
from siec_desk.core.i18n import _, ngettext
from siec_desk.texts.labels import LANGUAGES, label
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.letters.sharing import save_copy_as, share_buttons
from siec_desk.ui.widgets.accessible import tag

if TYPE_CHECKING:
    from siec_desk.services.letter_types import LetterRecord

ATTESTATION = "attestation"  # a letters row's kind (services.attestations.KIND)


def local_time(value: datetime) -> datetime:
    """An audit timestamp (UTC, naive when read back from SQLite) in local wall-clock time."""
    aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    return aware.astimezone().replace(tzinfo=None)


def sending_timeline_text(record: LetterRecord, sent_at: datetime, locale: str) -> str:
    """A letter sent by e-mail, on the timeline: when, and which letter."""
    what = (
        _("Attestation {reference} sent by e-mail")
        if record.kind == ATTESTATION
        else _("Letter {reference} sent by e-mail")
    )
    when = format_datetime(local_time(sent_at), locale)
    return when + "\n" + what.format(reference=ltr(record.reference))


def letter_timeline_text(record: LetterRecord, locale: str) -> str:
    """Two lines: when and what; then the language, reference and pages."""
    what = _("Attestation") if record.kind == ATTESTATION else _("Letter")
    first = " · ".join((format_datetime(local_time(record.created_at), locale), what))
    second = " · ".join(
        (
            label(LANGUAGES, record.language),
            ltr(record.reference),
            ngettext("{n} page", "{n} pages", record.pages).format(n=record.pages),
        )
    )
    return first + "\n" + second


class LetterActions(QWidget):
    """ "Open letter" and "Generate again" for the letter chosen on the timeline."""

    def __init__(self, ui: UiContext) -> None:
        super().__init__()
        self.ui = ui
        self.record: LetterRecord | None = None
        self.open_button = QPushButton(_("Open &letter"))
        tag(self.open_button, "households.letter.open", _("Open letter"))
        self.again_button = QPushButton(_("&Generate again…"))
        tag(self.again_button, "households.letter.generate_again", _("Generate again"))
        self.open_button.clicked.connect(self.open_letter)
        self.again_button.clicked.connect(self.generate_again)
        self.save_as_button, self.email_button = share_buttons(
            "households.letter", self.save_as, self.send_by_email
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for button in (self.open_button, self.again_button, self.save_as_button, self.email_button):
            layout.addWidget(button)
        layout.addStretch(1)
        self.set_letter(None)

    def set_letter(self, record: LetterRecord | None) -> None:
        self.record = record
        self.open_button.setEnabled(record is not None)
        self.again_button.setEnabled(record is not None and record.consultation_id is not None)
        self.save_as_button.setEnabled(record is not None)
        self.email_button.setEnabled(record is not None)

    def save_as(self) -> None:
        if self.record is not None:
            save_copy_as(self.ui, self.record.id, self.window())

    def send_by_email(self) -> None:
        if self.record is not None:
            from siec_desk.ui.letters.send_dialog import open_send_dialog  # e-mail: on demand

            open_send_dialog(self.ui, self.record.id, self.window())

    def open_letter(self) -> None:
        record = self.record
        if record is None:
            return
        letters = self.ui.app.letters
        self.ui.runner.run(
            lambda: letters.is_intact(record),
            lambda intact: self._checked(record, intact),
            self.ui.show_error,
        )

    def _checked(self, record: LetterRecord, intact: bool) -> None:
        if intact:
            if not self.ui.dialogs.open_path(record.path):
                self.ui.dialogs.error(
                    _("Letter"),
                    _("The file {path} could not be opened.").format(path=ltr(str(record.path))),
                )
            return
        text = _("The archived file of this letter is missing or has been altered:\n{path}").format(
            path=ltr(str(record.path))
        )
        if record.consultation_id is None or record.kind == ATTESTATION:
            self.ui.dialogs.error(_("Letter"), text)
            return
        if self.ui.dialogs.confirm(
            _("Letter"), text + "\n\n" + _("Generate the letter again?"), _("Generate again")
        ):
            self._regenerate(record.id)

    def generate_again(self) -> None:
        record = self.record
        if record is not None and record.kind == ATTESTATION:
            if record.consultation_id is not None:
                from siec_desk.ui.consultations.attestation import open_attestation

                open_attestation(self.ui, record.consultation_id, self.window())
            return
        if record is not None:
            self._regenerate(record.id)

    def _regenerate(self, letter_id: int) -> None:
        from siec_desk.ui.letters.dialog import open_regeneration

        open_regeneration(self.ui, letter_id, self.window())
