"""The consultation editor's follow-up: the action, the "Follow-up due" box, the day,
the optional time and the kind, and D5's rule as the form applies it: typing an action
ticks the box and proposes the next working day, and leaving the action field lands on
that day, so it is seen and can be changed (the rule itself, an action never without a
day, is ``domain/consultation_rules.py``'s)."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QDate, QObject, Qt
from PySide6.QtWidgets import QCheckBox, QDateEdit, QDateTimeEdit, QLineEdit

from siec_desk.domain.agenda import next_working_day
from siec_desk.ui.agenda.time_field import TimeField
from siec_desk.ui.widgets.code_combo import CodeCombo
from siec_desk.ui.widgets.dates import from_qdate, to_qdate


class FollowUpFields(QObject):
    def __init__(
        self,
        action: QLineEdit,
        check: QCheckBox,
        due: QDateEdit,
        at: TimeField,
        kind: CodeCombo,
    ) -> None:
        super().__init__(action)
        self.action, self.check, self.due, self.at, self.kind = action, check, due, at, kind
        self.identified = False
        self.proposed = False  # a day was proposed and the action field not yet left
        action.textEdited.connect(self._typed)
        action.editingFinished.connect(self._left_action)
        check.toggled.connect(lambda _on: self.set_identified(self.identified))

    def set_identified(self, identified: bool) -> None:
        """A follow-up needs a household: everything is disabled without one."""
        self.identified = identified
        self.action.setEnabled(identified)
        self.check.setEnabled(identified)
        planned = identified and self.check.isChecked()
        self.due.setEnabled(planned)
        self.at.setEnabled(planned)
        self.kind.setEnabled(planned)

    def _typed(self, text: str) -> None:
        if text.strip() and not self.check.isChecked():
            self.due.setDate(to_qdate(next_working_day(date.today())))
            self.check.setChecked(True)
            self.proposed = True

    def _left_action(self) -> None:
        if self.proposed:
            self.proposed = False
            self.due.setFocus(Qt.FocusReason.TabFocusReason)
            self.due.setSelectedSection(QDateTimeEdit.Section.DaySection)

    def load(self, due: date | None, at: time | None, kind: str | None) -> None:
        self.check.setChecked(due is not None)
        if due is not None:
            self.due.setDate(to_qdate(due))
        self.at.set_value(at)
        self.kind.set_code(kind)

    def due_date(self) -> date | None:
        if not (self.identified and self.check.isChecked()):
            return None
        return from_qdate(self.due.date())

    def time_of_day(self) -> time | None:
        return self.at.value() if self.due_date() is not None else None

    def kind_code(self) -> str | None:
        return self.kind.code() if self.due_date() is not None else None

    def problem(self) -> str | None:
        """The one line that says the time is not a time (only with a day)."""
        return self.at.problem() if self.due_date() is not None else None

    def state(self) -> tuple[object, ...]:
        """What the unsaved-changes check compares."""
        day: QDate = self.due.date()
        return (self.check.isChecked(), day, self.at.text(), self.kind.code())
