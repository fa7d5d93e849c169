"""HTML to PDF with WeasyPrint and the bundled fonts, for letters and reports.

Heavy: WeasyPrint is imported here only, never at application start-up. One
``FontConfiguration`` per process and each stylesheet parsed once (re-adding @font-face per
document is what makes WeasyPrint slow: pitfalls.md §3). Only ``data:`` URLs and files
under ``resources/`` may be loaded: a document never reaches the network. If a bundled font
cannot be loaded, rendering fails: never a silent fallback on the machine's fonts.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from siec_desk.paths import resource_path, resources_dir

#: PDF flavours. "tagged" is PDF/UA-1 (tags, language, title); "pdfa" is PDF/A-3b.
VARIANTS = ("tagged", "pdfa")
DEFAULT_VARIANT = "tagged"
_WEASYPRINT_VARIANT = {"tagged": "pdf/ua-1", "pdfa": "pdf/a-3b"}
FONTS_CSS = ("fonts", "fonts.css")
#: A vowel mark right after alef with hamza (أُ, إِ) corrupts WeasyPrint 70's text layer for
#: that glyph everywhere in the document ("أسر" then extracts as "سر"): such marks are
#: dropped from printed documents, which read as well unvocalised.
_MARK_AFTER_HAMZA_ALEF = re.compile("([\u0623\u0625])[\u064b-\u0652]+")


@dataclass(frozen=True)
class RenderedPdf:
    pdf: bytes
    pages: int
    warnings: tuple[str, ...] = field(default=())


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _collecting() -> Iterator[list[str]]:
    """WeasyPrint's warnings and errors while the block runs."""
    collector = _Collector()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collector)
    try:
        yield collector.messages
    finally:
        logger.removeHandler(collector)


@lru_cache(maxsize=1)
def _engine() -> tuple[Any, Any, Any]:
    """(weasyprint module, font configuration, URL fetcher), once per process."""
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher

    root = resources_dir().resolve().as_uri() + "/"

    class LocalFetcher(URLFetcher):  # type: ignore[misc]
        """``data:`` URLs and our own resource files only."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            if not (url.startswith("data:") or url.startswith(root)):
                raise ValueError(f"documents may not load {url!r}")
            return super().fetch(url, headers)

    return weasyprint, FontConfiguration(), LocalFetcher(allowed_protocols=("file", "data"))


@lru_cache(maxsize=8)
def _stylesheet(*parts: str) -> Any:
    weasyprint, fonts, fetcher = _engine()
    with _collecting() as problems:
        css = weasyprint.CSS(
            filename=str(resource_path(*parts)), font_config=fonts, url_fetcher=fetcher
        )
    if problems:
        raise RuntimeError(f"{'/'.join(parts)} failed to load: " + "; ".join(problems))
    return css


def warm_up(*stylesheet: str) -> None:
    """Import WeasyPrint and load the fonts (and *stylesheet*) now, e.g. in a worker."""
    _stylesheet(*FONTS_CSS)
    if stylesheet:
        _stylesheet(*stylesheet)


def html_to_pdf(
    html: str,
    stylesheet: tuple[str, ...],
    *,
    base: tuple[str, ...],
    identifier: str,
    variant: str = DEFAULT_VARIANT,
) -> RenderedPdf:
    """*html* laid out with the bundled fonts and the resource *stylesheet*; relative URLs
    resolve against the resource folder *base*."""
    if variant not in VARIANTS:
        raise ValueError(f"unknown PDF variant {variant!r}")
    weasyprint, fonts, fetcher = _engine()
    sheets = [_stylesheet(*FONTS_CSS), _stylesheet(*stylesheet)]
    html = _MARK_AFTER_HAMZA_ALEF.sub(r"\1", html)
    with _collecting() as problems:
        document = weasyprint.HTML(
            string=html, base_url=resource_path(*base).as_uri() + "/", url_fetcher=fetcher
        ).render(stylesheets=sheets, font_config=fonts)
        pdf = document.write_pdf(
            pdf_variant=_WEASYPRINT_VARIANT[variant],
            pdf_tags=True,
            pdf_identifier=identifier.encode("utf-8"),
        )
    return RenderedPdf(pdf=pdf, pages=len(document.pages), warnings=tuple(problems))
