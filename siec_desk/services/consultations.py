"""Log, edit, list and delete consultations; follow-ups and 6-month outcomes due.

Every change is audited in its own transaction: field names and the household's id,
never notes or other values.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import ColumnElement, Select, and_, func, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from siec_desk.core.errors import NotFoundError
from siec_desk.core.i18n import _
from siec_desk.domain import validation as v
from siec_desk.domain.codes import (
    ACTS_NEEDING_HOUSEHOLD,
    ActLevel,
    ContactMode,
    Origin,
    OutcomeStatus,
    Theme,
)
from siec_desk.domain.consultation_records import (
    ConsultationDetail,
    ConsultationInput,
    ConsultationSummary,
    MeasureSnapshot,
    OutcomeInput,
)
from siec_desk.services import audit as a
from siec_desk.services.audit import AuditService, changed_fields
from siec_desk.services.centre import CentreInfo
from siec_desk.services.conflicts import conflict_error
from siec_desk.services.measures import MeasureService, to_minor
from siec_desk.services.reference import ReferenceData
from siec_desk.storage.database import Database
from siec_desk.storage.models import Advisor, Consultation, ConsultationTheme, Household

OUTCOME_DELAY = timedelta(days=183)  # ADEME's "décision d'action à 6 mois"
EARLIEST_DATE = date(2000, 1, 1)
#: Duration assumed when none is given, by act level (minutes).
DEFAULT_DURATION = {"info": 10, "advice": 45, "audit": 120, "support": 60, "awareness": 60}
#: Columns compared to audit which fields a change touched (plus themes and measures).
_AUDITED = (
    "household_id",
    "advisor_id",
    "occurred_at",
    "duration_min",
    "mode",
    "act",
    "origin",
    "commune",
    "postal_code",
    "notes",
    "follow_up_action",
    "follow_up_due",
    "follow_up_status",
    "follow_up_done_on",
    "outcome_status",
    "outcome_recorded_on",
    "outcome_works_amount_minor",
    "outcome_aids_minor",
    "outcome_abandon_reason",
)


def _values(c: Consultation) -> dict[str, object]:
    values: dict[str, object] = {name: getattr(c, name) for name in _AUDITED}
    values["themes"] = sorted(t.theme for t in c.themes)
    values["measures"] = [(m.measure_code, m.priority, m.status, m.parameters) for m in c.measures]
    return values


class ConsultationService:
    def __init__(
        self,
        db: Database,
        reference: ReferenceData,
        centre: CentreInfo,
        measures: MeasureService,
        audit: AuditService | None = None,
    ) -> None:
        self.db = db
        self.reference = reference
        self.centre = centre
        self.measure_service = measures
        self.audit = audit or AuditService(db)

    # -- writing ---------------------------------------------------------------------
    def add(self, data: ConsultationInput, *, now: datetime | None = None) -> int:
        with self.db.write() as session:
            consultation = Consultation()
            self._apply(session, consultation, data, now or datetime.now())
            session.add(consultation)
            session.flush()
            self.audit.record_in(
                session,
                a.CREATE,
                a.CONSULTATION,
                consultation.id,
                household_id=consultation.household_id,
            )
            return consultation.id

    def _audit_change(
        self, session: Session, c: Consultation, before: dict[str, object], overwrite: bool = False
    ) -> None:
        fields = changed_fields(before, _values(c))
        if fields:
            extra = {"overwrite": True} if overwrite else {}
            self.audit.record_in(
                session,
                a.UPDATE,
                a.CONSULTATION,
                c.id,
                household_id=c.household_id,
                fields=fields,
                **extra,
            )

    def update(
        self,
        consultation_id: int,
        data: ConsultationInput,
        expected_version: int | None = None,
        *,
        overwrite: bool = False,
    ) -> None:
        """Save changes; with *expected_version*, refuse if someone saved in between
        (:class:`ConflictError` names who and when). *overwrite* records that the
        advisor chose to save over that change, with the version the error gave."""
        country = self.centre.country
        try:
            with self.db.write() as session:
                consultation = self._get(session, consultation_id)
                if expected_version is not None and consultation.version != expected_version:
                    raise conflict_error(session, a.CONSULTATION, consultation_id, country)
                before = _values(consultation)
                self._apply(session, consultation, data, datetime.now())
                session.flush()
                self._audit_change(session, consultation, before, overwrite=overwrite)
        except StaleDataError as exc:  # another save won the race for the same version
            with self.db.read() as session:
                raise conflict_error(session, a.CONSULTATION, consultation_id, country) from exc

    def delete(self, consultation_id: int) -> None:
        with self.db.write() as session:
            consultation = self._get(session, consultation_id)
            household_id = consultation.household_id
            session.delete(consultation)
            self.audit.record_in(
                session, a.DELETE, a.CONSULTATION, consultation_id, household_id=household_id
            )

    def complete_follow_up(self, consultation_id: int, on: date | None = None) -> None:
        with self.db.write() as session:
            consultation = self._get(session, consultation_id)
            before = _values(consultation)
            consultation.follow_up_status = "done"
            consultation.follow_up_done_on = on or date.today()
            self._audit_change(session, consultation, before)

    def record_outcome(self, consultation_id: int, outcome: OutcomeInput) -> None:
        """The household's situation 6 months after advice (ADEME's follow-up metric)."""
        check = v.Checker()
        status = check.code("outcome_status", outcome.status, OutcomeStatus, required=True)
        reason = check.text("outcome_abandon_reason", outcome.abandon_reason, v.SHORT_TEXT_MAX)
        for field, amount in (
            ("outcome_works_amount", outcome.works_amount),
            ("outcome_aids", outcome.aids_amount),
        ):
            if amount is not None and amount < 0:
                check.add(field, _("The amount cannot be negative."))
        with self.db.write() as session:
            c = self._get(session, consultation_id)
            codes = {m.measure_code for m in c.measures}
            unknown = (set(outcome.measures_decided) | set(outcome.measures_done)) - codes
            if unknown:
                check.add(
                    "measures",
                    _(
                        "Only measures recommended in this consultation can "
                        "be marked decided or done."
                    ),
                )
            check.raise_if_any()
            before = _values(c)
            c.outcome_status = status
            c.outcome_recorded_on = outcome.recorded_on or date.today()
            c.outcome_works_amount_minor = (
                to_minor(outcome.works_amount, self.centre.currency)
                if outcome.works_amount is not None
                else None
            )
            c.outcome_aids_minor = (
                to_minor(outcome.aids_amount, self.centre.currency)
                if outcome.aids_amount is not None
                else None
            )
            c.outcome_abandon_reason = reason if status == OutcomeStatus.ABANDONED else None
            for m in c.measures:
                m.status = (
                    "done"
                    if m.measure_code in outcome.measures_done
                    else "decided"
                    if m.measure_code in outcome.measures_decided
                    else "recommended"
                )
            self._audit_change(session, c, before)

    def _apply(
        self, session: Session, c: Consultation, data: ConsultationInput, now: datetime
    ) -> None:
        """Validate everything, then write it onto *c*; raise before touching anything."""
        check = v.Checker()
        household = self._household(session, check, data.household_id)
        mode = check.code("mode", data.mode, ContactMode, required=True)
        act = check.code("act", data.act, ActLevel) or (
            ActLevel.ADVICE.value if household else ActLevel.INFO.value
        )
        themes = [check.code("themes", t, Theme) for t in data.themes]
        if not data.themes:
            check.add("themes", _("Choose at least one theme."))
        occurred_at = data.occurred_at or now
        check.not_future("occurred_at", occurred_at, now)
        check.date_not_before("occurred_at", occurred_at.date(), EARLIEST_DATE)
        duration = check.int_range(
            "duration_min", data.duration_min, v.DURATION_MIN, v.DURATION_MAX
        ) or DEFAULT_DURATION.get(act, 15)
        origin = check.code("origin", data.origin, Origin)
        commune = check.text("commune", data.commune, v.COMMUNE_MAX)
        postal_code = check.text("postal_code", data.postal_code, v.POSTAL_CODE_MAX)
        notes = check.text("notes", data.notes, v.NOTES_MAX, multiline=True)
        action = check.text("follow_up_action", data.follow_up_action, v.SHORT_TEXT_MAX)
        check.date_not_before("follow_up_due", data.follow_up_due, occurred_at.date())
        if data.advisor_id is not None and session.get(Advisor, data.advisor_id) is None:
            check.add("advisor_id", _("Advisor {id} not found.").format(id=data.advisor_id))
        if household is None:
            self._check_anonymous(check, act, notes, action, data)
        check.raise_if_any()

        # One path: every measure's share of the combined estimate, recomputed together
        # whenever a measure is added, removed or changed (services/measures.py).
        measures = self.measure_service.recommendations(household, data.measures)
        statuses = {m.measure_code: m.status for m in c.measures}
        for row in measures:  # a measure kept through an edit keeps its outcome status
            row.status = statuses.get(row.measure_code, "recommended")

        c.household_id = household.id if household else None
        c.advisor_id = data.advisor_id
        c.occurred_at = occurred_at.replace(microsecond=0, tzinfo=None)
        c.duration_min = duration
        c.mode, c.act, c.origin = str(mode), act, origin
        c.commune = commune or (household.commune if household else None)
        c.postal_code = postal_code or (household.postal_code if household else None)
        c.notes = notes
        c.follow_up_action = action
        c.follow_up_due = data.follow_up_due
        c.follow_up_status = "to_call_back" if (action or data.follow_up_due) else None
        if household is not None and act in ACTS_NEEDING_HOUSEHOLD and c.outcome_status is None:
            c.outcome_due = c.occurred_at.date() + OUTCOME_DELAY
        c.themes = [ConsultationTheme(theme=t) for t in dict.fromkeys(themes) if t]
        c.measures = measures

    @staticmethod
    def _household(
        session: Session, check: v.Checker, household_id: int | None
    ) -> Household | None:
        if household_id is None:
            return None
        household = session.get(Household, household_id)
        if household is None:
            check.add("household_id", _("Household {id} not found.").format(id=household_id))
        return household

    @staticmethod
    def _check_anonymous(
        check: v.Checker,
        act: str,
        notes: str | None,
        action: str | None,
        data: ConsultationInput,
    ) -> None:
        """Without a household only first-level facts are kept (mode, themes, commune)."""
        if act in ACTS_NEEDING_HOUSEHOLD:
            check.add("household_id", _("This kind of act needs a household."))
        if data.measures:
            check.add("measures", _("Recommend measures to an identified household only."))
        if notes:
            check.add("notes", _("Anonymous first-level information keeps no notes."))
        if action or data.follow_up_due:
            check.add("follow_up_due", _("A follow-up needs an identified household."))

    # -- reading ---------------------------------------------------------------------
    @staticmethod
    def _get(session: Session, consultation_id: int) -> Consultation:
        consultation = session.get(Consultation, consultation_id)
        if consultation is None:
            raise NotFoundError(_("Consultation {id} not found.").format(id=consultation_id))
        return consultation

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
                version=c.version,
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
            Consultation.follow_up_status != "done",
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
        query = (
            select(Consultation)
            .where(self._follow_up_due(today))
            .order_by(Consultation.follow_up_due, Consultation.id)
        )
        return self._summaries(query.limit(limit) if limit else query)

    def outcomes_due(
        self, today: date | None = None, limit: int | None = None
    ) -> list[ConsultationSummary]:
        """Advised households whose 6-month outcome is due and not yet recorded."""
        query = (
            select(Consultation)
            .where(self._outcome_due(today))
            .order_by(Consultation.outcome_due, Consultation.id)
        )
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
                    selectinload(Consultation.themes), selectinload(Consultation.measures)
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
    )
