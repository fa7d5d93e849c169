"""Attestations of a prior France Rénov' appointment: issued once, archived, printed again.

An attestation belongs to one consultation of act ``mpr_appointment`` (French centres)
with a household. The first request numbers it (``ATT-<year>-<000123>``, one sequence
per centre and year: each database is one centre's), composes it in the household's
letter language (French, or Arabic), renders it in the document worker's process, and
archives the PDF like a letter (``letters`` row of kind ``attestation``, the file written
whole and private, its SHA-256 kept, audited). Every later request gives the archived
file back, checked against its SHA-256: a reprint has the same number and the very same
bytes. Nothing is half-written: a failed render or write leaves no row and no file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from siec_desk.core.errors import FieldError, ValidationError
from siec_desk.core.files import write_private
from siec_desk.core.i18n import _
from siec_desk.documents.attestation.compose import ATTESTATION_LANGUAGES, compose_attestation
from siec_desk.documents.attestation.content import AttestationFacts
from siec_desk.domain.codes import ActLevel, Country
from siec_desk.services.audit import AuditService
from siec_desk.services.centre import CentreInfo, get_centre
from siec_desk.services.letter_types import LetterRecord
from siec_desk.services.letters import add_archived, archived_file
from siec_desk.storage.database import Database
from siec_desk.storage.models import Advisor, Consultation, Household, Letter
from siec_desk.storage.sessions import get_row

if TYPE_CHECKING:
    from siec_desk.documents.engine.pdf import RenderedPdf
    from siec_desk.documents.engine.worker import DocumentJob

KIND = "attestation"
PREFIX = "ATT"


def attestation_number(year: int, sequence: int) -> str:
    return f"{PREFIX}-{year}-{sequence:06d}"


@dataclass(frozen=True)
class IssuedAttestation:
    record: LetterRecord
    pdf: bytes
    reprint: bool  # False the first time (just numbered and archived)

    @property
    def number(self) -> str:
        return self.record.reference


def _render_here(job: DocumentJob) -> RenderedPdf:
    from siec_desk.documents.engine.worker import render_here  # WeasyPrint: only when asked

    return render_here(job)


def _refused(field: str, message: str) -> ValidationError:
    return ValidationError([FieldError(field, message)])


class AttestationService:
    def __init__(
        self,
        db: Database,
        centre: CentreInfo,
        archive_dir: Path,
        to_record: Callable[[Letter], LetterRecord],
        audit: AuditService | None = None,
    ) -> None:
        self.db = db
        self.centre = centre
        self.archive_dir = archive_dir
        self.to_record = to_record  # the letter service's (paths under the archive)
        self.audit = audit or AuditService(db)

    # -- issuing and printing again ------------------------------------------------------
    def issue(
        self,
        consultation_id: int,
        render: Callable[[DocumentJob], RenderedPdf] | None = None,
        *,
        today: date | None = None,
    ) -> IssuedAttestation:
        """The consultation's attestation: the archived one, else a new one numbered,
        rendered by *render* (the worker's ``render_here`` by default) and archived."""
        existing = self.find(consultation_id)
        if existing is not None:
            return IssuedAttestation(existing, self.archived_pdf(existing), reprint=True)
        from siec_desk.documents.engine.worker import DocumentJob

        issued_on = today or date.today()
        facts, language, household_id, advisor_id = self._facts(consultation_id, issued_on)
        content = compose_attestation(facts, language=language)
        rendered = (render or _render_here)(DocumentJob(KIND, content))
        name = f"{facts.number}-{language}-{datetime.now():%Y%m%dT%H%M%S%f}.pdf"
        path = write_private(
            self.archive_dir / f"{issued_on:%Y}" / name, rendered.pdf, create_folder=True
        )
        try:
            record = self._store(
                consultation_id, household_id, advisor_id, facts, language, path, rendered
            )
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        return IssuedAttestation(record, rendered.pdf, reprint=False)

    def preview_job(
        self, consultation_id: int, render: Callable[[DocumentJob], RenderedPdf] | None = None
    ) -> DocumentJob:
        """For the GUI's preview: the attestation issued (or found), as a job that shows
        its archived bytes as they are."""
        from siec_desk.documents.attestation.pdf import ArchivedPdf
        from siec_desk.documents.engine.worker import DocumentJob

        issued = self.issue(consultation_id, render)
        return DocumentJob("archived", ArchivedPdf(issued.pdf, issued.record.pages))

    def save_copy(self, pdf: bytes, out: Path) -> Path:
        """A copy of an attestation for the household (readable by the user only)."""
        return write_private(out, pdf)

    # -- reading -------------------------------------------------------------------------
    def find(self, consultation_id: int) -> LetterRecord | None:
        with self.db.read() as session:
            row = session.scalars(
                select(Letter).where(Letter.kind == KIND, Letter.consultation_id == consultation_id)
            ).first()
            return None if row is None else self.to_record(row)

    def archived_pdf(self, record: LetterRecord) -> bytes:
        """The archived file, or :class:`ValidationError` if it is gone or was altered."""
        try:
            pdf = record.path.read_bytes()
        except OSError:
            pdf = b""
        if hashlib.sha256(pdf).hexdigest() != record.sha256:
            raise _refused(
                "attestation",
                _("The archived attestation {number} is missing or was altered.").format(
                    number=record.reference
                ),
            )
        return pdf

    def count_issued(self, start: date, end: date) -> int:
        """Attestations issued between two local days (inclusive)."""
        first = datetime.combine(start, time.min).astimezone(UTC)  # the local days
        after = datetime.combine(end + timedelta(days=1), time.min).astimezone(UTC)
        with self.db.read() as session:
            return int(
                session.scalar(
                    select(func.count(Letter.id)).where(
                        Letter.kind == KIND, Letter.created_at >= first, Letter.created_at < after
                    )
                )
                or 0
            )

    # -- inside ------------------------------------------------------------------------
    def _facts(
        self, consultation_id: int, issued_on: date
    ) -> tuple[AttestationFacts, str, int, int | None]:
        with self.db.read() as session:
            c = get_row(session, Consultation, consultation_id, _("Consultation {id} not found."))
            if self.centre.country != Country.FR:
                raise _refused(
                    "act", _("The France Rénov' appointment is recorded by French centres only.")
                )
            if c.act != ActLevel.MPR_APPOINTMENT or c.household_id is None or not c.project_type:
                raise _refused(
                    "act",
                    _("Only a France Rénov' appointment with a household has an attestation."),
                )
            household = session.get(Household, c.household_id)
            assert household is not None  # a foreign key
            advisor = session.get(Advisor, c.advisor_id) if c.advisor_id is not None else None
            centre = get_centre(session)
            name = " ".join(p for p in (household.first_name, household.last_name) if p)
            language = household.letter_language
            facts = AttestationFacts(
                number=self._next_number(session, issued_on.year),
                issued_on=issued_on,
                country=self.centre.country,
                centre_name=centre.name,
                centre_name_ar=centre.name_ar,
                centre_address=self.centre.address,
                advisor_name=advisor.display_name if advisor else None,
                occurred_at=c.occurred_at,
                mode=c.mode,
                project_type=c.project_type,
                household_name=name or _("(no name)"),
                address=household.address,
                postal_code=household.postal_code,
                commune=household.commune,
            )
            chosen = language if language in ATTESTATION_LANGUAGES else "fr"
            return facts, chosen, c.household_id, c.advisor_id

    @staticmethod
    def _next_number(session: Session, year: int) -> str:
        prefix = f"{PREFIX}-{year}-"
        last = session.scalar(
            select(func.max(Letter.reference)).where(
                Letter.kind == KIND, Letter.reference.like(prefix + "%")
            )
        )
        sequence = int(last.removeprefix(prefix)) + 1 if last else 1
        return attestation_number(year, sequence)

    def _store(
        self,
        consultation_id: int,
        household_id: int,
        advisor_id: int | None,
        facts: AttestationFacts,
        language: str,
        path: Path,
        rendered: RenderedPdf,
    ) -> LetterRecord:
        with self.db.write() as session:
            taken = session.scalars(
                select(Letter.id).where(
                    Letter.kind == KIND,
                    (Letter.consultation_id == consultation_id)
                    | (Letter.reference == facts.number),
                )
            ).first()
            if taken is not None:  # another advisor issued one meanwhile
                raise _refused(
                    "attestation",
                    _("Another attestation was issued at the same time: try again."),
                )
            row = Letter(
                consultation_id=consultation_id,
                household_id=household_id,
                advisor_id=advisor_id,
                reference=facts.number,
                language=language,
                variant=None,
                kind=KIND,
                **archived_file(self.archive_dir, path, rendered.pdf, rendered.pages),
            )
            add_archived(session, self.audit, row, kind=KIND, language=language)
            return self.to_record(row)
