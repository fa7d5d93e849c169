"""The centre using this database and its advisors."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from siec_desk.domain.codes import CURRENCY_BY_COUNTRY, Country, Language
from siec_desk.errors import NotFoundError
from siec_desk.formatting import locale_for
from siec_desk.i18n import _
from siec_desk.services.validation import Checker
from siec_desk.storage.database import Database
from siec_desk.storage.models import Advisor, Centre


@dataclass(frozen=True)
class CentreInfo:
    id: int
    name: str
    country: str
    locale: str
    currency: str
    phone: str | None
    email: str | None
    address: str | None


@dataclass(frozen=True)
class AdvisorInfo:
    id: int
    display_name: str
    active: bool


def _info(centre: Centre) -> CentreInfo:
    return CentreInfo(
        centre.id,
        centre.name,
        centre.country,
        centre.locale,
        centre.currency,
        centre.phone,
        centre.email,
        centre.address,
    )


class CentreService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def current(self) -> CentreInfo | None:
        with self.db.read() as session:
            centre = session.scalars(select(Centre).order_by(Centre.id).limit(1)).first()
            return _info(centre) if centre else None

    def require(self) -> CentreInfo:
        """The centre, creating a default French one if the database has none yet.

        The GUI's first run asks the user instead; scripts get a working default.
        """
        centre = self.current()
        return centre or self.set_up(_("My advice centre"), Country.FR.value, Language.FR.value)

    def set_up(
        self, name: str, country: str, language: str, advisor_name: str | None = None
    ) -> CentreInfo:
        """Create the centre (and its first advisor) on a new database."""
        check = Checker()
        clean_name = check.text("name", name, 200, required=True)
        clean_country = check.code("country", country, Country, required=True)
        check.code("language", language, Language, required=True)
        clean_advisor = check.text("advisor", advisor_name, 120)
        check.raise_if_any()
        assert clean_name and clean_country
        with self.db.write() as session:
            centre = Centre(
                name=clean_name,
                country=clean_country,
                locale=locale_for(language, clean_country),
                currency=CURRENCY_BY_COUNTRY[Country(clean_country)],
            )
            session.add(centre)
            session.flush()
            if clean_advisor:
                session.add(Advisor(centre_id=centre.id, display_name=clean_advisor))
            return _info(centre)

    def add_advisor(self, display_name: str) -> AdvisorInfo:
        check = Checker()
        name = check.text("display_name", display_name, 120, required=True)
        check.raise_if_any()
        centre = self.require()
        with self.db.write() as session:
            advisor = Advisor(centre_id=centre.id, display_name=name)
            session.add(advisor)
            session.flush()
            return AdvisorInfo(advisor.id, advisor.display_name, advisor.active)

    def advisors(self) -> list[AdvisorInfo]:
        with self.db.read() as session:
            rows = session.scalars(select(Advisor).order_by(Advisor.display_name)).all()
            return [AdvisorInfo(a.id, a.display_name, a.active) for a in rows]

    def advisor(self, advisor_id: int) -> AdvisorInfo:
        with self.db.read() as session:
            advisor = session.get(Advisor, advisor_id)
            if advisor is None:
                raise NotFoundError(_("Advisor {id} not found.").format(id=advisor_id))
            return AdvisorInfo(advisor.id, advisor.display_name, advisor.active)
