"""The edit dialog of Centre ▸ Act types: a centre's own act type, its code (when new),
its name in French, Arabic and English, the shared act it counts as in the network
export, and whether it needs a household. Saved through the act types service on the DB
thread; a refusal is one line under the form and nothing is written."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from siec_desk.core.errors import ValidationError
from siec_desk.core.i18n import _
from siec_desk.domain.act_types import LABEL_MAX, MAPPABLE, ActType, ActTypeChange
from siec_desk.texts.labels import ACT_LEVELS, describe_errors
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.widgets.accessible import labelled, tag
from siec_desk.ui.widgets.code_combo import CodeCombo
from siec_desk.ui.widgets.form_fields import error_label


class ActTypeEditDialog(QDialog):
    """Add (``current`` None) or change one of the centre's own act types."""

    def __init__(self, ui: UiContext, current: ActType | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ui = ui
        self.current = current
        title = _("New act type") if current is None else _("Edit act type")
        self.setWindowTitle(title)
        tag(self, "act_type_edit", title)
        self._build()

    def _build(self) -> None:
        form = QFormLayout()
        self.code = QLineEdit(self.current.code if self.current else "x_")
        self.code.setMaxLength(32)
        self.code.setReadOnly(self.current is not None)
        self.code.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        form.addRow(labelled(_("&Code:"), self.code, "act_type_edit.code"), self.code)
        self.labels: dict[str, QLineEdit] = {}
        texts = {
            "fr": _("Name in &French:"),
            "ar": _("Name in &Arabic:"),
            "en": _("Name in &English:"),
        }
        for lang, text in texts.items():
            field = QLineEdit(getattr(self.current, f"label_{lang}", None) or "")
            field.setMaxLength(LABEL_MAX)
            if lang == "ar":
                field.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
            self.labels[lang] = field
            form.addRow(labelled(text, field, f"act_type_edit.label_{lang}"), field)
        self.maps_to = CodeCombo(
            ACT_LEVELS,
            empty=_("No shared act: left out of the network export"),
            codes=list(MAPPABLE),
        )
        self.maps_to.set_code(self.current.maps_to if self.current else None)
        form.addRow(
            labelled(_("Counts in the &network as:"), self.maps_to, "act_type_edit.maps_to"),
            self.maps_to,
        )
        self.needs_household = QCheckBox(_("Needs a &household (refused for anonymous contacts)"))
        self.needs_household.setChecked(bool(self.current and self.current.needs_household))
        tag(self.needs_household, "act_type_edit.needs_household")
        form.addRow(self.needs_household)
        self.error = error_label("act_type_edit.error")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        tag(buttons, "act_type_edit.buttons")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        first = self.labels["fr"] if self.current else self.code
        first.setFocus()

    def change(self) -> ActTypeChange:
        return ActTypeChange(
            label_fr=self.labels["fr"].text(),
            label_ar=self.labels["ar"].text(),
            label_en=self.labels["en"].text(),
            maps_to=self.maps_to.code() or "",
            needs_household=self.needs_household.isChecked(),
        )

    def save(self) -> None:
        service = self.ui.app.act_types
        change = self.change()
        code = self.code.text().strip()
        if self.current is None:
            work = lambda: service.add(code, change)  # noqa: E731
        else:
            work = lambda: service.update(code, change)  # noqa: E731
        self.error.hide()
        self.ui.runner.run(work, lambda _saved: self.accept(), self._failed)

    def _failed(self, exc: Exception) -> None:
        if isinstance(exc, ValidationError):
            self.error.setText(describe_errors(exc.errors))
            self.error.show()
        else:
            self.ui.show_error(exc)
