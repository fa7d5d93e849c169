"""A dialog that asks before dropping unsaved changes: the household form, the
consultation editor and the letter settings.

Cancel, Escape and the window's close button all go through :meth:`GuardedDialog.reject`:
nothing changed (or the dialog closes on purpose) → it closes; else the user is asked
"Save", "Discard" or "Cancel" about :attr:`~GuardedDialog.unsaved_subject`. "Save" saves
and the dialog closes only if the save works; while a save is under way
(:meth:`~GuardedDialog.is_saving`) closing waits. :func:`report_save_error` tells why a
save failed, the same way in the three dialogs.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog

from siec_desk.core.errors import ConflictError, FieldError, ValidationError
from siec_desk.core.i18n import LazyText
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.kit.dialogs import Unsaved


class GuardedDialog(QDialog):
    """A record's dialog whose closing asks about unsaved changes (see the module)."""

    ui: UiContext
    #: What the question is about (``N_("This household")``), translated when asked.
    unsaved_subject: LazyText
    #: Set when closing on purpose (after a save, opening another record): no question.
    _closing = False

    def is_modified(self) -> bool:
        raise NotImplementedError

    def save_changes(self) -> None:
        """Save; the dialog closes itself once the save worked."""
        raise NotImplementedError

    def is_saving(self) -> bool:
        """A save is under way: closing waits for it."""
        return False

    def reject(self) -> None:
        """Cancel, Escape and the window's close button: ask first if anything changed."""
        if self.is_saving():
            return
        if self._closing or not self.is_modified():
            super().reject()
            return
        answer = self.ui.dialogs.ask_unsaved(str(self.unsaved_subject))
        if answer is Unsaved.SAVE:
            self.save_changes()
        elif answer is Unsaved.DISCARD:
            self._closing = True
            super().reject()


def report_save_error(
    ui: UiContext,
    exc: Exception,
    show_errors: Callable[[list[FieldError]], None],
    resolve_conflict: Callable[[ConflictError], None] | None = None,
) -> None:
    """Why a record's save failed: refused values under their fields (*show_errors*),
    someone else's earlier save through *resolve_conflict* (records with versions),
    anything else in one message."""
    if isinstance(exc, ValidationError):
        show_errors(exc.errors)
    elif isinstance(exc, ConflictError) and resolve_conflict is not None:
        resolve_conflict(exc)
    else:
        ui.show_error(exc)
