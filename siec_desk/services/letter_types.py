"""Plain data of the letter service: what to generate, and what the archive holds."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from siec_desk.core.json_fields import NOT_IN_JSON, json_name, to_json
from siec_desk.documents.engine.pdf import DEFAULT_VARIANT
from siec_desk.documents.letters.inputs import FreeTexts


@dataclass(frozen=True)
class LetterRequest:
    """One letter to generate. ``language`` None: the household's letter language."""

    consultation_id: int
    language: str | None = None
    texts: FreeTexts = field(default_factory=FreeTexts)
    variant: str = DEFAULT_VARIANT
    advisor_id: int | None = None


@dataclass(frozen=True)
class LetterRecord:
    id: int
    consultation_id: int | None
    household_id: int
    advisor_id: int | None = field(metadata=NOT_IN_JSON)
    reference: str
    language: str
    variant: str | None
    texts: FreeTexts = field(metadata=NOT_IN_JSON)
    path: Path = field(metadata=json_name("file"))
    sha256: str
    size_bytes: int
    pages: int
    created_at: datetime
    kind: str = "letter"  # or "attestation" (a France Rénov' appointment's; schema 0011)
    #: When it was sent by e-mail (UTC; schema 0014), oldest first; never to whom.
    sent_by_email: tuple[datetime, ...] = field(default=(), metadata=NOT_IN_JSON)

    def as_json(self) -> dict[str, object]:
        return to_json(self)
