"""The Activity page's "Equipment loans" tab (schema 0017): items lent in the period,
households that borrowed, items out and overdue at its end; the loan service's one count
(``services.loans.loan_figures``), the same as the monthly report's."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from siec_desk.core.formatting import format_number
from siec_desk.core.i18n import _
from siec_desk.domain.loan_records import LoanFigures
from siec_desk.texts.loan_text import figure_lines, figures_note
from siec_desk.ui.activity.charts import FigureTable
from siec_desk.ui.widgets.builders import text_label


class LoansTab(QWidget):
    def __init__(self, locale: str) -> None:
        super().__init__()
        self._locale = locale
        self.table = FigureTable("activity.table.loans", _("Equipment loans"))
        note = text_label(
            "activity.loans.note", figures_note(), style="color: palette(placeholder-text);"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)

    def show_figures(self, figures: LoanFigures) -> None:
        self.table.set_table(
            [_("Equipment loans"), _("Number")],
            [[text, format_number(n, self._locale)] for text, n in figure_lines(figures)],
        )
