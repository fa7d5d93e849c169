"""The attestation's text, translated in its language from the facts the service gave."""

from __future__ import annotations

from siec_desk.core.formatting import format_date, locale_for
from siec_desk.core.i18n import _, language_override, text_direction
from siec_desk.documents.attestation.content import (
    AttestationContent,
    AttestationFacts,
    AttestationRow,
)
from siec_desk.texts.labels import CONTACT_MODES, PROJECT_TYPES, label

#: The languages an attestation is written in (the household's letter language).
ATTESTATION_LANGUAGES = ("fr", "ar")


def _place(postal_code: str | None, commune: str | None) -> str:
    return " ".join(p for p in (postal_code, commune) if p)


def compose_attestation(facts: AttestationFacts, *, language: str) -> AttestationContent:
    """The attestation of *facts* in *language* (French or Arabic)."""
    if language not in ATTESTATION_LANGUAGES:
        raise ValueError(f"attestations are written in French or Arabic, not {language!r}")
    locale = locale_for(language, facts.country)
    with language_override(language):
        centre = (
            (facts.centre_name_ar or facts.centre_name) if language == "ar" else facts.centre_name
        )
        day = format_date(facts.occurred_at.date(), locale, "long")
        time = facts.occurred_at.strftime("%H:%M")
        when = _("{date} at {time}").format(date=day, time=time)
        channel = label(CONTACT_MODES, facts.mode)
        project = label(PROJECT_TYPES, facts.project_type)
        dwelling = ", ".join(
            p for p in (facts.address, _place(facts.postal_code, facts.commune)) if p
        )
        advisor = facts.advisor_name or _("the centre's advisor")
        rows = (
            AttestationRow(_("Household"), facts.household_name),
            AttestationRow(_("Address of the dwelling"), dwelling or _("not given")),
            AttestationRow(_("Date of the appointment"), when),
            AttestationRow(_("Channel"), channel),
            AttestationRow(_("Project"), project),
            AttestationRow(_("Advisor"), advisor),
            AttestationRow(_("Attestation number"), facts.number, ltr=True),
        )
        return AttestationContent(
            language=language,
            direction=text_direction(language),
            locale=locale,
            title=_("Attestation of a France Rénov' appointment"),
            centre_name=centre,
            centre_address=facts.centre_address or "",
            number_line=_("No. {number}").format(number=facts.number),
            statement=_(
                "{centre} certifies that {household} had a personalised France Rénov' "
                "appointment with {advisor} on {date}, prior to their project: {project}."
            ).format(
                centre=centre,
                household=facts.household_name,
                advisor=advisor,
                date=day,
                project=project.lower() if language == "fr" else project,
            ),
            rows=rows,
            issued=_("Issued on {date}.").format(date=format_date(facts.issued_on, locale, "long")),
            signature=advisor,
            notice=_(
                "This attestation is the proof of the prior appointment asked for a "
                "MaPrimeRénov' application. Keep it with your application."
            ),
            identifier=facts.number,
        )
