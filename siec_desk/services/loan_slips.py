"""The loan slip of a loan (``documents/loan_slip``): its facts collected from the
database, composed in the household's letter language (French or Arabic), rendered by
the document worker (the GUI previews and prints the job; the command line writes the
file whole and private). Writing one is audited (``export``, the loan, no values)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from siec_desk.core.files import write_private
from siec_desk.core.i18n import _
from siec_desk.documents.loan_slip.compose import SLIP_LANGUAGES, compose_loan_slip
from siec_desk.documents.loan_slip.content import LoanSlipFacts
from siec_desk.domain import audit_codes as a
from siec_desk.domain.validation import format_phone
from siec_desk.services.audit import AuditService
from siec_desk.services.centre import CentreInfo, get_centre
from siec_desk.storage.database import Database
from siec_desk.storage.models import Advisor, Household, Loan, LoanItem
from siec_desk.storage.sessions import get_row

if TYPE_CHECKING:
    from siec_desk.documents.engine.pdf import RenderedPdf
    from siec_desk.documents.engine.worker import DocumentJob

KIND = "loan_slip"


def _render_here(job: DocumentJob) -> RenderedPdf:
    from siec_desk.documents.engine.worker import render_here  # WeasyPrint: only when asked

    return render_here(job)


class LoanSlipService:
    def __init__(self, db: Database, centre: CentreInfo, audit: AuditService) -> None:
        self.db = db
        self.centre = centre
        self.audit = audit

    def facts(self, loan_id: int) -> tuple[LoanSlipFacts, str]:
        """The slip's facts and its language (the household's letter language, else
        French)."""
        with self.db.read() as session:
            loan = get_row(session, Loan, loan_id, _("Loan {id} not found."))
            item = session.get(LoanItem, loan.item_id)
            household = session.get(Household, loan.household_id)
            assert item is not None and household is not None  # foreign keys
            advisor = session.get(Advisor, loan.advisor_id) if loan.advisor_id else None
            centre = get_centre(session)
            name = " ".join(p for p in (household.first_name, household.last_name) if p)
            phone = format_phone(household.phone, self.centre.country) if household.phone else None
            facts = LoanSlipFacts(
                loan_id=loan.id,
                country=self.centre.country,
                centre_name=centre.name,
                centre_name_ar=centre.name_ar,
                centre_address=self.centre.address,
                centre_phone=self.centre.phone,
                household_name=name or _("Household {id}").format(id=household.id),
                household_phone=phone,
                item_name=item.item_name,
                item_type=item.item_type,
                item_label=item.label,
                out_on=loan.out_on,
                due_on=loan.due_on,
                deposit_minor=loan.deposit_minor,
                currency=loan.currency,
                advisor_name=advisor.display_name if advisor else None,
            )
            language = household.letter_language
        return facts, language if language in SLIP_LANGUAGES else "fr"

    def job(self, loan_id: int, language: str | None = None) -> DocumentJob:
        """The slip as a job for the document worker (the GUI's preview and print)."""
        from siec_desk.documents.engine.worker import DocumentJob

        facts, chosen = self.facts(loan_id)
        content = compose_loan_slip(facts, language=language or chosen)
        self.audit.record(a.EXPORT, a.LOAN, loan_id, format="pdf", language=content.language)
        return DocumentJob(KIND, content)

    def write(
        self,
        loan_id: int,
        out: Path,
        language: str | None = None,
        render: Callable[[DocumentJob], RenderedPdf] | None = None,
    ) -> Path:
        """The slip written whole to *out*, readable by the user only."""
        rendered = (render or _render_here)(self.job(loan_id, language))
        return write_private(out, rendered.pdf)

    def save_copy(self, pdf: bytes, out: Path) -> Path:
        """A copy of a slip (readable by the user only)."""
        return write_private(out, pdf)
