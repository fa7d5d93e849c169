"""Build a letter's content, in the letter's language, from a consultation and its household.

Everything is translated and formatted here (Babel, in the letter's locale); the template
only lays it out. Runs on any thread: translations are switched for this thread only.
"""

from __future__ import annotations

from siec_desk.core.errors import FieldError, ValidationError
from siec_desk.core.formatting import (
    format_date,
    format_kwh,
    format_number,
    isolate,
    ltr,
)
from siec_desk.core.i18n import _, language_override, pgettext, text_direction
from siec_desk.documents.letters.content import (
    Fact,
    LetterContent,
    Letterhead,
    Titled,
)
from siec_desk.documents.letters.inputs import LetterInputs
from siec_desk.documents.letters.measure_lines import MeasureLines
from siec_desk.documents.letters.reference import letter_reference
from siec_desk.domain.consultation_records import MeasureSnapshot
from siec_desk.texts import labels
from siec_desk.texts.savings_assumptions import assumptions_text

LETTER_LANGUAGES = ("fr", "ar")


def default_opening(with_measures: bool = True) -> str:
    """The default opening; a consultation without measures (information only) is not
    promised any."""
    if not with_measures:
        return _(
            "Dear Sir or Madam,\n\nThank you for consulting our centre. As agreed, here is "
            "a summary of your situation and of the information we gave you, with the aids "
            "and contacts that may help you."
        )
    return _(
        "Dear Sir or Madam,\n\nThank you for consulting our centre. As agreed, here is a "
        "summary of your situation and of the measures we recommend to reduce your energy "
        "consumption and your bills."
    )


def advisor_title(gender: str | None) -> str:
    """The advisor's title under their signature, in the letter's language: feminine,
    masculine, or (unknown, neutral) a title that gives no gender."""
    if gender == "feminine":
        return pgettext("advisor title, feminine", "Energy advisor")
    if gender == "masculine":
        return pgettext("advisor title, masculine", "Energy advisor")
    return pgettext("advisor title, neutral", "Energy advisor")


def default_closing() -> str:
    return _(
        "We remain at your disposal for any question, and we will be glad to help you "
        "with the next steps.\n\nYours faithfully,"
    )


def require_household(inputs_household_id: int | None) -> None:
    if inputs_household_id is None:
        raise ValidationError(
            [
                FieldError(
                    "household_id",
                    _(
                        "This consultation has no household, so a letter has no addressee. "
                        "Link a household to the consultation first."
                    ),
                )
            ]
        )


def compose(inputs: LetterInputs) -> LetterContent:
    """The letter for *inputs*, in ``inputs.language``."""
    if inputs.language not in LETTER_LANGUAGES:
        raise ValidationError(
            [FieldError("language", _("Letters are written in French or Arabic."))]
        )
    with language_override(inputs.language):
        return _Composer(inputs).content()


class _Composer(MeasureLines):
    """The whole letter; the measures' table and totals come from :class:`MeasureLines`."""

    # -- the whole letter ------------------------------------------------------------
    def content(self) -> LetterContent:
        i = self.i
        summary = i.consultation.summary
        require_household(summary.household_id)
        reference = letter_reference(summary.id, summary.occurred_at, i.branding.network_code)
        measures = sorted(i.consultation.measures, key=lambda m: m.priority)
        lines = tuple(self.with_combination(m, self.measure_line(m)) for m in measures)
        return LetterContent(
            language=self.lang,
            direction=text_direction(self.lang),
            locale=self.locale,
            title=_("Energy advice letter {reference}").format(reference=reference),
            reference=reference,
            letterhead=self.letterhead(),
            addressee=self.addressee(),
            place_date=self.place_date(),
            subject=_("Following our consultation of {date} ({mode})").format(
                date=format_date(summary.occurred_at.date(), self.locale, "long"),
                mode=labels.label(labels.CONTACT_MODES, summary.mode).lower(),
            ),
            opening=_chosen(i.texts.opening, default_opening(bool(measures))),
            situation=self.situation(),
            concerns=_(", ").join(labels.label(labels.THEMES, t) for t in summary.themes),
            findings=(i.texts.findings or "").strip(),
            measures=lines,
            totals=self.totals(measures) if measures else None,
            income_note=self.income_note(),
            aids=self.aids({m.code for m in measures}),
            aids_note=_(
                "Each aid is subject to eligibility; rules as of {date}. Ask us before "
                "signing a quote: some aids must be requested before the works start."
            ).format(date=format_date(i.country_texts.rules_date, self.locale, "long")),
            next_steps=tuple(step(self.lang) for step in i.country_texts.next_steps),
            contacts=tuple(
                Titled(c.name(self.lang), c.text(self.lang)) for c in i.country_texts.contacts
            ),
            closing=_chosen(i.texts.closing, default_closing()),
            advisor_name=i.advisor_name or "",
            advisor_title=advisor_title(i.advisor_title),
            advisor_contact=tuple(v for v in (i.branding.phone, i.branding.email) if v),
            signature=i.branding.signature,
            mentions=self.mentions(measures),
            privacy=self.privacy(),
            legal=(i.branding.legal_mentions or "").strip(),
            footer=(i.branding.letter_footer or "").strip(),
            table_notes=self.table_notes(lines),
            assumptions=assumptions_text(measures, self.locale),
        )

    # -- parts -----------------------------------------------------------------------
    def letterhead(self) -> Letterhead:
        b = self.i.branding
        town = " ".join(v for v in (b.postal_code, b.commune) if v)
        return Letterhead(
            name=b.name_in(self.lang),
            address_lines=tuple(v for v in (*(b.address or "").splitlines(), town) if v.strip()),
            phone=b.phone,
            email=b.email,
            website=b.website,
            opening_hours=b.opening_hours,
            banner=b.network_banner,
            logo=b.logo,
        )

    def addressee(self) -> tuple[str, ...]:
        h = self.i.household
        name = h.summary.display_name
        town = " ".join(v for v in (h.summary.postal_code, h.summary.commune) if v)
        lines = [name, *(h.address or "").splitlines(), town]
        return tuple(line for line in lines if line and line.strip())

    def place_date(self) -> str:
        b = self.i.branding
        when = format_date(self.i.today, self.locale, "long")
        if b.commune:
            return _("{place}, {date}").format(place=isolate(b.commune), date=when)
        return when

    def situation(self) -> tuple[Fact, ...]:
        h = self.i.household
        facts: list[tuple[str, str]] = []

        def add(field: str, value: str | None) -> None:
            if value:
                facts.append((labels.label(labels.FIELDS, field), value))

        add("tenure", labels.label(labels.TENURES, h.tenure))
        add("dwelling_type", labels.label(labels.DWELLING_TYPES, h.dwelling_type))
        if h.construction_period != "unknown":
            add(
                "construction_period",
                labels.label(labels.CONSTRUCTION_PERIODS, h.construction_period),
            )
        if h.surface_m2:
            add("surface_m2", format_number(h.surface_m2, self.locale))
        if h.household_size:  # the label says what is counted ("Household size")
            add("household_size", format_number(h.household_size, self.locale))
        add("heating_energy", labels.label(labels.ENERGY_CARRIERS, h.heating_energy))
        add("hot_water_energy", labels.label(labels.ENERGY_CARRIERS, h.hot_water_energy))
        if h.heating_kwh_per_year:
            add("heating_kwh_per_year", format_kwh(h.heating_kwh_per_year, self.locale))
        if h.electricity_kwh_per_year:
            add("electricity_kwh_per_year", format_kwh(h.electricity_kwh_per_year, self.locale))
        if h.butane_bottles_per_month:
            add(
                "butane_bottles_per_month",
                format_number(  # "3", not "3,0"; "2,5" stays
                    h.butane_bottles_per_month,
                    self.locale,
                    0 if float(h.butane_bottles_per_month).is_integer() else 1,
                ),
            )
        return tuple(Fact(label, value) for label, value in facts)

    def income_note(self) -> str:
        h = self.i.household
        if h.income_category in (None, "", "unknown"):
            return ""
        note = _("Your income category for aids: {category}.").format(
            category=labels.label(labels.INCOME_CATEGORIES, h.income_category)
        )
        p = self.i.parameters
        if p.income_ceilings is not None and p.is_unconfirmed("income_ceilings"):
            note += " " + _(
                "It follows the income scale of {year}; the scale of {current} is not yet "
                "confirmed."
            ).format(year=p.income_ceilings.valid_from.year, current=self.i.today.year)
        return note

    def aids(self, codes: set[str]) -> tuple[Titled, ...]:
        return tuple(
            Titled(a.name(self.lang), a.text(self.lang))
            for a in self.i.country_texts.aids_for(codes)
        )

    def mentions(self, measures: list[MeasureSnapshot]) -> tuple[str, ...]:
        p = self.i.parameters
        versions = sorted({m.parameter_set_version for m in measures}) or [p.version]
        price_years = sorted({y for k, y in p.years.items() if k.startswith("price.")})
        co2_years = sorted({y for k, y in p.years.items() if k.startswith("co2.")})
        return (
            _(
                "The savings, costs and paybacks above are estimates for an average use of "
                "your home; your actual figures depend on your habits, the weather and prices."
            ),
            _(
                "They use energy prices of {prices} and CO₂ emission factors of {co2} "
                "(parameter set {version})."
            ).format(
                prices=_years(price_years),
                co2=_years(co2_years),
                version=_(", ").join(ltr(v) for v in versions),
            ),
            *self.convention_mentions(),
            _(
                "Our advice is free, neutral and independent: we recommend no brand, no "
                "product and no installer."
            ),
        )

    def convention_mentions(self) -> tuple[str, ...]:
        """The CO2 convention, the country rules' date and any unconfirmed value."""
        p = self.i.parameters
        found: list[str] = []
        if p.co2_convention is not None:
            found.append(_("CO₂ convention: {name}.").format(name=p.co2_convention.name(self.lang)))
        found.append(
            _("Aids, contacts and rules of {country} as of {date}.").format(
                country=labels.label(labels.COUNTRIES, p.country),
                date=format_date(self.i.country_texts.rules_date, self.locale, "long"),
            )
        )
        if p.unconfirmed:
            found.append(
                _(
                    "Some figures of parameter set {version} are carried over from earlier "
                    "years until they are confirmed."
                ).format(version=ltr(p.version))
            )
        return tuple(found)

    def privacy(self) -> str:
        t = self.i.country_texts
        b = self.i.branding
        text = (
            t.privacy_text(self.lang)
            .replace("{controller}", isolate(b.name_in(self.lang)))
            .replace("{retention}", t.retention(self.lang))
            .replace("{authority}", t.privacy_authority(self.lang))
        )
        law = t.privacy_law(self.lang)
        contact = b.privacy_contact or b.email
        if contact:
            text += " " + _("Contact: {contact}.").format(contact=ltr(contact))
        return f"{law}: {text}"


def _chosen(text: str | None, default: str) -> str:
    return text.strip() if text and text.strip() else default


def _years(years: list[int]) -> str:
    if not years:
        return "—"
    return str(years[0]) if years[0] == years[-1] else f"{years[0]}–{years[-1]}"
