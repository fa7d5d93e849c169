"""What the composer needs, gathered by the letter service: plain data, no ORM objects."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date

from siec_desk.documents.letters.content import Image
from siec_desk.documents.letters.country import CountryTexts
from siec_desk.domain.catalogue import CatalogueMeasure
from siec_desk.domain.consultation_records import ConsultationDetail
from siec_desk.domain.household_records import HouseholdDetail
from siec_desk.domain.parameters import ParameterSet


@dataclass(frozen=True, kw_only=True)
class BrandingTexts:
    """The centre's texts on its letters, as Letter settings edits them (one field each)."""

    name: str
    #: The centre's name in Arabic (Arabic letters and exports); None: ``name``.
    name_ar: str | None = None
    address: str | None = None
    postal_code: str | None = None
    commune: str | None = None
    phone: str | None = None
    email: str | None = None
    website: str | None = None
    opening_hours: str | None = None
    network_banner: str | None = None
    network_code: str | None = None
    letter_footer: str | None = None
    legal_mentions: str | None = None
    privacy_contact: str | None = None


#: The names of the centre's texts, in Letter settings' (and ``centre show``'s) order.
BRANDING_TEXTS = tuple(f.name for f in fields(BrandingTexts))


@dataclass(frozen=True, kw_only=True)
class Branding(BrandingTexts):
    """The centre's identity as printed on its letters (edited on the settings page)."""

    country: str
    currency: str
    logo: Image | None = None
    signature: Image | None = None

    def name_in(self, language: str) -> str:
        """The centre's name as a letter in *language* prints it."""
        return (self.name_ar or self.name) if language == "ar" else self.name


@dataclass(frozen=True)
class FreeTexts:
    """The parts the advisor may rewrite before generating; None means the default."""

    opening: str | None = None
    findings: str | None = None
    closing: str | None = None


@dataclass(frozen=True)
class LetterInputs:
    language: str
    today: date
    consultation: ConsultationDetail
    household: HouseholdDetail
    branding: Branding
    advisor_name: str | None
    parameters: ParameterSet
    catalogue: Mapping[str, CatalogueMeasure]
    country_texts: CountryTexts
    texts: FreeTexts = field(default_factory=FreeTexts)
    #: The grammatical gender of the advisor's title (feminine, masculine, neutral);
    #: None prints the neutral title.
    advisor_title: str | None = None
