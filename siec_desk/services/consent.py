"""The standard re-contact consent wording, in the language the household reads.

Consent is recorded with its date and the words agreed to (domain.md §3.4). When the
advisor gives no wording of their own, this standard text is stored and shown.
"""

from __future__ import annotations

from siec_desk.core.i18n import LANGUAGES, _, current_language, language_override


def consent_text() -> str:
    """The standard wording in the current (thread's) language."""
    return _(
        "I agree that the advice centre keeps my contact details and may contact me again "
        "about my project and the advice given."
    )


def standard_consent_wording(language: str | None = None) -> str:
    """The standard wording in *language* (default: the current language)."""
    chosen = language if language is not None and language in LANGUAGES else current_language()
    with language_override(chosen):
        return consent_text()
