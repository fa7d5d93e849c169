"""The loan slip of a loan: "Slip…" opens the document preview (Save as…, Print…); the
slip is composed on the database thread and rendered by the document worker."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from siec_desk.core.i18n import _
from siec_desk.ui.kit.context import UiContext

if TYPE_CHECKING:  # the preview and the document worker: when a slip is asked for
    from siec_desk.ui.kit.document_preview import DocumentPreviewDialog, Render


def open_loan_slip(
    ui: UiContext, loan_id: int, parent: QWidget | None, render: Render | None = None
) -> DocumentPreviewDialog:
    """The slip in a preview (*render*: the document worker unless a test gives one)."""
    from siec_desk.documents.engine.worker import render_in_process
    from siec_desk.ui.kit.document_preview import DocumentPreviewDialog, open_preview

    service = ui.app.loan_slips
    return open_preview(
        DocumentPreviewDialog(
            ui,
            "loans.slip",
            _("Equipment loan slip"),
            lambda: service.job(loan_id),
            Path(f"loan-slip-{loan_id}.pdf"),
            lambda path, pdf: service.save_copy(pdf, path),
            parent,
            render=render or render_in_process,
        )
    )
