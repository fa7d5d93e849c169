"""The import wizard's work on the DB thread: a progress bar, a status line and Cancel.

Reading the file, the dry run and the import run through ``ui.runner``; while one runs
the bar shows (the wizard disables its pages and buttons). The services report each step
through :attr:`WorkBar.step`, emitted on the DB thread and delivered (queued) on the GUI
thread. Cancel sets :attr:`WorkBar.stop`, which a cancellable step polls: a cancelled
import rolls its one transaction back and the user is told that nothing was written.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QWidget

from siec_desk.core.formatting import format_number
from siec_desk.core.i18n import _
from siec_desk.importing.problems import ImportCancelledError
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.widgets.accessible import tag
from siec_desk.ui.widgets.builders import push_button, text_label


class WorkBar(QWidget):
    """Progress, status and Cancel of the wizard's background work; hidden when idle.

    *on_busy* is called whenever work starts or stops (the wizard updates its buttons).
    """

    #: (done, total, phase): emitted from the DB thread.
    step = Signal(int, int, str)

    def __init__(
        self,
        ui: UiContext,
        locale_name: str,
        on_busy: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = ui
        self.locale_name = locale_name
        self._on_busy = on_busy
        self.busy = False
        self.stop = threading.Event()
        self.progress = QProgressBar()
        tag(self.progress, "import.progress", _("Progress"))
        self.status = text_label("import.status", wrap=False)
        self.cancel_button = push_button(
            _("Cancel"),
            "import.cancel_work",
            _("Cancel the work in progress"),
            on_click=self.cancel,
        )
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.progress, 1)
        row.addWidget(self.status, 2)
        row.addWidget(self.cancel_button)
        self.step.connect(self._on_step)
        self.setVisible(False)

    def run(
        self,
        text: str,
        work: Callable[[], Any],
        done: Callable[[Any], None],
        *,
        cancellable: bool = False,
    ) -> None:
        """Run *work* on the DB thread showing *text*, then *done* with its result."""
        self.stop.clear()
        self.progress.setRange(0, 0)
        self.status.setText(text)
        self.cancel_button.setEnabled(cancellable)
        self._set_busy(True)

        def finished(result: Any) -> None:
            self._set_busy(False)
            done(result)

        self.ui.runner.run(work, finished, self._failed)

    def cancel(self) -> None:
        if self.busy:
            self.stop.set()
            self.cancel_button.setEnabled(False)
            self.status.setText(_("Cancelling…"))

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.setVisible(busy)
        self._on_busy()

    def _failed(self, exc: Exception) -> None:
        self._set_busy(False)
        if isinstance(exc, ImportCancelledError):
            self.status.setText(str(exc))
            self.ui.dialogs.info(self.window().windowTitle(), str(exc))
        else:
            self.ui.show_error(exc)

    def _on_step(self, done: int, total: int, phase: str) -> None:
        texts = {
            "check": _("Checking the rows… {done} of {total}"),
            "match": _("Comparing with the database…"),
            "backup": _("Backing up the database…"),
            "write": _("Writing… {done} of {total}"),
        }
        text = texts.get(phase, "")
        self.status.setText(
            text.format(
                done=format_number(done, self.locale_name),
                total=format_number(total, self.locale_name),
            )
        )
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
        else:
            self.progress.setRange(0, 0)
