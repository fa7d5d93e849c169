"""Database work off the GUI thread: one worker thread, results back on the GUI thread.

All service calls from the UI go through a :class:`Runner`. :class:`ThreadRunner` runs
jobs in order on a single ``QThread`` (SQLite likes one writer; the GUI never waits on
the database); callbacks are delivered on the GUI thread by queued signals, so they may
touch widgets. Tests may use :class:`ImmediateRunner`, which runs jobs synchronously.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import QObject, QThread, Signal, Slot

log = logging.getLogger(__name__)

# What a callback returns is ignored.
Done = Callable[[Any], object]
Failed = Callable[[Exception], object]


class Runner(Protocol):
    def run(
        self, work: Callable[[], Any], done: Done | None = None, failed: Failed | None = None
    ) -> None: ...

    def shutdown(self) -> None: ...


@dataclass
class _Job:
    work: Callable[[], Any]
    done: Done | None
    failed: Failed | None


class _Worker(QObject):
    finished = Signal(object, object, object)  # job, result, error

    @Slot(object)
    def execute(self, job: _Job) -> None:
        try:
            result = job.work()
        except Exception as exc:  # delivered to the GUI thread, never lost
            self.finished.emit(job, None, exc)
        else:
            self.finished.emit(job, result, None)


class ThreadRunner(QObject):
    """Runs jobs one at a time on a dedicated thread; ``busy`` reflects pending work."""

    busy_changed = Signal(bool)
    _submit = Signal(object)

    def __init__(self, on_error: Failed, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._on_error = on_error
        self._pending = 0
        self._thread = QThread(self)
        self._thread.setObjectName("siec-desk-db")
        self._worker = _Worker()
        self._worker.moveToThread(self._thread)
        self._submit.connect(self._worker.execute)
        self._worker.finished.connect(self._finish)
        self._thread.finished.connect(self._worker.deleteLater)
        self._thread.start()

    @property
    def pending(self) -> int:
        return self._pending

    def run(
        self, work: Callable[[], Any], done: Done | None = None, failed: Failed | None = None
    ) -> None:
        self._pending += 1
        if self._pending == 1:
            self.busy_changed.emit(True)
        self._submit.emit(_Job(work, done, failed))

    @Slot(object, object, object)
    def _finish(self, job: _Job, result: Any, error: Exception | None) -> None:
        self._pending -= 1
        if self._pending == 0:
            self.busy_changed.emit(False)
        if error is not None:
            (job.failed or self._on_error)(error)
        elif job.done is not None:
            job.done(result)

    def shutdown(self) -> None:
        """Stop the thread after the jobs already queued (called on close and in tests)."""
        if self._thread.isRunning():
            self._thread.quit()
            self._thread.wait()


class ImmediateRunner:
    """Runs each job at once on the calling thread (tests, screenshots)."""

    def __init__(self, on_error: Failed) -> None:
        self._on_error = on_error
        self.pending = 0

    def run(
        self, work: Callable[[], Any], done: Done | None = None, failed: Failed | None = None
    ) -> None:
        try:
            result = work()
        except Exception as exc:
            (failed or self._on_error)(exc)
            return
        if done is not None:
            done(result)

    def shutdown(self) -> None:
        return None
