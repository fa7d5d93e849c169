"""Reading consultations: one in full, lists by period or household, follow-ups and
6-month outcomes due, and the communes advisors type most (for completion).

:class:`ConsultationQueries` is the reading half of
:class:`~siec_desk.services.consultations.ConsultationService`; it never writes.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import ColumnElement, Select, and_, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session, selectinload

from siec_desk.core.i18n import _
from siec_desk.domain.codes import CLOSED_FOLLOW_UP
from siec_desk.domain.consultation_records import (
    ConsultationDetail,
    ConsultationSummary,
    MeasureSnapshot,
)
from siec_desk.storage.database import Database
from siec_desk.storage.models import Consultation, Household
from siec_desk.storage.sessions import get_row


class ConsultationQueries:
    db: Database

    # -- reading ---------------------------------------------------------------------
    @staticmethod
    def _get(session: Session, consultation_id: int) -> Consultation:
        return get_row(session, Consultation, consultation_id, _("Consultation {id} not found."))

    def get(self, consultation_id: int) -> ConsultationDetail:
        with self.db.read() as session:
            c = self._get(session, consultation_id)
            name = self._names(session, [c.household_id]).get(c.household_id)
            return ConsultationDetail(
                summary=_summary(c, name),
                origin=c.origin,
                notes=c.notes,
                advisor_id=c.advisor_id,
                follow_up_action=c.follow_up_action,
                outcome_due=c.outcome_due,
                outcome_status=c.outcome_status,
                measures=[
                    MeasureSnapshot(
                        m.measure_code,
                        m.priority,
                        dict(m.parameters),
                        m.kwh_per_year,
                        m.money_per_year_minor,
                        m.currency,
                        m.co2_kg_per_year,
                        m.cost_minor,
                        m.payback_years,
                        m.parameter_set_version,
                        m.status,
                        m.combination,
                    )
                    for m in c.measures
                ],
                project_type=c.project_type,
                version=c.version,
                follow_up_note=c.follow_up_note,
                follow_up_postponed=c.follow_up_postponed,
                event_id=c.event_id,
            )

    def between(
        self, start: date | None = None, end: date | None = None, limit: int | None = None
    ) -> list[ConsultationSummary]:
        """Consultations from *start* to *end* inclusive, newest first."""
        query = select(Consultation)
        if start:
            query = query.where(Consultation.occurred_at >= datetime.combine(start, time.min))
        if end:
            query = query.where(
                Consultation.occurred_at < datetime.combine(end + timedelta(days=1), time.min)
            )
        query = query.order_by(Consultation.occurred_at.desc(), Consultation.id.desc())
        return self._summaries(query.limit(limit) if limit else query)

    def frequent_communes(self, limit: int = 300) -> list[str]:
        """Communes of recent consultations, most frequent first (for completion)."""
        since = datetime.now() - timedelta(days=365)
        with self.db.read() as session:
            rows = session.execute(
                select(Consultation.commune, func.count())
                .where(Consultation.commune.is_not(None), Consultation.occurred_at >= since)
                .group_by(Consultation.commune)
                .order_by(func.count().desc())
                .limit(limit)
            ).all()
            return [str(r[0]) for r in rows]

    def for_household(self, household_id: int) -> list[ConsultationSummary]:
        return self._summaries(
            select(Consultation)
            .where(Consultation.household_id == household_id)
            .order_by(Consultation.occurred_at.desc())
        )

    @staticmethod
    def _follow_up_due(today: date | None) -> ColumnElement[bool]:
        return and_(
            Consultation.follow_up_status.is_not(None),
            Consultation.follow_up_status.not_in(CLOSED_FOLLOW_UP),
            Consultation.follow_up_due <= (today or date.today()),
        )

    @staticmethod
    def _outcome_due(today: date | None) -> ColumnElement[bool]:
        return and_(
            Consultation.outcome_status.is_(None),
            Consultation.outcome_due <= (today or date.today()),
        )

    def follow_ups_due(
        self, today: date | None = None, limit: int | None = None
    ) -> list[ConsultationSummary]:
        """Follow-ups due today or overdue and not done, oldest first."""
        return self._due(self._follow_up_due(today), Consultation.follow_up_due, limit)

    def outcomes_due(
        self, today: date | None = None, limit: int | None = None
    ) -> list[ConsultationSummary]:
        """Advised households whose 6-month outcome is due and not yet recorded."""
        return self._due(self._outcome_due(today), Consultation.outcome_due, limit)

    def _due(
        self, where: ColumnElement[bool], due: InstrumentedAttribute[date | None], limit: int | None
    ) -> list[ConsultationSummary]:
        """The consultations *where* says are due, earliest *due* first."""
        query = select(Consultation).where(where).order_by(due, Consultation.id)
        return self._summaries(query.limit(limit) if limit else query)

    def due_counts(self, today: date | None = None) -> tuple[int, int]:
        """(follow-ups due, outcomes due), counted without loading them."""
        with self.db.read() as session:
            follow_ups = session.scalar(select(func.count()).where(self._follow_up_due(today)))
            outcomes = session.scalar(select(func.count()).where(self._outcome_due(today)))
            return int(follow_ups or 0), int(outcomes or 0)

    def _summaries(self, query: Select[Consultation]) -> list[ConsultationSummary]:
        with self.db.read() as session:
            rows = session.scalars(
                query.options(
                    selectinload(Consultation.themes),
                    selectinload(Consultation.orientations),
                    selectinload(Consultation.measures),
                )
            ).all()
            names = self._names(session, [r.household_id for r in rows])
            return [_summary(r, names.get(r.household_id)) for r in rows]

    @staticmethod
    def _names(session: Session, ids: list[int | None]) -> dict[int | None, str]:
        wanted = {i for i in ids if i is not None}
        if not wanted:
            return {}
        rows = session.execute(
            select(Household.id, Household.first_name, Household.last_name).where(
                Household.id.in_(wanted)
            )
        ).all()
        return {r[0]: " ".join(p for p in (r[1], r[2]) if p) for r in rows}


def _summary(c: Consultation, household_name: str | None) -> ConsultationSummary:
    return ConsultationSummary(
        id=c.id,
        occurred_at=c.occurred_at,
        mode=c.mode,
        act=c.act,
        themes=tuple(t.theme for t in c.themes),
        duration_min=c.duration_min,
        household_id=c.household_id,
        household_name=household_name,
        commune=c.commune,
        measures=tuple(m.measure_code for m in c.measures),
        follow_up_due=c.follow_up_due,
        follow_up_status=c.follow_up_status,
        orientations=tuple(o.code for o in c.orientations),
        follow_up_time=c.follow_up_time,
        follow_up_kind=c.follow_up_kind,
    )
