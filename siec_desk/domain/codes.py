"""The shared, language-neutral codes of ``cli.md``.

These strings are stored in the database and used in every export, so they never
change. Their translated labels live in :mod:`siec_desk.domain.labels`. A centre may
add codes of its own under ``x_…``; :func:`is_custom_code` recognises them.
"""

from __future__ import annotations

from enum import StrEnum


class Country(StrEnum):
    FR = "FR"
    MA = "MA"
    TN = "TN"


class ContactMode(StrEnum):
    WALK_IN = "walk_in"
    PHONE = "phone"
    EMAIL = "email"
    HOME_VISIT = "home_visit"
    EVENT = "event"
    VIDEO = "video"
    LETTER = "letter"
    MOBILE_DESK = "mobile_desk"


class ActLevel(StrEnum):
    INFO = "info"
    ADVICE = "advice"
    AUDIT = "audit"
    SUPPORT = "support"
    AWARENESS = "awareness"
    MPR_APPOINTMENT = "mpr_appointment"  # the prior France Rénov' appointment (FR, 2026)


class Theme(StrEnum):
    INSULATION = "insulation"
    WINDOWS = "windows"
    VENTILATION = "ventilation"
    HEATING = "heating"
    HOT_WATER = "hot_water"
    SOLAR_THERMAL = "solar_thermal"
    SOLAR_PV = "solar_pv"
    LIGHTING = "lighting"
    APPLIANCES = "appliances"
    COOLING = "cooling"
    ECO_GESTURES = "eco_gestures"
    FINANCIAL_AID = "financial_aid"
    AUDIT = "audit"
    LEGAL = "legal"
    CO_OWNERSHIP = "co_ownership"
    NEW_BUILD = "new_build"
    SUMMER_COMFORT = "summer_comfort"
    FUEL_POVERTY = "fuel_poverty"
    BUTANE_SAFETY = "butane_safety"
    WATER = "water"
    MOBILITY = "mobility"
    OTHER = "other"


class Orientation(StrEnum):
    """Where a consultation referred the household (several allowed; schema 0010)."""

    MAR = "mar"  # Mon Accompagnateur Rénov' or an Anah operator
    ADIL = "adil"
    CAUE = "caue"
    SOCIAL = "social"  # social services, SLIME
    RGE_PRO = "rge_pro"
    ENERGY_COMPANY = "energy_company"  # the electricity or gas company (SRM, STEG…)
    AGENCY_PROGRAMME = "agency_programme"  # AMEE or ANME programmes
    LOCAL_AUTHORITY = "local_authority"
    OTHER = "other"


class ProjectType(StrEnum):
    """The project a prior France Rénov' appointment prepares (French centres; schema 0011):
    a whole-home renovation (MaPrimeRénov' parcours accompagné, the appointment is mandatory
    since February 2026), single works (MaPrimeRénov' par geste), an adaptation of the home
    (MaPrimeAdapt'), or another project."""

    WHOLE_HOME = "whole_home"
    SINGLE_WORKS = "single_works"
    ADAPTATION = "adaptation"
    OTHER = "other"


class Tenure(StrEnum):
    OWNER_OCCUPIER = "owner_occupier"
    LANDLORD = "landlord"
    PRIVATE_TENANT = "private_tenant"
    SOCIAL_TENANT = "social_tenant"
    CO_OWNER = "co_owner"
    HOSTED = "hosted"
    OTHER = "other"


class DwellingType(StrEnum):
    HOUSE = "house"
    APARTMENT = "apartment"
    TRADITIONAL_HOUSE = "traditional_house"
    OTHER = "other"


class ConstructionPeriod(StrEnum):
    PRE_1948 = "pre_1948"
    P1948_1974 = "1948_1974"
    P1975_2000 = "1975_2000"
    P2001_2012 = "2001_2012"
    POST_2012 = "post_2012"
    UNKNOWN = "unknown"


class EnergyCarrier(StrEnum):
    ELECTRICITY = "electricity"
    NATURAL_GAS = "natural_gas"
    BUTANE_PROPANE = "butane_propane"
    FUEL_OIL = "fuel_oil"
    WOOD = "wood"  # logs (and wood in general when the form is unknown)
    WOOD_PELLETS = "wood_pellets"
    DISTRICT_HEAT = "district_heat"
    SOLAR = "solar"
    NONE = "none"
    OTHER = "other"


class IncomeCategory(StrEnum):
    MPR_BLUE = "mpr_blue"
    MPR_YELLOW = "mpr_yellow"
    MPR_VIOLET = "mpr_violet"
    MPR_PINK = "mpr_pink"
    LOW = "low"
    MIDDLE = "middle"
    HIGH = "high"
    UNKNOWN = "unknown"


class Origin(StrEnum):
    """How the household heard of the centre (domain.md §3.1 "request origin")."""

    PRESS_RADIO = "press_radio"
    WEB_SOCIAL = "web_social"
    NATIONAL_NUMBER = "national_number"
    TOWN_HALL = "town_hall"
    SOCIAL_WORKER = "social_worker"
    CRAFTSMAN = "craftsman"
    WORD_OF_MOUTH = "word_of_mouth"
    EVENT = "event"
    POSTER = "poster"
    FORMER_USER = "former_user"
    OTHER = "other"


class FollowUpStatus(StrEnum):
    TO_CALL_BACK = "to_call_back"
    APPOINTMENT_SET = "appointment_set"
    AID_APPLICATION = "aid_application"
    DONE = "done"
    CANCELLED = "cancelled"  # schema 0015: called off, with a note


#: Follow-up statuses that close it: neither due nor upcoming any more.
CLOSED_FOLLOW_UP = frozenset({FollowUpStatus.DONE.value, FollowUpStatus.CANCELLED.value})


class FollowUpKind(StrEnum):
    """What a follow-up is (schema 0015): the agenda shows it beside the action."""

    CALL_BACK = "call_back"
    APPOINTMENT = "appointment"
    VISIT = "visit"
    OTHER = "other"


class OutcomeStatus(StrEnum):
    """The 6-month outcome of an advised household (ADEME's "décision d'action")."""

    NOTHING_YET = "nothing_yet"
    DECIDED = "decided"
    DONE = "done"
    ABANDONED = "abandoned"


class DpeClass(StrEnum):
    """A French dwelling's energy label (diagnostic de performance énergétique), A best to
    G worst. Labels issued from 1 January 2026 use the lower electricity conversion
    factor (1.9 instead of 2.3): an electrically heated dwelling may have a better class
    than on its older label."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"
    E = "E"
    F = "F"
    G = "G"


class ReadingKind(StrEnum):
    """What a consumption reading measures, with its unit (``consumption_readings.kind``)."""

    ELECTRICITY_KWH = "electricity_kwh"
    GAS_KWH = "gas_kwh"
    GAS_M3 = "gas_m3"
    BUTANE_BOTTLES = "butane_bottles"
    WATER_M3 = "water_m3"


class ReadingSource(StrEnum):
    """Where a consumption reading comes from: a bill (a period) or a meter (a day)."""

    BILL = "bill"
    METER = "meter"


class EventType(StrEnum):
    """What an event of the events register is (schema 0016; docs/cli.md)."""

    STAND_FAIR = "stand_fair"
    SCHOOL_VISIT = "school_visit"
    WORKSHOP = "workshop"
    TRAINING = "training"
    MOBILE_DESK = "mobile_desk"
    PUBLIC_MEETING = "public_meeting"
    SITE_VISIT = "site_visit"
    OTHER = "other"


class Audience(StrEnum):
    """Who took part in an event, counted in people (not households; schema 0016)."""

    GENERAL_PUBLIC = "general_public"
    PUPILS_STUDENTS = "pupils_students"
    PROFESSIONALS = "professionals"
    ELECTED_OFFICIALS = "elected_officials"
    MUNICIPAL_STAFF = "municipal_staff"
    ASSOCIATIONS = "associations"
    OTHER = "other"


class LoanItemType(StrEnum):
    """What a lendable item of the centre's inventory is (schema 0017; docs/cli.md)."""

    WATTMETER = "wattmeter"
    TEMPERATURE_LOGGER = "temperature_logger"
    THERMAL_CAMERA = "thermal_camera"
    HYGROMETER = "hygrometer"
    CO2_METER = "co2_meter"
    ENERGY_KIT = "energy_kit"
    OTHER = "other"


class ItemState(StrEnum):
    """The state of a lendable item, and of an item when it comes back (schema 0017)."""

    GOOD = "good"
    WORN = "worn"
    DAMAGED = "damaged"
    LOST = "lost"
    RETIRED = "retired"


class Language(StrEnum):
    EN = "en"
    FR = "fr"
    AR = "ar"


#: Currency of each country's centres (ISO 4217).
CURRENCY_BY_COUNTRY: dict[Country, str] = {Country.FR: "EUR", Country.MA: "MAD", Country.TN: "TND"}

#: Act levels that require an identified household.
ACTS_NEEDING_HOUSEHOLD: frozenset[ActLevel] = frozenset(
    {ActLevel.ADVICE, ActLevel.AUDIT, ActLevel.SUPPORT, ActLevel.MPR_APPOINTMENT}
)

#: Act levels of French centres only.
FRANCE_ONLY_ACTS: frozenset[ActLevel] = frozenset({ActLevel.MPR_APPOINTMENT})

FR_INCOME_CATEGORIES = (
    IncomeCategory.MPR_BLUE,
    IncomeCategory.MPR_YELLOW,
    IncomeCategory.MPR_VIOLET,
    IncomeCategory.MPR_PINK,
)


def is_custom_code(code: str) -> bool:
    """A centre's own code (``x_…``), kept out of network totals unless mapped."""
    return code.startswith("x_") and len(code) > 2 and code[2:].replace("_", "").isalnum()
