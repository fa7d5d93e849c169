"""A page built the first time it is shown: start-up builds only the page the user sees
(the Activity page alone, with its charts, costs tens of milliseconds). *module*, the
page's module, lets the idle warm-up import it apart from building it (``ui.app.idle_warmup``)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QVBoxLayout

from siec_desk.ui.kit.base import Page


class LazyPage(Page):
    def __init__(
        self, key: str, title: Callable[[], str], build: Callable[[], Page], module: str = ""
    ) -> None:
        super().__init__()
        self.key = key
        self.module = module
        self._title = title
        self._build = build
        self._page: Page | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    @property
    def built(self) -> bool:
        return self._page is not None

    def page(self) -> Page:
        """The real page, built now if it was not yet."""
        if self._page is None:
            self._page = self._build()
            self._layout.addWidget(self._page)
        return self._page

    def title(self) -> str:
        return self._title()

    def refresh(self) -> None:
        self.page().refresh()

    def can_leave(self) -> bool:
        return self._page is None or self._page.can_leave()

    def focus_primary(self) -> None:
        self.page().focus_primary()
