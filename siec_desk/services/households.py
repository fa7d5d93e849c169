"""Create, update, find and search households.

Every change is audited in the same transaction (field names only, never values).
Households anonymised by retention are kept for statistics but leave the list of people.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from siec_desk.core.errors import NotFoundError
from siec_desk.core.i18n import _
from siec_desk.domain import normalise
from siec_desk.domain import validation as v
from siec_desk.domain.codes import (
    ConstructionPeriod,
    Country,
    DwellingType,
    EnergyCarrier,
    IncomeCategory,
    Language,
    Tenure,
)
from siec_desk.domain.household_records import HouseholdDetail, HouseholdInput, HouseholdSummary
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
from siec_desk.storage.search.base import read_summaries

_SUMMARY_COLUMNS = (
    Household.id,
    Household.first_name,
    Household.last_name,
    Household.phone,
    Household.email,
    Household.commune,
    Household.postal_code,
)


#: Columns an advisor edits (compared to audit which fields a change touched).
_AUDITED = (
    "first_name",
    "last_name",
    "phone",
    "email",
    "address",
    "commune",
    "postal_code",
    "tenure",
    "household_size",
    "reference_income",
    "ile_de_france",
    "income_category",
    "dwelling_type",
    "construction_period",
    "surface_m2",
    "heating_energy",
    "hot_water_energy",
    "heating_kwh_per_year",
    "electricity_kwh_per_year",
    "butane_bottles_per_month",
    "top_floor",
    "letter_language",
    "consent_recontact_on",
    "consent_wording",
    "notes",
)


#: Fields the savings estimates read: a change recomputes the household's measures.
_DWELLING_FIELDS = frozenset(
    {
        "household_size",
        "dwelling_type",
        "construction_period",
        "surface_m2",
        "heating_energy",
        "hot_water_energy",
        "heating_kwh_per_year",
        "electricity_kwh_per_year",
        "butane_bottles_per_month",
        "top_floor",
    }
)


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
        consultations = session.scalars(
            select(Consultation).where(Consultation.household_id == household.id)
        ).all()
        for consultation in consultations:
            if consultation.measures:
                consultation.measures = recombine(self.measures, household, consultation.measures)
                self.audit.record_in(
                    session,
                    a.UPDATE,
                    a.CONSULTATION,
                    consultation.id,
                    household_id=household.id,
                    fields=["measures"],
                )

    def _apply(self, household: Household, data: HouseholdInput) -> None:
        """Validate *data* completely, then copy it onto *household* (or raise)."""
        check = v.Checker()
        first = check.text("first_name", data.first_name, v.NAME_MAX)
        last = check.text("last_name", data.last_name, v.NAME_MAX)
        phone = check.phone("phone", data.phone, self.country)
        email = check.email("email", data.email)
        values: dict[str, object] = {
            "first_name": first,
            "last_name": last,
            "phone": phone,
            "email": email,
            "address": check.text("address", data.address, v.ADDRESS_MAX),
            "commune": check.text("commune", data.commune, v.COMMUNE_MAX),
            "postal_code": check.text("postal_code", data.postal_code, v.POSTAL_CODE_MAX),
            "tenure": check.code("tenure", data.tenure, Tenure),
            "household_size": check.int_range("household_size", data.household_size, 1, 30),
            "reference_income": check.int_range(
                "reference_income", data.reference_income, 0, 10_000_000
            ),
            "ile_de_france": bool(data.ile_de_france) and self.country == Country.FR,
            "dwelling_type": check.code("dwelling_type", data.dwelling_type, DwellingType),
            "construction_period": check.code(
                "construction_period", data.construction_period, ConstructionPeriod
            ),
            "surface_m2": check.float_range("surface_m2", data.surface_m2, 5, 2000),
            "heating_energy": check.code("heating_energy", data.heating_energy, EnergyCarrier),
            "hot_water_energy": check.code(
                "hot_water_energy", data.hot_water_energy, EnergyCarrier
            ),
            "heating_kwh_per_year": check.float_range(
                "heating_kwh_per_year", data.heating_kwh_per_year, 0, 200_000
            ),
            "electricity_kwh_per_year": check.float_range(
                "electricity_kwh_per_year", data.electricity_kwh_per_year, 0, 100_000
            ),
            "butane_bottles_per_month": check.float_range(
                "butane_bottles_per_month", data.butane_bottles_per_month, 0, 50
            ),
            # Only a flat has a floor: elsewhere the roof is the household's own.
            "top_floor": data.top_floor if data.dwelling_type == DwellingType.APARTMENT else None,
            "letter_language": check.code("letter_language", data.letter_language, Language)
            or household.letter_language
            or ("fr" if self.country == Country.FR else "ar"),
            "consent_wording": check.text("consent_wording", data.consent_wording, 2000)
            if data.consent_recontact
            else None,
            "notes": check.text("notes", data.notes, v.NOTES_MAX, multiline=True),
        }
        if data.letter_language == Language.EN:
            check.add("letter_language", _("Letters are printed in French or Arabic."))
        if not (first or last or phone or email or values["commune"]):
            check.add("last_name", _("Give at least a name, a phone, an e-mail or a commune."))
        band = check.code("income_category", data.income_category, IncomeCategory)
        check.raise_if_any()

        for name, value in values.items():
            setattr(household, name, value)
        household.income_category = self._income_category(household, band)
        if data.consent_recontact and household.consent_recontact_on is None:
            household.consent_recontact_on = date.today()
        elif not data.consent_recontact:
            household.consent_recontact_on = None
        if data.consent_recontact and not household.consent_wording:
            # Consent is recorded with the words the household agreed to.
            household.consent_wording = standard_consent_wording(household.letter_language)
        household.search_text = normalise.search_text(
            household.first_name,
            household.last_name,
            household.phone,
            household.email,
            household.commune,
        )

    def _income_category(self, household: Household, band: str | None) -> str:
        """France: the MaPrimeRénov' colour, computed; elsewhere the band the advisor chose."""
        if self.country == Country.FR:
            return self.reference.french_income_category(
                household.household_size, household.reference_income, household.ile_de_france
            )
        return band or IncomeCategory.UNKNOWN.value

    # -- reading ---------------------------------------------------------------------
    @staticmethod
    def _get(session: Session, household_id: int) -> Household:
        household = session.get(Household, household_id)
        if household is None:
            raise NotFoundError(_("Household {id} not found.").format(id=household_id))
        return household

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
            return HouseholdDetail(
                summary=HouseholdSummary(
                    h.id, h.first_name, h.last_name, h.phone, h.email, h.commune, h.postal_code
                ),
                country=h.country,
                address=h.address,
                tenure=h.tenure,
                household_size=h.household_size,
                reference_income=h.reference_income,
                ile_de_france=h.ile_de_france,
                income_category=h.income_category,
                dwelling_type=h.dwelling_type,
                construction_period=h.construction_period,
                surface_m2=h.surface_m2,
                heating_energy=h.heating_energy,
                hot_water_energy=h.hot_water_energy,
                heating_kwh_per_year=h.heating_kwh_per_year,
                electricity_kwh_per_year=h.electricity_kwh_per_year,
                butane_bottles_per_month=h.butane_bottles_per_month,
                letter_language=h.letter_language,
                consent_recontact_on=h.consent_recontact_on,
                consent_wording=h.consent_wording,
                notes=h.notes,
                created_at=h.created_at,
                updated_at=h.updated_at,
                version=h.version,
                consultation_ids=consultation_ids,
                anonymised_at=h.anonymised_at,
                top_floor=h.top_floor,
            )

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
            ids = self.db.search.search(connection, query, limit)
            total = len(ids) if len(ids) < limit else self.db.search.count(connection, query)
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
