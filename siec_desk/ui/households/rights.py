"""A household's rights on its detail pane: "Export data…" (JSON or a readable PDF in its
letter language) and "Erase…" (the household with its consultations, letters and files).

Both run on the DB thread; both are audited by the service (without the file's name).
The PDF is previewed first (``document_preview``: composed on the DB thread, rendered by
the document worker in a process of its own), then saved with Save as….
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from siec_desk.core.formatting import ltr
from siec_desk.core.i18n import _
from siec_desk.domain.household_records import HouseholdDetail
from siec_desk.texts.privacy import backups_still_hold, erase_done
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.models.household_list import isolate
from siec_desk.ui.widgets.builders import push_button

if TYPE_CHECKING:  # the preview and the document worker come when a PDF is asked for
    from siec_desk.documents.engine.worker import DocumentJob
    from siec_desk.services.rights import EraseResult, ExportResult, PdfExport
    from siec_desk.ui.kit.document_preview import DocumentPreviewDialog, Render

FILTERS = "JSON (*.json);;PDF (*.pdf)"


class HouseholdRightsActions(QObject):
    erased = Signal(int)

    def __init__(self, ui: UiContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.ui = ui
        self.household: HouseholdDetail | None = None
        self.preview_dialog: DocumentPreviewDialog | None = None
        #: How the PDF preview renders (None: the document worker; tests may replace it).
        self.render_pdf: Render | None = None
        self.counts = (0, 0)
        self.export_button = push_button(
            _("E&xport data…"), "household.export_data", _("Export data"), on_click=self.export
        )
        self.erase_button = push_button(
            _("E&rase…"), "household.erase", _("Erase"), on_click=self.erase
        )

    def set_household(self, household: HouseholdDetail, consultations: int, letters: int) -> None:
        self.household = household
        self.counts = (consultations, letters)

    # -- export ----------------------------------------------------------------------
    def export(self) -> None:
        if self.household is None:
            return
        household_id = self.household.summary.id
        chosen = self.ui.dialogs.save_file(
            _("Export the household's data"), f"household-{household_id}.json", FILTERS
        )
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() not in (".json", ".pdf"):
            path = path.with_name(path.name + ".json")
        if path.suffix.lower() == ".pdf":
            self.preview_pdf(household_id, path)
            return
        rights = self.ui.app.rights
        self.export_button.setEnabled(False)
        self.ui.runner.run(
            lambda: rights.export(household_id, path), self._exported, self._export_failed
        )

    def preview_pdf(self, household_id: int, suggested: Path) -> DocumentPreviewDialog:
        """The readable export in a preview dialog; Save as… writes and audits it."""
        from siec_desk.documents.engine.worker import render_in_process
        from siec_desk.ui.kit.document_preview import DocumentPreviewDialog, open_preview

        rights = self.ui.app.rights
        prepared: list[PdfExport] = []

        def compose() -> DocumentJob:
            prepared[:] = [rights.pdf_export(household_id)]
            return prepared[0].job

        parent = self.parent()
        self.preview_dialog = open_preview(
            DocumentPreviewDialog(
                self.ui,
                "household.export",
                _("Export the household's data"),
                compose,
                suggested,
                lambda path, pdf: rights.save_pdf(prepared[0], pdf, path),
                parent if isinstance(parent, QWidget) else None,
                render=self.render_pdf or render_in_process,
            )
        )
        return self.preview_dialog

    def _exported(self, result: ExportResult) -> None:
        self.export_button.setEnabled(True)
        self.ui.dialogs.info(
            _("Export data"),
            _("The data of household {id} was written to {path}").format(
                id=result.household_id, path=ltr(str(result.path))
            ),
        )

    def _export_failed(self, exc: Exception) -> None:
        self.export_button.setEnabled(True)
        self.ui.show_error(exc)

    # -- erasure ---------------------------------------------------------------------
    def erase(self) -> None:
        if self.household is None:
            return
        h = self.household
        consultations, letters = self.counts
        name = isolate(h.summary.display_name) or _("(no name)")
        question = (
            _(
                "Erase {name} (household {id})? Consultations: {k}. Letters: {l}. Everything "
                "stored about this household is removed, its letter files too. This cannot be "
                "undone."
            ).format(name=name, id=h.summary.id, k=consultations, l=letters)
            + "\n\n"
            + backups_still_hold()
        )
        if not self.ui.dialogs.confirm(_("Erase household"), question, _("Erase")):
            return
        rights = self.ui.app.rights
        household_id = h.summary.id
        self.ui.runner.run(lambda: rights.erase(household_id), self._erased)

    def _erased(self, result: EraseResult) -> None:
        self.household = None
        self.ui.dialogs.info(
            _("Erase household"),
            erase_done(result) + "\n\n" + backups_still_hold(),
        )
        self.erased.emit(result.household_id)
        self.ui.events.households_changed.emit()
        self.ui.events.consultations_changed.emit()
