"""Write a report file whole or not at all, from a worker thread, cancellable at any time.

The PDF renders in a spawned process of its own (WeasyPrint never enters the calling
process); cancelling terminates that process, so a cancelled export stops at once rather
than finishing in the background. The workbook is built in the calling thread (openpyxl,
a fraction of a second) and the cancel is honoured right after. The file is written to
``<name>.partial`` and renamed under a lock shared with :meth:`ReportExport.cancel`: once
a cancel is accepted, nothing appears at the chosen path.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path

from siec_desk.errors import SiecError
from siec_desk.formatting import ltr
from siec_desk.i18n import _
from siec_desk.reports.content import ReportContent
from siec_desk.storage.files import os_reason

FORMATS = ("pdf", "xlsx")
#: How often the waiting thread looks at the rendering process and the cancel flag.
POLL_SECONDS = 0.05

#: Renders *content*; may return early by raising :class:`ExportCancelledError` once the event
#: is set.
Render = Callable[[ReportContent, threading.Event], bytes]


class ExportCancelledError(Exception):
    """The export was cancelled: nothing was written."""


class RenderProcessDiedError(RuntimeError):
    """The rendering process ended without an answer (crashed or was killed)."""


def _render_child(sender: Connection, content: ReportContent) -> None:
    """In the spawned process: render and send back ``(True, pdf)`` or ``(False, text)``.
    The process ends with its parent (``documents.worker_guard``)."""
    from siec_desk.documents.worker_guard import die_with_parent

    die_with_parent()
    try:
        from siec_desk.reports.pdf import render_report_pdf

        result: tuple[bool, object] = (True, render_report_pdf(content).pdf)
    except Exception:
        result = (False, traceback.format_exc())
    sender.send(result)
    sender.close()


def render_pdf_in_process(
    content: ReportContent,
    cancelled: threading.Event,
    target: Callable[[Connection, ReportContent], None] = _render_child,
) -> bytes:
    """The report's PDF, rendered in a new spawned process (terminated if *cancelled*);
    *target* is what the process runs (tests give one that never answers)."""
    context = multiprocessing.get_context("spawn")  # never fork a process running Qt
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(
        target=target, args=(sender, content), name="siec-desk-report", daemon=True
    )
    process.start()
    sender.close()  # the child holds its own end: EOF here if it dies
    try:
        while not receiver.poll(POLL_SECONDS):
            if cancelled.is_set():
                raise ExportCancelledError
            if not process.is_alive() and not receiver.poll():
                raise RenderProcessDiedError(f"exit code {process.exitcode}")
        if cancelled.is_set():
            raise ExportCancelledError
        try:
            ok, payload = receiver.recv()
        except EOFError as exc:
            raise RenderProcessDiedError(f"exit code {process.exitcode}") from exc
        process.join(timeout=5)
    finally:
        if process.is_alive():
            process.terminate()
            process.join(timeout=5)
            if process.is_alive():
                process.kill()
                process.join()
        receiver.close()
    if not ok:
        raise RuntimeError(f"report rendering failed in the worker process:\n{payload}")
    assert isinstance(payload, bytes)
    return payload


def build_workbook(content: ReportContent, cancelled: threading.Event) -> bytes:
    from siec_desk.reports.xlsx import report_workbook

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
        partial = self.partial
        try:
            with partial.open("wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            with self._lock:
                if self._cancelled.is_set():
                    raise ExportCancelledError
                os.replace(partial, self.path)
                self._written = True
        except OSError as exc:
            partial.unlink(missing_ok=True)
            raise SiecError(
                _("Cannot write {path}: {reason}").format(
                    path=ltr(str(self.path)), reason=os_reason(exc)
                )
            ) from exc
        except ExportCancelledError:
            partial.unlink(missing_ok=True)
            raise
