"""How the desktop recognises SIEC Desk: the window icon and the desktop-file id.

The id names the Linux menu entry (``packaging/linux/<APP_ID>.desktop``) and the AppStream
metainfo; Wayland compositors match windows to it for the taskbar icon. It must never
change once released.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication, QIcon

from siec_desk.core.paths import resource_path

APP_ID = "org.siec_desk.SiecDesk"


def app_icon() -> QIcon:
    """The icon in every size it ships in (PNG: no SVG plugin needed)."""
    icon = QIcon()
    for png in resource_path("icons").glob("siec-desk-*.png"):
        size = int(png.stem.rsplit("-", 1)[1])
        icon.addFile(str(png), QSize(size, size))
    return icon


def apply_identity(app: QGuiApplication) -> None:
    app.setWindowIcon(app_icon())
    app.setDesktopFileName(APP_ID)
