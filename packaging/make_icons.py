"""Render the application icon (resources/icons/siec-desk.svg) to every size it ships in.

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_icons.py

Writes ``siec-desk-<N>.png`` beside the SVG (16 to 512 px: the hicolor theme sizes of the
Linux menu, and the window icon), ``packaging/windows/siec-desk.ico`` (executable and
installer) and ``packaging/macos/siec-desk.icns`` (the .app). The outputs are committed,
so building a bundle never needs this script; run it after editing the SVG.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / "resources" / "icons"
ICO = ROOT / "packaging" / "windows" / "siec-desk.ico"
ICNS = ROOT / "packaging" / "macos" / "siec-desk.icns"
SVG = ICONS / "siec-desk.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render_png(size: int, out: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"{SVG}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    if not image.save(str(out), "PNG"):
        raise SystemExit(f"could not write {out}")


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication(sys.argv[:1])
    pngs = {}
    for size in SIZES:
        pngs[size] = ICONS / f"siec-desk-{size}.png"
        render_png(size, pngs[size])
        print(pngs[size])
    largest = Image.open(pngs[512])
    largest.save(ICO, sizes=[(s, s) for s in ICO_SIZES])
    largest.save(ICNS)
    print(ICO)
    print(ICNS)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
