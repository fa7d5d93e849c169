"""What the monthly report says: translated labels, raw numbers (for Excel) and formatted
text (for the PDF), in the report's language. Plain, picklable data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from siec_desk.documents.activity_report.events import EventsReport
from siec_desk.documents.activity_report.loans import LoansReport


@dataclass(frozen=True)
class Figure:
    """One key figure: this period, the previous one and the same period a year earlier."""

    label: str
    unit: str  # count | minutes | days | share | kwh | money | co2
    current: float | None
    previous: float | None
    year_before: float | None
    text: str
    previous_text: str
    year_before_text: str
    change_previous: str
    change_year: str


@dataclass(frozen=True)
class BreakdownRow:
    label: str
    consultations: int
    households: int
    duration_min: int
    kwh: float
    money_minor: int
    co2_kg: float
    share: float  # of the largest row, for the bar


@dataclass(frozen=True)
class Breakdown:
    code: str
    title: str
    rows: tuple[BreakdownRow, ...]


@dataclass(frozen=True)
class TrendMonth:
    label: str
    consultations: int
    households: int
    first_day: date | None = None  # the month, for Excel (a date, not its label)


@dataclass(frozen=True)
class ReportContent:
    language: str
    direction: str
    locale: str
    currency: str
    title: str
    period_code: str
    period_label: str
    centre_name: str
    generated_on: str
    figures: tuple[Figure, ...]
    trend: tuple[TrendMonth, ...]
    breakdowns: tuple[Breakdown, ...]
    notes: tuple[str, ...]
    generated: date | None = None  # the day it was made, for Excel (a date)
    events: EventsReport | None = None  # events and people reached (schema 0016)
    loans: LoansReport | None = None  # equipment loans (schema 0017)
