"""Retention: which households are past the centre's retention period, and the purge.

A household's last contact is its latest consultation, else the day it was recorded.
It is due when last contact + the retention period (whole years) is before today
(CNIL's customer-file reference: 3 years after the last contact, domain.md §10). A purge
anonymises (statistics keep their counts) or deletes the households due, in one
transaction with its audit event; letter files go once the transaction has committed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from sqlalchemy import Exists, exists, func, or_, select
from sqlalchemy.orm import Session

from siec_desk.domain.privacy_results import ANONYMISE as ANONYMISE
from siec_desk.domain.privacy_results import DELETE as DELETE
from siec_desk.domain.privacy_results import MODES as MODES
from siec_desk.domain.privacy_results import PurgeResult as PurgeResult
from siec_desk.domain.validation import Checker
from siec_desk.services import audit as a
from siec_desk.services.audit import AuditService
from siec_desk.services.centre import find_centre
from siec_desk.services.letter_files import finish_removal
from siec_desk.services.privacy_ops import (
    Cancelled,
    Progress,
    anonymise_households,
    chunks,
    delete_households,
    record_erasures,
)
from siec_desk.storage.database import Database
from siec_desk.storage.models import Centre, Consultation, Household, Letter, Loan
from siec_desk.storage.models.erasure import RETENTION_ANONYMISED, RETENTION_DELETED

MIN_YEARS, MAX_YEARS, DEFAULT_YEARS = 1, 10, 3


@dataclass(frozen=True)
class DueHousehold:
    """A household past the retention period (shown to the manager, locally)."""

    id: int
    last_contact: date
    name: str
    commune: str | None
    consultations: int


def years_before(day: date, years: int) -> date:
    """The same day *years* earlier (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def change_period(session: Session, audit: AuditService, centre: Centre, years: int) -> None:
    """Set the centre's retention period, with its audit event, in *session* (Retention
    and privacy, and ``centre set``)."""
    before = centre.retention_years
    centre.retention_years = years
    audit.record_in(
        session,
        a.UPDATE,
        a.CENTRE,
        centre.id,
        fields=["retention_years"],
        retention_years_before=before,
        retention_years=years,
    )


class RetentionService:
    def __init__(
        self,
        db: Database,
        audit: AuditService,
        archive_dir: Path,
        today: Callable[[], date] = date.today,
    ) -> None:
        self.db = db
        self.audit = audit
        self.archive_dir = archive_dir
        self.today = today

    # -- the period --------------------------------------------------------------------
    def period(self) -> int:
        """The centre's retention period in years."""
        with self.db.read() as session:
            years = session.scalar(select(Centre.retention_years).order_by(Centre.id).limit(1))
            return int(years) if years else DEFAULT_YEARS

    def set_period(self, years: int | None) -> None:
        check = Checker()
        value = check.int_range("retention_years", years, MIN_YEARS, MAX_YEARS, required=True)
        check.raise_if_any()
        with self.db.write() as session:
            centre = find_centre(session)
            if centre is None or centre.retention_years == value:
                return
            change_period(session, self.audit, centre, int(value or DEFAULT_YEARS))

    def cutoff(self, today: date | None = None) -> date:
        """Households whose last contact is before this day are due."""
        return years_before(today or self.today(), self.period())

    # -- who is due ---------------------------------------------------------------------
    def due(self, today: date | None = None, limit: int | None = None) -> list[DueHousehold]:
        """Households past the period and not anonymised yet, longest-silent first."""
        cutoff = datetime.combine(self.cutoff(today), time.min)
        latest = (
            select(
                Consultation.household_id.label("household_id"),
                func.max(Consultation.occurred_at).label("last"),
                func.count(Consultation.id).label("n"),
            )
            .where(Consultation.household_id.is_not(None))
            .group_by(Consultation.household_id)
            .subquery()
        )
        last_contact = func.coalesce(latest.c.last, Household.created_at)
        query = (
            select(
                Household.id,
                last_contact,
                Household.first_name,
                Household.last_name,
                Household.commune,
                func.coalesce(latest.c.n, 0),
            )
            .outerjoin(latest, latest.c.household_id == Household.id)
            .where(Household.anonymised_at.is_(None), last_contact < cutoff)
            .where(~_recent_or_open_loan(cutoff.date()))
            .order_by(last_contact, Household.id)
        )
        if limit is not None:
            query = query.limit(limit)
        with self.db.read() as session:
            rows = session.execute(query).all()
        return [
            DueHousehold(
                id=row[0],
                last_contact=_as_date(row[1]),
                name=" ".join(p for p in (row[2], row[3]) if p),
                commune=row[4],
                consultations=int(row[5]),
            )
            for row in rows
        ]

    def due_ids(self, today: date | None = None) -> list[int]:
        return [h.id for h in self.due(today)]

    # -- purging ------------------------------------------------------------------------
    def anonymise(
        self,
        ids: Sequence[int],
        *,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> PurgeResult:
        return self._purge(ANONYMISE, ids, progress, cancelled)

    def delete(
        self,
        ids: Sequence[int],
        *,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> PurgeResult:
        return self._purge(DELETE, ids, progress, cancelled)

    def purge(self, mode: str = ANONYMISE, *, dry_run: bool = False) -> PurgeResult:
        """Every household due today: what would be done (dry run), or done."""
        if mode not in MODES:
            raise ValueError(f"unknown purge mode {mode!r}")
        if not dry_run:
            return self._purge(mode, self.due_ids(), None, None)
        due = self.due()
        return PurgeResult(
            mode=mode,
            retention_years=self.period(),
            cutoff=self.cutoff(),
            households=len(due),
            consultations=sum(h.consultations for h in due),
            letters=self._letter_count([h.id for h in due]),
            dry_run=True,
            ids=tuple(h.id for h in due),
        )

    def _letter_count(self, ids: list[int]) -> int:
        total = 0
        with self.db.read() as session:
            for chunk in chunks(ids):
                total += int(
                    session.scalar(
                        select(func.count(Letter.id)).where(Letter.household_id.in_(chunk))
                    )
                    or 0
                )
        return total

    def _purge(
        self,
        mode: str,
        ids: Sequence[int],
        progress: Progress | None,
        cancelled: Cancelled | None,
    ) -> PurgeResult:
        ids = sorted(set(ids))
        years = self.period()
        cutoff = self.cutoff()
        with self.db.write() as session:
            if mode == ANONYMISE:
                counts = anonymise_households(
                    session, ids, self.archive_dir, progress=progress, cancelled=cancelled
                )
                action = a.PURGE_ANONYMISE
                kind = RETENTION_ANONYMISED
            else:
                counts = delete_households(
                    session, ids, self.archive_dir, progress=progress, cancelled=cancelled
                )
                action = a.PURGE_DELETE
                kind = RETENTION_DELETED
            if counts.households:
                record_erasures(session, ids, kind, self.audit.actor.name)
                self.audit.record_in(
                    session,
                    action,
                    a.HOUSEHOLD,
                    None,
                    households=counts.households,
                    consultations=counts.consultations,
                    letters=counts.letters,
                    retention_years=years,
                    cutoff=cutoff.isoformat(),
                    household_ids=ids,
                )
                self.db.search.purge_deleted(session.connection())
        left = finish_removal(self.db, self.archive_dir, counts.files) if counts.households else []
        return PurgeResult(
            mode=mode,
            retention_years=years,
            cutoff=cutoff,
            households=counts.households,
            consultations=counts.consultations,
            letters=counts.letters,
            ids=tuple(ids),
            files_left=tuple(left),
        )


def _as_date(value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return datetime.fromisoformat(str(value)).date()


def _recent_or_open_loan(cutoff: date) -> Exists:
    """A loan is a contact too: a household with equipment still out, or lent or returned
    within the period, is not due (erasing it would also lose what it holds)."""
    return exists().where(
        Loan.household_id == Household.id,
        or_(Loan.returned_on.is_(None), Loan.returned_on >= cutoff, Loan.out_on >= cutoff),
    )
