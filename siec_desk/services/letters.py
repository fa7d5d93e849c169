"""Recommendation letters: gather what a letter needs, and keep the archive of letters given.

Rendering is not done here: it is slow and runs in worker processes (``letters.pool``), or
inline for a single letter on the command line. The service composes (fast, in the
letter's language) and records a rendered PDF: the file goes under the archive folder
(written to ``.partial``, flushed, renamed; readable by the user only) and a row keeps
its SHA-256.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from siec_desk.core.errors import FieldError, ValidationError
from siec_desk.core.files import write_private
from siec_desk.core.i18n import _
from siec_desk.core.records import record_from
from siec_desk.documents.engine.pdf import VARIANTS
from siec_desk.documents.engine.pdf import RenderedPdf as RenderedLetter
from siec_desk.documents.letters.compose import LETTER_LANGUAGES, compose, require_household
from siec_desk.documents.letters.content import LetterContent
from siec_desk.documents.letters.country import country_texts
from siec_desk.documents.letters.inputs import FreeTexts, LetterInputs
from siec_desk.domain import validation as v
from siec_desk.domain.consultation_records import ConsultationDetail
from siec_desk.domain.parameters import ParameterSet
from siec_desk.services import audit as a
from siec_desk.services.audit import AuditService
from siec_desk.services.branding import BrandingService
from siec_desk.services.centre import CentreInfo
from siec_desk.services.consultations import ConsultationService
from siec_desk.services.households import HouseholdService
from siec_desk.services.letter_copies import copy_name, verified_pdf, with_pdf_suffix
from siec_desk.services.letter_types import LetterRecord, LetterRequest
from siec_desk.services.reference import ReferenceData
from siec_desk.storage.database import Database
from siec_desk.storage.models import Advisor, Consultation, Letter
from siec_desk.storage.models.letter import SENT
from siec_desk.storage.sessions import get_row

#: The longest free text of a letter (opening, findings, closing): several pages already.
LETTER_TEXT_MAX = 10_000


def clean_texts(texts: FreeTexts) -> FreeTexts:
    """The advisor's texts without control or bidi override characters (which could make
    the printed letter say something else), or :class:`ValidationError` if too long."""
    check = v.Checker()
    cleaned = FreeTexts(
        opening=check.text("opening", texts.opening, LETTER_TEXT_MAX, multiline=True),
        findings=check.text("findings", texts.findings, LETTER_TEXT_MAX, multiline=True),
        closing=check.text("closing", texts.closing, LETTER_TEXT_MAX, multiline=True),
    )
    check.raise_if_any()
    return cleaned


class LetterService:
    def __init__(
        self,
        db: Database,
        reference: ReferenceData,
        centre: CentreInfo,
        households: HouseholdService,
        consultations: ConsultationService,
        archive_dir: Path,
        audit: AuditService | None = None,
    ) -> None:
        self.db = db
        self.audit = audit or AuditService(db)
        self.reference = reference
        self.centre = centre
        self.households = households
        self.consultations = consultations
        self.branding = BrandingService(db)
        self.archive_dir = archive_dir

    # -- composing -------------------------------------------------------------------
    def default_language(self, consultation_id: int) -> str:
        summary = self.consultations.get(consultation_id).summary
        require_household(summary.household_id)
        assert summary.household_id is not None
        language = self.households.get(summary.household_id).letter_language
        return language if language in LETTER_LANGUAGES else "fr"

    def inputs(self, request: LetterRequest, today: date | None = None) -> LetterInputs:
        if request.variant not in VARIANTS:
            raise ValidationError([FieldError("variant", _("Unknown PDF type."))])
        consultation = self.consultations.get(request.consultation_id)
        require_household(consultation.summary.household_id)
        assert consultation.summary.household_id is not None
        household = self.households.get(consultation.summary.household_id)
        language = request.language or household.letter_language
        if language not in LETTER_LANGUAGES:
            raise ValidationError(
                [FieldError("language", _("Letters are written in French or Arabic."))]
            )
        advisor_name, advisor_title = self._advisor(consultation.advisor_id or request.advisor_id)
        return LetterInputs(
            language=language,
            today=today or date.today(),
            consultation=consultation,
            household=household,
            branding=self.branding.get(),
            advisor_name=advisor_name,
            advisor_title=advisor_title,
            parameters=self._parameters(consultation),
            catalogue=self.reference.measures,
            country_texts=country_texts(self.centre.country),
            texts=clean_texts(request.texts),
        )

    def compose(self, request: LetterRequest, today: date | None = None) -> LetterContent:
        return compose(self.inputs(request, today))

    def _parameters(self, consultation: ConsultationDetail) -> ParameterSet:
        """The parameter set the estimates used; else the one valid on the consultation's
        date; else today's (a consultation older than every set)."""
        used = {m.parameter_set_version for m in consultation.measures}
        for candidate in self.reference.parameter_sets:
            if candidate.country == self.centre.country and candidate.version in used:
                return candidate
        try:
            return self.reference.parameters(
                self.centre.country, consultation.summary.occurred_at.date()
            )
        except ValueError:
            return self.reference.parameters(self.centre.country)

    def _advisor(self, advisor_id: int | None) -> tuple[str | None, str | None]:
        """The advisor's name and title gender (None, None without an advisor)."""
        if advisor_id is None:
            return None, None
        with self.db.read() as session:
            advisor = session.get(Advisor, advisor_id)
            return (advisor.display_name, advisor.title_gender) if advisor else (None, None)

    # -- the archive -----------------------------------------------------------------
    def record(
        self, request: LetterRequest, content: LetterContent, rendered: RenderedLetter
    ) -> LetterRecord:
        """Store the PDF in the archive folder and record it; nothing half-written."""
        consultation = self.consultations.get(request.consultation_id)
        household_id = consultation.summary.household_id
        require_household(household_id)
        assert household_id is not None
        texts = clean_texts(request.texts)
        now = datetime.now()
        folder = self.archive_dir / f"{now:%Y}"
        name = f"{content.reference}-{content.language}-{now:%Y%m%dT%H%M%S%f}.pdf"
        path = write_private(folder / name, rendered.pdf, create_folder=True)
        try:
            with self.db.write() as session:
                row = Letter(
                    consultation_id=request.consultation_id,
                    household_id=household_id,
                    advisor_id=consultation.advisor_id or request.advisor_id,
                    reference=content.reference,
                    language=content.language,
                    variant=request.variant,
                    opening_text=texts.opening,
                    findings_text=texts.findings,
                    closing_text=texts.closing,
                    **archived_file(self.archive_dir, path, rendered.pdf, rendered.pages),
                )
                add_archived(session, self.audit, row, language=content.language)
                return self._record(row)
        except BaseException:
            path.unlink(missing_ok=True)
            raise

    def get(self, letter_id: int) -> LetterRecord:
        with self.db.read() as session:
            return self._record(get_row(session, Letter, letter_id, _("Letter {id} not found.")))

    def for_household(self, household_id: int) -> list[LetterRecord]:
        return self._newest_first(Letter.household_id == household_id)

    def for_consultation(self, consultation_id: int) -> list[LetterRecord]:
        return self._newest_first(Letter.consultation_id == consultation_id)

    def _newest_first(self, where: ColumnElement[bool]) -> list[LetterRecord]:
        with self.db.read() as session:
            rows = session.scalars(
                select(Letter).where(where).order_by(Letter.created_at.desc(), Letter.id.desc())
            ).all()
            return [self._record(r) for r in rows]

    def is_intact(self, record: LetterRecord) -> bool:
        """True when the archived file exists and still has the recorded SHA-256."""
        try:
            return hashlib.sha256(record.path.read_bytes()).hexdigest() == record.sha256
        except OSError:
            return False

    def regeneration(self, letter_id: int) -> LetterRequest:
        """The request that produced an archived letter, to generate it again."""
        record = self.get(letter_id)
        if record.consultation_id is None:
            raise ValidationError(
                [
                    FieldError(
                        "consultation_id",
                        _("The consultation of this letter was deleted: it cannot be redone."),
                    )
                ]
            )
        return LetterRequest(
            consultation_id=record.consultation_id,
            language=record.language,
            texts=record.texts,
            variant=record.variant or VARIANTS[0],
            advisor_id=record.advisor_id,
        )

    def consultations_for_batch(self, start: date, end: date) -> list[int]:
        """Consultations with a household between two dates (inclusive), oldest first."""
        with self.db.read() as session:
            return list(
                session.scalars(
                    select(Consultation.id)
                    .where(
                        Consultation.household_id.is_not(None),
                        Consultation.occurred_at >= datetime.combine(start, datetime.min.time()),
                        Consultation.occurred_at < datetime.combine(end, datetime.max.time()),
                    )
                    .order_by(Consultation.occurred_at, Consultation.id)
                ).all()
            )

    def to_record(self, row: Letter) -> LetterRecord:
        """An archive row as a record (its path under the archive folder)."""
        return self._record(row)

    def _record(self, row: Letter) -> LetterRecord:
        path = Path(row.file_path)
        return record_from(
            LetterRecord,
            row,
            texts=FreeTexts(row.opening_text, row.findings_text, row.closing_text),
            path=path if path.is_absolute() else self.archive_dir / path,
            sent_by_email=tuple(s.sent_at for s in row.sendings if s.status == SENT),
        )

    # -- Save as… ----------------------------------------------------------------------
    def copy_name(self, letter_id: int) -> str:
        """The readable default name of a copy (``Lettre-2026-000123-Dupont.pdf``)."""
        record = self.get(letter_id)
        return copy_name(record, self.households.get(record.household_id).summary.last_name)

    def save_copy(self, letter_id: int, out: Path) -> Path:
        """Write the archived PDF (checked against its SHA-256, never rendered again) to
        *out*, whole and readable by the user only; the path written."""
        pdf = verified_pdf(self.get(letter_id))
        return write_private(with_pdf_suffix(out), pdf)


def archived_file(archive_dir: Path, path: Path, pdf: bytes, pages: int) -> dict[str, object]:
    """The archive columns of a PDF written at *path*: its place under the archive folder
    (absolute when outside it), SHA-256, size and pages (letters and attestations)."""
    try:
        stored = path.relative_to(archive_dir).as_posix()
    except ValueError:
        stored = str(path)
    return {
        "file_path": stored,
        "sha256": hashlib.sha256(pdf).hexdigest(),
        "size_bytes": len(pdf),
        "pages": pages,
    }


def add_archived(session: Session, audit: AuditService, row: Letter, **details: object) -> None:
    """Add an archived document's row and its audit event in the caller's transaction."""
    session.add(row)
    session.flush()
    audit.record_in(
        session,
        a.CREATE,
        a.LETTER,
        row.id,
        household_id=row.household_id,
        consultation_id=row.consultation_id,
        **details,
        pages=row.pages,
        sha256=row.sha256,
    )
