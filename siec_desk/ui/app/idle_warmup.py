"""After the window is shown and idle: freeze the start-up's objects out of the garbage
collector, then build the pages not shown yet, one small step per event-loop turn.

Issue 22: pages are built when first shown, so the first Ctrl+5 used to import its
module and build it on the GUI thread (the Activity page, with QtCharts, 0.2 s). Each
step here (import one page's module; build it; its own ``warm_up`` if it has one) runs
from a zero-delay timer, so input already queued is handled first; a key press or a
click pauses the steps, which resume once the user has been still for
:data:`RESUME_AFTER_MS`. A step that fails is logged and ends the warm-up: the page is
then built (and its error shown) when the user opens it, as before.

``gc.freeze()``: the start leaves ~110k long-lived objects (SQLAlchemy, Qt wrappers,
Babel data) that every full collection walks again, a ~30 ms pause landing on some
keystroke; frozen, they are never scanned again (garbage made later still is).
"""

from __future__ import annotations

import functools
import gc
import importlib
import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from siec_desk.ui.kit.lazy_page import LazyPage

log = logging.getLogger(__name__)

#: From the window shown to the first step: the first page's own data arrives first.
START_AFTER_MS = 400
#: The user has been still this long: the paused steps go on.
RESUME_AFTER_MS = 1000
#: Events that pause the steps (the user is working).
_INPUT = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.Wheel,
        QEvent.Type.ShortcutOverride,
    }
)


def page_steps(pages: Sequence[LazyPage]) -> list[Callable[[], object]]:
    """For each page not built yet: import its module, build it, then its ``warm_up``."""
    steps: list[Callable[[], object]] = []
    for page in pages:
        if page.built:
            continue
        if page.module:
            steps.append(functools.partial(importlib.import_module, page.module))
        steps.append(page.page)
        steps.append(functools.partial(_warm_up, page))
    return steps


def _warm_up(page: LazyPage) -> None:
    warm_up = getattr(page.page(), "warm_up", None)
    if callable(warm_up):
        warm_up()


class IdleWarmup(QObject):
    """Runs *steps* one per event-loop turn once started; ``gc.freeze()`` before the
    first and after the last. Parented to the window: closing it ends the steps."""

    def __init__(
        self,
        parent: QObject,
        steps: Sequence[Callable[[], object]],
        start_after_ms: int = START_AFTER_MS,
        resume_after_ms: int = RESUME_AFTER_MS,
    ) -> None:
        super().__init__(parent)
        self._steps = list(steps)
        self._start_after_ms = start_after_ms
        self.finished = False
        self.paused = False
        self.frozen = 0  # how many times the objects alive were frozen
        self._next = QTimer(self)
        self._next.setSingleShot(True)
        self._next.timeout.connect(self._step)
        self._resume = QTimer(self)
        self._resume.setSingleShot(True)
        self._resume.setInterval(resume_after_ms)
        self._resume.timeout.connect(self._resumed)

    def start(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        QTimer.singleShot(self._start_after_ms, self, self._first)

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if not self.finished and event.type() in _INPUT:
            self.paused = True
            self._next.stop()
            self._resume.start()  # restarted by each input: resumes once still
        return False

    def _first(self) -> None:
        self._freeze()
        if not self.paused:
            self._next.start(0)

    def _resumed(self) -> None:
        self.paused = False
        if not self.finished:
            self._next.start(0)

    def _step(self) -> None:
        if self.paused or self.finished:
            return
        window = self.parent()
        if not self._steps or (isinstance(window, QWidget) and not window.isVisible()):
            self._finish()  # done, or the window closed: nothing more to build
            return
        step = self._steps.pop(0)
        try:
            step()
        except Exception:  # shown when the user opens that page, as without warm-up
            log.exception("warming up a page failed; it is built when first shown")
            self._steps.clear()
        self._next.start(0)

    def _finish(self) -> None:
        self.finished = True
        self._resume.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._freeze()  # the pages and their modules live as long as the window

    def _freeze(self) -> None:
        gc.freeze()
        self.frozen += 1
