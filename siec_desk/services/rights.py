"""A household's rights: everything stored about it (JSON, or a readable PDF), and erasure.

The export gathers the household, its consultations (themes, measures and their frozen
estimates), its letters' records and the audit events about them; the PDF shows the same
data, laid out in the household's letter language. Erasure removes the household, its
consultations, letters and their files; the audit keeps only counts. Every export and
erasure is audited — never with the file's name, which may name the household.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from siec_desk.core.errors import SiecError
from siec_desk.core.files import write_private
from siec_desk.core.i18n import _
from siec_desk.domain import audit_codes
from siec_desk.domain.fields import Record, not_in_rights_export
from siec_desk.domain.privacy_results import EraseResult as EraseResult
from siec_desk.services import audit as a
from siec_desk.services.audit import AuditService
from siec_desk.services.centre import CentreInfo
from siec_desk.services.events import events_met
from siec_desk.services.households import household_row
from siec_desk.services.letter_files import finish_removal
from siec_desk.services.loans import household_loans
from siec_desk.services.privacy_ops import delete_households, record_erasures
from siec_desk.services.readings import household_readings
from siec_desk.storage.database import Database
from siec_desk.storage.models import (
    Advisor,
    Centre,
    Consultation,
    Household,
    Letter,
    RecommendedMeasure,
)
from siec_desk.storage.models.erasure import ERASED

if TYPE_CHECKING:
    from siec_desk.documents.engine.pdf import RenderedPdf
    from siec_desk.documents.engine.worker import DocumentJob

FORMAT = "siec-desk-household-export"
FORMAT_VERSION = 1
EXPORT_SUFFIXES = (".json", ".pdf")


def _stored(model: Any, *internal: str) -> tuple[str, ...]:
    """Every column of *model* but the internal ones: a new column is exported by itself."""
    return tuple(c.key for c in model.__table__.columns if c.key not in internal)


HOUSEHOLD_FIELDS = _stored(Household, *not_in_rights_export(Record.HOUSEHOLD))
CONSULTATION_FIELDS = _stored(Consultation, *not_in_rights_export(Record.CONSULTATION))
_MEASURE_FIELDS = _stored(RecommendedMeasure, "id", "consultation_id")


@dataclass(frozen=True)
class ExportResult:
    household_id: int
    path: Path
    kind: str  # json | pdf
    consultations: int
    letters: int


@dataclass(frozen=True)
class PdfExport:
    """A household's readable export, composed: the document worker's job and the counts
    the audit records once the file is saved."""

    household_id: int
    job: DocumentJob
    consultations: int
    letters: int


def _export_kind(out: Path) -> str:
    kind = out.suffix.lower()
    if kind not in EXPORT_SUFFIXES:
        raise SiecError(_("Export to a .json or a .pdf file."))
    return kind


def _render_here(job: DocumentJob) -> RenderedPdf:
    from siec_desk.documents.engine.worker import render_here  # WeasyPrint: only when asked

    return render_here(job)


def _plain(value: Any) -> Any:
    """JSON-ready: dates in ISO 8601 (UTC timestamps with their offset)."""
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return value


class RightsService:
    def __init__(
        self,
        db: Database,
        centre: CentreInfo,
        audit: AuditService,
        archive_dir: Path,
        measure_name: Callable[[str, str], str] | None = None,
    ) -> None:
        self.db = db
        self.centre = centre
        self.audit = audit
        self.archive_dir = archive_dir
        #: (measure code, language) → the measure's name in the catalogue
        self.measure_name = measure_name or (lambda code, _language: code)

    # -- what is stored -----------------------------------------------------------------
    def collect(self, household_id: int) -> dict[str, Any]:
        """Everything stored about one household, as JSON-ready data."""
        with self.db.read() as session:
            household = household_row(session, household_id)
            consultations = session.scalars(
                select(Consultation)
                .where(Consultation.household_id == household_id)
                .options(
                    selectinload(Consultation.themes),
                    selectinload(Consultation.orientations),
                    selectinload(Consultation.measures),
                )
                .order_by(Consultation.occurred_at, Consultation.id)
            ).all()
            letters = session.scalars(
                select(Letter)
                .where(Letter.household_id == household_id)
                .order_by(Letter.created_at, Letter.id)
            ).all()
            advisors = {i: n for i, n in session.execute(select(Advisor.id, Advisor.display_name))}
            names = session.execute(
                select(Centre.name, Centre.name_ar).order_by(Centre.id).limit(1)
            ).first()
            centre, centre_ar = names if names else (None, None)
            data: dict[str, Any] = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "exported_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
                "centre": {
                    "name": centre or self.centre.name,
                    "name_ar": centre_ar,
                    "country": self.centre.country,
                },
                "household": {f: _plain(getattr(household, f)) for f in HOUSEHOLD_FIELDS},
                "consultations": [_consultation(c, advisors) for c in consultations],
                "letters": [_letter(row, advisors) for row in letters],
                "consumption_readings": [
                    r.as_json() for r in household_readings(session, household_id)
                ],
                # schema 0016: the events where the household was met, through its
                # consultations (the events themselves hold nothing personal)
                "events_met": events_met(session, [c.event_id for c in consultations]),
                # schema 0017: what the household borrowed, oldest first
                "equipment_loans": household_loans(session, household_id),
            }
        events = self.audit.about(
            {
                a.HOUSEHOLD: [household_id],
                a.CONSULTATION: [c["id"] for c in data["consultations"]],
                a.LETTER: [row["id"] for row in data["letters"]],
                a.READING: [r["id"] for r in data["consumption_readings"]],
                audit_codes.LOAN: [x["id"] for x in data["equipment_loans"]],
            }
        )
        data["audit"] = [
            {
                "occurred_at": _plain(e.occurred_at),
                "actor": e.actor,
                "action": e.action,
                "object_type": e.object_type,
                "object_id": e.object_id,
                "details": e.details,
            }
            for e in events
        ]
        return data

    # -- exporting ----------------------------------------------------------------------
    def export(
        self,
        household_id: int,
        out: Path,
        render: Callable[[DocumentJob], RenderedPdf] | None = None,
    ) -> ExportResult:
        """Write the export to *out*: JSON or PDF by the file's extension. The PDF is
        rendered by *render* (the document worker's ``render_here`` by default: the
        command line; the GUI renders :meth:`pdf_export`'s job in a process of its own and
        saves with :meth:`save_pdf`)."""
        kind = _export_kind(out)
        if kind == ".pdf":
            prepared = self.pdf_export(household_id)
            rendered = (render or _render_here)(prepared.job)
            return self.save_pdf(prepared, rendered.pdf, out)
        data = self.collect(household_id)
        payload = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"
        counts = len(data["consultations"]), len(data["letters"])
        return self._write(household_id, out, "json", payload, *counts)

    def pdf_export(self, household_id: int) -> PdfExport:
        """The readable export composed (DB thread), ready for the document worker."""
        from siec_desk.documents.engine.worker import DocumentJob
        from siec_desk.documents.rights.compose import compose  # Babel and labels: only when asked

        data = self.collect(household_id)
        return PdfExport(
            household_id,
            DocumentJob("rights", compose(data, self.measure_name)),
            len(data["consultations"]),
            len(data["letters"]),
        )

    def save_pdf(self, prepared: PdfExport, pdf: bytes, out: Path) -> ExportResult:
        """Write a rendered export to *out* (readable by the user only) and audit it."""
        if _export_kind(out) != ".pdf":
            raise SiecError(_("Export to a .json or a .pdf file."))
        return self._write(
            prepared.household_id, out, "pdf", pdf, prepared.consultations, prepared.letters
        )

    def _write(
        self,
        household_id: int,
        out: Path,
        kind: str,
        payload: bytes,
        consultations: int,
        letters: int,
    ) -> ExportResult:
        write_private(out, payload)  # personal data: readable by the user only
        result = ExportResult(household_id, out, kind, consultations, letters)
        self.audit.record(
            a.EXPORT,
            a.HOUSEHOLD,
            household_id,
            format=result.kind,
            consultations=result.consultations,
            letters=result.letters,
        )
        return result

    def pdf(self, data: dict[str, Any]) -> bytes:
        """The readable PDF of an export, in the household's letter language (rendered in
        this process)."""
        from siec_desk.documents.engine.worker import DocumentJob
        from siec_desk.documents.rights.compose import compose  # Babel and labels: only when asked

        return _render_here(DocumentJob("rights", compose(data, self.measure_name))).pdf

    # -- erasing ------------------------------------------------------------------------
    def erase(self, household_id: int) -> EraseResult:
        """Remove the household with its consultations, letters and letter files.

        Nothing of it stays in the database file, its ``-wal`` or a later backup: the
        search index drops its words in the same transaction, deleted pages are zeroed
        (``secure_delete``), the ``-wal`` is truncated after the commit. An erasure record
        (no personal data) makes a later restore erase it again.
        """
        with self.db.write() as session:
            household_row(session, household_id)
            counts = delete_households(session, [household_id], self.archive_dir)
            record_erasures(session, [household_id], ERASED, self.audit.actor.name)
            self.audit.record_in(
                session,
                a.ERASE,
                a.HOUSEHOLD,
                household_id,
                consultations=counts.consultations,
                letters=counts.letters,
            )
            self.db.search.purge_deleted(session.connection())
        left = finish_removal(self.db, self.archive_dir, counts.files)
        return EraseResult(household_id, counts.consultations, counts.letters, tuple(left))


def _consultation(c: Consultation, advisors: dict[int, str]) -> dict[str, Any]:
    data = {f: _plain(getattr(c, f)) for f in CONSULTATION_FIELDS}
    data["advisor"] = advisors.get(c.advisor_id) if c.advisor_id is not None else None
    data["themes"] = [t.theme for t in c.themes]
    data["orientations"] = [o.code for o in c.orientations]
    data["event_id"] = c.event_id  # met at this event (in "events_met"), or None
    data["measures"] = [{f: _plain(getattr(m, f)) for f in _MEASURE_FIELDS} for m in c.measures]
    return data


def _letter(row: Letter, advisors: dict[int, str]) -> dict[str, Any]:
    return {
        "id": row.id,
        "consultation_id": row.consultation_id,
        "reference": row.reference,
        "kind": row.kind,  # letter, or attestation (a France Rénov' appointment's)
        "language": row.language,
        "variant": row.variant,
        "advisor": advisors.get(row.advisor_id) if row.advisor_id is not None else None,
        "created_at": _plain(row.created_at),
        "file": Path(row.file_path).name,
        "sha256": row.sha256,
        "size_bytes": row.size_bytes,
        "pages": row.pages,
        # when it was sent by e-mail (schema 0014); the address is not kept
        "sent_by_email": [{"sent_at": _plain(s.sent_at), "status": s.status} for s in row.sendings],
        "texts": {
            "opening": row.opening_text,
            "findings": row.findings_text,
            "closing": row.closing_text,
        },
    }
