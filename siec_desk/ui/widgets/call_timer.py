"""The consultation editor's call timer: counts a phone call's minutes into the duration.

While its button is down the duration is read-only and, once a second, becomes the
whole minutes counted so far (rounded up) added to what was typed before the call.
Stopping and starting again goes on counting.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel, QPushButton, QSpinBox

from siec_desk.core.i18n import _
from siec_desk.ui.widgets.accessible import tag

#: The longest duration, in minutes, a consultation can have.
MAX_MINUTES = 600


class CallTimer(QObject):
    """``button`` starts and stops the count; ``label`` shows the elapsed mm:ss.

    *clock* gives the time in seconds; *fresh* says whether the duration is still the
    untouched default (the count then replaces it instead of adding to it).
    """

    def __init__(
        self,
        duration: QSpinBox,
        clock: Callable[[], float],
        fresh: Callable[[], bool],
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self.duration = duration
        self._clock = clock
        self._fresh = fresh
        self.seconds = 0.0  # counted by the runs that have stopped
        self._started: float | None = None
        self._base = 0
        self.button = QPushButton(_("Start time&r"))
        self.button.setCheckable(True)
        tag(self.button, "consultation.timer", _("Call timer"))
        self.button.setToolTip(_("Counts the minutes of a phone call into the duration."))
        self.label = QLabel()
        tag(self.label, "consultation.timer_elapsed")
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self._tick)
        self.button.toggled.connect(self._toggle)

    def _elapsed(self) -> float:
        running = self._clock() - self._started if self._started is not None else 0
        return self.seconds + running

    def _toggle(self, on: bool) -> None:
        if on:
            counted = math.ceil(self.seconds / 60)
            self._base = 0 if self._fresh() else max(self.duration.value() - counted, 0)
            self._started = self._clock()
            self.timer.start()
        else:
            self._tick()
            self.seconds = self._elapsed()
            self._started = None
            self.timer.stop()
        self.duration.setReadOnly(on)
        self.button.setText(_("Stop time&r") if on else _("Start time&r"))

    def _tick(self) -> None:
        """Once a second while the timer runs: whole minutes, rounded up, into the duration."""
        seconds = self._elapsed()
        minutes = self._base + math.ceil(seconds / 60)
        self.duration.setValue(max(1, min(minutes, MAX_MINUTES)))
        whole = int(seconds)
        self.label.setText(f"{whole // 60:02d}:{whole % 60:02d}")
