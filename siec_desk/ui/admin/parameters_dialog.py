"""Centre ▸ Parameters…: the dated parameter sets of the centre's country, with their dates,
sign-off, CO₂ convention and unconfirmed values, and Import… for a coordinator's set.

The import goes through :meth:`ParameterService.import_file` (the same checks as
``siec-desk parameters import``): a refused file shows one line and changes nothing.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from siec_desk.core.errors import SiecError
from siec_desk.core.formatting import format_date, locale_for, ltr
from siec_desk.core.i18n import _, current_language, ngettext
from siec_desk.services.parameters import ParameterSetInfo
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.widgets.accessible import tag
from siec_desk.ui.widgets.builders import push_button, read_only_table, tab_chain, text_label
from siec_desk.ui.widgets.parameters_warning import parameters_warning


class ParametersDialog(QDialog):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        tag(self, "parameters.dialog")
        self.setWindowTitle(_("Parameters"))
        self._sets: list[ParameterSetInfo] = []
        self.intro = QLabel(
            _(
                "Prices, CO₂ factors and defaults behind the estimates, one dated set per "
                "year. A consultation keeps the set it used."
            )
        )
        self.intro.setWordWrap(True)
        tag(self.intro, "parameters.intro")
        self.warning = parameters_warning(ui.app, "parameters.warning")
        self.table = read_only_table(
            [_("Version"), _("Valid from"), _("Origin"), _("Unconfirmed"), _("Signed off")],
            "parameters.table",
            _("Parameter sets"),
            selection=QTableWidget.SelectionMode.SingleSelection,
            striped=False,
            tab_in_cells=True,
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        tag(self.details, "parameters.details", _("Sources and unconfirmed values"))
        self.import_button = push_button(
            _("&Import…"),
            "parameters.import",
            _("Import a parameter set"),
            on_click=self.import_file,
        )
        self.import_button.setToolTip(
            _("Import a parameter set signed off by your coordinator (JSON file).")
        )
        self.import_button.setAutoDefault(False)
        self.close_button = push_button(
            _("Close"), "parameters.close", _("Close"), on_click=self.accept
        )
        self.close_button.setDefault(True)
        self.result_label = text_label("parameters.result")
        buttons = QHBoxLayout()
        buttons.addWidget(self.result_label, 1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.warning)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details, 1)
        layout.addLayout(buttons)
        self.table.currentCellChanged.connect(lambda row, *_rest: self._show(row))
        tab_chain(self.table, self.details, self.import_button, self.close_button)
        self.resize(820, 560)
        self.refresh()

    def refresh(self) -> None:
        locale = locale_for(None, self.ui.app.centre.country)
        self._sets = self.ui.app.parameters.sets(language=current_language())
        self.table.setRowCount(len(self._sets))
        for row, info in enumerate(self._sets):
            version = ltr(info.version) + (" ✓" if info.in_use else "")
            cells = (
                version,
                format_date(info.valid_from, locale, "medium"),
                _("imported") if info.imported else _("shipped"),
                str(len(info.unconfirmed)) if info.format >= 2 else _("not dated (format 1)"),
                format_date(info.signed_off_on, locale, "medium") if info.signed_off_on else "—",
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        if self._sets:
            self.table.setCurrentCell(0, 0)
        text = self.ui.app.parameters.status().warning()
        self.warning.setText(text)
        self.warning.setVisible(bool(text))

    def _show(self, row: int) -> None:
        if not 0 <= row < len(self._sets):
            self.details.setPlainText("")
            return
        info = self._sets[row]
        lines = [
            _("In use today.") if info.in_use else _("Not the set in use today."),
            _("CO₂ convention: {name}.").format(name=info.co2_convention or "—"),
        ]
        if info.signed_off_by:
            lines.append(_("Signed off by: {who}").format(who=info.signed_off_by))
        if info.unconfirmed:
            lines.append("")
            lines.append(
                ngettext(
                    "{n} value is not confirmed (carried over or to be checked):",
                    "{n} values are not confirmed (carried over or to be checked):",
                    len(info.unconfirmed),
                ).format(n=len(info.unconfirmed))
            )
            lines += [f"• {key}: {info.sources[key]}" for key in info.unconfirmed]
        lines.append("")
        lines.append(_("Sources:"))
        for key, source in sorted(info.sources.items()):
            when = info.as_of.get(key)
            dated = f" ({when.isoformat()})" if when else ""
            lines.append(f"• {key}{dated}: {source}")
        self.details.setPlainText("\n".join(lines))

    def import_file(self) -> None:
        chosen = self.ui.dialogs.open_file(_("Import a parameter set"), _("JSON files (*.json)"))
        if not chosen:
            return
        from pathlib import Path

        try:
            outcome = self.ui.app.parameters.import_file(Path(chosen))
        except SiecError as exc:
            self.result_label.setText(str(exc))
            self.ui.dialogs.error(self.windowTitle(), str(exc))
            return
        if outcome.already_present:
            message = _("The parameter set {version} is already in this database.").format(
                version=outcome.version
            )
        else:
            message = _("Imported the parameter set {version}.").format(version=outcome.version)
        self.result_label.setText(message)
        self.refresh()
