"""Render letters in worker processes: the GUI stays fluid, a batch uses every core, and
WeasyPrint's memory (and any crash in Pango) stays out of the application process.

Workers are started with ``spawn`` (never ``fork`` a process that runs Qt), end with
their parent (``documents.worker_guard``: a killed batch or a crashed GUI leaves none
behind; start a pool from a thread that outlives it) and warm up once: WeasyPrint
imported, fonts loaded. A warm worker renders a one-page letter in
about 0.2 s; starting one costs about a second, paid in the background. Each render is
a ``documents.worker`` job run in the warm process (the one document worker's
``render_here``); other documents get a process per render (``render_in_process``).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from threading import Event
from typing import TypeVar

from siec_desk.documents.engine.worker import DocumentJob, render_here, warm_worker
from siec_desk.documents.letters.content import LetterContent
from siec_desk.documents.letters.render import DEFAULT_VARIANT, RenderedLetter

T = TypeVar("T")


def start_worker() -> None:
    """Each worker's initialiser: die with the parent, then warm up (the document
    worker's warm start, ``documents.worker``)."""
    warm_worker("letter")


def default_workers() -> int:
    """Every core the process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


class RenderPool:
    """A pool of warm rendering processes. Use as a context manager, or call ``close``."""

    def __init__(self, workers: int = 1) -> None:
        self.workers = workers
        self._executor = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=start_worker,
        )

    def submit(
        self, content: LetterContent, variant: str = DEFAULT_VARIANT
    ) -> Future[RenderedLetter]:
        return self._executor.submit(render_here, DocumentJob("letter", content, variant))

    def render_all(
        self,
        items: Iterable[tuple[T, LetterContent]],
        variant: str = DEFAULT_VARIANT,
        cancelled: Event | None = None,
    ) -> Iterator[tuple[T, RenderedLetter]]:
        """Render every item, yielding (key, letter) as each finishes (any order).

        Setting *cancelled* drops what has not started; letters already being rendered
        finish but are not yielded.
        """
        futures = {self.submit(content, variant): key for key, content in items}
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

    def __enter__(self) -> RenderPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def on_done(future: Future[T], callback: Callable[[Future[T]], None]) -> None:
    """Call *callback* when *future* completes (on a pool thread: hop to the GUI yourself)."""
    future.add_done_callback(callback)
