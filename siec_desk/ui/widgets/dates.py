"""Date and time editors that read correctly in right-to-left layouts.

Qt lays out a QDateTimeEdit's sections in the widget's direction, so in Arabic
"09:36" became "36:09". Dates and times are left-to-right values (Maghreb practice uses
Latin digits, day/month/year): the editors are kept left-to-right, with an explicit
day/month/year format.

The conversions between Python's and Qt's dates are written out: PySide6 converts them at
run time, but its stubs know neither ``QDate(date)`` nor what ``toPython()`` returns. Times
are naive local wall-clock times on both sides (as the database stores them).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TypeVar

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import QDateEdit, QDateTimeEdit

_Edit = TypeVar("_Edit", bound=QDateTimeEdit)


def _left_to_right(edit: _Edit, display: str) -> _Edit:
    """Sections in reading order whatever the layout, with a calendar to pick from."""
    edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    edit.setDisplayFormat(display)
    edit.setCalendarPopup(True)
    return edit


def date_edit(value: QDate) -> QDateEdit:
    return _left_to_right(QDateEdit(value), "dd/MM/yyyy")


def date_time_edit(value: QDateTime) -> QDateTimeEdit:
    return _left_to_right(QDateTimeEdit(value), "dd/MM/yyyy HH:mm")


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def to_qdatetime(value: datetime) -> QDateTime:
    """*value*'s wall-clock time (a time zone, if any, is ignored, as PySide6 does)."""
    time = QTime(value.hour, value.minute, value.second, value.microsecond // 1000)
    return QDateTime(to_qdate(value), time)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def from_qdatetime(value: QDateTime) -> datetime:
    day, time = value.date(), value.time()
    return datetime(
        day.year(),
        day.month(),
        day.day(),
        time.hour(),
        time.minute(),
        time.second(),
        time.msec() * 1000,
    )
