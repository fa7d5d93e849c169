"""What the main window expects of a page."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


class Page(QWidget):
    """A main view. ``key`` is stable (settings, screenshots); ``title`` is translated."""

    key = ""

    def title(self) -> str:
        raise NotImplementedError

    def refresh(self) -> None:
        """Reload what is shown (called when the page is shown and when data changed)."""

    def can_leave(self) -> bool:
        """False keeps the user here (e.g. unsaved changes they chose not to drop)."""
        return True

    def focus_primary(self) -> None:
        """Put the keyboard focus where the user starts typing on this page."""
