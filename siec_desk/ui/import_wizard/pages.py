"""The first steps of the import wizard: the file, the sheet and its header, the columns.

Widgets only: the wizard (``import_wizard``) reads the file and asks the services; these
pages show what it found and hand back what the user chose.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHeaderView,
    QSpinBox,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from siec_desk.core.formatting import ltr
from siec_desk.core.i18n import _
from siec_desk.importing import encodings
from siec_desk.importing.fields import TARGETS
from siec_desk.importing.source import SourceTable, cell_text
from siec_desk.services.importer import ColumnInfo
from siec_desk.texts import labels as lb
from siec_desk.ui.models.household_list import isolate
from siec_desk.ui.widgets.accessible import labelled, tag
from siec_desk.ui.widgets.builders import (
    button_row,
    natural_width,
    push_button,
    read_only_table,
    tab_chain,
    text_label,
)
from siec_desk.ui.widgets.code_combo import CodeCombo

PREVIEW_ROWS = 12
_HEADER_BRUSH = QBrush(QColor("#dbe8f7"))


class IntroPage(QWidget):
    """A step of the wizard: its explanation on top of :attr:`column`, where the step
    adds the rest."""

    def __init__(self, intro: str, identifier: str) -> None:
        super().__init__()
        self.intro = text_label(identifier, intro)
        self.column = QVBoxLayout(self)
        self.column.addWidget(self.intro)


def cell(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(isolate(text))
    item.setData(Qt.ItemDataRole.AccessibleTextRole, text)
    return item


class FilePage(IntroPage):
    """Step 1: choose the file (and, optionally, a mapping saved last time)."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "Bring in the households and consultations your centre kept in a spreadsheet "
                "(Excel or LibreOffice). Save the sheet as .xlsx or .csv, choose it here, then "
                "tell SIEC Desk what each column holds. Nothing is written before the last "
                "step, which shows a full report first; the database is backed up before the "
                "import, and importing the same file again adds nothing."
            ),
            "import.intro",
        )
        self.choose_button = push_button(
            _("&Choose a file…"), "import.choose_file", _("Choose a file")
        )
        self.mapping_button = push_button(
            _("&Use a saved mapping…"), "import.load_mapping", _("Use a saved mapping")
        )
        self.path = text_label("import.path", _("No file chosen."))
        self.mapping = text_label("import.mapping_file")
        layout = self.column
        layout.addLayout(button_row(leading=[self.choose_button, self.mapping_button]))
        layout.addWidget(self.path)
        layout.addWidget(self.mapping)
        layout.addStretch(1)

    def show_file(self, text: str) -> None:
        self.path.setText(text)

    def show_mapping(self, name: str | None) -> None:
        self.mapping.setText(_("Mapping: {name}").format(name=ltr(name)) if name else "")


class SheetPage(IntroPage):
    """Step 2: which sheet, how the CSV is encoded, and which row holds the headers."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "Check that the text reads correctly and that the highlighted row is the one "
                "with the column names."
            ),
            "import.sheet_intro",
        )
        self.sheet = QComboBox()
        self.encoding = QComboBox()
        self.encoding.addItem(_("Detect"), None)
        for code in encodings.CHOICES:
            self.encoding.addItem(encodings.display_name(code), code)
        self.delimiter = QComboBox()
        self.delimiter.addItem(_("Detect"), None)
        for char, name in ((";", ";"), (",", ","), ("\t", _("Tab")), ("|", "|")):
            self.delimiter.addItem(name, char)
        self.header_row = QSpinBox()
        self.header_row.setRange(1, 1_000_000)
        form = QFormLayout()
        self.sheet_label = labelled(_("&Sheet:"), self.sheet, "import.sheet_name")
        form.addRow(self.sheet_label, natural_width(self.sheet))
        self.encoding_label = labelled(_("&Encoding:"), self.encoding, "import.encoding")
        form.addRow(self.encoding_label, natural_width(self.encoding))
        self.delimiter_label = labelled(_("&Delimiter:"), self.delimiter, "import.delimiter")
        form.addRow(self.delimiter_label, natural_width(self.delimiter))
        form.addRow(
            labelled(_("&Header row:"), self.header_row, "import.header_row"),
            natural_width(self.header_row),
        )
        self.preview = read_only_table(0, "import.preview", _("First rows of the sheet"))
        layout = self.column
        layout.addLayout(form)
        layout.addWidget(self.preview, 1)

    def show_table(self, table: SourceTable, header_line: int) -> None:
        is_csv = table.kind == "csv"
        for widget in (self.sheet, self.sheet_label):
            widget.setVisible(not is_csv)
        for widget in (self.encoding, self.encoding_label, self.delimiter, self.delimiter_label):
            widget.setVisible(is_csv)
        self.sheet.blockSignals(True)
        self.sheet.clear()
        self.sheet.addItems(table.sheets)
        if table.sheet:
            self.sheet.setCurrentText(table.sheet)
        self.sheet.blockSignals(False)
        if is_csv:
            self._select(self.encoding, table.encoding)
            self._select(self.delimiter, table.delimiter)
        self.header_row.blockSignals(True)
        last = table.rows[-1][0] if table.rows else 1
        self.header_row.setRange(1, max(1, last))
        self.header_row.setValue(header_line)
        self.header_row.blockSignals(False)
        self._fill_preview(table, header_line)

    @staticmethod
    def _select(combo: QComboBox, data: str | None) -> None:
        combo.blockSignals(True)
        index = combo.findData(data)
        combo.setCurrentIndex(index if index >= 0 else 0)
        combo.blockSignals(False)

    def _fill_preview(self, table: SourceTable, header_line: int) -> None:
        first = max(
            0, next((i for i, (ln, _c) in enumerate(table.rows) if ln >= header_line), 0) - 2
        )
        rows = table.rows[first : first + PREVIEW_ROWS]
        self.preview.clear()
        self.preview.setColumnCount(max(1, table.width))
        self.preview.setHorizontalHeaderLabels([str(i + 1) for i in range(table.width)])
        self.preview.setRowCount(len(rows))
        self.preview.setVerticalHeaderLabels([str(line) for line, _c in rows])
        self.preview.verticalHeader().show()
        for r, (line, cells) in enumerate(rows):
            for c, value in enumerate(cells):
                item = cell(cell_text(value))
                if line == header_line:
                    item.setBackground(_HEADER_BRUSH)
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.preview.setItem(r, c, item)
        self.preview.resizeColumnsToContents()


class MappingPage(IntroPage):
    """Step 3: what each column holds; what to assume when the sheet says nothing."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "SIEC Desk guessed what each column holds from its name. Correct it where "
                "needed; columns left on “Do not import” are ignored. Save the mapping (below) "
                "to use it again for next month's sheet."
            ),
            "import.mapping_intro",
        )
        self.table = read_only_table(
            [_("Column"), _("Examples"), _("Import as")],
            "import.columns",
            _("Columns of the sheet"),
            selection=QAbstractItemView.SelectionMode.NoSelection,
            striped=False,
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.default_mode = CodeCombo(lb.CONTACT_MODES, empty=_("— none: the column says —"))
        self.default_theme = CodeCombo(lb.THEMES, empty=_("— none: the column says —"))
        defaults = QFormLayout()
        defaults.addRow(
            labelled(
                _("Contact &mode when the sheet gives none:"),
                self.default_mode,
                "import.default_mode",
            ),
            self.default_mode,
        )
        defaults.addRow(
            labelled(
                _("&Theme when the sheet gives none:"), self.default_theme, "import.default_theme"
            ),
            self.default_theme,
        )
        self.load_button = push_button(
            _("&Use a saved mapping…"), "import.load_mapping_again", _("Use a saved mapping")
        )
        buttons = button_row(leading=[self.load_button])
        self.combos: list[QComboBox] = []
        layout = self.column
        layout.addWidget(self.table, 1)
        layout.addLayout(defaults)
        layout.addLayout(buttons)

    def show_columns(self, columns: Sequence[ColumnInfo]) -> None:
        self.table.setRowCount(len(columns))
        self.combos = []
        for row, column in enumerate(columns):
            header = column.header or _("(column {n} has no name)").format(n=column.index + 1)
            self.table.setItem(row, 0, cell(header))
            self.table.setItem(row, 1, cell(" · ".join(column.samples)))
            combo = QComboBox()
            combo.addItem(_("Do not import"), None)
            for target in TARGETS.values():
                combo.addItem(str(target.label), target.id)
            combo.setCurrentIndex(max(0, combo.findData(column.field)))
            tag(
                combo,
                f"import.column.{column.index}",
                _("Import column “{header}” as").format(header=header),
            )
            self.table.setCellWidget(row, 2, combo)
            self.combos.append(combo)
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(2)
        tab_chain(*self.combos, self.default_mode)  # nothing to chain without combos

    def fields(self) -> list[str | None]:
        return [combo.currentData() for combo in self.combos]

    def show_defaults(self, defaults: dict[str, str]) -> None:
        self.default_mode.set_code(defaults.get("mode"))
        self.default_theme.set_code(defaults.get("themes"))

    def defaults(self) -> dict[str, str]:
        chosen = {"mode": self.default_mode.code(), "themes": self.default_theme.code()}
        return {k: v for k, v in chosen.items() if v}
