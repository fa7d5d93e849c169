"""Translated labels of every shared code (``cli.md``). Codes never change; labels do.

Unknown codes (a centre's own ``x_…``) are shown as they are.
"""

from __future__ import annotations

from collections.abc import Iterable

from siec_desk.core.errors import FieldError
from siec_desk.core.i18n import N_, LazyText, _, lazy_pgettext

CONTACT_MODES: dict[str, LazyText] = {
    "walk_in": N_("Walk-in at the centre"),
    "phone": N_("Phone call"),
    "email": N_("E-mail"),
    "home_visit": N_("Home visit"),
    "event": N_("Fair / awareness event"),
    "video": N_("Video call"),
    "letter": N_("Letter"),
    "mobile_desk": N_("Mobile desk"),
}

ACT_LEVELS: dict[str, LazyText] = {
    "info": N_("First-level information"),
    "advice": N_("Personalised advice"),
    "audit": N_("Energy audit"),
    "support": N_("Support through works"),
    "awareness": N_("Collective awareness action"),
}

THEMES: dict[str, LazyText] = {
    "insulation": N_("Insulation"),
    "windows": N_("Windows and doors"),
    "ventilation": N_("Ventilation"),
    "heating": N_("Heating"),
    "hot_water": N_("Domestic hot water"),
    "solar_thermal": N_("Solar water heating"),
    "solar_pv": N_("Solar photovoltaics"),
    "lighting": N_("Lighting"),
    "appliances": N_("Household appliances"),
    "cooling": N_("Air conditioning"),
    "eco_gestures": N_("Energy-saving habits"),
    "financial_aid": N_("Financial aid"),
    "audit": lazy_pgettext("theme", "Audit / energy performance certificate"),
    "legal": N_("Legal questions"),
    "co_ownership": N_("Co-ownership"),
    "new_build": N_("New build"),
    "summer_comfort": N_("Summer comfort"),
    "fuel_poverty": N_("Fuel poverty / unpaid bills"),
    "butane_safety": N_("Safe use of butane gas"),
    "water": N_("Water"),
    "mobility": N_("Mobility"),
    "other": lazy_pgettext("theme", "Other"),
}

TENURES: dict[str, LazyText] = {
    "owner_occupier": N_("Owner-occupier"),
    "landlord": N_("Landlord"),
    "private_tenant": N_("Private-sector tenant"),
    "social_tenant": N_("Social-housing tenant"),
    "co_owner": N_("Co-owner / condominium"),
    "hosted": N_("Hosted free of charge"),
    "other": lazy_pgettext("tenure", "Other"),
}

DWELLING_TYPES: dict[str, LazyText] = {
    "house": N_("House"),
    "apartment": N_("Apartment"),
    "traditional_house": N_("Traditional house / riad"),
    "other": lazy_pgettext("dwelling", "Other"),
}

CONSTRUCTION_PERIODS: dict[str, LazyText] = {
    "pre_1948": N_("Before 1948"),
    "1948_1974": N_("1948–1974"),
    "1975_2000": N_("1975–2000"),
    "2001_2012": N_("2001–2012"),
    "post_2012": N_("After 2012"),
    "unknown": lazy_pgettext("period", "Unknown"),
}

ENERGY_CARRIERS: dict[str, LazyText] = {
    "electricity": N_("Electricity"),
    "natural_gas": N_("Natural gas"),
    "butane_propane": N_("Butane / propane"),
    "fuel_oil": N_("Heating oil"),
    "wood": N_("Wood logs"),
    "wood_pellets": N_("Wood pellets"),
    "district_heat": N_("District heating"),
    "solar": N_("Solar"),
    "none": N_("None"),
    "other": lazy_pgettext("energy", "Other"),
}

INCOME_CATEGORIES: dict[str, LazyText] = {
    "mpr_blue": N_("Very modest (MaPrimeRénov' blue)"),
    "mpr_yellow": N_("Modest (MaPrimeRénov' yellow)"),
    "mpr_violet": N_("Intermediate (MaPrimeRénov' violet)"),
    "mpr_pink": N_("Higher (MaPrimeRénov' pink)"),
    "low": N_("Low income"),
    "middle": N_("Middle income"),
    "high": N_("High income"),
    "unknown": lazy_pgettext("income", "Unknown"),
}

ORIGINS: dict[str, LazyText] = {
    "press_radio": N_("Press / radio"),
    "web_social": N_("Website / social media"),
    "national_number": N_("National helpline"),
    "town_hall": N_("Town hall / local authority"),
    "social_worker": N_("Social worker"),
    "craftsman": N_("Craftsman / installer"),
    "word_of_mouth": N_("Word of mouth"),
    "event": N_("Fair / event"),
    "poster": N_("Poster / leaflet"),
    "former_user": N_("Former visitor"),
    "other": lazy_pgettext("origin", "Other"),
}

FOLLOW_UP_STATUSES: dict[str, LazyText] = {
    "to_call_back": N_("To call back"),
    "appointment_set": N_("Appointment set"),
    "aid_application": N_("Aid application in progress"),
    "done": N_("Done"),
}

OUTCOME_STATUSES: dict[str, LazyText] = {
    "nothing_yet": N_("Nothing decided yet"),
    "decided": N_("Works decided"),
    "done": N_("Works done"),
    "abandoned": N_("Abandoned"),
}

LANGUAGES: dict[str, LazyText] = {
    "en": N_("English"),
    "fr": N_("French"),
    "ar": N_("Arabic"),
}

COUNTRIES: dict[str, LazyText] = {
    "FR": N_("France"),
    "MA": N_("Morocco"),
    "TN": N_("Tunisia"),
}

#: The grammatical gender of an advisor's title in letters (``advisors.title_gender``).
TITLE_GENDERS: dict[str, LazyText] = {
    "feminine": N_("Feminine title"),
    "masculine": N_("Masculine title"),
    "neutral": N_("Neutral title"),
}

ALL_LABELS: dict[str, dict[str, LazyText]] = {
    "contact_mode": CONTACT_MODES,
    "act_level": ACT_LEVELS,
    "theme": THEMES,
    "tenure": TENURES,
    "dwelling_type": DWELLING_TYPES,
    "construction_period": CONSTRUCTION_PERIODS,
    "energy_carrier": ENERGY_CARRIERS,
    "income_category": INCOME_CATEGORIES,
    "origin": ORIGINS,
    "follow_up_status": FOLLOW_UP_STATUSES,
    "outcome_status": OUTCOME_STATUSES,
    "language": LANGUAGES,
    "country": COUNTRIES,
}


def label(table: dict[str, LazyText], code: str | None) -> str:
    if code is None:
        return ""
    text = table.get(code)
    return str(text) if text is not None else code


#: Names of form fields, for messages that must say which field is wrong.
FIELDS: dict[str, LazyText] = {
    "first_name": N_("First name"),
    "last_name": N_("Last name"),
    "phone": lazy_pgettext("field", "Phone"),
    "email": lazy_pgettext("field", "E-mail"),
    "address": lazy_pgettext("field", "Address"),
    "commune": lazy_pgettext("field", "Commune"),
    "postal_code": N_("Postal code"),
    "tenure": lazy_pgettext("field", "Tenure"),
    "household_size": N_("Household size"),
    "reference_income": N_("Reference tax income"),
    "income_category": N_("Income category"),
    "dwelling_type": N_("Dwelling type"),
    "construction_period": N_("Construction period"),
    "surface_m2": N_("Living area (m²)"),
    "heating_energy": N_("Heating energy"),
    "hot_water_energy": N_("Hot-water energy"),
    "heating_kwh_per_year": N_("Heating consumption (kWh/year)"),
    "electricity_kwh_per_year": N_("Electricity consumption (kWh/year)"),
    "butane_bottles_per_month": N_("Butane bottles per month"),
    "top_floor": N_("Flat on the top floor (under the roof)"),
    "letter_language": lazy_pgettext("field", "Letter language"),
    "consent_wording": N_("Consent wording"),
    "notes": N_("Notes"),
    "mode": N_("Contact mode"),
    "act": N_("Act level"),
    "themes": lazy_pgettext("field", "Themes"),
    "occurred_at": N_("Date and time"),
    "duration_min": N_("Duration (min)"),
    "origin": N_("How they heard of us"),
    "follow_up_action": N_("Follow-up action"),
    "follow_up_due": N_("Follow-up due date"),
    "advisor_id": N_("Advisor"),
    "advisor": N_("Advisor"),
    "household_id": lazy_pgettext("field", "Household"),
    "measures": lazy_pgettext("field", "Measures"),
    "name": N_("Centre name"),
    "name_ar": N_("Centre name in Arabic"),
    "title_gender": N_("Title in letters"),
    "country": N_("Country"),
    "language": N_("Language"),
    "display_name": N_("Advisor name"),
    "outcome_status": N_("Outcome"),
    "outcome_abandon_reason": N_("Reason for abandoning"),
    "outcome_works_amount": N_("Amount of works"),
    "outcome_aids": N_("Aid obtained"),
    "website": N_("Website"),
    "opening_hours": N_("Opening hours"),
    "network_banner": N_("Network banner"),
    "network_code": N_("Centre code"),
    "letter_footer": N_("Letter footer"),
    "legal_mentions": N_("Legal text"),
    "privacy_contact": N_("Data-protection contact"),
    "logo": N_("Logo"),
    "signature": N_("Signature"),
    "opening": N_("Letter opening"),
    "findings": lazy_pgettext("field", "Findings"),
    "closing": N_("Letter closing"),
    # Named in the audit trail and in rights exports
    "ile_de_france": N_("Lives in Île-de-France"),
    "consent_recontact_on": N_("Re-contact consent"),
    "follow_up_status": N_("Follow-up status"),
    "follow_up_done_on": N_("Follow-up done on"),
    "outcome_recorded_on": N_("Outcome recorded on"),
    "retention_years": N_("Retention period (years)"),
}


def describe_errors(errors: Iterable[FieldError]) -> str:
    """One line naming each wrong field: "Phone: … E-mail: …"."""
    return " ".join(
        _("{field}: {message}").format(field=label(FIELDS, e.field), message=e.message)
        for e in errors
    )
