"""The household form's duplicates panel: households that may already be recorded.

Shown when saving a new household finds possible duplicates (same phone, or same name
in the same commune); the advisor opens one of them or creates the new one anyway.
:class:`LiveDuplicates` looks already while the advisor types the name, phone or commune
(D25), a short pause after the last key, without taking the focus from the field.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from siec_desk.core.formatting import ltr
from siec_desk.core.i18n import _
from siec_desk.domain.household_records import HouseholdInput, HouseholdSummary
from siec_desk.domain.validation import format_phone
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.models.household_list import isolate
from siec_desk.ui.widgets.accessible import labelled, tag
from siec_desk.ui.widgets.builders import button_row, debounce_timer, push_button
from siec_desk.ui.widgets.form_fields import on_change

#: The pause after the last key before looking for duplicates.
LIVE_DELAY_MS = 600
#: The fields whose change may reveal a duplicate.
WATCHED = ("first_name", "last_name", "phone", "commune")


class DuplicatesPanel(QFrame):
    """``open_requested``: open the current household; ``create_requested``: save anyway."""

    open_requested = Signal()
    create_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        tag(self, "household_form.duplicates", _("Possible duplicates"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.duplicate_list = QListWidget()
        heading = labelled(
            _("This household may already be recorded:"),
            self.duplicate_list,
            "household_form.duplicates.list",
        )
        heading.setStyleSheet("font-weight: bold;")
        self.duplicate_list.setMaximumHeight(96)
        self.duplicate_list.itemActivated.connect(lambda _item: self.open_requested.emit())
        self.open_button = push_button(
            _("Open this household"),
            "household_form.open_duplicate",
            on_click=lambda: self.open_requested.emit(),
        )
        self.create_anyway_button = push_button(
            _("Create anyway"),
            "household_form.create_anyway",
            on_click=lambda: self.create_requested.emit(),
        )
        for button in (self.open_button, self.create_anyway_button):
            button.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.duplicate_list)
        layout.addLayout(button_row(self.open_button, self.create_anyway_button))
        self.hide()

    def show_households(
        self, found: list[HouseholdSummary], country: str, focus: bool = True
    ) -> None:
        """List *found* (name, phone, commune), show the panel and (*focus*) focus the list."""
        self.duplicate_list.clear()
        for s in found:
            parts = (
                isolate(s.display_name) or _("(no name)"),
                ltr(format_phone(s.phone, country)),
                isolate(s.commune),
            )
            item = QListWidgetItem(" · ".join(p for p in parts if p))
            item.setData(Qt.ItemDataRole.UserRole, s.id)
            self.duplicate_list.addItem(item)
        self.duplicate_list.setCurrentRow(0)
        self.show()
        if focus:
            self.duplicate_list.setFocus(Qt.FocusReason.OtherFocusReason)

    def current_id(self) -> int | None:
        """The household to open: the current one, else the first (None if the list is empty)."""
        item = self.duplicate_list.currentItem() or self.duplicate_list.item(0)
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))


class LiveDuplicates(QObject):
    """Looks for duplicates of a new household while it is typed (debounced); a newer
    look replaces an older one, and the panel goes when nothing matches any more."""

    def __init__(
        self,
        ui: UiContext,
        fields: Mapping[str, QWidget],
        collect: Callable[[], HouseholdInput],
        panel: DuplicatesPanel,
        country: str,
    ) -> None:
        super().__init__(panel)
        self.ui = ui
        self.collect = collect
        self.panel = panel
        self.country = country
        self._asked = 0
        self.timer = debounce_timer(self, LIVE_DELAY_MS, self.look)
        for name in WATCHED:
            if name in fields:
                on_change(fields[name], lambda *_args: self.timer.start())

    def cancel(self) -> None:
        """Saving looks itself: no late answer of a look under way."""
        self.timer.stop()
        self._asked += 1

    def look(self) -> None:
        data = self.collect()
        if not (data.phone or (data.last_name and data.commune)):
            self.panel.hide()
            return
        self._asked += 1
        asked = self._asked
        households = self.ui.app.households
        self.ui.runner.run(
            lambda: households.find_duplicates(data), lambda found: self._found(asked, found)
        )

    def _found(self, asked: int, found: list[HouseholdSummary]) -> None:
        if asked != self._asked:
            return  # the advisor typed on: a newer look is coming
        if found:
            self.panel.show_households(found, self.country, focus=False)
        else:
            self.panel.hide()
