"""Print a letter's PDF: each page rendered at the printer's resolution onto white paper.

QtPdf has no print support of its own; each page of the QPdfDocument is rasterised to the
size it takes on the paper at the printer's resolution (capped, so that a 1200 dpi
printer does not need half a gigabyte per page) and painted there, keeping its shape.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, QSizeF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPrintSupport import QPrinter

#: Highest resolution pages are rasterised at (text stays sharp at 300 dpi).
MAX_DPI = 300


def page_image(document: QPdfDocument, page: int, size: QSize) -> QImage:
    """A page at *size*, composited on white (QtPdf renders a transparent background)."""
    rendered = document.render(page, size, QPdfDocumentRenderOptions())
    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.drawImage(0, 0, rendered)
    painter.end()
    return image


def _fit(page_points: QSizeF, area: QRectF) -> QRectF:
    """The largest rectangle of the page's shape centred in *area*."""
    scale = min(area.width() / page_points.width(), area.height() / page_points.height())
    width, height = page_points.width() * scale, page_points.height() * scale
    return QRectF(
        area.x() + (area.width() - width) / 2,
        area.y() + (area.height() - height) / 2,
        width,
        height,
    )


def print_document(document: QPdfDocument, printer: QPrinter) -> int:
    """Print every page (or the range chosen in the print dialog); the pages printed."""
    count = document.pageCount()
    if count == 0:
        return 0
    first = max(1, printer.fromPage() or 1) - 1
    last = min(count, printer.toPage() or count) - 1
    printer.setFullPage(True)  # the letter has its own margins
    printer.setDocName(document.metaData(QPdfDocument.MetaDataField.Title) or "letter")
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    printed = 0
    try:
        resolution = printer.resolution()
        scale = min(1.0, MAX_DPI / resolution) if resolution > 0 else 1.0
        for page in range(first, last + 1):
            if printed:
                printer.newPage()
            area = printer.paperRect(QPrinter.Unit.DevicePixel)
            target = _fit(document.pagePointSize(page), area)
            size = QSize(round(target.width() * scale), round(target.height() * scale))
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(target, page_image(document, page, size))
            printed += 1
    finally:
        painter.end()
    return printed
