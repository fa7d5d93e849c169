"""The centre using this database and its advisors."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from siec_desk.core.errors import NotFoundError
from siec_desk.core.formatting import locale_for
from siec_desk.core.i18n import _
from siec_desk.domain.codes import CURRENCY_BY_COUNTRY, Country, Language
from siec_desk.domain.validation import Checker
from siec_desk.storage.database import Database
from siec_desk.storage.models import Advisor, Centre
from siec_desk.storage.sessions import get_row


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


#: The grammatical gender of an advisor's title in letters ("Conseillère énergie",
#: "Conseiller énergie" or the neutral "Conseil énergie"); None prints the neutral title.
TITLE_GENDERS = ("feminine", "masculine", "neutral")


@dataclass(frozen=True)
class AdvisorInfo:
    """An advisor; its fields, in order, are the JSON of ``advisor list`` (``to_json``)."""

    id: int
    display_name: str
    active: bool
    title_gender: str | None = None


def _advisor_info(advisor: Advisor) -> AdvisorInfo:
    return AdvisorInfo(advisor.id, advisor.display_name, advisor.active, advisor.title_gender)


def _check_title(check: Checker, value: str | None) -> str | None:
    if value in (None, ""):
        return None
    if value not in TITLE_GENDERS:
        check.add("title_gender", _("Choose feminine, masculine or neutral."))
        return None
    return value


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


def find_centre(session: Session) -> Centre | None:
    """The centre row of this database (the first: a database holds one centre)."""
    return session.scalars(select(Centre).order_by(Centre.id).limit(1)).first()


def get_centre(session: Session) -> Centre:
    """The centre row of this database; LookupError when it has none yet."""
    centre = find_centre(session)
    if centre is None:
        raise LookupError("no centre")
    return centre


class CentreService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def current(self) -> CentreInfo | None:
        with self.db.read() as session:
            centre = find_centre(session)
            return _info(centre) if centre else None

    def require(self) -> CentreInfo:
        """The centre, creating a default French one if the database has none yet.

        The GUI's first run asks the user instead; scripts get a working default.
        """
        centre = self.current()
        return centre or self.set_up(_("My advice centre"), Country.FR.value, Language.FR.value)

    def set_up(
        self,
        name: str,
        country: str,
        language: str,
        advisor_name: str | None = None,
        advisor_title: str | None = None,
        network_code: str | None = None,
    ) -> CentreInfo:
        """Create the centre (and its first advisor, with the gender of their title in
        letters, and its code in the network if it has one) on a new database."""
        from siec_desk.services.branding import is_network_code, network_code_rule

        check = Checker()
        clean_name = check.text("name", name, 200, required=True)
        clean_country = check.code("country", country, Country, required=True)
        check.code("language", language, Language, required=True)
        clean_advisor = check.text("advisor", advisor_name, 120)
        clean_title = _check_title(check, advisor_title)
        clean_code = check.text("network_code", network_code, 40)
        if clean_code and not is_network_code(clean_code):
            check.add("network_code", network_code_rule())
        check.raise_if_any()
        assert clean_name and clean_country
        with self.db.write() as session:
            centre = Centre(
                name=clean_name,
                country=clean_country,
                locale=locale_for(language, clean_country),
                currency=CURRENCY_BY_COUNTRY[Country(clean_country)],
                network_code=clean_code,
            )
            session.add(centre)
            session.flush()
            if clean_advisor:
                session.add(
                    Advisor(
                        centre_id=centre.id, display_name=clean_advisor, title_gender=clean_title
                    )
                )
            return _info(centre)

    def add_advisor(self, display_name: str, title_gender: str | None = None) -> AdvisorInfo:
        check = Checker()
        name = check.text("display_name", display_name, 120, required=True)
        title = _check_title(check, title_gender)
        check.raise_if_any()
        centre = self.require()
        with self.db.write() as session:
            advisor = Advisor(centre_id=centre.id, display_name=name, title_gender=title)
            session.add(advisor)
            session.flush()
            return _advisor_info(advisor)

    def set_advisor_title(self, advisor_id: int, title_gender: str | None) -> AdvisorInfo:
        """Change the gender of the advisor's title in the letters they sign from now on
        (letters already given keep theirs)."""
        check = Checker()
        title = _check_title(check, title_gender)
        check.raise_if_any()
        with self.db.write() as session:
            advisor = get_row(session, Advisor, advisor_id, _("Advisor {id} not found."))
            advisor.title_gender = title
            return _advisor_info(advisor)

    def rename_advisor(self, advisor_id: int, display_name: str) -> AdvisorInfo:
        """Change the name an advisor signs with from now on (letters already given keep
        theirs); the same rule as a new advisor's name."""
        check = Checker()
        name = check.text("display_name", display_name, 120, required=True)
        check.raise_if_any()
        with self.db.write() as session:
            advisor = get_row(session, Advisor, advisor_id, _("Advisor {id} not found."))
            advisor.display_name = name or advisor.display_name
            return _advisor_info(advisor)

    def advisors(self) -> list[AdvisorInfo]:
        with self.db.read() as session:
            rows = session.scalars(select(Advisor).order_by(Advisor.display_name)).all()
            return [_advisor_info(a) for a in rows]

    def advisor(self, advisor_id: int) -> AdvisorInfo:
        with self.db.read() as session:
            advisor = get_row(session, Advisor, advisor_id, _("Advisor {id} not found."))
            return _advisor_info(advisor)

    def find_advisor(self, name_or_id: str) -> AdvisorInfo:
        """An advisor by id or by name (case-insensitive, exact); one clear message when
        there is none or the name is ambiguous."""
        text = " ".join(name_or_id.split())
        advisors = self.advisors()
        if text.isdigit():
            for a in advisors:
                if a.id == int(text):
                    return a
        found = [a for a in advisors if a.display_name.casefold() == text.casefold()]
        if len(found) == 1:
            return found[0]
        if found:
            raise NotFoundError(
                _("Several advisors are called “{name}”: give the advisor's number.").format(
                    name=text
                )
            )
        raise NotFoundError(_("No advisor “{name}”.").format(name=text))
