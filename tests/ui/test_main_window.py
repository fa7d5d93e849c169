"""The GUI frame opens on a fresh database, in English, French and Arabic (mirrored)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from siec_desk import i18n
from siec_desk.services.app import open_app
from siec_desk.ui.launch import install_language
from siec_desk.ui.main_window import MainWindow

pytestmark = pytest.mark.ui


@pytest.mark.parametrize(
    ("lang", "direction"),
    [
        ("en", Qt.LayoutDirection.LeftToRight),
        ("fr", Qt.LayoutDirection.LeftToRight),
        ("ar", Qt.LayoutDirection.RightToLeft),
    ],
)
def test_main_window_follows_the_language(
    qtbot,
    qapp: QApplication,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    lang: str,
    direction: Qt.LayoutDirection,
) -> None:
    i18n.set_language(lang)
    translators = install_language(qapp, lang)
    ctx = open_app(tmp_path / "gui.sqlite3")
    try:
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        window.show()
        assert window.isRightToLeft() == (direction == Qt.LayoutDirection.RightToLeft)
        # The path is isolated, so its leading "/" stays in front in right-to-left text.
        assert window.statusBar().currentMessage() == f"\u2066{tmp_path / 'gui.sqlite3'}\u2069"
        if lang == "ar":
            assert any("\u0600" <= c <= "\u06ff" for c in window.welcome.text())
        window.close()
    finally:
        ctx.close()
        for translator in translators:
            qapp.removeTranslator(translator)
        qapp.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
