"""Letters rendered off both the GUI and the DB thread, results back on the GUI thread.

One :class:`~siec_desk.documents.letters.pool.RenderPool` with a single worker process, created on
the first letter and closed when the application ends (``UiContext.shutdown``). A render
finishes on a pool thread; a queued signal hands the result to the GUI thread, where the
caller's callbacks run. A broken worker (crashed, killed) is replaced on the next letter.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import CancelledError, Future
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from typing import Any, Protocol

from PySide6.QtCore import QObject, Qt, Signal, Slot

from siec_desk.core.i18n import _
from siec_desk.core.logs import setup_logging
from siec_desk.documents.letters.content import LetterContent
from siec_desk.documents.letters.render import RenderedLetter

log = logging.getLogger(__name__)

Rendered = Callable[[RenderedLetter], None]
Failed = Callable[[Exception], None]


class Pool(Protocol):
    def submit(self, content: LetterContent, variant: str) -> Future[RenderedLetter]: ...

    def close(self, wait: bool = True) -> None: ...


def render_error_text(exc: BaseException) -> str:
    """What to tell the user when a letter could not be rendered."""
    if isinstance(exc, BrokenProcessPool):
        return _(
            "The letter could not be rendered: the rendering process stopped unexpectedly. "
            "Please try again."
        )
    log.error("letter rendering failed", exc_info=exc)
    return _("The letter could not be rendered ({error}). Details are in {log}.").format(
        error=type(exc).__name__, log=setup_logging()
    )


class LetterRenderer(QObject):
    """Renders letters in one worker process; ``render`` returns a ticket to ``cancel``."""

    _arrived = Signal(int, object, object)  # ticket, RenderedLetter | None, error | None

    def __init__(self, pool: Pool | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = pool
        self._owned = pool is None  # a pool given by the caller (tests) is theirs to close
        self._next = 0
        self._jobs: dict[int, tuple[Future[RenderedLetter] | None, Rendered, Failed]] = {}
        self._arrived.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def _ensure_pool(self) -> Pool:
        if self._pool is None:
            from siec_desk.documents.letters.pool import RenderPool

            self._pool = RenderPool(1)
        return self._pool

    def render(self, content: LetterContent, variant: str, done: Rendered, failed: Failed) -> int:
        """Start rendering; *done* or *failed* is called later on the GUI thread."""
        self._next += 1
        ticket = self._next
        try:
            future = self._ensure_pool().submit(content, variant)
        except Exception as exc:  # a broken or closed pool refuses at once
            self._jobs[ticket] = (None, done, failed)
            self._forget_broken_pool(exc)
            self._arrived.emit(ticket, None, exc)
            return ticket
        self._jobs[ticket] = (future, done, failed)
        future.add_done_callback(partial(self._finished, ticket))
        return ticket

    def _finished(self, ticket: int, future: Future[RenderedLetter]) -> None:
        """On a pool thread: pass the outcome to the GUI thread."""
        try:
            result = future.result()
        except CancelledError:
            return
        except Exception as exc:
            self._arrived.emit(ticket, None, exc)
        else:
            self._arrived.emit(ticket, result, None)

    @Slot(int, object, object)
    def _deliver(self, ticket: int, result: Any, error: Any) -> None:
        job = self._jobs.pop(ticket, None)
        if job is None:  # cancelled meanwhile
            return
        _future, done, failed = job
        if error is not None:
            self._forget_broken_pool(error)
            failed(error)
        else:
            done(result)

    def _forget_broken_pool(self, error: BaseException) -> None:
        if isinstance(error, BrokenProcessPool | RuntimeError) and self._owned and self._pool:
            log.warning("letter rendering pool broken (%s): starting a new one", error)
            self._pool.close(wait=False)
            self._pool = None

    def cancel(self, ticket: int | None) -> None:
        """Forget a render: its callbacks will not be called."""
        job = self._jobs.pop(ticket, None) if ticket is not None else None
        if job is not None and job[0] is not None:
            job[0].cancel()

    @property
    def pending(self) -> int:
        return len(self._jobs)

    def close(self) -> None:
        """Cancel what is waiting and stop the worker (the application is ending)."""
        for ticket in list(self._jobs):
            self.cancel(ticket)
        if self._owned and self._pool is not None:
            self._pool.close(wait=True)
        self._pool = None
