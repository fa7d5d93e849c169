"""One way to render every PDF: a :class:`DocumentJob` (a document kind and its composed,
picklable content) rendered in a process of its own, cancellable, never on the DB thread.

* :func:`render_in_process` starts a ``spawn`` process (never ``fork`` a process running
  Qt) that renders one job and sends the :class:`~siec_desk.documents.engine.pdf.RenderedPdf`
  back through a pipe; setting the *cancelled* event terminates it at once. The process
  ends with its parent (``documents.engine.worker_guard``): call it from a thread that waits
  for it (the report export's thread, the preview dialog's render thread). Activity
  report, rights export and network report in the GUI.
* :class:`WarmPool` is the same runner's *warm* option, for documents rendered often and
  one after another (letters: the preview as the advisor types, a batch on every core):
  long-lived spawned processes that die with their parent and warm up once (WeasyPrint
  imported, fonts and the kind's stylesheet loaded), each job rendered by
  :func:`render_here` inside them. A warm render of a one-page letter takes about 0.2 s
  against about a second for a process of its own (``benchmarks/letters.py``). A job
  waiting in the pool is cancelled by its future; one being rendered finishes unseen.
* :func:`render_here` renders in the calling process: the command line, where a process of
  its own brings nothing, and inside the warm workers, which are such processes already.

The composing (database reads, translation, formatting) happens before, on the caller's
DB thread; a job holds only plain data, so WeasyPrint never loads in the GUI process.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import threading
import traceback
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any, Self, TypeVar

from siec_desk.documents.engine.pdf import DEFAULT_VARIANT, RenderedPdf

#: Document kind → (module, function) rendering its content (imported only when rendering).
RENDERERS: dict[str, tuple[str, str]] = {
    "letter": ("siec_desk.documents.letters.render", "render_pdf"),
    "report": ("siec_desk.documents.activity_report.pdf", "render_report_pdf"),
    "rights": ("siec_desk.documents.rights.pdf", "render_rights_pdf"),
    "network": ("siec_desk.documents.network_report.pdf", "render_network_pdf"),
    "attestation": ("siec_desk.documents.attestation.pdf", "render_attestation_pdf"),
    "archived": ("siec_desk.documents.attestation.pdf", "archived_pdf"),
    "loan_slip": ("siec_desk.documents.loan_slip.pdf", "render_loan_slip_pdf"),
}
#: How often the waiting thread looks at the process and the cancel flag (seconds).
POLL_SECONDS = 0.05

T = TypeVar("T")


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
    """A long-lived worker's start (:class:`WarmPool`'s initialiser): end with the parent,
    then import WeasyPrint and load the fonts and *kind*'s stylesheet."""
    from siec_desk.documents.engine.pdf import warm_up
    from siec_desk.documents.engine.worker_guard import die_with_parent

    die_with_parent()
    module = importlib.import_module(RENDERERS[kind][0])
    warm_up(*getattr(module, "STYLESHEET", ()))


def default_workers() -> int:
    """Every core the process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


class WarmPool:
    """The runner's warm option: *workers* warm processes rendering jobs of *kind* (see
    the module doc). Start it from a thread that outlives it (``worker_guard``); use it
    as a context manager, or call :meth:`close`."""

    def __init__(self, kind: str, workers: int = 1) -> None:
        if kind not in RENDERERS:
            raise ValueError(f"unknown document kind {kind!r}")
        self.kind = kind
        self.workers = workers
        self._executor = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=warm_worker,
            initargs=(kind,),
        )

    def submit_job(self, job: DocumentJob) -> Future[RenderedPdf]:
        """Render *job* in a warm worker; cancel the future to drop it while it waits."""
        if job.kind != self.kind:
            raise ValueError(f"a {self.kind} pool cannot render a {job.kind}")
        return self._executor.submit(render_here, job)

    def render_jobs(
        self, items: Iterable[tuple[T, DocumentJob]], cancelled: threading.Event | None = None
    ) -> Iterator[tuple[T, RenderedPdf]]:
        """Render every job, yielding (key, document) as each finishes (any order).

        Setting *cancelled* drops what has not started; documents already being rendered
        finish but are not yielded.
        """
        futures = {self.submit_job(job): key for key, job in items}
        try:
            for future in as_completed(futures):
                if cancelled is not None and cancelled.is_set():
                    break
                yield futures[future], future.result()
        finally:
            for future in futures:
                future.cancel()

    def close(self, wait: bool = True) -> None:
        self._executor.shutdown(wait=wait, cancel_futures=True)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
