"""Reporting periods: a month, a quarter, a year or custom dates, with the periods they
are compared with. A period covers whole days, ``start`` to ``end`` inclusive; stored
consultation times are the centre's local wall-clock time, so no time zone applies."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from siec_desk.core.errors import FieldError, ValidationError
from siec_desk.core.i18n import _


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive
    kind: str = "custom"  # month | quarter | year | custom

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValidationError([FieldError("end", _("The end date is before the start date."))])

    @property
    def starts_at(self) -> datetime:
        return datetime.combine(self.start, datetime.min.time())

    @property
    def ends_before(self) -> datetime:
        """The first instant after the period (exclusive bound for SQL)."""
        return datetime.combine(self.end + timedelta(days=1), datetime.min.time())

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def previous(self) -> Period:
        """The period just before, of the same kind (same number of days if custom)."""
        if self.kind == "month":
            return month(_shift_month(self.start, -1))
        if self.kind == "quarter":
            return quarter(_shift_month(self.start, -3))
        if self.kind == "year":
            return year(self.start.year - 1)
        return Period(self.start - timedelta(days=self.days), self.start - timedelta(days=1))

    def year_before(self) -> Period:
        """The same period one year earlier (29 February maps to 28 February)."""
        if self.kind == "month":
            return month(date(self.start.year - 1, self.start.month, 1))
        if self.kind == "quarter":
            return quarter(date(self.start.year - 1, self.start.month, 1))
        if self.kind == "year":
            return year(self.start.year - 1)
        return Period(_minus_year(self.start), _minus_year(self.end))

    def code(self) -> str:
        if self.kind == "month":
            return f"{self.start:%Y-%m}"
        if self.kind == "quarter":
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        if self.kind == "year":
            return str(self.start.year)
        return f"{self.start.isoformat()}..{self.end.isoformat()}"


def _shift_month(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _minus_year(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def month(first_day: date) -> Period:
    start = first_day.replace(day=1)
    return Period(start, _shift_month(start, 1) - timedelta(days=1), "month")


def quarter(any_day: date) -> Period:
    start = date(any_day.year, (any_day.month - 1) // 3 * 3 + 1, 1)
    return Period(start, _shift_month(start, 3) - timedelta(days=1), "quarter")


def year(number: int) -> Period:
    return Period(date(number, 1, 1), date(number, 12, 31), "year")


def last_months(end: Period, count: int) -> list[Period]:
    """*count* consecutive months ending with the month of ``end.start``, oldest first."""
    last = month(end.start)
    months = [last]
    for _i in range(count - 1):
        months.insert(0, months[0].previous())
    return months


_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$", re.IGNORECASE)
_YEAR = re.compile(r"^(\d{4})$")


def parse_period(text: str) -> Period:
    """``2025-03``, ``2025-Q1``, ``2025`` or ``2025-01-15..2025-02-14``."""
    value = text.strip()
    try:
        if m := _MONTH.match(value):
            return month(date(int(m[1]), int(m[2]), 1))
        if m := _QUARTER.match(value):
            return quarter(date(int(m[1]), (int(m[2]) - 1) * 3 + 1, 1))
        if m := _YEAR.match(value):
            return year(int(m[1]))
        if ".." in value:
            first, last = value.split("..", 1)
            return Period(date.fromisoformat(first), date.fromisoformat(last))
    except ValueError:
        pass
    raise ValidationError(
        [
            FieldError(
                "period",
                _("“{value}” is not a period (YYYY-MM, YYYY-Qn, YYYY or DATE..DATE).").format(
                    value=text
                ),
            )
        ]
    )
