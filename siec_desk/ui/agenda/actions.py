"""What the agenda does to a follow-up, on the DB thread, each pushed on the application's
undo stack (Edit ▸ Undo, Ctrl+Z; ``ui/kit/undo.py``): the undo restores the previous
state (status, day, time, note) with the version check, the redo does the action again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time

from siec_desk.core.i18n import _
from siec_desk.domain.agenda import FollowUpChange, FollowUpState
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.kit.undo import push_undoable


@dataclass
class _Versions:
    """The consultation's version after the last action, undo or redo (the next check)."""

    value: int


class AgendaActions:
    def __init__(self, ui: UiContext) -> None:
        self.ui = ui

    def done(self, consultation_id: int, version: int, note: str | None) -> None:
        agenda = self.ui.app.agenda
        self._run(
            _("Mark the follow-up done"),
            lambda v: agenda.mark_done(consultation_id, note, expected_version=v),
            version,
        )

    def cancel(self, consultation_id: int, version: int, note: str | None) -> None:
        agenda = self.ui.app.agenda
        self._run(
            _("Cancel the follow-up"),
            lambda v: agenda.cancel(consultation_id, note, expected_version=v),
            version,
        )

    def postpone(self, consultation_id: int, version: int, to: date, at: time | None) -> None:
        agenda = self.ui.app.agenda
        self._run(
            _("Postpone the follow-up"),
            lambda v: agenda.postpone(consultation_id, to, at, expected_version=v),
            version,
        )

    def _run(self, text: str, act: Callable[[int], FollowUpChange], version: int) -> None:
        """Do *act* now; once done, push its undo (restore) and redo (*act* again)."""
        agenda, changed = self.ui.app.agenda, self.ui.events.consultations_changed.emit

        def pushed(change: FollowUpChange) -> None:
            versions = _Versions(change.version)
            previous: FollowUpState = change.previous

            def undo() -> None:
                versions.value = agenda.restore(previous, expected_version=versions.value)

            def redo() -> None:
                versions.value = act(versions.value).version

            push_undoable(self.ui, text, undo=undo, redo=redo, changed=changed)
            changed()

        self.ui.runner.run(lambda: act(version), pushed, self._failed)

    def _failed(self, exc: Exception) -> None:
        self.ui.show_error(exc)
        self.ui.events.consultations_changed.emit()  # show what is stored now
