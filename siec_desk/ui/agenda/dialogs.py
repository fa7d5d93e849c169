"""The agenda's two small dialogs: a call-result note (Done, Cancel) and the day and time a
follow-up is put off to (Postpone, with "Tomorrow" and "+1 week")."""

from __future__ import annotations

from datetime import date, time, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from siec_desk.core.formatting import format_date, isolate
from siec_desk.core.i18n import _
from siec_desk.domain.agenda import AgendaRow, next_working_day
from siec_desk.domain.fields import FOLLOW_UP_NOTE_MAX
from siec_desk.texts.labels import FOLLOW_UP_KINDS, label
from siec_desk.ui.agenda.rows import action_text, name_text, phone_text, time_text
from siec_desk.ui.agenda.time_field import TimeField
from siec_desk.ui.widgets.accessible import labelled, tag
from siec_desk.ui.widgets.builders import push_button, text_label
from siec_desk.ui.widgets.dates import date_edit, from_qdate, to_qdate


def _buttons(dialog: QDialog, ok: str, identifier: str) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    accept = box.addButton(ok, QDialogButtonBox.ButtonRole.AcceptRole)
    tag(accept, f"{identifier}.ok")
    accept.setDefault(True)
    cancel = box.button(QDialogButtonBox.StandardButton.Cancel)
    cancel.setText(_("Close without saving"))
    cancel.setAutoDefault(False)
    tag(cancel, f"{identifier}.close")
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


def _heading(row: AgendaRow, locale: str, country: str) -> QLabel:
    """Which follow-up the dialog is about: its day, time, household, phone and action."""
    lines = [
        f"{isolate(format_date(row.due, locale))} · {isolate(time_text(row, locale))}",
        " · ".join(p for p in (name_text(row), phone_text(row, country)) if p),
        " · ".join(p for p in (label(FOLLOW_UP_KINDS, row.kind), action_text(row)) if p),
    ]
    return text_label("agenda.dialog.heading", "\n".join(lines))


class NoteDialog(QDialog):
    """Done or Cancel, with an optional note (the call's result, or why)."""

    def __init__(
        self,
        row: AgendaRow,
        *,
        title: str,
        prompt: str,
        ok: str,
        identifier: str,
        locale: str,
        country: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        tag(self, identifier)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(96)
        layout = QVBoxLayout(self)
        layout.addWidget(_heading(row, locale, country))
        layout.addWidget(labelled(prompt, self.note, f"{identifier}.note"))
        layout.addWidget(self.note)
        self.error = text_label(f"{identifier}.error", style="color: #b00020;")
        self.error.hide()
        layout.addWidget(self.error)
        layout.addWidget(_buttons(self, ok, identifier))
        self.note.setFocus()

    def text(self) -> str | None:
        return self.note.toPlainText().strip() or None

    def accept(self) -> None:
        if len(self.note.toPlainText().strip()) > FOLLOW_UP_NOTE_MAX:
            self.error.setText(_("At most {n} characters.").format(n=FOLLOW_UP_NOTE_MAX))
            self.error.show()
            return
        super().accept()


class PostponeDialog(QDialog):
    """The new day (today or later; proposed: the next working day) and optional time."""

    def __init__(
        self, row: AgendaRow, *, locale: str, country: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        tag(self, "agenda.postpone_dialog")
        self.setWindowTitle(_("Postpone the follow-up"))
        self.setMinimumWidth(460)
        today = date.today()
        self.day = date_edit(to_qdate(next_working_day(max(today, row.due))))
        self.day.setMinimumDate(to_qdate(today))
        self.at = TimeField()
        self.at.set_value(row.at)
        tomorrow = push_button(
            _("&Tomorrow"), "agenda.postpone_dialog.tomorrow",
            on_click=lambda: self._set(today + timedelta(days=1)),
        )  # fmt: skip
        later = max(today, row.due) + timedelta(days=7)
        week = push_button(
            _("+1 &week"), "agenda.postpone_dialog.week", _("One week later"),
            on_click=lambda: self._set(later),
        )  # fmt: skip
        quick = QHBoxLayout()
        quick.addWidget(tomorrow)
        quick.addWidget(week)
        quick.addStretch(1)
        form = QFormLayout()
        form.addRow(labelled(_("&New day"), self.day, "agenda.postpone_dialog.day"), self.day)
        form.addRow(QLabel(""), quick)
        form.addRow(labelled(_("T&ime"), self.at, "agenda.postpone_dialog.time"), self.at)
        self.error = text_label("agenda.postpone_dialog.error", style="color: #b00020;")
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(_heading(row, locale, country))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(_buttons(self, _("Postpone"), "agenda.postpone_dialog"))
        self.day.setFocus()

    def _set(self, day: date) -> None:
        self.day.setDate(QDate(day.year, day.month, day.day))

    def chosen(self) -> tuple[date, time | None]:
        return from_qdate(self.day.date()), self.at.value()

    def accept(self) -> None:
        problem = self.at.problem()
        if problem:
            self.error.setText(problem)
            self.error.show()
            self.at.setFocus()
            return
        super().accept()
