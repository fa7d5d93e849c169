"""The Qt binding must not leak references to None or booleans (PySide6 6.12.0 on 3.11 did).

Every such call released one reference; on Python 3.11 None and the booleans are not
immortal, so a day of use ended in "Fatal Python error: none_dealloc".
"""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QLabel, QTableWidgetItem


def test_calls_returning_none_or_bool_keep_their_references(qapp) -> None:  # type: ignore[no-untyped-def]
    item = QTableWidgetItem("x")
    label = QLabel()
    brush = QBrush(QColor("#b3261e"))
    none_before, false_before = sys.getrefcount(None), sys.getrefcount(False)
    for _ in range(200):
        item.setData(Qt.ItemDataRole.AccessibleTextRole, "x")
        item.setForeground(brush)
        label.setText("y")
        label.isVisible()
    assert abs(sys.getrefcount(None) - none_before) < 50
    assert abs(sys.getrefcount(False) - false_before) < 50
