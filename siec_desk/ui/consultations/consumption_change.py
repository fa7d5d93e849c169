"""The consumption before and after a consultation, as the outcome form shows it: one line
per kind of reading (``texts.readings.change_text``), read through the runner."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from siec_desk.core.formatting import isolate_ltr_runs, locale_for
from siec_desk.core.i18n import _
from siec_desk.domain.consumption import OUTCOME_MONTHS, ConsumptionChange
from siec_desk.texts.readings import change_text
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.widgets.accessible import tag


class ConsumptionChangeLabel(QLabel):
    """One line per kind ("Electricity (kWh): before …; after …"), or why there is none."""

    def __init__(self, ui: UiContext, household_id: int | None, consulted_on: date) -> None:
        super().__init__()
        tag(self, "outcome_form.consumption", _("Consumption before and after"))
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.ui = ui
        self.changes: list[ConsumptionChange] = []
        self.setText(_("No readings: add the household's bills on its page."))
        if household_id is not None:
            readings = ui.app.readings
            ui.runner.run(
                lambda: readings.before_after(household_id, consulted_on),
                self._loaded,
                ui.show_error,
            )

    def _loaded(self, changes: list[ConsumptionChange]) -> None:
        self.changes = changes
        if not changes:
            return
        centre = self.ui.app.centre
        locale = locale_for(None, centre.country)
        lines = [
            _("Average month, {months} months before and after the consultation:").format(
                months=OUTCOME_MONTHS
            )
        ]
        lines += [isolate_ltr_runs(change_text(c, centre.currency, locale)) for c in changes]
        self.setText("\n".join(lines))
