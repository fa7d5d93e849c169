"""Per-machine UI state in QSettings: window geometry, last view, current advisor, report
folder."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings


class UiSettings:
    def __init__(self, settings: QSettings | None = None) -> None:
        self._s = settings or QSettings()

    def geometry(self) -> QByteArray | None:
        value = self._s.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    def set_geometry(self, value: QByteArray) -> None:
        self._s.setValue("window/geometry", value)

    def last_view(self) -> str | None:
        value = self._s.value("window/last_view")
        return str(value) if value else None

    def set_last_view(self, key: str) -> None:
        self._s.setValue("window/last_view", key)

    def advisor_id(self, database: str) -> int | None:
        value = self._s.value(f"advisor/{_key(database)}")
        try:
            return int(value) if value is not None else None
        except (TypeError, ValueError):
            return None

    def set_advisor_id(self, database: str, advisor_id: int) -> None:
        self._s.setValue(f"advisor/{_key(database)}", advisor_id)

    def report_folder(self) -> str | None:
        """Where the last activity report was saved (the next one is suggested there)."""
        value = self._s.value("reports/folder")
        return str(value) if value else None

    def set_report_folder(self, folder: str) -> None:
        self._s.setValue("reports/folder", folder)

    def view_flag(self, key: str, default: bool) -> bool:
        """A view's on/off choice (e.g. ``agenda/show_events``), *default* until set."""
        value = self._s.value(f"views/{key}")
        if value is None:
            return default
        return str(value).lower() in ("true", "1")

    def set_view_flag(self, key: str, value: bool) -> None:
        self._s.setValue(f"views/{key}", value)

    def sync(self) -> None:
        self._s.sync()


def _key(database: str) -> str:
    """QSettings keys may not contain slashes: one advisor choice per database."""
    return "".join(c if c.isalnum() else "_" for c in database)[-120:]
