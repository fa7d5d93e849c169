"""The field registry: one :class:`FieldSpec` per field of a household and a consultation.

Each entry says once what the rest of the code used to repeat in parallel lists: the
field's kind, its bounds and maximum length (validation and the forms' widgets), its
label (``texts.labels.FIELDS`` is built from here), what anonymisation does to it (and
so whether it is personal: emptied by anonymisation, shown in the rights export, named
without its value in the audit trail), whether the network export publishes it, whether
a sheet can be imported into it (its header synonyms are ``importing.synonyms``, keyed by
the same name), whether an advisor edits it (audited) and whether the savings estimates
read it (a change recomputes the measures). A household field also says where it is
shown (its :class:`Group`: the boxes of the household page and the sections of the
rights PDF, which derive their rows from here), whether it has a row of its own on the
household page, and the centres it concerns (French only: the income scale, the DPE).

Every column of the ``households`` and ``consultations`` tables is either here or in
:data:`HOUSEHOLD_INTERNAL` / :data:`CONSULTATION_INTERNAL`; ``tests/unit/test_field_registry.py``
fails when a column is added without an entry. The recipe "how to add a field" is in
``docs/architecture.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from siec_desk.core.i18n import N_, LazyText, lazy_pgettext
from siec_desk.domain.codes import (
    ActLevel,
    ConstructionPeriod,
    ContactMode,
    DpeClass,
    DwellingType,
    EnergyCarrier,
    FollowUpStatus,
    IncomeCategory,
    Language,
    Orientation,
    Origin,
    OutcomeStatus,
    ProjectType,
    ReadingKind,
    ReadingSource,
    Tenure,
    Theme,
)

NAME_MAX = 100
EMAIL_MAX = 254
PHONE_MAX = 40  # as typed, before it becomes E.164
ADDRESS_MAX = 300
COMMUNE_MAX = 120
POSTAL_CODE_MAX = 20
NOTES_MAX = 20_000
SHORT_TEXT_MAX = 300
CONSENT_WORDING_MAX = 2000
AMOUNT_MAX = 10_000_000  # a sum of money in whole units of the currency


class Record(StrEnum):
    HOUSEHOLD = "household"
    CONSULTATION = "consultation"
    READING = "reading"  # a consumption reading (its rules: ``domain/readings.py``)


class FieldKind(StrEnum):
    TEXT = "text"  # one line
    NOTE = "note"  # several lines
    PHONE = "phone"  # stored E.164
    EMAIL = "email"
    POSTCODE = "postcode"
    INT = "int"
    AMOUNT = "amount"  # whole units of a currency (the French reference tax income)
    DECIMAL = "decimal"
    MONEY = "money"  # stored in minor units (``…_minor``), entered in major units
    MINUTES = "minutes"  # a duration in whole minutes ("1h30" in a sheet)
    FLAG = "flag"  # yes or no
    TRISTATE = "tristate"  # yes, no or unknown (None)
    DATE = "date"
    DATETIME = "datetime"
    CODE = "code"  # one code of an enumeration (or a centre's own ``x_…``)
    CODES = "codes"  # several codes (a relationship, not a column)
    REFERENCE = "reference"  # the id of another record
    IDENTIFIER = "identifier"  # an official number: letters and digits, upper-case, LTR


class Group(StrEnum):
    """Where a household field is shown: a box of the household page and a section of the
    rights PDF (contact → "Identity and contact"; dwelling and situation → "Dwelling and
    situation"; preferences and notes → "Consent and preferences")."""

    CONTACT = "contact"
    DWELLING = "dwelling"
    SITUATION = "situation"
    PREFERENCES = "preferences"
    NOTES = "notes"


class Anonymise(StrEnum):
    """What retention's anonymisation does to a field."""

    KEEP = "keep"  # statistics count it
    CLEAR = "clear"  # personal: emptied
    CLASS = "class"  # reduced to its class (surface, household size)


@dataclass(frozen=True)
class FieldSpec:
    record: Record
    name: str  # the column (or relationship) name, and the input's attribute
    kind: FieldKind
    label: LazyText
    low: int | float | None = None  # MONEY: in major units, as entered
    high: int | float | None = None
    max_length: int | None = None
    codes: type[StrEnum] | None = None
    refused: tuple[str, ...] = ()  # codes of the enumeration not accepted here
    anonymise: Anonymise = Anonymise.KEEP
    exported: bool = False  # published (aggregated) by the network export
    importable: bool = False  # a column of a centre's sheet can fill it
    edited: bool = True  # an advisor sets it (audited by name when it changes)
    savings_input: bool = False  # the savings estimates read it
    min_length: int | None = None  # IDENTIFIER: its fewest characters
    past: bool = False  # DATE: cannot be after today
    group: Group | None = None  # a household field's box and rights-PDF section
    on_page: bool = True  # a row of its own on the household page
    shown_with: str | None = None  # shown before this other field, in its row
    countries: tuple[str, ...] = ()  # only for centres of these countries (empty: all)

    def concerns(self, country: str) -> bool:
        """Whether a centre of *country* has this field (forms, pages, documents)."""
        return not self.countries or country in self.countries

    @property
    def personal(self) -> bool:
        """Says who the person is or what they said: emptied by anonymisation, in the
        rights export, never exported, named without its value in the audit trail."""
        return self.anonymise is Anonymise.CLEAR

    @property
    def key(self) -> str:
        """The name inputs and error messages use (money without its ``_minor``)."""
        return self.name.removesuffix("_minor") if self.kind is FieldKind.MONEY else self.name

    @property
    def multiline(self) -> bool:
        return self.kind is FieldKind.NOTE


_H, _C = Record.HOUSEHOLD, Record.CONSULTATION
_TEXT, _CODE, _DEC = FieldKind.TEXT, FieldKind.CODE, FieldKind.DECIMAL
_CLEAR, _CLASS = Anonymise.CLEAR, Anonymise.CLASS
_CONTACT, _DWELLING, _SITUATION = Group.CONTACT, Group.DWELLING, Group.SITUATION
_FR = ("FR",)


def _specs(*specs: FieldSpec) -> dict[str, FieldSpec]:
    return {s.name: s for s in specs}


# fmt: off
HOUSEHOLD: dict[str, FieldSpec] = _specs(
    FieldSpec(_H, "first_name", _TEXT, N_("First name"), max_length=NAME_MAX, anonymise=_CLEAR,
        importable=True, group=_CONTACT, on_page=False),  # the page's title
    FieldSpec(_H, "last_name", _TEXT, N_("Last name"), max_length=NAME_MAX, anonymise=_CLEAR,
        importable=True, group=_CONTACT, on_page=False),
    FieldSpec(_H, "phone", FieldKind.PHONE, lazy_pgettext("field", "Phone"), max_length=PHONE_MAX,
        anonymise=_CLEAR, importable=True, group=_CONTACT),
    FieldSpec(_H, "email", FieldKind.EMAIL, lazy_pgettext("field", "E-mail"),
        max_length=EMAIL_MAX, anonymise=_CLEAR, importable=True, group=_CONTACT),
    FieldSpec(_H, "address", _TEXT, lazy_pgettext("field", "Address"), max_length=ADDRESS_MAX,
        anonymise=_CLEAR, importable=True, group=_CONTACT),
    FieldSpec(_H, "commune", _TEXT, lazy_pgettext("field", "Commune"), max_length=COMMUNE_MAX,
        importable=True, group=_CONTACT),
    FieldSpec(_H, "postal_code", FieldKind.POSTCODE, N_("Postal code"),
        max_length=POSTAL_CODE_MAX, anonymise=_CLEAR, importable=True, group=_CONTACT,
        shown_with="commune"),
    FieldSpec(_H, "tenure", _CODE, lazy_pgettext("field", "Tenure"), codes=Tenure, exported=True,
        importable=True, group=_DWELLING),
    FieldSpec(_H, "household_size", FieldKind.INT, N_("Household size"), low=1, high=30,
        anonymise=_CLASS, importable=True, savings_input=True, group=_SITUATION),
    FieldSpec(_H, "reference_income", FieldKind.AMOUNT, N_("Reference tax income"), low=0,
        high=AMOUNT_MAX, anonymise=_CLEAR, importable=True, group=_SITUATION, on_page=False),
    FieldSpec(_H, "ile_de_france", FieldKind.FLAG, N_("Lives in Île-de-France"),
        group=_SITUATION, on_page=False, countries=_FR),
    FieldSpec(_H, "income_category", _CODE, N_("Income category"), codes=IncomeCategory,
        exported=True, importable=True, group=_SITUATION),
    FieldSpec(_H, "dwelling_type", _CODE, N_("Dwelling type"), codes=DwellingType, exported=True,
        importable=True, savings_input=True, group=_DWELLING),
    FieldSpec(_H, "top_floor", FieldKind.TRISTATE, N_("Flat on the top floor (under the roof)"),
        savings_input=True, group=_DWELLING),
    FieldSpec(_H, "construction_period", _CODE, N_("Construction period"),
        codes=ConstructionPeriod, importable=True, savings_input=True, group=_DWELLING),
    FieldSpec(_H, "surface_m2", _DEC, N_("Living area (m²)"), low=5, high=2000, anonymise=_CLASS,
        importable=True, savings_input=True, group=_DWELLING),
    FieldSpec(_H, "heating_energy", _CODE, N_("Heating energy"), codes=EnergyCarrier,
        importable=True, savings_input=True, group=_DWELLING),
    FieldSpec(_H, "hot_water_energy", _CODE, N_("Hot-water energy"), codes=EnergyCarrier,
        importable=True, savings_input=True, group=_DWELLING),
    FieldSpec(_H, "heating_kwh_per_year", _DEC, N_("Heating consumption (kWh/year)"), low=0,
        high=200_000, anonymise=_CLEAR, savings_input=True, group=_DWELLING, on_page=False),
    FieldSpec(_H, "electricity_kwh_per_year", _DEC, N_("Electricity consumption (kWh/year)"),
        low=0, high=100_000, anonymise=_CLEAR, savings_input=True, group=_DWELLING,
        on_page=False),
    FieldSpec(_H, "annual_energy_bill_minor", FieldKind.MONEY, N_("Annual energy bill"), low=0,
        high=AMOUNT_MAX, anonymise=_CLEAR, edited=False, group=_DWELLING, on_page=False),
    FieldSpec(_H, "butane_bottles_per_month", _DEC, N_("Butane bottles per month"), low=0,
        high=50, anonymise=_CLEAR, savings_input=True, group=_DWELLING),
    # The DPE (France): a property of the dwelling; its number identifies the dwelling.
    FieldSpec(_H, "dpe_class", _CODE, N_("Energy class (DPE)"), codes=DpeClass, importable=True,
        group=_DWELLING, countries=_FR),
    FieldSpec(_H, "dpe_date", FieldKind.DATE, N_("DPE date"), past=True, importable=True,
        group=_DWELLING, countries=_FR),
    FieldSpec(_H, "dpe_number", FieldKind.IDENTIFIER, N_("DPE number (ADEME)"), min_length=13,
        max_length=13, anonymise=_CLEAR, importable=True, group=_DWELLING, countries=_FR),
    FieldSpec(_H, "letter_language", _CODE, lazy_pgettext("field", "Letter language"),
        codes=Language, refused=(Language.EN,), importable=True, group=Group.PREFERENCES),
    FieldSpec(_H, "consent_recontact_on", FieldKind.DATE, N_("Re-contact consent"),
        anonymise=_CLEAR, group=Group.PREFERENCES),
    FieldSpec(_H, "consent_wording", _TEXT, N_("Consent wording"), max_length=CONSENT_WORDING_MAX,
        anonymise=_CLEAR, group=Group.PREFERENCES, on_page=False),  # in the consent's row
    FieldSpec(_H, "notes", FieldKind.NOTE, N_("Notes"), max_length=NOTES_MAX, anonymise=_CLEAR,
        group=Group.NOTES),
)
# fmt: on

#: Household columns that are no advisor's field: set by the application itself.
HOUSEHOLD_INTERNAL = (
    "id",
    "country",  # the centre's
    "anonymised_at",
    "search_text",  # folded words of the name, phone, e-mail and commune
    "created_at",
    "updated_at",
    "version",
)

# fmt: off
CONSULTATION: dict[str, FieldSpec] = _specs(
    FieldSpec(_C, "household_id", FieldKind.REFERENCE, lazy_pgettext("field", "Household")),
    FieldSpec(_C, "advisor_id", FieldKind.REFERENCE, N_("Advisor")),
    FieldSpec(_C, "occurred_at", FieldKind.DATETIME, N_("Date and time"), exported=True,
        importable=True),
    FieldSpec(_C, "mode", _CODE, N_("Contact mode"), codes=ContactMode, exported=True,
        importable=True),
    FieldSpec(_C, "act", _CODE, N_("Act level"), codes=ActLevel, exported=True, importable=True),
    FieldSpec(_C, "themes", FieldKind.CODES, lazy_pgettext("field", "Themes"), codes=Theme,
        exported=True, importable=True),
    FieldSpec(_C, "orientations", FieldKind.CODES, N_("Referred to"), codes=Orientation,
        exported=True, importable=True),
    FieldSpec(_C, "project_type", _CODE, N_("Project type"), codes=ProjectType, countries=_FR),
    FieldSpec(_C, "duration_min", FieldKind.MINUTES, N_("Duration (min)"), low=1, high=600,
        importable=True),
    FieldSpec(_C, "origin", _CODE, N_("How they heard of us"), codes=Origin, exported=True,
        importable=True),
    FieldSpec(_C, "commune", _TEXT, lazy_pgettext("field", "Commune"), max_length=COMMUNE_MAX,
        exported=True),
    FieldSpec(_C, "postal_code", FieldKind.POSTCODE, N_("Postal code"),
        max_length=POSTAL_CODE_MAX, exported=True),
    FieldSpec(_C, "notes", FieldKind.NOTE, N_("Notes"), max_length=NOTES_MAX, anonymise=_CLEAR,
        importable=True),
    FieldSpec(_C, "follow_up_action", _TEXT, N_("Follow-up action"), max_length=SHORT_TEXT_MAX,
        anonymise=_CLEAR, importable=True),
    FieldSpec(_C, "follow_up_due", FieldKind.DATE, N_("Follow-up due date"), importable=True),
    FieldSpec(_C, "follow_up_status", _CODE, N_("Follow-up status"), codes=FollowUpStatus),
    FieldSpec(_C, "follow_up_done_on", FieldKind.DATE, N_("Follow-up done on")),
    FieldSpec(_C, "outcome_due", FieldKind.DATE, N_("6-month outcome due on"), edited=False),
    FieldSpec(_C, "outcome_status", _CODE, N_("Outcome"), codes=OutcomeStatus),
    FieldSpec(_C, "outcome_recorded_on", FieldKind.DATE, N_("Outcome recorded on")),
    FieldSpec(_C, "outcome_works_amount_minor", FieldKind.MONEY, N_("Amount of works"), low=0,
        high=AMOUNT_MAX),
    FieldSpec(_C, "outcome_aids_minor", FieldKind.MONEY, N_("Aid obtained"), low=0,
        high=AMOUNT_MAX),
    FieldSpec(_C, "outcome_abandon_reason", _TEXT, N_("Reason for abandoning"),
        max_length=SHORT_TEXT_MAX, anonymise=_CLEAR),
    FieldSpec(_C, "measures", FieldKind.CODES, lazy_pgettext("field", "Measures"), exported=True),
)
# fmt: on

#: Consultation columns that are no advisor's field.
CONSULTATION_INTERNAL = ("id", "created_at", "updated_at", "version")

#: A household's consumption reading (bill or meter; ``domain/readings.py`` has its
#: rules, with the per-kind bounds the quantity's range here only frames).
READING_NOTES_MAX = 2000
METER_MAX = 99_999_999.0  # the largest meter index (eight digits)
_R = Record.READING
# fmt: off
READING: dict[str, FieldSpec] = _specs(
    FieldSpec(_R, "kind", _CODE, N_("Reading of"), codes=ReadingKind),
    FieldSpec(_R, "source", _CODE, N_("Source"), codes=ReadingSource),
    FieldSpec(_R, "start_on", FieldKind.DATE, N_("From"), past=True),
    FieldSpec(_R, "end_on", FieldKind.DATE, N_("To (or reading date)"), past=True),
    FieldSpec(_R, "quantity", _DEC, N_("Quantity"), low=0, high=METER_MAX),
    FieldSpec(_R, "amount_minor", FieldKind.MONEY, N_("Amount paid"), low=0, high=AMOUNT_MAX),
    FieldSpec(_R, "notes", FieldKind.NOTE, N_("Notes"), max_length=READING_NOTES_MAX,
        anonymise=_CLEAR),
)
# fmt: on
READING_INTERNAL = ("id", "household_id", "currency", "created_at", "updated_at")

#: Columns the rights export leaves out besides the references (the household itself;
#: the advisor is given by name): an index of other columns, and a counter.
NOT_IN_RIGHTS_EXPORT = ("search_text", "version")

RECORDS: dict[Record, dict[str, FieldSpec]] = {_H: HOUSEHOLD, _C: CONSULTATION, _R: READING}


def columns(record: Record) -> tuple[str, ...]:
    """The record's fields stored in its own table (themes, orientations and measures are
    rows of their own tables)."""
    return tuple(s.name for s in RECORDS[record].values() if s.kind is not FieldKind.CODES)


def edited(record: Record) -> tuple[str, ...]:
    """Columns an advisor sets: compared before and after a change to audit it."""
    return tuple(n for n in columns(record) if RECORDS[record][n].edited)


def personal(record: Record) -> tuple[str, ...]:
    return tuple(s.name for s in RECORDS[record].values() if s.personal)


def cleared_by_anonymisation(record: Record) -> dict[str, None]:
    """``{column: None}`` for every personal field (an UPDATE's values)."""
    return dict.fromkeys(personal(record))


def savings_inputs(record: Record = _H) -> frozenset[str]:
    return frozenset(s.name for s in RECORDS[record].values() if s.savings_input)


def not_in_rights_export(record: Record) -> tuple[str, ...]:
    references = (s.name for s in RECORDS[record].values() if s.kind is FieldKind.REFERENCE)
    return (*NOT_IN_RIGHTS_EXPORT, *references)


def labels() -> dict[str, LazyText]:
    """Every field's label by its :attr:`FieldSpec.key` (households first)."""
    found: dict[str, LazyText] = {}
    for specs in RECORDS.values():
        for spec in specs.values():
            found.setdefault(spec.key, spec.label)
    return found
