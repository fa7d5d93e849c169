"""The window icon and desktop-file id the desktop uses to show SIEC Desk."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

from siec_desk.ui.app.identity import APP_ID, app_icon, apply_identity

ROOT = Path(__file__).resolve().parents[2]


def test_window_icon_has_every_size_from_16_to_512(qapp: QApplication) -> None:
    icon = app_icon()
    sizes = sorted(s.width() for s in icon.availableSizes())
    assert sizes == [16, 24, 32, 48, 64, 128, 256, 512]
    assert not icon.pixmap(48, 48).toImage().isNull()


def test_application_carries_the_icon_and_the_menu_entry_id(qapp: QApplication) -> None:
    apply_identity(qapp)
    assert qapp.desktopFileName() == APP_ID
    assert len(qapp.windowIcon().availableSizes()) == 8


def test_packaging_uses_the_same_application_id() -> None:
    linux = ROOT / "packaging" / "linux"
    assert (linux / f"{APP_ID}.desktop").is_file()
    assert (linux / f"{APP_ID}.metainfo.xml").is_file()
    spec = (ROOT / "packaging" / "pyinstaller" / "siec-desk.spec").read_text("utf-8")
    assert f'APP_ID = "{APP_ID}"' in spec  # the macOS bundle identifier
    iss = (ROOT / "packaging" / "windows" / "siec-desk.iss").read_text("utf-8-sig")
    assert f"AppId={APP_ID}" in iss
