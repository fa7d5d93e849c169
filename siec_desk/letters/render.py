"""Turn a letter's content into a PDF with WeasyPrint and the bundled fonts.

Heavy: WeasyPrint is imported here only, never at application start-up. One
``FontConfiguration`` and one parsed stylesheet per process (re-adding @font-face per
document is what makes WeasyPrint slow: pitfalls.md §3). Only ``data:`` images and files
under ``resources/`` may be loaded: a letter never reaches the network.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from siec_desk.letters.content import LetterContent
from siec_desk.letters.template import render_html
from siec_desk.paths import resource_path, resources_dir

#: PDF flavours offered to the user. "tagged" is PDF/UA-1 (tags, language, title);
#: "pdfa" is PDF/A-3b for archives, tagged as well.
VARIANTS = ("tagged", "pdfa")
DEFAULT_VARIANT = "tagged"
_WEASYPRINT_VARIANT = {"tagged": "pdf/ua-1", "pdfa": "pdf/a-3b"}


@dataclass(frozen=True)
class RenderedLetter:
    pdf: bytes
    pages: int
    warnings: tuple[str, ...] = field(default=())


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@lru_cache(maxsize=1)
def _engine() -> tuple[Any, Any, Any, Any]:
    """(weasyprint module, font configuration, letter stylesheet, URL fetcher), once per
    process. Fails loudly if a bundled font cannot be loaded: a letter must never fall
    back silently on whatever fonts the machine has."""
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher

    root = resources_dir().resolve().as_uri() + "/"

    class LocalFetcher(URLFetcher):  # type: ignore[misc]
        """``data:`` URLs and our own resource files only: a letter never reaches out."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            if not (url.startswith("data:") or url.startswith(root)):
                raise ValueError(f"letters may not load {url!r}")
            return super().fetch(url, headers)

    fetcher = LocalFetcher(allowed_protocols=("file", "data"))
    fonts = FontConfiguration()
    with _collecting() as problems:
        css = weasyprint.CSS(
            filename=str(resource_path("letters", "letter.css")),
            font_config=fonts,
            url_fetcher=fetcher,
        )
    if problems:
        raise RuntimeError("letter fonts or stylesheet failed to load: " + "; ".join(problems))
    return weasyprint, fonts, css, fetcher


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


def warm_up() -> None:
    """Import WeasyPrint and load the fonts now (a worker process does this at start)."""
    _engine()


def render_pdf(content: LetterContent, variant: str = DEFAULT_VARIANT) -> RenderedLetter:
    if variant not in VARIANTS:
        raise ValueError(f"unknown PDF variant {variant!r}")
    weasyprint, fonts, css, fetcher = _engine()
    html = render_html(content)
    with _collecting() as problems:
        document = weasyprint.HTML(
            string=html,
            base_url=resource_path("letters").as_uri() + "/",
            url_fetcher=fetcher,
        ).render(stylesheets=[css], font_config=fonts)
        pdf = document.write_pdf(
            pdf_variant=_WEASYPRINT_VARIANT[variant],
            pdf_tags=True,
            pdf_identifier=content.reference.encode("utf-8"),
        )
    return RenderedLetter(pdf=pdf, pages=len(document.pages), warnings=tuple(problems))
