"""The catalogue search of the measures panel: type part of a name, Enter adds.

:class:`CatalogueSearch` owns the search box, the list of matching catalogue measures
(a measure that cannot be added is greyed with the reason) and the Add button; the
panel (:mod:`siec_desk.ui.consultations.measures_panel`) says which measures are chosen
and why one is blocked, and adds the highlighted one. Up and Down in the box move in the
list; Enter in either adds and never reaches the dialog's Save.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import cast

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
)

from siec_desk.core.i18n import _
from siec_desk.domain.normalise import fold
from siec_desk.services.measures import MeasureInfo
from siec_desk.ui.widgets.accessible import tag
from siec_desk.ui.widgets.measure_row import KIND_LABELS


class CatalogueSearch(QObject):
    """The search box, the matches and Add of the measures panel."""

    def __init__(
        self,
        catalogue: Mapping[str, MeasureInfo],
        blocked_reason: Callable[[str], str],
        chosen: Callable[[], set[str]],
        add: Callable[[], None],
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self._blocked_reason = blocked_reason
        self._chosen = chosen
        self._add = add
        self._folded = {code: fold(info.name) for code, info in catalogue.items()}
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Type part of a name; Enter adds"))
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget()
        tag(self.results, "measures.catalogue", _("Catalogue matches"))
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for info in catalogue.values():
            item = QListWidgetItem(info.name)
            item.setData(Qt.ItemDataRole.UserRole, info.code)
            item.setToolTip(f"{KIND_LABELS.get(info.kind, info.kind)} — {info.why}")
            self.results.addItem(item)
        self.results.setFixedHeight(
            self.results.sizeHintForRow(0) * 5 + 2 * self.results.frameWidth()
        )
        self.add_button = QPushButton(_("&Add"))
        tag(self.add_button, "measures.add", _("Add the measure"))
        self.add_button.setToolTip(_("Add the highlighted measure (Enter)"))
        self.search.textChanged.connect(self.filter)
        self.search.installEventFilter(self)
        self.results.installEventFilter(self)
        self.results.itemActivated.connect(lambda _item: add())
        self.add_button.clicked.connect(add)

    def filter(self, text: str) -> None:
        """Show the measures whose name holds every word of *text*, not yet chosen."""
        words = fold(text).split()
        chosen = self._chosen()
        first: QListWidgetItem | None = None
        for index in range(self.results.count()):
            item = self.results.item(index)
            code = str(item.data(Qt.ItemDataRole.UserRole))
            folded = self._folded.get(code, "")
            hidden = code in chosen or not all(word in folded for word in words)
            item.setHidden(hidden)
            reason = self._blocked_reason(code)
            self._grey(item, code, reason)
            if not hidden and not reason and first is None:
                first = item
        current = self.results.currentItem()
        if current is None or current.isHidden():
            # None clears the current item (Qt takes a null item; its stubs do not say so).
            self.results.setCurrentItem(cast(QListWidgetItem, first))
        self.add_button.setEnabled(first is not None)

    def _grey(self, item: QListWidgetItem, code: str, reason: str) -> None:
        """Offered greyed with the reason when the measure cannot be added."""
        info = self.catalogue[code]
        flags = item.flags()
        if reason:
            item.setFlags(flags & ~Qt.ItemFlag.ItemIsEnabled)
            item.setText(_("{name} — {reason}").format(name=info.name, reason=reason))
            item.setToolTip(reason)
        else:
            item.setFlags(flags | Qt.ItemFlag.ItemIsEnabled)
            item.setText(info.name)
            item.setToolTip(f"{KIND_LABELS.get(info.kind, info.kind)} — {info.why}")

    def _step_results(self, step: int) -> None:
        visible = [
            self.results.item(i)
            for i in range(self.results.count())
            if not self.results.item(i).isHidden()
            and self.results.item(i).flags() & Qt.ItemFlag.ItemIsEnabled
        ]
        if not visible:
            return
        current = self.results.currentItem()
        index = visible.index(current) + step if current in visible else 0
        self.results.setCurrentItem(visible[max(0, min(index, len(visible) - 1))])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Enter adds (and never reaches the dialog's Save); arrows in the search move."""
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and watched in (self.search, self.results):
            self._add()
            return True
        if watched is self.search and key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self._step_results(1 if key == Qt.Key.Key_Down else -1)
            return True
        return False
