"""Create, update, find and search households.

Every change is audited in the same transaction (field names only, never values).
Households anonymised by retention are kept for statistics but leave the list of people.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from siec_desk.core.i18n import _
from siec_desk.domain import fields, normalise
from siec_desk.domain import validation as v
from siec_desk.domain.fields import Record
from siec_desk.domain.household_records import HouseholdDetail, HouseholdInput, HouseholdSummary
from siec_desk.domain.household_rules import HouseholdRules, StoredHousehold, validate_household
from siec_desk.domain.savings import EnergyProfile
from siec_desk.services import audit as a
from siec_desk.services.audit import AuditService, changed_fields
from siec_desk.services.conflicts import conflict_error
from siec_desk.services.consent import standard_consent_wording
from siec_desk.services.measures import MeasureService, profile_of, recombine
from siec_desk.services.reference import ReferenceData
from siec_desk.storage.database import Database
from siec_desk.storage.models import Consultation, Household
from siec_desk.storage.search import parse_query
from siec_desk.storage.search.base import SUMMARY_COLUMNS, read_summaries
from siec_desk.storage.sessions import get_row

#: A summary's columns, in ``HouseholdSummary``'s order (as the search reads them).
_SUMMARY_COLUMNS = tuple(getattr(Household, name) for name in SUMMARY_COLUMNS)


#: Columns a household's detail shows besides its summary.
_DETAIL_COLUMNS = tuple(
    f.name
    for f in dataclasses.fields(HouseholdDetail)
    if f.name not in ("summary", "consultation_ids")
)
#: Columns an advisor edits (compared to audit which fields a change touched).
_AUDITED = fields.edited(Record.HOUSEHOLD)
#: Fields the savings estimates read: a change recomputes the household's measures.
_DWELLING_FIELDS = fields.savings_inputs(Record.HOUSEHOLD)


def household_row(session: Session, household_id: int) -> Household:
    return get_row(session, Household, household_id, _("Household {id} not found."))


@dataclass(frozen=True)
class SearchWindow:
    """A search's true count and its first rows."""

    total: int
    rows: list[HouseholdSummary]


def _values(household: Household) -> dict[str, object]:
    return {name: getattr(household, name) for name in _AUDITED}


class HouseholdService:
    def __init__(
        self,
        db: Database,
        reference: ReferenceData,
        country: str,
        audit: AuditService | None = None,
        measures: MeasureService | None = None,
    ) -> None:
        self.db = db
        self.reference = reference
        self.country = country
        self.audit = audit or AuditService(db)
        self.measures = measures

    # -- writing ---------------------------------------------------------------------
    def create(self, data: HouseholdInput) -> int:
        household = Household(country=self.country)
        self._apply(household, data)
        with self.db.write() as session:
            session.add(household)
            session.flush()
            filled = [
                name for name, value in _values(household).items() if value not in (None, "", False)
            ]
            self.audit.record_in(session, a.CREATE, a.HOUSEHOLD, household.id, fields=filled)
            return household.id

    def update(
        self,
        household_id: int,
        data: HouseholdInput,
        expected_version: int | None = None,
        *,
        overwrite: bool = False,
    ) -> None:
        """Save changes; with *expected_version*, refuse if someone saved in between
        (:class:`ConflictError` names who and when). *overwrite* records that the
        advisor chose to save over that change, with the version the error gave."""
        try:
            with self.db.write() as session:
                household = self._get(session, household_id)
                if expected_version is not None and household.version != expected_version:
                    raise conflict_error(session, a.HOUSEHOLD, household_id, self.country)
                before = _values(household)
                self._apply(household, data)
                fields = changed_fields(before, _values(household))
                if fields:
                    extra = {"overwrite": True} if overwrite else {}
                    self.audit.record_in(
                        session, a.UPDATE, a.HOUSEHOLD, household_id, fields=fields, **extra
                    )
                if set(fields) & _DWELLING_FIELDS:
                    self._recombine(session, household)
        except StaleDataError as exc:  # another save won the race for the same version
            with self.db.read() as session:
                raise conflict_error(session, a.HOUSEHOLD, household_id, self.country) from exc

    def _recombine(self, session: Session, household: Household) -> None:
        """The dwelling changed: recompute the shares of the measures recommended to this
        household (same transaction; archived letters are never touched)."""
        if self.measures is None:
            return
        consultations = session.scalars(  # their measures in one more query, not one each
            select(Consultation)
            .where(Consultation.household_id == household.id)
            .options(selectinload(Consultation.measures))
        ).all()
        changed = []
        for consultation in consultations:
            if consultation.measures:
                consultation.measures = recombine(self.measures, household, consultation.measures)
                changed.append(consultation.id)
        details = {"household_id": household.id, "fields": ["measures"]}
        self.audit.record_each_in(
            session, a.UPDATE, a.CONSULTATION, [(i, details) for i in changed]
        )

    def _apply(self, household: Household, data: HouseholdInput) -> None:
        """Validate *data* completely, then copy it onto *household* (or raise)."""
        stored = StoredHousehold(household.letter_language, household.consent_recontact_on)
        valid = validate_household(data, self.rules(), stored)
        for name, value in valid.columns().items():
            setattr(household, name, value)

    def rules(self) -> HouseholdRules:
        """What the household rules need from this centre, today."""
        return HouseholdRules(
            country=self.country,
            french_category=self.reference.french_income_category,
            consent_wording=standard_consent_wording,
            today=date.today(),
        )

    # -- reading ---------------------------------------------------------------------
    @staticmethod
    def _get(session: Session, household_id: int) -> Household:
        return household_row(session, household_id)

    def get(self, household_id: int) -> HouseholdDetail:
        with self.db.read() as session:
            h = self._get(session, household_id)
            consultation_ids = list(
                session.scalars(
                    select(Consultation.id)
                    .where(Consultation.household_id == household_id)
                    .order_by(Consultation.occurred_at.desc())
                )
            )
            summary = HouseholdSummary(*(getattr(h, c.key) for c in _SUMMARY_COLUMNS))
            stored = {name: getattr(h, name) for name in _DETAIL_COLUMNS}
            return HouseholdDetail(summary=summary, consultation_ids=consultation_ids, **stored)

    def energy_profile(self, household_id: int | None) -> EnergyProfile:
        """What savings estimates know of this household (all unknown without one)."""
        if household_id is None:
            return profile_of(None, self.country)
        with self.db.read() as session:
            return profile_of(self._get(session, household_id), self.country)

    def count(self) -> int:
        """Households in the list of people (anonymised ones are statistics only)."""
        with self.db.read() as session:
            return int(
                session.scalar(
                    select(func.count(Household.id)).where(Household.anonymised_at.is_(None))
                )
                or 0
            )

    def page(self, offset: int = 0, limit: int = 100) -> list[HouseholdSummary]:
        """One window of the household list (the GUI's lazy model reads these).

        Households with a last name come first, by name; those without follow. Each part
        is read in the order of the name index, so no page needs a sort of the table.
        Anonymised households (no name left) are not listed.
        """
        named = Household.last_name.is_not(None)
        unnamed = and_(Household.last_name.is_(None), Household.anonymised_at.is_(None))
        with self.db.read() as session:
            rows = list(
                session.execute(
                    select(*_SUMMARY_COLUMNS)
                    .where(named)
                    .order_by(Household.last_name, Household.first_name, Household.id)
                    .offset(offset)
                    .limit(limit)
                ).all()
            )
            if len(rows) < limit:
                named_count = int(session.scalar(select(func.count()).where(named)) or 0)
                rows += session.execute(
                    select(*_SUMMARY_COLUMNS)
                    .where(unnamed)
                    .order_by(Household.first_name, Household.id)
                    .offset(max(0, offset - named_count))
                    .limit(limit - len(rows))
                ).all()
            return [HouseholdSummary(*row) for row in rows]

    def search(self, text: str, limit: int = 20) -> list[HouseholdSummary]:
        """As-you-type search over names, phone, e-mail and commune, best match first
        (the first *limit* rows of :meth:`search_page`)."""
        return self.search_page(text, 0, limit)

    def search_page(self, text: str, offset: int, limit: int) -> list[HouseholdSummary]:
        """Rows *offset* to *offset + limit* of the search results, in their order (see
        :mod:`siec_desk.storage.search.base`: the first page ranked, then every other
        match), so that a list can be read page by page to its end."""
        query = parse_query(text)
        if query.empty:
            return []
        with self.db.read() as session:
            connection = session.connection()
            ids = self.db.search.search(connection, query, limit, offset)
            return [HouseholdSummary(*row) for row in read_summaries(connection, ids)]  # type: ignore[arg-type]

    def search_count(self, text: str) -> int:
        """How many households the search finds (all of them, not one page)."""
        query = parse_query(text)
        if query.empty:
            return 0
        with self.db.read() as session:
            return self.db.search.count(session.connection(), query)

    def search_window(self, text: str, limit: int) -> SearchWindow:
        """The true count and the first *limit* results, read together (one keystroke)."""
        query = parse_query(text)
        if query.empty:
            return SearchWindow(0, [])
        with self.db.read() as session:
            connection = session.connection()
            ids, total = self.db.search.first_and_count(connection, query, limit)
            rows = [HouseholdSummary(*row) for row in read_summaries(connection, ids)]  # type: ignore[arg-type]
            return SearchWindow(total, rows)

    @staticmethod
    def _summaries(session: Session, ids: list[int]) -> list[HouseholdSummary]:
        if not ids:
            return []
        rows = (  # Core, not the ORM: a search reads up to a page of these per keystroke
            session.connection()
            .execute(select(*_SUMMARY_COLUMNS).where(Household.id.in_(ids)))
            .all()
        )
        by_id = {row[0]: HouseholdSummary(*row) for row in rows}
        return [by_id[i] for i in ids if i in by_id]

    def find_duplicates(self, data: HouseholdInput) -> list[HouseholdSummary]:
        """Existing households with the same phone, or the same folded name and commune."""
        check = v.Checker()
        phone = check.phone("phone", data.phone, self.country)
        key = normalise.name_key(data.first_name, data.last_name, data.commune)
        names = normalise.fold(f"{data.first_name or ''} {data.last_name or ''}").split()
        with self.db.read() as session:
            matches: list[int] = []
            if phone:
                matches += session.scalars(select(Household.id).where(Household.phone == phone))
            if names and data.commune:
                ids = self.db.search.search(session.connection(), parse_query(" ".join(names)), 50)
                candidates = session.execute(
                    select(
                        Household.id, Household.first_name, Household.last_name, Household.commune
                    ).where(Household.id.in_(ids))
                ).all()
                matches += [c[0] for c in candidates if normalise.name_key(c[1], c[2], c[3]) == key]
            unique = list(dict.fromkeys(matches))
            return self._summaries(session, unique)
