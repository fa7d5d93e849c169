"""The consultation editor's orientations: a checkable list of where the household was
referred (several allowed), with a line saying what is ticked.

Space ticks or unticks the highlighted orientation; arrows move; the list is one Tab
stop. The codes are ``texts.labels.ORIENTATIONS`` (``domain.codes.Orientation``).
"""

from __future__ import annotations

from collections.abc import Iterable

from babel.lists import format_list
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListView, QListWidget, QListWidgetItem

from siec_desk.core.i18n import _
from siec_desk.texts.labels import ORIENTATIONS
from siec_desk.ui.widgets.accessible import tag

_HINT_STYLE = "color: palette(placeholder-text);"  # no italic: it loses Arabic glyphs
_ROWS_SHOWN = 5


class OrientationList(QListWidget):
    """Tick where the household was referred; :meth:`chosen` gives the codes in order."""

    def __init__(self, locale: str) -> None:
        super().__init__()
        self._locale = locale
        for code, text in ORIENTATIONS.items():
            item = QListWidgetItem(str(text))
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setToolTip(str(text))
            self.addItem(item)
        self.setFixedHeight(self.sizeHintForRow(1) * (_ROWS_SHOWN + 1) + 2 * self.frameWidth())
        # Long names ("Mon Accompagnateur Rénov' or Anah operator") wrap, with one more
        # row of height for it, instead of hiding behind a horizontal scroll bar.
        self.setWordWrap(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setToolTip(_("Space ticks or unticks the highlighted orientation."))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet(_HINT_STYLE)
        tag(self.summary, "consultation.orientations_summary")
        self.itemChanged.connect(lambda _item: self._update_summary())
        self._update_summary()

    def chosen(self) -> list[str]:
        items = (self.item(i) for i in range(self.count()))
        return [
            str(item.data(Qt.ItemDataRole.UserRole))
            for item in items
            if item is not None and item.checkState() == Qt.CheckState.Checked
        ]

    def set_chosen(self, codes: Iterable[str]) -> None:
        wanted = set(codes)
        for index in range(self.count()):
            item = self.item(index)
            if item is not None:
                checked = item.data(Qt.ItemDataRole.UserRole) in wanted
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def _update_summary(self) -> None:
        chosen = [str(ORIENTATIONS[code]) for code in self.chosen()]
        self.summary.setText(
            _("Referred to: {orientations}").format(
                orientations=format_list(chosen, locale=self._locale)
            )
            if chosen
            else _("Not referred anywhere")
        )
