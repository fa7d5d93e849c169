"""What an attestation of a prior France Rénov' appointment says: the facts it is composed
from (:class:`AttestationFacts`, plain data the service collects) and its translated,
formatted text (:class:`AttestationContent`). Plain, picklable data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class AttestationFacts:
    """Everything an attestation states, as stored (codes, dates), in no language yet."""

    number: str  # ATT-2026-000123
    issued_on: date
    country: str
    centre_name: str
    centre_name_ar: str | None
    centre_address: str | None
    advisor_name: str | None
    occurred_at: datetime  # the appointment, the centre's wall clock
    mode: str  # the channel (a contact-mode code)
    project_type: str
    household_name: str
    address: str | None  # the dwelling's
    postal_code: str | None
    commune: str | None


@dataclass(frozen=True)
class AttestationRow:
    label: str
    value: str
    ltr: bool = False  # reads left to right whatever the language (the number)


@dataclass(frozen=True)
class AttestationContent:
    language: str
    direction: str
    locale: str
    title: str
    centre_name: str
    centre_address: str
    number_line: str  # "No ATT-2026-000123"
    statement: str  # the sentence that attests
    rows: tuple[AttestationRow, ...]
    issued: str  # "Issued in …, on …"
    signature: str  # the advisor (or the centre) who signs
    notice: str  # what the attestation is for
    identifier: str  # the PDF's identifier (the number)
