"""The readable file name of a letter's copy (Save as…, the e-mail's attachment) and the
mail server settings' checks: safe on every system whatever the household's name."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from siec_desk.core.i18n import language_override, pgettext
from siec_desk.documents.letters.inputs import FreeTexts
from siec_desk.domain.validation import Checker
from siec_desk.services.letter_copies import NAME_MAX, copy_name, safe_file_part
from siec_desk.services.letter_types import LetterRecord
from siec_desk.services.mail.settings import check_smtp

ILLEGAL = set('<>:"/\\|?*') | {chr(c) for c in range(32)} | {"\u200e", "\u200f", "\u2066"}


def record(
    reference: str = "2026-000123", language: str = "fr", kind: str = "letter"
) -> LetterRecord:
    return LetterRecord(
        id=1, consultation_id=1, household_id=1, advisor_id=None, reference=reference,
        language=language, variant="tagged", texts=FreeTexts(), path=Path("x.pdf"),
        sha256="0" * 64, size_bytes=1, pages=1, created_at=datetime.now(UTC), kind=kind,
    )  # fmt: skip


@given(st.text())
def test_any_name_becomes_a_safe_file_part(text: str) -> None:
    part = safe_file_part(text)
    assert not set(part) & ILLEGAL
    assert part == part.strip("-. ")
    assert part.upper() not in {"CON", "PRN", "AUX", "NUL", "COM1", "LPT1"}


@given(
    st.text(max_size=300), st.sampled_from(["fr", "ar"]), st.sampled_from(["letter", "attestation"])
)
def test_any_household_gives_a_bounded_pdf_name_with_the_reference(
    last_name: str, language: str, kind: str
) -> None:
    name = copy_name(record(language=language, kind=kind), last_name)
    assert name.endswith(".pdf") and "2026-000123" in name
    assert len(name) <= NAME_MAX + 4 and not set(name) & ILLEGAL


def test_examples() -> None:
    with language_override("fr"):
        word = pgettext("file name", "Letter")  # "Lettre" once the catalogue has it
    assert copy_name(record(), "Dupont") == f"{word}-2026-000123-Dupont.pdf"
    assert copy_name(record(), "de la Tour / CON") == f"{word}-2026-000123-de-la-Tour-CON.pdf"
    assert copy_name(record(), None) == f"{word}-2026-000123.pdf"
    assert safe_file_part("CON") == "" and safe_file_part(" ..a?b.. ") == "a-b"


def test_smtp_settings_are_checked_together() -> None:
    check = Checker()
    values = check_smtp(
        check,
        {"smtp_host": "Smtp.Example.org", "smtp_port": "", "smtp_security": "STARTTLS",
         "smtp_user": " u ", "smtp_sender": "A@Example.org"},
    )  # fmt: skip
    assert not check.errors
    assert values == {
        "smtp_host": "smtp.example.org", "smtp_port": None, "smtp_security": "starttls",
        "smtp_user": "u", "smtp_sender": "a@example.org",
    }  # fmt: skip
    bad = Checker()
    check_smtp(bad, {"smtp_host": "smtp example", "smtp_port": "0", "smtp_security": "ssl",
                     "smtp_sender": "nope"})  # fmt: skip
    assert [e.field for e in bad.errors] == [
        "smtp_host",
        "smtp_port",
        "smtp_security",
        "smtp_sender",
    ]
