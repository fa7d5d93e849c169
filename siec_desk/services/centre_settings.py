"""The centre's settings as one record: read by ``centre show``, changed by ``centre set``.

Everything the GUI holds for the centre: its identity and letter branding (Centre ▸ Letter
settings…, checked by :meth:`BrandingService.check`), its retention period (Centre ▸
Retention and privacy…, the same rule and audit event as :meth:`RetentionService.set_period`),
and the country and language chosen at the first run. A change is checked whole, then
written in one transaction: every option given, or nothing.

The country is never changed (the GUI does not change it either): it fixes the currency,
the parameter sets, the measure catalogue and how phone numbers are read for every record
already kept. The centre's language (its locale) can change: it is the default language of
the monthly report; letters keep each household's own letter language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from siec_desk.core.errors import SiecError, ValidationError
from siec_desk.core.formatting import locale_for
from siec_desk.core.i18n import _
from siec_desk.documents.letters.inputs import BRANDING_TEXTS
from siec_desk.domain.codes import Language
from siec_desk.domain.validation import Checker
from siec_desk.services import audit as a
from siec_desk.services.audit import AuditService
from siec_desk.services.branding import BrandingInput, BrandingService
from siec_desk.services.centre import get_centre
from siec_desk.services.mail.settings import SmtpSettings, check_smtp, settings_of
from siec_desk.services.retention import DEFAULT_YEARS, MAX_YEARS, MIN_YEARS, change_period
from siec_desk.storage.models import Advisor, Centre
from siec_desk.texts.labels import COUNTRIES, label

#: The centre's texts, as :class:`BrandingInput` names them (Letter settings' fields).
TEXT_FIELDS = BRANDING_TEXTS
IMAGE_FIELDS = ("logo", "signature")
#: Names in JSON (and in ``centre set`` options) that differ from the column's.
JSON_NAMES = {"legal_mentions": "legal_text"}


@dataclass(frozen=True)
class ImageState:
    """Whether an image is set, without its bytes."""

    mime: str | None = None
    size: int = 0

    def as_json(self) -> dict[str, object]:
        # Hand-written (not ``to_json``): "set" is computed, the bytes are never written.
        return {"set": self.mime is not None, "type": self.mime, "bytes": self.size}


@dataclass(frozen=True)
class CentreSettings:
    id: int
    country: str
    currency: str
    locale: str
    retention_years: int
    texts: Mapping[str, str | None]
    logo: ImageState
    signature: ImageState
    advisors: int
    active_advisors: int
    #: The outgoing mail server (schema 0014); the password is in the OS keyring.
    smtp: SmtpSettings = field(default_factory=SmtpSettings)

    @property
    def language(self) -> str:
        """The language of the centre's locale ("fr_MA" → "fr")."""
        return self.locale.replace("-", "_").split("_")[0]

    def as_json(self) -> dict[str, object]:
        # Hand-written (not ``to_json``): the texts' keys are spread among the fields.
        data: dict[str, object] = {"id": self.id}
        data.update({JSON_NAMES.get(k, k): v for k, v in self.texts.items()})
        data.update(
            country=self.country,
            currency=self.currency,
            locale=self.locale,
            language=self.language,
            retention_years=self.retention_years,
            logo=self.logo.as_json(),
            signature=self.signature.as_json(),
            advisors=self.advisors,
            active_advisors=self.active_advisors,
        )
        data.update(self.smtp.as_json())
        return data


@dataclass(frozen=True)
class CentreChanges:
    """What to change; None leaves a setting as it is. Texts: "" clears an optional one.
    Images: None keeps, b"" removes, bytes replace (PNG or JPEG, as Letter settings)."""

    texts: Mapping[str, str] = field(default_factory=dict)
    logo: bytes | None = None
    signature: bytes | None = None
    country: str | None = None
    #: A language code (``fr``, ``ar``, ``en``) or the full locale (``fr_MA``).
    locale: str | None = None
    retention_years: int | None = None
    #: SMTP settings by column (``smtp_host``…) as typed; "" clears one.
    smtp: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ChangeResult:
    before: CentreSettings
    after: CentreSettings

    def changed(self) -> list[str]:
        """The JSON names of the settings whose value changed, in ``centre show`` order."""
        old, new = self.before.as_json(), self.after.as_json()
        return [key for key in new if old.get(key) != new[key]]


def country_refusal(current: str, requested: str) -> str:
    """Why the country of a centre is not changed (one line, for the GUI and the CLI)."""
    return _(
        "The country cannot be changed from {current} to {requested}: it sets the currency, "
        "the parameter sets, the measure catalogue and the reading of phone numbers of every "
        "household and consultation already recorded, and the application window does not "
        "change it either. For a centre in another country, start a new database."
    ).format(current=label(COUNTRIES, current), requested=label(COUNTRIES, requested))


def centre_locale(check: Checker, value: str, country: str) -> str | None:
    """The locale for *value* (a language, or a full locale of the centre's country)."""
    text = value.strip().replace("-", "_")
    language = text.split("_")[0].lower()
    choices = sorted({locale_for(lang.value, country) for lang in Language})
    if language in {lang.value for lang in Language}:
        locale = locale_for(language, country)
        if "_" not in text or text.casefold() == locale.casefold():
            return locale
    check.add(
        "language",
        _("Give fr, ar or en (for a centre in {country}: {locales}).").format(
            country=label(COUNTRIES, country), locales=", ".join(choices)
        ),
    )
    return None


def _image(data: bytes | None, mime: str | None) -> ImageState:
    return ImageState(mime, len(data)) if data and mime else ImageState()


class CentreSettingsService:
    """Reads and changes the centre's settings through the GUI's own checks."""

    def __init__(self, branding: BrandingService, audit: AuditService) -> None:
        self.branding = branding
        self.audit = audit
        self.db = branding.db

    def get(self) -> CentreSettings:
        with self.db.read() as session:
            return self._settings(session, get_centre(session))

    def apply(self, changes: CentreChanges) -> ChangeResult:
        """Check every change, then write them all in one transaction (or none)."""
        before = self.get()
        if changes.country is not None and changes.country != before.country:
            raise SiecError(country_refusal(before.country, changes.country))
        check = Checker()
        unknown = set(changes.texts) - set(TEXT_FIELDS)
        if unknown:
            raise ValueError(f"not a centre text: {sorted(unknown)}")
        years = check.int_range("retention_years", changes.retention_years, MIN_YEARS, MAX_YEARS)
        locale = (
            centre_locale(check, changes.locale, before.country)
            if changes.locale is not None
            else None
        )
        texts = {**before.texts, **changes.texts}
        branding = BrandingInput(
            **{k: v for k, v in texts.items() if k != "name"},
            name=texts["name"] or "",
            logo=changes.logo,
            signature=changes.signature,
        )
        smtp = check_smtp(check, changes.smtp)
        errors = list(check.errors)
        try:
            values = self.branding.check(branding, before.country)
        except ValidationError as exc:
            errors = exc.errors + errors
            values = {}
        if errors:
            raise ValidationError(errors)
        given = set(changes.texts) | {
            f"{image}{suffix}"
            for image in IMAGE_FIELDS
            if getattr(changes, image) is not None
            for suffix in ("", "_mime")
        }
        with self.db.write() as session:  # only what was given: a change made meanwhile
            centre = get_centre(session)  # on another PC to another setting is kept
            for column, value in values.items():
                if column in given:
                    setattr(centre, column, value)
            if years is not None and years != centre.retention_years:
                change_period(session, self.audit, centre, years)
            if locale is not None and locale != centre.locale:
                centre.locale = locale
                self.audit.record_in(
                    session,
                    a.UPDATE,
                    a.CENTRE,
                    centre.id,
                    fields=["language"],
                    language=locale.split("_")[0],
                )
            self._write_smtp(session, centre, smtp)
            session.flush()
            after = self._settings(session, centre)
        return ChangeResult(before, after)

    def _write_smtp(self, session: Session, centre: Centre, smtp: dict[str, object]) -> None:
        """Write the SMTP settings that change, audited by name (never their values)."""
        changed = [k for k, v in smtp.items() if getattr(centre, k) != v]
        for column in changed:
            setattr(centre, column, smtp[column])
        if changed:
            self.audit.record_in(session, a.UPDATE, a.CENTRE, centre.id, fields=changed)

    @staticmethod
    def _settings(session: Session, centre: Centre) -> CentreSettings:
        total, active = session.execute(
            select(
                func.count(Advisor.id),
                func.count(Advisor.id).filter(Advisor.active.is_(True)),
            ).where(Advisor.centre_id == centre.id)
        ).one()
        return CentreSettings(
            id=centre.id,
            country=centre.country,
            currency=centre.currency,
            locale=centre.locale,
            retention_years=int(centre.retention_years or DEFAULT_YEARS),
            texts={name: getattr(centre, name) for name in TEXT_FIELDS},
            logo=_image(centre.logo, centre.logo_mime),
            signature=_image(centre.signature, centre.signature_mime),
            advisors=int(total or 0),
            active_advisors=int(active or 0),
            smtp=settings_of(centre),
        )
