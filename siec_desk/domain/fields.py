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

from siec_desk.core.i18n import N_, LazyText, lazy_pgettext
from siec_desk.domain.codes import (
    ActLevel,
    Audience,
    ConstructionPeriod,
    ContactMode,
    DpeClass,
    DwellingType,
    EnergyCarrier,
    EventType,
    FollowUpKind,
    FollowUpStatus,
    IncomeCategory,
    ItemState,
    Language,
    LoanItemType,
    Orientation,
    Origin,
    OutcomeStatus,
    ProjectType,
    ReadingKind,
    ReadingSource,
    Tenure,
    Theme,
)
from siec_desk.domain.field_spec import (  # the registry's vocabulary, re-exported
    Anonymise as Anonymise,
)
from siec_desk.domain.field_spec import FieldKind as FieldKind
from siec_desk.domain.field_spec import FieldSpec as FieldSpec
from siec_desk.domain.field_spec import Group as Group
from siec_desk.domain.field_spec import Record as Record

NAME_MAX = 100
EMAIL_MAX = 254
PHONE_MAX = 40  # as typed, before it becomes E.164
ADDRESS_MAX = 300
COMMUNE_MAX = 120
POSTAL_CODE_MAX = 20
NOTES_MAX = 20_000
SHORT_TEXT_MAX = 300
FOLLOW_UP_NOTE_MAX = 2000  # a call-result note
CONSENT_WORDING_MAX = 2000
AMOUNT_MAX = 10_000_000  # a sum of money in whole units of the currency


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
        high=200_000, anonymise=_CLEAR, savings_input=True, group=_DWELLING),  # D22: on the card
    FieldSpec(_H, "electricity_kwh_per_year", _DEC, N_("Electricity consumption (kWh/year)"),
        low=0, high=100_000, anonymise=_CLEAR, savings_input=True, group=_DWELLING),
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
    FieldSpec(_C, "project_type", _CODE, N_("Project type"), codes=ProjectType, countries=_FR,
        importable=True),
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
    FieldSpec(_C, "follow_up_time", FieldKind.TIME, N_("Follow-up time")),
    FieldSpec(_C, "follow_up_kind", _CODE, N_("Follow-up kind"), codes=FollowUpKind),
    FieldSpec(_C, "follow_up_note", FieldKind.NOTE, N_("Call-result note"),
        max_length=FOLLOW_UP_NOTE_MAX, anonymise=_CLEAR),
    FieldSpec(_C, "follow_up_postponed", FieldKind.INT, N_("Times postponed"), low=0,
        high=10_000),
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
    FieldSpec(_C, "event_id", FieldKind.REFERENCE, N_("Met at event")),  # schema 0016
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

#: An event of the events register (schema 0016; ``domain/event_rules.py`` has its rules
#: and the participants' bounds). Nothing personal: partners and notes are about the event.
EVENT_TITLE_MAX = 200
_E = Record.EVENT
# fmt: off
EVENT: dict[str, FieldSpec] = _specs(
    FieldSpec(_E, "occurred_on", FieldKind.DATE, N_("Event date")),
    FieldSpec(_E, "starts_at", FieldKind.TIME, N_("Start time")),
    FieldSpec(_E, "duration_min", FieldKind.MINUTES, N_("Duration (min)"), low=1, high=1440),
    FieldSpec(_E, "event_type", _CODE, N_("Event type"), codes=EventType, exported=True),
    FieldSpec(_E, "title", _TEXT, N_("Event title"), max_length=EVENT_TITLE_MAX),
    FieldSpec(_E, "commune", _TEXT, lazy_pgettext("field", "Commune"), max_length=COMMUNE_MAX),
    FieldSpec(_E, "postal_code", FieldKind.POSTCODE, N_("Postal code"),
        max_length=POSTAL_CODE_MAX),
    FieldSpec(_E, "place", _TEXT, N_("Place (venue or mobile-desk stop)"),
        max_length=SHORT_TEXT_MAX),
    FieldSpec(_E, "partners", _TEXT, N_("Partners"), max_length=SHORT_TEXT_MAX),
    FieldSpec(_E, "notes", FieldKind.NOTE, N_("Notes"), max_length=NOTES_MAX),
    FieldSpec(_E, "audiences", FieldKind.CODES, N_("Participants by audience"), codes=Audience,
        exported=True),
    FieldSpec(_E, "themes", FieldKind.CODES, lazy_pgettext("field", "Themes"), codes=Theme),
    FieldSpec(_E, "advisors", FieldKind.CODES, N_("Advisors")),
)
# fmt: on
EVENT_INTERNAL = ("id", "created_at", "updated_at", "version")

#: Equipment loans (schema 0017; ``domain/loan_rules.py`` has the rules). An item is the
#: centre's; a loan's notes may say something about the household: anonymisation drops them.
LOAN_TEXT_MAX = 120
_LI, _L = Record.LOAN_ITEM, Record.LOAN
# fmt: off
LOAN_ITEM: dict[str, FieldSpec] = _specs(
    FieldSpec(_LI, "item_name", _TEXT, N_("Item"), max_length=LOAN_TEXT_MAX),
    FieldSpec(_LI, "item_type", _CODE, N_("Item type"), codes=LoanItemType, exported=True),
    FieldSpec(_LI, "label", _TEXT, N_("Label or serial number"), max_length=LOAN_TEXT_MAX),
    FieldSpec(_LI, "state", _CODE, N_("State"), codes=ItemState),
    FieldSpec(_LI, "location", _TEXT, N_("Location"), max_length=LOAN_TEXT_MAX),
    FieldSpec(_LI, "notes", FieldKind.NOTE, N_("Notes"), max_length=READING_NOTES_MAX),
)
LOAN: dict[str, FieldSpec] = _specs(
    FieldSpec(_L, "item_id", FieldKind.REFERENCE, N_("Item")),
    FieldSpec(_L, "household_id", FieldKind.REFERENCE, lazy_pgettext("field", "Household")),
    FieldSpec(_L, "advisor_id", FieldKind.REFERENCE, N_("Advisor")),
    FieldSpec(_L, "out_on", FieldKind.DATE, N_("Lent on"), past=True),
    FieldSpec(_L, "due_on", FieldKind.DATE, N_("Due back on")),
    FieldSpec(_L, "deposit_minor", FieldKind.MONEY, N_("Deposit"), low=0, high=AMOUNT_MAX),
    FieldSpec(_L, "returned_on", FieldKind.DATE, N_("Returned on"), past=True),
    FieldSpec(_L, "state_at_return", _CODE, N_("State at return"), codes=ItemState),
    FieldSpec(_L, "notes", FieldKind.NOTE, N_("Notes"), max_length=READING_NOTES_MAX,
        anonymise=_CLEAR),
)
# fmt: on
LOAN_ITEM_INTERNAL = ("id", "created_at", "updated_at", "version")
LOAN_INTERNAL = ("id", "currency", "created_at", "updated_at", "version")

RECORDS: dict[Record, dict[str, FieldSpec]] = {
    _H: HOUSEHOLD,
    _C: CONSULTATION,
    _R: READING,
    _E: EVENT,
    _LI: LOAN_ITEM,
    _L: LOAN,
}


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
