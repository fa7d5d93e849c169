"""HTML to PDF with WeasyPrint and the bundled fonts, for letters and reports.

Heavy: WeasyPrint is imported here only, never at application start-up. One
``FontConfiguration`` per process and each stylesheet parsed once (re-adding @font-face per
document is what makes WeasyPrint slow: pitfalls.md §3). Only PNG and JPEG ``data:`` URLs
and files under ``resources/`` (their real path, :func:`allowed_url`) may be loaded: a
document never reaches the network nor any other file. If a bundled font
cannot be loaded, rendering fails: never a silent fallback on the machine's fonts.

**Tagged for screen readers** (:mod:`siec_desk.documents.engine.structure`): WeasyPrint 70 writes
the structure tree (headings, tables, figures with ``alt`` or an SVG ``<title>``) but no
``/Scope`` on table headers, no ``/Lang`` below the document, and tags layout tables
(``role="presentation"``) as data tables; the structure module adds those while the PDF is
written.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from siec_desk.core.paths import resource_path, resources_dir
from siec_desk.documents.engine import structure

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


#: The only ``data:`` URLs a document may hold: logos and signatures (``services.branding``
#: accepts PNG and JPEG bytes only).
DATA_TYPES = ("data:image/png;", "data:image/jpeg;")


def allowed_url(url: str, root: Path) -> str | None:
    """The URL to fetch for *url*, or None when a document may not load it.

    A ``file:`` URL is turned into a real path first (percent-escapes decoded, ``..``
    and symbolic links resolved) and must lie under *root* (resolved); the file under
    its real path is what is fetched, so a link changed afterwards leads nowhere else.
    ``data:`` URLs are allowed for PNG and JPEG images only; nothing else (``http:``,
    another host's ``file:``) is.
    """
    if url.startswith("data:"):
        return url if url.lower().startswith(DATA_TYPES) else None
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        return None
    try:
        path = Path(url2pathname(parts.path)).resolve()
    except (OSError, ValueError, RuntimeError):
        return None
    if not path.is_relative_to(root.resolve()) or not path.is_file():
        return None
    return path.as_uri()


@lru_cache(maxsize=1)
def _engine() -> tuple[Any, Any, Any]:
    """(weasyprint module, font configuration, URL fetcher), once per process."""
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher

    root = resources_dir().resolve()

    class LocalFetcher(URLFetcher):  # type: ignore[misc]
        """PNG and JPEG ``data:`` URLs and our own resource files only (:func:`allowed_url`)."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            allowed = allowed_url(url, root)
            if allowed is None:
                raise ValueError(f"documents may not load {url[:200]!r}")
            return super().fetch(allowed, headers)

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
        source = weasyprint.HTML(
            string=html, base_url=resource_path(*base).as_uri() + "/", url_fetcher=fetcher
        )
        document = source.render(stylesheets=sheets, font_config=fonts)
        with structure.annotating(source.etree_element):
            pdf = document.write_pdf(
                pdf_variant=_WEASYPRINT_VARIANT[variant],
                pdf_tags=True,
                pdf_identifier=identifier.encode("utf-8"),
            )
    return RenderedPdf(pdf=pdf, pages=len(document.pages), warnings=tuple(problems))
