"""What the rights PDF says: translated, formatted text only. Plain, picklable data."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    label: str
    value: str
    ltr: bool = False  # a value that always reads left to right (phone, e-mail, reference)


@dataclass(frozen=True)
class Block:
    """One consultation (or other record) within a section."""

    title: str
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Section:
    title: str
    rows: tuple[Row, ...] = ()
    blocks: tuple[Block, ...] = ()
    table: Table | None = None
    empty: str = ""  # said when the section has nothing


@dataclass(frozen=True)
class RightsContent:
    language: str
    direction: str
    locale: str
    title: str
    centre_name: str
    subject: str  # the household, as named in the record
    generated_on: str
    intro: str
    sections: tuple[Section, ...]
    privacy: str
    identifier: str
