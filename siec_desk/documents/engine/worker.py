"""One way to render every PDF: a :class:`DocumentJob` (a document kind and its composed,
picklable content) rendered in a process of its own, cancellable, never on the DB thread.

* :func:`render_in_process` starts a ``spawn`` process (never ``fork`` a process running
  Qt) that renders one job and sends the :class:`~siec_desk.documents.engine.pdf.RenderedPdf`
  back through a pipe; setting the *cancelled* event terminates it at once. The process
  ends with its parent (``documents.worker_guard``): call it from a thread that waits for
  it (the report export's thread, the preview dialog's render thread).
* :func:`render_here` renders in the calling process: the command line, where a process of
  its own brings nothing, and the warm letter pool's workers (``letters.pool``), which
  are such processes already.

The composing (database reads, translation, formatting) happens before, on the caller's
DB thread; a job holds only plain data, so WeasyPrint never loads in the GUI process.
"""

from __future__ import annotations

import importlib
import multiprocessing
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from siec_desk.documents.engine.pdf import DEFAULT_VARIANT, RenderedPdf

#: Document kind → (module, function) rendering its content (imported only when rendering).
RENDERERS: dict[str, tuple[str, str]] = {
    "letter": ("siec_desk.documents.letters.render", "render_pdf"),
    "report": ("siec_desk.documents.activity_report.pdf", "render_report_pdf"),
    "rights": ("siec_desk.documents.rights.pdf", "render_rights_pdf"),
    "network": ("siec_desk.documents.network_report.pdf", "render_network_pdf"),
}
#: How often the waiting thread looks at the process and the cancel flag (seconds).
POLL_SECONDS = 0.05


@dataclass(frozen=True)
class DocumentJob:
    """Render *content* (a letter's, report's, rights export's or network report's plain
    content) as a document of *kind*; *variant* applies to letters (tagged or PDF/A)."""

    kind: str
    content: Any
    variant: str = DEFAULT_VARIANT

    def __post_init__(self) -> None:
        if self.kind not in RENDERERS:
            raise ValueError(f"unknown document kind {self.kind!r}")


class RenderCancelledError(Exception):
    """The render was cancelled: no document."""


class RenderProcessDiedError(RuntimeError):
    """The rendering process ended without an answer (crashed or was killed)."""


class RenderFailedError(RuntimeError):
    """Rendering raised in the worker process; the message holds its traceback."""


def render_here(job: DocumentJob) -> RenderedPdf:
    """Render *job* in this process."""
    module, name = RENDERERS[job.kind]
    render: Callable[..., RenderedPdf] = getattr(importlib.import_module(module), name)
    if job.kind == "letter":
        return render(job.content, job.variant)
    return render(job.content)


def _child(sender: Connection, job: DocumentJob) -> None:
    """In the spawned process: render and send back ``(True, RenderedPdf)`` or
    ``(False, traceback)``; the process ends with its parent."""
    from siec_desk.documents.engine.worker_guard import die_with_parent

    die_with_parent()
    try:
        result: tuple[bool, object] = (True, render_here(job))
    except Exception:
        result = (False, traceback.format_exc())
    sender.send(result)
    sender.close()


def process_name(job: DocumentJob) -> str:
    return f"siec-desk-{job.kind}"


def render_in_process(
    job: DocumentJob,
    cancelled: threading.Event | None = None,
    target: Callable[[Connection, DocumentJob], None] = _child,
) -> RenderedPdf:
    """*job* rendered in a new spawned process named :func:`process_name`; blocks until
    it answers. Setting *cancelled* terminates the process and raises
    :class:`RenderCancelledError`; *target* is what the process runs (tests give one that
    never answers)."""
    cancelled = cancelled or threading.Event()
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(
        target=target, args=(sender, job), name=process_name(job), daemon=True
    )
    process.start()
    sender.close()  # the child holds its own end: EOF here if it dies
    try:
        while not receiver.poll(POLL_SECONDS):
            if cancelled.is_set():
                raise RenderCancelledError
            if not process.is_alive() and not receiver.poll():
                raise RenderProcessDiedError(f"exit code {process.exitcode}")
        if cancelled.is_set():
            raise RenderCancelledError
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
        raise RenderFailedError(f"{job.kind} rendering failed in the worker process:\n{payload}")
    assert isinstance(payload, RenderedPdf)
    return payload


def warm_worker(kind: str) -> None:
    """A long-lived worker's start (the letter pool's initialiser): end with the parent,
    then import WeasyPrint and load the fonts and *kind*'s stylesheet."""
    from siec_desk.documents.engine.pdf import warm_up
    from siec_desk.documents.engine.worker_guard import die_with_parent

    die_with_parent()
    module = importlib.import_module(RENDERERS[kind][0])
    warm_up(*getattr(module, "STYLESHEET", ()))
