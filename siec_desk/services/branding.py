"""The centre's letter branding: identity, contacts, logo, signature, footer and legal text.

Stored on the centre row; edited on the settings page; read by every letter.
"""

from __future__ import annotations

from dataclasses import dataclass

from siec_desk.core.i18n import _
from siec_desk.documents.letters.content import Image
from siec_desk.documents.letters.inputs import BRANDING_TEXTS, Branding, BrandingTexts
from siec_desk.domain.validation import Checker, format_phone
from siec_desk.services.centre import get_centre
from siec_desk.storage.database import Database

IMAGE_MAX_BYTES = 2_000_000
LONG_TEXT_MAX = 4_000
_SIGNATURES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}


def network_code_rule() -> str:
    """What a network code may hold, in the current language."""
    return _("Use letters, digits, “-” and “_” only, without spaces.")


def is_network_code(code: str) -> bool:
    """A centre's code in the network: letters, digits, "-" and "_" (e.g. ``ALEC-13``)."""
    return code.replace("-", "").replace("_", "").isalnum()


@dataclass(frozen=True, kw_only=True)
class BrandingInput(BrandingTexts):
    """What the settings page saves. Images: None keeps the current one, b"" removes it."""

    logo: bytes | None = None
    signature: bytes | None = None


def image_mime(data: bytes) -> str | None:
    """The MIME type of a PNG or JPEG file from its first bytes; None for anything else."""
    for magic, mime in _SIGNATURES.items():
        if data.startswith(magic):
            return mime
    return None


def _image(data: bytes | None, mime: str | None) -> Image | None:
    return Image(data, mime) if data and mime else None


class BrandingService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, *, display: bool = True) -> Branding:
        """The branding; *display* formats the phone number for print."""
        with self.db.read() as session:
            c = get_centre(session)
            phone = format_phone(c.phone, c.country) if display else c.phone
            texts = {name: getattr(c, name) for name in BRANDING_TEXTS}
            return Branding(
                **{**texts, "phone": phone or None},
                country=c.country,
                currency=c.currency,
                logo=_image(c.logo, c.logo_mime),
                signature=_image(c.signature, c.signature_mime),
            )

    def check(self, data: BrandingInput, country: str) -> dict[str, object]:
        """Validate everything at once; the cleaned values by column name."""
        check = Checker()
        values: dict[str, object] = {
            "name": check.text("name", data.name, 200, required=True),
            "name_ar": check.text("name_ar", data.name_ar, 200),
            "address": check.text("address", data.address, 300, multiline=True),
            "postal_code": check.text("postal_code", data.postal_code, 20),
            "commune": check.text("commune", data.commune, 120),
            "phone": check.phone("phone", data.phone, country),
            "email": check.email("email", data.email),
            "website": check.text("website", data.website, 200),
            "opening_hours": check.text("opening_hours", data.opening_hours, 500, multiline=True),
            "network_banner": check.text("network_banner", data.network_banner, 200),
            "network_code": check.text("network_code", data.network_code, 40),
            "letter_footer": check.text(
                "letter_footer", data.letter_footer, LONG_TEXT_MAX, multiline=True
            ),
            "legal_mentions": check.text(
                "legal_mentions", data.legal_mentions, LONG_TEXT_MAX, multiline=True
            ),
            "privacy_contact": check.text("privacy_contact", data.privacy_contact, 300),
        }
        code = values["network_code"]
        if isinstance(code, str) and not is_network_code(code):
            check.add("network_code", network_code_rule())
        for field in ("logo", "signature"):
            data_bytes: bytes | None = getattr(data, field)
            if data_bytes is None:
                continue
            if data_bytes == b"":
                values[field], values[f"{field}_mime"] = None, None
                continue
            mime = image_mime(data_bytes)
            if mime is None:
                check.add(field, _("Choose a PNG or JPEG image."))
            elif len(data_bytes) > IMAGE_MAX_BYTES:
                check.add(
                    field,
                    _("The image is too large: at most {size} MB.").format(
                        size=IMAGE_MAX_BYTES // 1_000_000
                    ),
                )
            else:
                values[field], values[f"{field}_mime"] = data_bytes, mime
        check.raise_if_any()
        return values

    def update(self, data: BrandingInput) -> Branding:
        with self.db.read() as session:
            country = get_centre(session).country
        values = self.check(data, country)
        with self.db.write() as session:
            centre = get_centre(session)
            for column, value in values.items():
                setattr(centre, column, value)
        return self.get()
