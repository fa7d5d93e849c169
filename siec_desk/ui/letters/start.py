"""What the letter dialog opens with, gathered on the DB thread before it shows.

:func:`letter_start` asks the letter service for the household's letter language (a
consultation without household raises the service's message, so no dialog opens) and
the consultation's mode; :func:`default_texts` gives the opening and closing a letter
starts with in a language.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from siec_desk.core.i18n import language_override
from siec_desk.documents.letters.compose import default_closing, default_opening
from siec_desk.documents.letters.inputs import FreeTexts
from siec_desk.documents.letters.render import DEFAULT_VARIANT
from siec_desk.services.letter_types import LetterRequest
from siec_desk.ui.kit.context import UiContext


@dataclass(frozen=True)
class LetterStart:
    """What the dialog opens with (gathered on the DB thread)."""

    consultation_id: int
    household_id: int | None
    household_name: str
    mode: str
    language: str
    texts: FreeTexts = field(default_factory=FreeTexts)
    variant: str = DEFAULT_VARIANT
    #: Whether the consultation recommends measures (else the opening promises none).
    with_measures: bool = True


def default_texts(language: str, with_measures: bool = True) -> tuple[str, str]:
    """The default opening and closing in the letter's language."""
    with language_override(language):
        return default_opening(with_measures), default_closing()


def letter_start(ui: UiContext, consultation_id: int, request: LetterRequest | None) -> LetterStart:
    """On the DB thread: the household's language (raises without household), the mode."""
    language = ui.app.letters.default_language(consultation_id)
    summary = ui.app.consultations.get(consultation_id).summary
    return LetterStart(
        consultation_id=consultation_id,
        household_id=summary.household_id,
        household_name=summary.household_name or "",
        mode=summary.mode,
        language=(request.language if request and request.language else language),
        texts=request.texts if request else FreeTexts(),
        variant=request.variant if request else DEFAULT_VARIANT,
        with_measures=bool(summary.measures),
    )
