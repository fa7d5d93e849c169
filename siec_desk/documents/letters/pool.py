"""Letters rendered by the one document runner's warm option (``documents.engine.worker.
WarmPool``): the GUI stays fluid, a batch uses every core, and WeasyPrint's memory (and
any crash in Pango) stays out of the application process. This module only binds the warm
pool to letters (a letter's content and variant make its job); the processes, their
warm-up and their guard are the runner's.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from threading import Event
from typing import TypeVar

from siec_desk.documents.engine.worker import DocumentJob, WarmPool, default_workers
from siec_desk.documents.letters.content import LetterContent
from siec_desk.documents.letters.render import DEFAULT_VARIANT, RenderedLetter

__all__ = ["RenderPool", "default_workers"]

T = TypeVar("T")


class RenderPool(WarmPool):
    """A warm pool of letter workers. Use as a context manager, or call ``close``."""

    def __init__(self, workers: int = 1) -> None:
        super().__init__("letter", workers)

    def submit(
        self, content: LetterContent, variant: str = DEFAULT_VARIANT
    ) -> Future[RenderedLetter]:
        return self.submit_job(DocumentJob("letter", content, variant))

    def render_all(
        self,
        items: Iterable[tuple[T, LetterContent]],
        variant: str = DEFAULT_VARIANT,
        cancelled: Event | None = None,
    ) -> Iterator[tuple[T, RenderedLetter]]:
        """Render every letter, yielding (key, letter) as each finishes (any order);
        *cancelled*: see :meth:`WarmPool.render_jobs`."""
        jobs = ((key, DocumentJob("letter", content, variant)) for key, content in items)
        return self.render_jobs(jobs, cancelled)
