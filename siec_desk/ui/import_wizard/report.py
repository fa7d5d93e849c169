"""The last steps of the import wizard: values to map, the dry-run report, the result."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHeaderView,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from siec_desk.core.formatting import format_number, ltr
from siec_desk.core.i18n import _, ngettext
from siec_desk.importing import codes as how
from siec_desk.importing.fields import TARGETS
from siec_desk.importing.fields import label as field_label
from siec_desk.importing.plan_records import ImportReport
from siec_desk.importing.summary import found_by, summary_lines
from siec_desk.services.importer import ValueInfo
from siec_desk.texts.labels import label
from siec_desk.ui.import_wizard.pages import IntroPage, cell
from siec_desk.ui.widgets.accessible import tag
from siec_desk.ui.widgets.builders import (
    button_row,
    push_button,
    read_only_table,
    tab_chain,
    text_label,
)

#: Rows listed in the report's tables (the counts above them are complete).
SHOWN_ROWS = 5000
KEEP, UNKNOWN, IGNORE = "\x00keep", "\x00unknown", "\x00ignore"
_UNKNOWN_BRUSH = QBrush(QColor("#fde7e4"))


def _fit_columns(table: QTableWidget) -> None:
    """Columns as wide as their contents; the last one takes the rest."""
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(table.columnCount() - 1, QHeaderView.ResizeMode.Stretch)


class ValuesPage(IntroPage):
    """Step 4: the code of each value found in coded columns (modes, themes…)."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "Values of the coded columns and the code each one becomes. Values without "
                "a code are listed first: choose one, or ignore the value; rows still holding "
                "an unknown value are rejected."
            ),
            "import.values_intro",
        )
        self.summary = text_label("import.values_summary", plain=False)
        self.table = read_only_table(
            [_("Field"), _("Value"), _("Rows"), _("Code")],
            "import.values",
            _("Values and their codes"),
            selection=QTableWidget.SelectionMode.NoSelection,
            striped=False,
        )
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.infos: list[ValueInfo] = []
        self.combos: list[QComboBox] = []
        layout = self.column
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)

    def show_values(self, infos: Sequence[ValueInfo], locale: str) -> None:
        self.infos = list(infos)
        self.combos = []
        self.table.setRowCount(len(self.infos))
        for row, info in enumerate(self.infos):
            self.table.setItem(row, 0, cell(field_label(info.field)))
            value = cell(info.value)
            if info.how == how.UNKNOWN:
                value.setBackground(_UNKNOWN_BRUSH)
            self.table.setItem(row, 1, value)
            self.table.setItem(row, 2, cell(format_number(info.rows, locale)))
            combo = self._combo(info)
            tag(
                combo,
                f"import.value.{row}",
                _("Code for “{value}” ({field})").format(
                    value=info.value, field=field_label(info.field)
                ),
            )
            self.table.setCellWidget(row, 3, combo)
            self.combos.append(combo)
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(3)
        tab_chain(*self.combos)
        unknown = sum(1 for i in self.infos if i.how == how.UNKNOWN)
        if not self.infos:
            text = _("No column holds coded values (contact modes, themes…): nothing to map.")
        elif unknown:
            text = ngettext(
                "{n} value has no code yet.", "{n} values have no code yet.", unknown
            ).format(n=unknown)
        else:
            text = _("Every value has a code.")
        self.summary.setText(text)

    @staticmethod
    def _combo(info: ValueInfo) -> QComboBox:
        combo = QComboBox()
        table = TARGETS[info.field].codes or {}
        if info.codes and info.how != how.IGNORED:
            names = " + ".join(label(table, c) for c in info.codes)
            if info.how == how.GUESSED:
                names = _("{codes} (guessed)").format(codes=names)
            combo.addItem(names, KEEP)
        else:
            combo.addItem(_("— choose a code —"), UNKNOWN)
        combo.addItem(_("Ignore this value"), IGNORE)
        for code, text in table.items():
            combo.addItem(str(text), code)
        if info.how == how.IGNORED:
            combo.setCurrentIndex(1)
        return combo

    def choices(self) -> list[tuple[ValueInfo, str | None, bool]]:
        """(value, code or None to ignore, changed by the user) for every value shown."""
        found = []
        for info, combo in zip(self.infos, self.combos, strict=True):
            data = combo.currentData()
            if data == KEEP:
                found.append((info, info.codes[0] if len(info.codes) == 1 else None, False))
            elif data == UNKNOWN:
                continue
            elif data == IGNORE:
                found.append((info, None, info.how != how.IGNORED))
            else:
                found.append((info, str(data), True))
        return found


class ReportPage(QWidget):
    """Step 5: the dry run: what would be created, what is already there, what is refused."""

    def __init__(self) -> None:
        super().__init__()
        self.summary = text_label("import.summary")
        self.tabs = QTabWidget()
        tag(self.tabs, "import.report_tabs")
        self.rejected = read_only_table(
            [_("Line"), _("Field"), _("Value"), _("Reason")], "import.rejected", _("Rejected rows")
        )
        _fit_columns(self.rejected)
        self.matches = read_only_table(
            [_("Line"), _("Household"), _("Found by")],
            "import.matches",
            _("Rows of known households"),
        )
        _fit_columns(self.matches)
        self.tabs.addTab(self.rejected, "")
        self.tabs.addTab(self.matches, "")
        self.save_rejected = push_button(
            _("Save the rejected rows…"), "import.save_rejected", _("Save the rejected rows")
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(button_row(leading=[self.save_rejected]))

    def show_report(self, report: ImportReport, locale: str) -> None:
        self.summary.setText(summary_text(report, locale))
        rejected = report.rejected[:SHOWN_ROWS]
        self.rejected.setRowCount(len(rejected))
        for row, problem in enumerate(rejected):
            values: tuple[str, ...] = (
                format_number(problem.line, locale),
                field_label(problem.field),
                problem.value,
                problem.message,
            )
            for column, text in enumerate(values):
                self.rejected.setItem(row, column, cell(text))
        matches = report.matches[:SHOWN_ROWS]
        self.matches.setRowCount(len(matches))
        for row, match in enumerate(matches):
            values = (
                format_number(match.line, locale),
                format_number(match.household_id, locale),
                found_by(match.by),
            )
            for column, text in enumerate(values):
                self.matches.setItem(row, column, cell(text))
        n_rejected = len(report.rejected_lines)
        self.save_rejected.setEnabled(n_rejected > 0)
        self.tabs.setTabText(
            0, _("Rejected rows ({n})").format(n=format_number(n_rejected, locale))
        )
        self.tabs.setTabText(
            1,
            _("Households already known ({n})").format(
                n=format_number(report.households_matched, locale)
            ),
        )


def summary_text(report: ImportReport, locale: str) -> str:
    lines = summary_lines(report, lambda n: format_number(n, locale), ltr)
    return "\n".join(lines)
