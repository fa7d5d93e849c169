"""The archive of generated recommendation letters and attestations.

A row records what was handed to the household: which consultation, in which language, by
whom, when, the PDF's path and its SHA-256 (to show the file was not altered), and the
free-text parts the advisor edited, so the letter can be regenerated as it was.
A deleted consultation leaves its letters in the household's archive (consultation_id NULL).

``letter_sendings`` (schema 0014): each time a letter was sent by e-mail (when, by whom,
``status`` "sent"); never the address. Deleted with its letter (``ON DELETE CASCADE``).

``kind`` (schema 0011): ``letter``, or ``attestation`` for the attestation of a prior
France Rénov' appointment, whose ``reference`` is its number (``ATT-2026-000123``, one
sequence per centre and year): at most one per consultation, each number once.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from siec_desk.storage.base import Base, utc_now


class Letter(Base):
    __tablename__ = "letters"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int | None] = mapped_column(
        ForeignKey("consultations.id", ondelete="SET NULL"), index=True
    )
    household_id: Mapped[int] = mapped_column(
        ForeignKey("households.id", ondelete="CASCADE"), index=True
    )
    advisor_id: Mapped[int | None] = mapped_column(ForeignKey("advisors.id"))
    reference: Mapped[str] = mapped_column(String(40))
    language: Mapped[str] = mapped_column(String(2))
    variant: Mapped[str | None] = mapped_column(String(20))
    opening_text: Mapped[str | None] = mapped_column(Text)
    findings_text: Mapped[str | None] = mapped_column(Text)
    closing_text: Mapped[str | None] = mapped_column(Text)
    file_path: Mapped[str] = mapped_column(String(1000))
    sha256: Mapped[str] = mapped_column(String(64))
    size_bytes: Mapped[int] = mapped_column(Integer)
    pages: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utc_now, index=True)
    kind: Mapped[str] = mapped_column(String(20), default="letter", server_default="letter")
    sendings: Mapped[list[LetterSending]] = relationship(
        order_by="LetterSending.sent_at", lazy="selectin", viewonly=True
    )

    __table_args__ = (
        Index(
            "ux_letters_attestation_number",
            "reference",
            unique=True,
            sqlite_where=text("kind = 'attestation'"),
            postgresql_where=text("kind = 'attestation'"),
        ),
        Index(
            "ux_letters_attestation_consultation",
            "consultation_id",
            unique=True,
            sqlite_where=text("kind = 'attestation'"),
            postgresql_where=text("kind = 'attestation'"),
        ),
    )


#: The status of a sending that the server accepted (the only one recorded today).
SENT = "sent"


class LetterSending(Base):
    """A letter sent by e-mail: when (UTC), by which advisor; never the recipient's address."""

    __tablename__ = "letter_sendings"

    id: Mapped[int] = mapped_column(primary_key=True)
    letter_id: Mapped[int] = mapped_column(ForeignKey("letters.id", ondelete="CASCADE"))
    advisor_id: Mapped[int | None] = mapped_column(ForeignKey("advisors.id"))
    sent_at: Mapped[datetime] = mapped_column(default=utc_now)
    status: Mapped[str] = mapped_column(String(20), default=SENT)

    __table_args__ = (Index("ix_letter_sendings_letter", "letter_id", "sent_at"),)
