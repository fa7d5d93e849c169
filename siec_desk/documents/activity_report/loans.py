"""The monthly report's "Equipment loans" lines (schema 0017): items lent in the period,
households that borrowed, items out and overdue at its end. Plain, picklable data,
composed in the report's language from the figures it is given; the XLSX gives them a
few rows of the summary sheet."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from siec_desk.core.formatting import format_number
from siec_desk.core.i18n import _, language_override, pgettext
from siec_desk.documents.activity_report.events import EventLine
from siec_desk.domain.loan_records import LoanFigures
from siec_desk.texts.loan_text import figure_lines, figures_note

if TYPE_CHECKING:
    from siec_desk.documents.engine.xlsx import Sheet


@dataclass(frozen=True)
class LoansReport:
    title: str
    lines: tuple[EventLine, ...]
    note: str


def compose_loans(figures: LoanFigures, *, language: str, locale: str) -> LoansReport:
    with language_override(language):
        return LoansReport(
            title=_("Equipment loans"),
            lines=tuple(
                EventLine(text, value, format_number(value, locale))
                for text, value in figure_lines(figures)
            ),
            note=figures_note(),
        )


def loan_rows(sheet: Sheet, loans: LoansReport | None) -> None:
    """The loans' lines under the summary sheet's figures."""
    if loans is None:
        return
    from siec_desk.documents.engine.xlsx import COUNT  # openpyxl: only when writing a book

    sheet.blank()
    sheet.row([loans.title, pgettext("quantity", "Number")])
    for line in loans.lines:
        sheet.row([line.label, line.value], [None, COUNT])
    sheet.row([loans.note])
