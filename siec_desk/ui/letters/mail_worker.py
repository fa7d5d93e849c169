"""Talking to the mail server off the GUI and database threads.

:class:`MailWorker` runs one network call (``MailService.deliver``: up to its 20-second
timeout) on a thread of its own and hands ``finished(error)`` back on the GUI thread
(None when the server accepted the message). The database thread stays free for the
rest of the desk; the dialog shows a busy bar meanwhile.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal


class MailWorker(QObject):
    finished = Signal(object)  # None, or the exception raised

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: threading.Thread | None = None
        self._relay.connect(self.finished, Qt.ConnectionType.QueuedConnection)

    _relay = Signal(object)

    @property
    def busy(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, work: Callable[[], object]) -> None:
        def run() -> None:
            result: Exception | None = None
            try:
                work()
            except Exception as exc:  # handed to the GUI thread, shown in one line
                result = exc
            with contextlib.suppress(RuntimeError):  # the dialog is gone: nobody to tell
                self._relay.emit(result)

        self._thread = threading.Thread(target=run, name="siec-mail", daemon=True)
        self._thread.start()

    def wait(self, seconds: float = 25.0) -> None:
        """Wait for a call under way (closing, tests)."""
        if self._thread is not None:
            self._thread.join(timeout=seconds)
