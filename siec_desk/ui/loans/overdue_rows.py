"""Loan rows in a table with the overdue ones in bold dark red: the Loans page, Today's
"Loans due back" and the household page's box share it (kept apart from the page so that
Today does not load the slip and the document worker at start-up)."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

#: Overdue rows: dark red text (readable on both row colours), bold.
OVERDUE = QColor("#b71c1c")


def fill_table(table: QTableWidget, rows: list[tuple[str, ...]], overdue: list[bool]) -> None:
    """*rows* in *table*; overdue ones in bold dark red."""
    table.setRowCount(len(rows))
    for row, (cells, late) in enumerate(zip(rows, overdue, strict=True)):
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if late:
                item.setForeground(QBrush(OVERDUE))
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
            table.setItem(row, column, item)
