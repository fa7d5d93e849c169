"""What the loan dialogs share: labelled fields with an error line under each, Save and
Cancel, and saving on the database thread: a refused value is shown under its field and
nothing is saved; the dialog closes only once the service has saved."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from siec_desk.core.errors import ValidationError
from siec_desk.core.i18n import _
from siec_desk.texts.labels import describe_errors
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.widgets.accessible import tag
from siec_desk.ui.widgets.form_fields import error_label, on_change, with_error_line


def notes_field() -> QPlainTextEdit:
    notes = QPlainTextEdit()
    notes.setTabChangesFocus(True)
    notes.setFixedHeight(60)
    return notes


class LoanForm(QDialog):
    """A small form of the Loans page; *prefix* gives the widgets' stable ids."""

    def __init__(self, ui: UiContext, prefix: str, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        tag(self, f"{prefix}.dialog", title)
        self.setWindowTitle(title)
        self.ui = ui
        self.prefix = prefix
        self.saved_id: int | None = None
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.form = QFormLayout()
        self.general = error_label(f"{prefix}.error")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        tag(self.ok, f"{prefix}.ok")
        self.ok.setText(_("Save"))
        tag(buttons.button(QDialogButtonBox.StandardButton.Cancel), f"{prefix}.cancel")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.general)
        layout.addWidget(buttons)

    def add_field(self, key: str, text: str, field: QWidget, cell: Any = None) -> None:
        """A row: *text* (with its Alt+letter) over *field*'s error line."""
        label = QLabel(text)
        label.setBuddy(field)
        tag(field, f"{self.prefix}.{key}", text.replace("&", ""))
        error = error_label(f"{self.prefix}.{key}.error")
        self.fields[key] = field
        self.errors[key] = error
        on_change(field, lambda *_a, e=error: e.hide())
        self.form.addRow(label, with_error_line(cell if cell is not None else field, error))

    def save(self) -> None:  # pragma: no cover - each dialog says what it saves
        raise NotImplementedError

    def submit(self, work: Callable[[], int | None]) -> None:
        """Run *work* (a service call) on the database thread; close once it saved."""
        for error in (*self.errors.values(), self.general):
            error.hide()
        self.ok.setEnabled(False)
        self.ui.runner.run(work, self._done, self._failed)

    def _done(self, saved: int | None) -> None:
        self.saved_id = saved
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self.ok.setEnabled(True)
        if not isinstance(exc, ValidationError):
            self.ui.show_error(exc)
            return
        first: QWidget | None = None
        unplaced = []
        for e in exc.errors:
            label = self.errors.get(e.field)
            if label is None:
                unplaced.append(e)
                continue
            label.setText(e.message)
            label.show()
            first = first or self.fields[e.field]
        if unplaced or not exc.errors:
            self.general.setText(describe_errors(unplaced) if unplaced else str(exc))
            self.general.show()
        if first is not None:
            first.setFocus()
