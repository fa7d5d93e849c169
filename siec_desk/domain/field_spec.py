"""The registry's vocabulary: the records, the kinds of field, the household page's groups,
what anonymisation does, and :class:`FieldSpec` itself. The entries are in
:mod:`siec_desk.domain.fields` (which re-exports these names)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from siec_desk.core.i18n import LazyText


class Record(StrEnum):
    HOUSEHOLD = "household"
    CONSULTATION = "consultation"
    READING = "reading"  # a consumption reading (its rules: ``domain/readings.py``)
    EVENT = "event"  # an event of the events register (its rules: ``domain/event_rules.py``)
    LOAN_ITEM = "loan_item"  # a lendable item (its rules: ``domain/loan_rules.py``)
    LOAN = "loan"  # an item lent to a household (the same rules)


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
    TIME = "time"  # a time of day (an appointment's), to the minute
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
