"""Translated labels of every shared code (``cli.md``). Codes never change; labels do.

Unknown codes (a centre's own ``x_…``) are shown as they are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import StrEnum
from typing import TypeVar, overload

from siec_desk.core.errors import FieldError
from siec_desk.core.i18n import N_, LazyText, _, lazy_pgettext
from siec_desk.core.i18n import label as label
from siec_desk.domain import fields
from siec_desk.texts.act_names import own_act_text

_T = TypeVar("_T")

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


class _ActLabels(dict[str, LazyText]):
    """The built-in acts' labels; ``get`` also answers the centre's own types (``x_…``)
    in their own wording (:mod:`siec_desk.texts.act_names`), so every ``label(ACT_LEVELS,
    code)`` is centre-aware. Iterating lists the built-ins only."""

    @overload
    def get(self, key: str, default: None = None, /) -> LazyText | None: ...
    @overload
    def get(self, key: str, default: LazyText, /) -> LazyText: ...
    @overload
    def get(self, key: str, default: _T, /) -> LazyText | _T: ...
    def get(self, key: str, default: object = None, /) -> object:
        found = super().get(key) or own_act_text(key)
        return found if found is not None else default


def act_label(code: str | None) -> str:
    """The act *code* in words: a built-in's label or the centre's own wording."""
    return label(ACT_LEVELS, code)


#: Acts: worded on the strands of the Pacte territorial France Rénov' (docs/cli.md), in
#: words that also fit Moroccan and Tunisian centres; the stored codes never change.
ACT_LEVELS: dict[str, LazyText] = _ActLabels(
    {
        "info": N_("First-level information"),
        "advice": N_("Personalised advice"),
        "audit": N_("Energy audit"),
        "support": N_("Project support"),
        "awareness": N_("Awareness and mobilisation action"),
        "mpr_appointment": N_("Prior France Rénov' appointment"),
    }
)

#: The project a prior France Rénov' appointment prepares (French centres).
PROJECT_TYPES: dict[str, LazyText] = {
    "whole_home": N_("Whole-home renovation"),
    "single_works": N_("Single works"),
    "adaptation": N_("Adapting the home (age, disability)"),
    "other": N_("Other project"),
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

#: Where a consultation referred the household (several allowed).
ORIENTATIONS: dict[str, LazyText] = {
    "mar": N_("Mon Accompagnateur Rénov' or Anah operator"),
    "adil": N_("ADIL (housing information agency)"),
    "caue": N_("CAUE (architecture and planning advice)"),
    "social": N_("Social services / SLIME"),
    "rge_pro": N_("Qualified (RGE) professional"),
    "energy_company": N_("Electricity or gas company (SRM, STEG…)"),
    "agency_programme": N_("National energy agency programme (AMEE, ANME)"),
    "local_authority": N_("Local authority"),
    "other": lazy_pgettext("orientation", "Other"),
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
    "cancelled": lazy_pgettext("follow-up", "Cancelled"),
}

FOLLOW_UP_KINDS: dict[str, LazyText] = {
    "call_back": N_("Call back"),
    "appointment": N_("Appointment"),
    "visit": N_("Home visit"),
    "other": lazy_pgettext("follow-up kind", "Other"),
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

#: The DPE's classes (France), A best to G worst.
DPE_CLASSES: dict[str, LazyText] = {
    "A": N_("Class A"),
    "B": N_("Class B"),
    "C": N_("Class C"),
    "D": N_("Class D"),
    "E": N_("Class E"),
    "F": N_("Class F"),
    "G": N_("Class G"),
}

#: What a consumption reading measures, with its unit.
READING_KINDS: dict[str, LazyText] = {
    "electricity_kwh": N_("Electricity (kWh)"),
    "gas_kwh": N_("Natural gas (kWh)"),
    "gas_m3": N_("Natural gas (m³)"),
    "butane_bottles": N_("Butane (bottles)"),
    "water_m3": N_("Water (m³)"),
}

#: Where a consumption reading comes from.
READING_SOURCES: dict[str, LazyText] = {
    "bill": N_("Bill"),
    "meter": N_("Meter reading"),
}

#: What an event of the events register is (schema 0016).
EVENT_TYPES: dict[str, LazyText] = {
    "stand_fair": N_("Stand at a fair or market"),
    "school_visit": N_("School or student visit"),
    "workshop": N_("Workshop"),
    "training": N_("Training"),
    "mobile_desk": N_("Mobile desk day"),
    "public_meeting": N_("Public meeting"),
    "site_visit": N_("Site visit"),
    "other": lazy_pgettext("event type", "Other"),
}

#: Who took part in an event (counted in people).
AUDIENCES: dict[str, LazyText] = {
    "general_public": N_("General public / households"),
    "pupils_students": N_("Pupils and students"),
    "professionals": N_("Professionals"),
    "elected_officials": N_("Elected officials"),
    "municipal_staff": N_("Municipal staff"),
    "associations": N_("Associations"),
    "other": lazy_pgettext("audience", "Other"),
}

#: What a lendable item is (equipment loans, schema 0017).
LOAN_ITEM_TYPES: dict[str, LazyText] = {
    "wattmeter": N_("Wattmeter"),
    "temperature_logger": N_("Temperature logger"),
    "thermal_camera": N_("Thermal camera"),
    "hygrometer": N_("Hygrometer"),
    "co2_meter": N_("CO₂ meter"),
    "energy_kit": N_("Energy-saving kit"),
    "other": lazy_pgettext("item type", "Other"),
}

#: The state of a lendable item (and of an item when it comes back).
ITEM_STATES: dict[str, LazyText] = {
    "good": N_("Good"),
    "worn": N_("Worn"),
    "damaged": N_("Damaged"),
    "lost": N_("Lost"),
    "retired": N_("Retired"),
}

#: A flat's floor, for the measures that need a roof (attic, roof, rooftop PV).
TOP_FLOOR_CHOICES: dict[str, LazyText] = {
    "yes": N_("Yes: the flat is under the roof"),
    "no": N_("No: there is a flat above"),
}

#: What "yes" and "no" say for a yes-or-no field, where it says more than "Yes" and "No".
ANSWERS: dict[str, dict[str, LazyText]] = {"top_floor": TOP_FLOOR_CHOICES}

ALL_LABELS: dict[str, dict[str, LazyText]] = {
    "contact_mode": CONTACT_MODES,
    "act_level": ACT_LEVELS,
    "theme": THEMES,
    "orientation": ORIENTATIONS,
    "tenure": TENURES,
    "dwelling_type": DWELLING_TYPES,
    "construction_period": CONSTRUCTION_PERIODS,
    "energy_carrier": ENERGY_CARRIERS,
    "income_category": INCOME_CATEGORIES,
    "origin": ORIGINS,
    "follow_up_status": FOLLOW_UP_STATUSES,
    "follow_up_kind": FOLLOW_UP_KINDS,
    "outcome_status": OUTCOME_STATUSES,
    "language": LANGUAGES,
    "dpe_class": DPE_CLASSES,
    "project_type": PROJECT_TYPES,
    "reading_kind": READING_KINDS,
    "reading_source": READING_SOURCES,
    "country": COUNTRIES,
    "event_type": EVENT_TYPES,
    "audience": AUDIENCES,
    "loan_item_type": LOAN_ITEM_TYPES,
    "item_state": ITEM_STATES,
}


#: Names of form fields, for messages that must say which field is wrong: every field
#: of a household and a consultation (from the field registry), then the others.
FIELDS: dict[str, LazyText] = {
    **fields.labels(),
    "advisor": N_("Advisor"),
    "name": N_("Centre name"),
    "name_ar": N_("Centre name in Arabic"),
    "title_gender": N_("Title in letters"),
    "country": N_("Country"),
    "language": N_("Language"),
    "display_name": N_("Advisor name"),
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
    "retention_years": N_("Retention period (years)"),
    # a centre's act types (Centre ▸ Act types, centre acts)
    "code": N_("Code"),
    "label_fr": N_("Name in French"),
    "label_ar": N_("Name in Arabic"),
    "label_en": N_("Name in English"),
    "maps_to": N_("Counts in the network as"),
    "needs_household": N_("Needs a household"),
    "hidden": N_("Hidden"),
    "position": N_("Position in lists"),
    # the centre's outgoing mail server (schema 0014) and a letter sent by e-mail
    "smtp_host": N_("Mail server"),
    "smtp_port": N_("Mail server port"),
    "smtp_security": N_("Connection security"),
    "smtp_user": N_("Mail user name"),
    "smtp_sender": N_("Sender address (From)"),
    "smtp_password": N_("Mail password"),
    "recipient": N_("Recipient"),
}


def code_labels(codes: type[StrEnum]) -> dict[str, LazyText]:
    """The label table of an enumeration of shared codes (``ActLevel`` → ``act_level``)."""
    name = re.sub(r"(?<!^)(?=[A-Z])", "_", codes.__name__).lower()
    return ALL_LABELS[name]


def describe_errors(errors: Iterable[FieldError]) -> str:
    """One line naming each wrong field: "Phone: … E-mail: …"."""
    return " ".join(
        _("{field}: {message}").format(field=label(FIELDS, e.field), message=e.message)
        for e in errors
    )
