"""Write a report file whole or not at all, from a worker thread, cancellable at any time.

The PDF renders in a process of its own (``documents.worker``, the one document worker:
WeasyPrint never enters the calling process); cancelling terminates that process, so a
cancelled export stops at once rather than finishing in the background. The workbook is
built in the calling thread (openpyxl, a fraction of a second) and the cancel is honoured
right after. The file is written to ``<name>.partial`` and renamed under a lock shared
with :meth:`ReportExport.cancel`: once a cancel is accepted, nothing appears at the
chosen path (``core.files.write_whole``; :func:`write_file` for the preview dialog).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path

from siec_desk.core.files import write_whole
from siec_desk.documents.activity_report.content import ReportContent
from siec_desk.documents.engine.worker import (
    DocumentJob,
    RenderCancelledError,
    RenderProcessDiedError,
    render_in_process,
)

__all__ = ["ExportCancelledError", "RenderProcessDiedError", "ReportExport", "write_file"]

FORMATS = ("pdf", "xlsx")

#: Renders *content*; may return early by raising :class:`ExportCancelledError` once the event
#: is set.
Render = Callable[[ReportContent, threading.Event], bytes]
#: The export is cancelled: the document worker's own cancel.
ExportCancelledError = RenderCancelledError


def report_job(content: ReportContent) -> DocumentJob:
    return DocumentJob("report", content)


def render_pdf_in_process(
    content: ReportContent,
    cancelled: threading.Event,
    target: Callable[[Connection, DocumentJob], None] | None = None,
) -> bytes:
    """The report's PDF, rendered by the document worker (``documents.worker``) in a
    process of its own, terminated if *cancelled*; *target*: see ``render_in_process``."""
    job = report_job(content)
    if target is None:
        return render_in_process(job, cancelled).pdf
    return render_in_process(job, cancelled, target).pdf


def build_workbook(content: ReportContent, _cancelled: threading.Event) -> bytes:
    """The report's workbook; written in well under a second, so never cancelled midway."""
    from siec_desk.documents.activity_report.xlsx import report_workbook

    return report_workbook(content)


RENDERERS: dict[str, Render] = {"pdf": render_pdf_in_process, "xlsx": build_workbook}


class ReportExport:
    """One export of *content* as *fmt* to *path*; ``run`` blocks (call it off the GUI
    thread), ``cancel`` may be called from any thread."""

    def __init__(
        self, content: ReportContent, fmt: str, path: Path, render: Render | None = None
    ) -> None:
        if fmt not in FORMATS:
            raise ValueError(f"unknown report format {fmt!r}")
        self.content = content
        self.fmt = fmt
        self.path = path
        self.stage = "waiting"  # waiting | rendering | writing | done | cancelled | failed
        self._render = render or RENDERERS[fmt]
        self._cancelled = threading.Event()
        self._lock = threading.Lock()
        self._written = False

    @property
    def partial(self) -> Path:
        return self.path.with_name(self.path.name + ".partial")

    def cancel(self) -> bool:
        """Stop the export. False when too late: the file is already in place."""
        with self._lock:
            if self._written:
                return False
            self._cancelled.set()
            return True

    def run(self) -> Path:
        """Render and write; the path written, or :class:`ExportCancelledError`."""
        try:
            self.stage = "rendering"
            data = self._render(self.content, self._cancelled)
            if self._cancelled.is_set():
                raise ExportCancelledError
            self.stage = "writing"
            self._write(data)
        except ExportCancelledError:
            self.stage = "cancelled"
            raise
        except BaseException:
            self.stage = "failed"
            raise
        self.stage = "done"
        return self.path

    def _write(self, data: bytes) -> None:
        try:
            if not write_whole(self.path, data, self._lock, self._commit):
                raise ExportCancelledError
        except BaseException:
            self._written = False
            raise

    def _commit(self) -> bool:
        """Under the lock: may the file be put in place (no cancel accepted)?"""
        if self._cancelled.is_set():
            return False
        self._written = True
        return True


def write_file(path: Path, data: bytes) -> Path:
    """Write *data* to *path* whole or not at all (:func:`~siec_desk.core.files.write_whole`)."""
    write_whole(path, data)
    return path
