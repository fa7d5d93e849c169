"""Log, edit, list and delete consultations; follow-ups and 6-month outcomes due.

Every change is audited in its own transaction: field names and the household's id,
never notes or other values.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import NamedTuple

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from siec_desk.core.errors import NotFoundError
from siec_desk.core.i18n import _
from siec_desk.domain import fields
from siec_desk.domain import validation as v
from siec_desk.domain.codes import ActLevel
from siec_desk.domain.consultation_records import ConsultationInput, OutcomeInput
from siec_desk.domain.consultation_rules import (
    validate_act_change,
    validate_consultation,
    validate_outcome,
)
from siec_desk.domain.fields import Record
from siec_desk.services import audit as a
from siec_desk.services.act_types import centre_acts
from siec_desk.services.audit import AuditService, changed_fields
from siec_desk.services.centre import CentreInfo
from siec_desk.services.conflicts import conflict_error
from siec_desk.services.consultation_queries import ConsultationQueries
from siec_desk.services.consultation_restore import (
    ConsultationSnapshot,
    restore_snapshot,
    take_snapshot,
)
from siec_desk.services.measures import MeasureService, to_minor
from siec_desk.services.reference import ReferenceData
from siec_desk.storage.database import Database
from siec_desk.storage.models import (
    Advisor,
    Consultation,
    ConsultationOrientation,
    ConsultationTheme,
    Event,
    Household,
)

#: Columns compared to audit which fields a change touched (plus themes, orientations and
#: measures).
_AUDITED = fields.edited(Record.CONSULTATION)


def _values(c: Consultation) -> dict[str, object]:
    values: dict[str, object] = {name: getattr(c, name) for name in _AUDITED}
    values["themes"] = sorted(t.theme for t in c.themes)
    values["orientations"] = sorted(o.code for o in c.orientations)
    values["measures"] = [(m.measure_code, m.priority, m.status, m.parameters) for m in c.measures]
    return values


class _Place(NamedTuple):
    """What a consultation copies from its household when it names no place itself."""

    id: int
    commune: str | None
    postal_code: str | None


_PLACE = select(Household.id, Household.commune, Household.postal_code).where(
    Household.id == bindparam("id")
)


#: Whether an advisor, an event exists: built once, one indexed lookup each, no ORM object.
_ADVISOR = select(Advisor.id).where(Advisor.id == bindparam("id"))
_EVENT = select(Event.id).where(Event.id == bindparam("id"))


def _exists(session: Session, query: Select[int], row_id: int) -> bool:
    """Whether *query* finds *row_id*, read on the session's connection."""
    return session.connection().scalar(query, {"id": row_id}) is not None


class ConsultationService(ConsultationQueries):
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

    def set_orientations(self, consultation_id: int, codes: tuple[str, ...]) -> None:
        """Replace where the consultation referred the household (``consultation update
        --orientation``): the codes checked by the registry's rule, the change audited
        by field name; nothing is written when a code is unknown."""
        check = v.Checker()
        spec = fields.CONSULTATION["orientations"]
        valid = [v.check_field(check, spec, code) for code in codes]
        check.raise_if_any()
        with self.db.write() as session:
            consultation = self._get(session, consultation_id)
            before = _values(consultation)
            consultation.orientations = [
                ConsultationOrientation(code=code) for code in dict.fromkeys(valid) if code
            ]
            session.flush()
            self._audit_change(session, consultation, before)

    def set_act(self, consultation_id: int, act: str) -> None:
        """Change the consultation's act (``consultation update --act``): a built-in act or
        one of the centre's own types not hidden (its act now is kept even if hidden),
        by the rules of the editor; audited by field name, nothing written if refused."""
        with self.db.write() as session:
            c = self._get(session, consultation_id)
            checked = validate_act_change(
                act,
                identified=c.household_id is not None,
                acts=centre_acts(session),
                kept_act=c.act,
                project_type=c.project_type,
                country=self.centre.country,
            )
            before = _values(c)
            c.act = checked
            if checked != ActLevel.MPR_APPOINTMENT:
                c.project_type = None
            session.flush()
            self._audit_change(session, c, before)

    def delete(self, consultation_id: int) -> ConsultationSnapshot:
        """Delete it with its themes, orientations and measures (its letters stay, no
        longer tied to it); what it was, for :meth:`restore` (Edit ▸ Undo)."""
        with self.db.write() as session:
            consultation = self._get(session, consultation_id)
            household_id = consultation.household_id
            snapshot = take_snapshot(session, consultation)
            session.delete(consultation)
            self.audit.record_in(
                session, a.DELETE, a.CONSULTATION, consultation_id, household_id=household_id
            )
            return snapshot

    def restore(self, snapshot: ConsultationSnapshot) -> int:
        """Bring a deleted consultation back as it was (same id when free), audited;
        :class:`NotFoundError` when its household was deleted since."""
        with self.db.write() as session:
            try:
                consultation_id = restore_snapshot(session, snapshot)
            except LookupError as exc:
                message = _("Household {id} not found.").format(id=snapshot.household_id)
                raise NotFoundError(message) from exc
            self.audit.record_in(
                session,
                a.RESTORE,
                a.CONSULTATION,
                consultation_id,
                household_id=snapshot.household_id,
            )
            return consultation_id

    def complete_follow_up(self, consultation_id: int, on: date | None = None) -> None:
        with self.db.write() as session:
            consultation = self._get(session, consultation_id)
            before = _values(consultation)
            consultation.follow_up_status = "done"
            consultation.follow_up_done_on = on or date.today()
            self._audit_change(session, consultation, before)

    def record_outcome(self, consultation_id: int, outcome: OutcomeInput) -> None:
        """The household's situation 6 months after advice (ADEME's follow-up metric)."""
        with self.db.write() as session:
            c = self._get(session, consultation_id)
            valid = validate_outcome(outcome, {m.measure_code for m in c.measures})
            before = _values(c)
            c.outcome_status = valid.status
            c.outcome_recorded_on = valid.recorded_on or date.today()
            c.outcome_works_amount_minor = self._minor(valid.works_amount)
            c.outcome_aids_minor = self._minor(valid.aids_amount)
            c.outcome_abandon_reason = valid.abandon_reason
            for m in c.measures:
                m.status = valid.measure_status(m.measure_code)
            self._audit_change(session, c, before)

    def _minor(self, amount: Decimal | None) -> int | None:
        return None if amount is None else to_minor(amount, self.centre.currency)

    def _apply(
        self, session: Session, c: Consultation, data: ConsultationInput, now: datetime
    ) -> None:
        """Validate everything, then write it onto *c*; raise before touching anything.
        The rules are :func:`validate_consultation`'s; this adds those that need the
        database: the household and the advisor exist."""
        check = v.Checker()
        household = None  # the whole row, which the savings estimates of measures read
        place: _Place | None = None
        if data.household_id is not None:
            if data.measures:
                household = session.get(Household, data.household_id)
                if household is not None:
                    place = _Place(household.id, household.commune, household.postal_code)
            else:  # only its id, commune and postal code are needed: one plain row
                found = session.connection().execute(_PLACE, {"id": data.household_id}).first()
                place = None if found is None else _Place(*found)
            if place is None:
                message = _("Household {id} not found.").format(id=data.household_id)
                check.add("household_id", message)
        if data.advisor_id is not None and not _exists(session, _ADVISOR, data.advisor_id):
            check.add("advisor_id", _("Advisor {id} not found.").format(id=data.advisor_id))
        if data.event_id is not None and not _exists(session, _EVENT, data.event_id):
            check.add("event_id", _("Event {id} not found.").format(id=data.event_id))
        valid = validate_consultation(
            data,
            place is not None,
            now,
            check=check,
            country=self.centre.country,
            acts=centre_acts(session),
            kept_act=c.act,  # an edit keeps an act the centre has hidden since
        )

        # One path: every measure's share of the combined estimate, recomputed together
        # whenever a measure is added, removed or changed (services/measures.py).
        measures = self.measure_service.recommendations(household, data.measures)
        statuses = {m.measure_code: m.status for m in c.measures}
        for row in measures:  # a measure kept through an edit keeps its outcome status
            row.status = statuses.get(row.measure_code, "recommended")

        c.household_id = place.id if place else None
        c.advisor_id = valid.advisor_id
        c.event_id = valid.event_id
        c.occurred_at = valid.occurred_at
        c.duration_min = valid.duration_min
        c.mode, c.act, c.origin = valid.mode, valid.act, valid.origin
        c.project_type = valid.project_type
        c.commune = valid.commune or (place.commune if place else None)
        c.postal_code = valid.postal_code or (place.postal_code if place else None)
        c.notes = valid.notes
        planned = (c.follow_up_action, c.follow_up_due, c.follow_up_time)
        c.follow_up_action = valid.follow_up_action
        c.follow_up_due = valid.follow_up_due
        c.follow_up_time = valid.follow_up_time
        c.follow_up_kind = valid.follow_up_kind
        # An edit that leaves the follow-up as planned keeps its status (done stays done).
        if (
            valid.follow_up_status is None
            or c.follow_up_status is None
            or planned
            != (
                c.follow_up_action,
                c.follow_up_due,
                c.follow_up_time,
            )
        ):
            c.follow_up_status = valid.follow_up_status
        if valid.outcome_due is not None and c.outcome_status is None:
            c.outcome_due = valid.outcome_due
        c.themes = [ConsultationTheme(theme=t) for t in valid.themes]
        c.orientations = [ConsultationOrientation(code=o) for o in valid.orientations]
        c.measures = measures
