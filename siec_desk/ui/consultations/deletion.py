"""Deleting a consultation can be undone: Edit ▸ Undo restores the snapshot delete returned."""

from __future__ import annotations

from siec_desk.core.i18n import _
from siec_desk.services.consultation_restore import ConsultationSnapshot
from siec_desk.services.consultations import ConsultationService
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.kit.undo import push_undoable


class _Deleted:
    """The deleted consultation as undo and redo see it (its id may change on restore
    when the old one was taken meanwhile)."""

    def __init__(self, service: ConsultationService, snapshot: ConsultationSnapshot) -> None:
        self.service = service
        self.snapshot = snapshot
        self.consultation_id = snapshot.id

    def restore(self) -> None:  # on the DB thread
        self.consultation_id = self.service.restore(self.snapshot)

    def delete(self) -> None:  # on the DB thread
        self.snapshot = self.service.delete(self.consultation_id)


def undoable_delete(ui: UiContext, snapshot: ConsultationSnapshot) -> None:
    """Offer Edit ▸ Undo for a consultation just deleted (this session only)."""
    deleted = _Deleted(ui.app.consultations, snapshot)
    push_undoable(
        ui,
        _("Delete consultation"),
        undo=deleted.restore,
        redo=deleted.delete,
        changed=ui.events.consultations_changed.emit,
    )
