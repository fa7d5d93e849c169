"""Save as…: a copy of an archived letter or attestation, under a readable name.

The copy is the archived file's bytes, checked against the SHA-256 recorded when it was
given (never rendered again: the copy is the document the household received). Its
default name is readable and safe on every system: ``Lettre-2026-000123-Dupont.pdf``,
``رسالة-2026-000123-العلوي.pdf``, ``Attestation-ATT-2026-000007-Dupont.pdf``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

from siec_desk.core.errors import SiecError
from siec_desk.core.i18n import _, language_override, pgettext
from siec_desk.services.letter_types import LetterRecord

#: Characters Windows refuses in a file name (and controls), replaced by "-".
_ILLEGAL = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f\u200e\u200f\u202a-\u202e\u2066-\u2069]+')
_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{p}{n}" for p in ("COM", "LPT") for n in range(10)}
NAME_MAX = 120


def safe_file_part(text: str) -> str:
    """*text* usable in a file name on Windows, macOS and Linux ("" if nothing is left)."""
    text = unicodedata.normalize("NFC", text)
    text = _ILLEGAL.sub("-", text)
    text = re.sub(r"\s+", "-", text.strip())
    text = re.sub(r"-{2,}", "-", text).strip("-. ")
    return "" if text.upper() in _RESERVED else text


def copy_name(record: LetterRecord, last_name: str | None) -> str:
    """The default file name of a copy, in the document's language."""
    with language_override(record.language):
        word = (
            pgettext("file name", "Attestation")
            if record.kind == "attestation"
            else pgettext("file name", "Letter")
        )
    parts = [safe_file_part(p) for p in (word, record.reference, last_name or "")]
    stem = "-".join(p for p in parts if p)[:NAME_MAX].rstrip("-. ")
    return f"{stem or 'letter'}.pdf"


def verified_pdf(record: LetterRecord) -> bytes:
    """The archived file's bytes, or :class:`SiecError` if missing or altered."""
    try:
        pdf = record.path.read_bytes()
    except OSError:
        pdf = b""
    if hashlib.sha256(pdf).hexdigest() != record.sha256:
        raise SiecError(
            _(
                "The archived file of {reference} is missing or has been altered: "
                "generate it again."
            ).format(reference=record.reference)
        )
    return pdf


def with_pdf_suffix(path: Path) -> Path:
    return path if path.suffix.lower() == ".pdf" else path.with_name(f"{path.name}.pdf")
