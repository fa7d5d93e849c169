"""The attestation of a prior France Rénov' appointment, from its consultation.

"Attestation…" opens the document preview (Save as…, Print…). On the DB thread the
attestation service gives the archived attestation, or numbers, renders (in the document
worker's process: never WeasyPrint in the GUI or DB thread) and archives a new one; the
preview then shows the archived file as it is, so printing again gives the same number
and the same document.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtWidgets import QWidget

from siec_desk.core.i18n import _
from siec_desk.documents.engine.pdf import RenderedPdf
from siec_desk.documents.engine.worker import DocumentJob, render_in_process
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.kit.document_preview import DocumentPreviewDialog, Render, open_preview


def open_attestation(
    ui: UiContext,
    consultation_id: int,
    parent: QWidget | None,
    render: Render = render_in_process,
) -> DocumentPreviewDialog:
    """The preview of the consultation's attestation (issued the first time)."""
    service = ui.app.attestations

    def issue_render(job: DocumentJob) -> RenderedPdf:
        return render(job, threading.Event())  # a new attestation, on the DB thread

    def compose() -> DocumentJob:
        return service.preview_job(consultation_id, issue_render)

    return open_preview(
        DocumentPreviewDialog(
            ui,
            "consultation.attestation",
            _("Attestation of a France Rénov' appointment"),
            compose,
            Path(f"attestation-{consultation_id}.pdf"),
            lambda path, pdf: service.save_copy(pdf, path),
            parent,
            render=render,
        )
    )
