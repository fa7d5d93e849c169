"""Centre ▸ Act types: the built-in acts and the centre's own (``x_…``), with the shared
act each counts as in the network export, how many consultations use it and whether it
is offered for new records. Add, Edit and Delete act on the centre's own types; Hide /
Show (or the "Shown" check box) on any type but the two the editor falls back on.
Consultations already recorded keep a hidden type and are counted as before."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHeaderView, QTableWidgetItem, QVBoxLayout, QWidget

from siec_desk.core.errors import ValidationError
from siec_desk.core.formatting import format_number, locale_for
from siec_desk.core.i18n import _
from siec_desk.domain.act_types import NEVER_HIDDEN, ActType, ActTypeChange
from siec_desk.texts.labels import ACT_LEVELS, act_label, describe_errors, label
from siec_desk.ui.admin.act_type_edit import ActTypeEditDialog
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.widgets.accessible import tag
from siec_desk.ui.widgets.builders import button_row, push_button, read_only_table, text_label
from siec_desk.ui.widgets.form_fields import error_label

SHOWN_COLUMN = 4
_FIT, _STRETCH = QHeaderView.ResizeMode.ResizeToContents, QHeaderView.ResizeMode.Stretch
#: Code, name, counts as, consultations, shown: the codes and figures whole, the words share.
_COLUMN_MODES = (_FIT, _STRETCH, _STRETCH, _FIT, _FIT)


class ActTypesDialog(QDialog):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.locale_name = locale_for(None, ui.app.centre.country)
        self.types: list[ActType] = []
        self._filling = False
        title = _("Act types")
        self.setWindowTitle(title)
        tag(self, "act_types", title)
        self.resize(900, 520)
        self._build()
        self.reload()

    def _build(self) -> None:
        explanation = text_label(
            "act_types.explanation",
            _(
                "Add the centre's own act types, or hide those it does not use. A type of "
                "the centre's own counts in the network export as the shared act it is "
                "mapped to; without one it is left out of the export. A hidden type is no "
                "longer offered; consultations already recorded keep it."
            ),
        )
        self.table = read_only_table(
            [_("Code"), _("Name"), _("Counts in the network as"), _("Consultations"), _("Shown")],
            "act_types.list",
            _("Act types"),
        )
        header = self.table.horizontalHeader()
        for column, mode in enumerate(_COLUMN_MODES):
            header.setSectionResizeMode(column, mode)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemChanged.connect(self._check_toggled)
        self.table.itemActivated.connect(lambda _item: self.edit())
        self.error = error_label("act_types.error")
        self.add_button = push_button(
            _("&Add…"), "act_types.add", _("Add an act type"), on_click=self.add
        )
        self.edit_button = push_button(
            _("&Edit…"), "act_types.edit", _("Edit the act type"), on_click=self.edit
        )
        self.hide_button = push_button(
            _("&Hide"), "act_types.hide", _("Hide or show the act type"), on_click=self.toggle
        )
        self.delete_button = push_button(
            _("&Delete…"), "act_types.delete", _("Delete the act type"), on_click=self.delete
        )
        self.close_button = push_button(_("Close"), "act_types.close", on_click=self.accept)
        buttons = button_row(
            self.close_button,
            leading=[self.add_button, self.edit_button, self.hide_button, self.delete_button],
        )
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        chain = [self.table, self.add_button, self.edit_button, self.hide_button]
        for first, second in zip(chain, [*chain[1:], self.delete_button], strict=True):
            QWidget.setTabOrder(first, second)
        QWidget.setTabOrder(self.delete_button, self.close_button)

    # -- loading -----------------------------------------------------------------------
    def reload(self, select: str | None = None) -> None:
        service = self.ui.app.act_types
        chosen = self.selected()
        current = select or (chosen.code if chosen is not None else None)
        self.ui.runner.run(service.list, lambda types: self._loaded(types, current))

    def _loaded(self, types: list[ActType], select: str | None) -> None:
        self.types = types
        self._filling = True
        self.table.setRowCount(len(types))
        for row, t in enumerate(types):
            maps = (
                label(ACT_LEVELS, t.code if t.builtin else t.maps_to)
                if (t.builtin or t.maps_to)
                else _("Left out")
            )
            cells = (t.code, act_label(t.code), maps, format_number(t.used_by, self.locale_name))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, t.code)
                if column == 0:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
            shown = QTableWidgetItem(_("Shown") if not t.hidden else _("Hidden"))
            shown.setData(Qt.ItemDataRole.UserRole, t.code)
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            if t.code not in NEVER_HIDDEN:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
            shown.setFlags(flags)
            shown.setCheckState(Qt.CheckState.Unchecked if t.hidden else Qt.CheckState.Checked)
            self.table.setItem(row, SHOWN_COLUMN, shown)
            if t.code == select:
                self.table.setCurrentCell(row, 0)
        self._filling = False
        if self.table.currentRow() < 0 and types:
            self.table.setCurrentCell(0, 0)
        self._update_buttons()

    def selected(self) -> ActType | None:
        row = self.table.currentRow()
        return self.types[row] if 0 <= row < len(self.types) else None

    def _update_buttons(self) -> None:
        t = self.selected()
        own = t is not None and not t.builtin
        self.edit_button.setEnabled(own)
        self.delete_button.setEnabled(own)
        self.hide_button.setEnabled(t is not None and t.code not in NEVER_HIDDEN)
        self.hide_button.setText(_("&Show") if t is not None and t.hidden else _("&Hide"))

    # -- actions -----------------------------------------------------------------------
    def add(self) -> None:
        dialog = ActTypeEditDialog(self.ui, None, self)
        if dialog.exec():
            self._changed(dialog.code.text().strip())

    def edit(self) -> None:
        t = self.selected()
        if t is None or t.builtin:
            return
        if ActTypeEditDialog(self.ui, t, self).exec():
            self._changed(t.code)

    def toggle(self) -> None:
        t = self.selected()
        if t is not None:
            self._set_hidden(t.code, not t.hidden)

    def _check_toggled(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != SHOWN_COLUMN:
            return
        code = str(item.data(Qt.ItemDataRole.UserRole))
        self._set_hidden(code, item.checkState() != Qt.CheckState.Checked)

    def _set_hidden(self, code: str, hidden: bool) -> None:
        service = self.ui.app.act_types
        self.error.hide()
        self.ui.runner.run(
            lambda: service.update(code, ActTypeChange(hidden=hidden)),
            lambda _t: self._changed(code),
            self._failed,
        )

    def delete(self) -> None:
        t = self.selected()
        if t is None or t.builtin:
            return
        question = _("Delete the act type “{name}” ({code})?").format(
            name=act_label(t.code), code=t.code
        )
        if not self.ui.dialogs.confirm(_("Act types"), question, _("Delete")):
            return
        service = self.ui.app.act_types
        self.error.hide()
        self.ui.runner.run(
            lambda: service.delete(t.code), lambda _r: self._changed(None), self._failed
        )

    def _changed(self, code: str | None) -> None:
        self.ui.events.consultations_changed.emit()  # lists show the new wording
        self.reload(code)

    def _failed(self, exc: Exception) -> None:
        if isinstance(exc, ValidationError):
            self.error.setText(describe_errors(exc.errors))
            self.error.show()
            self.reload()
        else:
            self.ui.show_error(exc)


def open_act_types(ui: UiContext, parent: QWidget) -> None:
    """Centre ▸ Act types…"""
    ActTypesDialog(ui, parent).exec()
