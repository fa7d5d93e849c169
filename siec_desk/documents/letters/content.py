"""What a letter says, already translated and formatted: plain, picklable data.

The composer fills it in the letter's language (independent of the UI language); a worker
process renders it. Values that read left to right (phones, e-mails, references, amounts)
are kept as separate fields so the template can isolate them in Arabic text.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Image:
    data: bytes
    mime: str


@dataclass(frozen=True)
class Letterhead:
    name: str
    address_lines: tuple[str, ...]
    phone: str | None
    email: str | None
    website: str | None
    opening_hours: str | None
    banner: str | None
    logo: Image | None


@dataclass(frozen=True)
class Fact:
    label: str
    value: str


@dataclass(frozen=True)
class MeasureLine:
    name: str
    why: str
    kind: str
    kwh: str
    money: str
    cost: str
    payback: str
    co2: str
    #: The saving valued at the unsubsidised price (MA/TN butane…), "" when the same.
    money_unsubsidised: str = ""
    #: The payback exceeds 25 years or the measure's lifetime.
    not_cost_effective: bool = False
    #: The cost after a public subsidy (TN: PROSOL), "" when there is none.
    cost_after_subsidy: str = ""
    #: Why the measure is not counted in the totals (an alternative…), "" when it is.
    note: str = ""


@dataclass(frozen=True)
class Totals:
    kwh: str
    money: str
    cost: str
    co2: str


@dataclass(frozen=True)
class Titled:
    """An aid or a useful contact: a name and one or two sentences."""

    name: str
    text: str


@dataclass(frozen=True)
class LetterContent:
    language: str
    direction: str
    locale: str
    title: str
    reference: str
    letterhead: Letterhead
    addressee: tuple[str, ...]
    place_date: str
    subject: str
    opening: str
    situation: tuple[Fact, ...]
    concerns: str
    findings: str
    measures: tuple[MeasureLine, ...]
    totals: Totals | None
    income_note: str
    aids: tuple[Titled, ...]
    aids_note: str
    next_steps: tuple[str, ...]
    contacts: tuple[Titled, ...]
    closing: str
    advisor_name: str
    advisor_contact: tuple[str, ...]
    signature: Image | None
    mentions: tuple[str, ...]
    privacy: str
    legal: str
    footer: str
    extra: dict[str, str] = field(default_factory=dict)
    #: Notes printed under the measure table (not cost-effective, unsubsidised prices).
    table_notes: tuple[str, ...] = ()
    #: The defaults the estimates rely on, so the household can correct them ("" if none).
    assumptions: str = ""
    #: The advisor's title under the signature ("Conseillère énergie"…).
    advisor_title: str = ""
