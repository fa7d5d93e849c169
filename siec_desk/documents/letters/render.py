"""Turn a letter's content into a PDF (``documents.pdf``, the letter's template and CSS)."""

from __future__ import annotations

from siec_desk.documents.engine.pdf import DEFAULT_VARIANT, VARIANTS, html_to_pdf
from siec_desk.documents.engine.pdf import RenderedPdf as RenderedLetter
from siec_desk.documents.engine.pdf import warm_up as _warm_up
from siec_desk.documents.letters.content import LetterContent
from siec_desk.documents.letters.template import render_html

__all__ = ["DEFAULT_VARIANT", "VARIANTS", "RenderedLetter", "render_pdf", "warm_up"]

STYLESHEET = ("letters", "letter.css")


def warm_up() -> None:
    """Import WeasyPrint and load the fonts and the letter stylesheet (worker start-up)."""
    _warm_up(*STYLESHEET)


def render_pdf(content: LetterContent, variant: str = DEFAULT_VARIANT) -> RenderedLetter:
    return html_to_pdf(
        render_html(content),
        STYLESHEET,
        base=("letters",),
        identifier=content.reference,
        variant=variant,
    )
