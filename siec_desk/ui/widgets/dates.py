"""Date and time editors that read correctly in right-to-left layouts.

Qt lays out a QDateTimeEdit's sections in the widget's direction, so in Arabic
"09:36" became "36:09". Dates and times are left-to-right values (Maghreb practice uses
Latin digits, day/month/year): the editors are kept left-to-right, with an explicit
day/month/year format.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QDateTime, Qt
from PySide6.QtWidgets import QDateEdit, QDateTimeEdit


def date_edit(value: QDate) -> QDateEdit:
    edit = QDateEdit(value)
    edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setCalendarPopup(True)
    return edit


def date_time_edit(value: QDateTime) -> QDateTimeEdit:
    edit = QDateTimeEdit(value)
    edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    edit.setDisplayFormat("dd/MM/yyyy HH:mm")
    edit.setCalendarPopup(True)
    return edit
