"""The consultation editor's household row: who the consultation is for.

It shows the linked household, or offers a search to link one (matches pop up as the
advisor types; Enter picks the only match) and a button to make the consultation
anonymous again. The editor decides what a choice means through ``chosen``/``cleared``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import cast

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal, SignalInstance
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from siec_desk.core.formatting import ltr
from siec_desk.core.i18n import _
from siec_desk.domain.household_records import HouseholdSummary
from siec_desk.domain.normalise import fold
from siec_desk.domain.validation import format_phone
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.widgets.accessible import tag


def isolated(text: str) -> str:
    """Latin-script text (names, phones) isolated so it reads right inside Arabic."""
    if any("\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f" for c in text):
        return text
    return ltr(text)


def household_text(summary: HouseholdSummary, country: str | None = None) -> str:
    """Name · commune · phone; the phone as the rest of the desk shows it (national
    format for the centre's *country*, D14), isolated so that "+212…" keeps its "+"."""
    phone = format_phone(summary.phone, country) if country and summary.phone else summary.phone
    name = summary.display_name or phone or summary.email or f"#{summary.id}"
    parts = [isolated(name)] + [isolated(p) for p in (summary.commune, phone) if p]
    return " · ".join(dict.fromkeys(parts))


class HouseholdPicker(QWidget):
    """``chosen(summary)`` when the advisor picks a match; ``cleared`` for "anonymous"."""

    chosen = Signal(object)
    cleared = Signal()

    def __init__(self, ui: UiContext, error: QLabel) -> None:
        """*error* is the row's (hidden) error line, shown under the search."""
        super().__init__()
        self.ui = ui
        self._matches: dict[int, HouseholdSummary] = {}
        self.household_label = QLabel()
        self.household_label.setStyleSheet("font-weight: 600;")
        self.household_label.setWordWrap(True)
        tag(self.household_label, "consultation.household")
        self.anonymous_button = QPushButton(_("Make anon&ymous"))
        tag(self.anonymous_button, "consultation.household_clear")
        self.anonymous_button.setToolTip(_("Unlink the household: first-level information"))
        self.anonymous_button.clicked.connect(lambda: self.cleared.emit())
        self.household_search = QLineEdit()
        self.household_search.setPlaceholderText(_("Type a name, phone or commune to link"))
        self.household_search.setClearButtonEnabled(True)
        self._household_model = QStandardItemModel(self)
        completer = QCompleter(self._household_model, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        # An overloaded signal is indexed by its argument type at run time (here the index,
        # not the text), but Qt's stubs type it as a SignalInstance without __getitem__.
        overloads = cast("Mapping[type, SignalInstance]", completer.activated)
        overloads[QModelIndex].connect(self._household_chosen)
        popup = completer.popup()  # Qt creates the popup on first call: never None
        assert popup is not None
        tag(popup, "consultation.household_matches", _("Matching households"))
        self.household_search.setCompleter(completer)
        self.household_search.textEdited.connect(self._search_households)
        self.household_search.installEventFilter(self)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.household_label, 1)
        top.addWidget(self.anonymous_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(top)
        column.addWidget(self.household_search)
        column.addWidget(error)

    def show_household(self, text: str | None, locked: bool) -> None:
        """*text* names the linked household (None: anonymous); *locked*: no changing it."""
        identified = text is not None
        if text is not None:
            self.household_label.setText(text)
        else:
            self.household_label.setText(_("Anonymous first-level information"))
        self.household_search.setVisible(not locked and not identified)
        self.anonymous_button.setVisible(not locked and identified)

    def _search_households(self, text: str) -> None:
        wanted = text.strip()
        if len(fold(wanted)) < 2:
            self._household_model.clear()
            self._matches = {}
            return
        self.ui.runner.run(
            lambda: self.ui.app.households.search(wanted, 10),
            lambda rows: self._show_matches(wanted, rows),
        )

    def _show_matches(self, wanted: str, rows: list[HouseholdSummary]) -> None:
        if wanted != self.household_search.text().strip():
            return  # the user typed on; a newer search is on its way
        self._household_model.clear()
        self._matches = {row.id: row for row in rows}
        for row in rows:
            item = QStandardItem(household_text(row, self.ui.app.centre.country))
            item.setData(row.id, Qt.ItemDataRole.UserRole)
            self._household_model.appendRow(item)
        if rows:
            self.household_search.completer().complete()

    def _household_chosen(self, index: QModelIndex) -> None:
        summary = self._matches.get(index.data(Qt.ItemDataRole.UserRole))
        if summary is not None:
            self.chosen.emit(summary)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Enter in the household search picks the only match instead of saving."""
        if (
            watched is self.household_search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            if len(self._matches) == 1 and self.household_search.text().strip():
                self.chosen.emit(next(iter(self._matches.values())))
            return True
        return False
