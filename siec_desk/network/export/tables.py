"""Which tables the network export publishes, and how they are protected.

Every table crosses two dimensions (the shared codes of cli.md, plus ``month``, the
generalised ``place`` and the catalogue's ``measure``) and carries its margins and total.
Three groups of measures, each additive along both dimensions so that margins are sums of
cells and cells can be summed across centres:

- ``consultations``: consultations (each in one month, one mode, one place…);
- ``theme_mentions``: (consultation, theme) pairs: a consultation counts once in each of
  its themes, so these totals are mentions, not consultations;
- ``orientation_mentions`` (format version 2): (consultation, orientation) pairs: a
  consultation counts once in each place it referred the household to, and not at all
  when it referred it nowhere;
- ``savings``: measures recommended in the period with their estimated kWh, money (minor
  units of the centre's currency) and CO₂ per year;
- events register (format version 3, ``event_tables``): ``events`` (events and their
  participants by type), ``participants`` (people by audience), ``households_met``
  ((household, event) pairs of the consultations linked to an event) and ``loans``
  (equipment loans lent, returned and overdue at month end).

Contributors are households (an anonymous consultation counts as its own contributor),
except in the ``events`` and ``participants`` groups, whose contributors are events.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from siec_desk.core.i18n import N_, LazyText
from siec_desk.network.export.suppression import (
    TOTAL,
    Key,
    dominated,
    grid,
    key,
    protect,
    unsafe,
)

CONSULTATIONS, THEME_MENTIONS, SAVINGS = "consultations", "theme_mentions", "savings"
ORIENTATION_MENTIONS = "orientation_mentions"
EVENTS, PARTICIPANTS, HOUSEHOLDS_MET, LOANS = "events", "participants", "households_met", "loans"
#: The groups counted from the events register and the loans, not by the statistics engine.
REGISTER_GROUPS = (EVENTS, PARTICIPANTS, HOUSEHOLDS_MET, LOANS)
MEASURES: dict[str, tuple[str, ...]] = {
    CONSULTATIONS: ("consultations",),
    THEME_MENTIONS: ("theme_mentions",),
    ORIENTATION_MENTIONS: ("orientation_mentions",),
    SAVINGS: ("measures", "kwh_per_year", "money_per_year_minor", "co2_kg_per_year"),
    EVENTS: ("events", "participants"),
    PARTICIPANTS: ("participants",),
    HOUSEHOLDS_MET: ("households_met",),
    LOANS: ("lent", "returned", "overdue"),
}
#: Sums that the dominance rule applies to.
SUMS = ("kwh_per_year", "money_per_year_minor", "co2_kg_per_year")
#: Every measure the dominance rule applies to (one contributor > DOMINANCE_SHARE).
DOMINANCE_MEASURES = (*SUMS, "participants")
#: The size of an entry (its cost in secondary suppression; zero: published, never
#: hidden): the group's first measure, or the sum of these (every figure counts).
SIZE_MEASURES: dict[str, tuple[str, ...]] = {LOANS: MEASURES[LOANS]}


@dataclass(frozen=True)
class TableSpec:
    id: str
    group: str
    rows: str
    columns: str
    title: LazyText


def _spec(group: str, rows: str, columns: str, title: LazyText) -> TableSpec:
    return TableSpec(f"{group}_by_{rows}_{columns}", group, rows, columns, title)


TABLES: tuple[TableSpec, ...] = (
    _spec(CONSULTATIONS, "month", "mode", N_("Consultations by month and contact mode")),
    _spec(CONSULTATIONS, "month", "act", N_("Consultations by month and act level")),
    _spec(CONSULTATIONS, "month", "place", N_("Consultations by month and area")),
    _spec(CONSULTATIONS, "month", "origin", N_("Consultations by month and origin")),
    _spec(CONSULTATIONS, "month", "tenure", N_("Consultations by month and tenure")),
    _spec(
        CONSULTATIONS,
        "month",
        "income_category",
        N_("Consultations by month and income category"),
    ),
    _spec(CONSULTATIONS, "month", "dwelling_type", N_("Consultations by month and dwelling type")),
    _spec(THEME_MENTIONS, "month", "theme", N_("Theme mentions by month and theme")),
    _spec(CONSULTATIONS, "mode", "act", N_("Consultations by contact mode and act level")),
    _spec(CONSULTATIONS, "place", "act", N_("Consultations by area and act level")),
    _spec(
        CONSULTATIONS,
        "income_category",
        "tenure",
        N_("Consultations by income category and tenure"),
    ),
    _spec(THEME_MENTIONS, "theme", "act", N_("Theme mentions by theme and act level")),
    _spec(SAVINGS, "month", "measure", N_("Estimated savings by month and measure")),
    _spec(
        ORIENTATION_MENTIONS,
        "month",
        "orientation",
        N_("Orientations by month and where households were referred"),
    ),
    _spec(EVENTS, "month", "event_type", N_("Events and participants by month and event type")),
    _spec(PARTICIPANTS, "month", "audience", N_("Participants by month and audience")),
    _spec(
        HOUSEHOLDS_MET,
        "month",
        "event_type",
        N_("Households met at events by month and event type"),
    ),
    _spec(LOANS, "month", "item_type", N_("Equipment loans by month and item type")),
)


@dataclass(frozen=True)
class Facts:
    """What the database says about one entry (a cell, a margin or a total)."""

    values: Mapping[str, float]
    contributors: int
    #: For sums: the largest contributor's share, as (largest, total) per sum.
    largest: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    #: Contributors behind each measure when they differ by measure (a loans entry: the
    #: households that borrowed, returned, were overdue): each non-zero measure needs k.
    measure_contributors: Mapping[str, int] = field(default_factory=dict)

    def size(self, group: str) -> int:
        measures = SIZE_MEASURES.get(group, MEASURES[group][:1])
        return int(sum(self.values.get(m, 0) for m in measures))


NO_FACTS = Facts({}, 0)


@dataclass(frozen=True)
class PublishedTable:
    """A protected table: ``cells[(row, column)]`` (``*`` for a margin) holds the
    published values, or None when the entry is suppressed."""

    spec: TableSpec
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: Mapping[tuple[str, str], Mapping[str, int] | None]

    @property
    def measures(self) -> tuple[str, ...]:
        return MEASURES[self.spec.group]

    def entry_key(self, row: str, column: str) -> Key:
        return entry_key(self.spec, row, column)

    def suppressed(self) -> list[tuple[str, str]]:
        return [position for position, values in self.cells.items() if values is None]


def entry_key(spec: TableSpec, row: str, column: str) -> Key:
    """The entry at (*row*, *column*) of a table, ``*`` standing for a margin."""
    values = {}
    if row != TOTAL:
        values[spec.rows] = row
    if column != TOTAL:
        values[spec.columns] = column
    return key(spec.group, **values)


def categories(
    spec: TableSpec, dimension: str, months: Sequence[str], facts: Mapping[Key, Facts]
) -> tuple[str, ...]:
    """The rows or columns of a table: every month of the period; for other dimensions the
    values met in the period, in code order."""
    if dimension == "month":
        return tuple(months)
    found = {
        dict(k[1])[dimension]
        for k, f in facts.items()
        if k[0] == spec.group and len(k[1]) == 1 and k[1][0][0] == dimension and f.size(spec.group)
    }
    return tuple(sorted(found))


def _is_unsafe(group: str, facts: Facts, threshold: int) -> bool:
    over = any(dominated(*facts.largest[s]) for s in DOMINANCE_MEASURES if s in facts.largest)
    few = any(
        unsafe(round(facts.values.get(m, 0)), n, threshold)
        for m, n in facts.measure_contributors.items()
    )
    return few or unsafe(facts.size(group), facts.contributors, threshold, over)


def _published(group: str, facts: Facts) -> dict[str, int]:
    return {m: round(facts.values.get(m, 0)) for m in MEASURES[group]}


def build_tables(
    months: Sequence[str],
    facts: Mapping[Key, Facts],
    threshold: int,
    specs: Sequence[TableSpec] = TABLES,
) -> list[PublishedTable]:
    """Every table of *specs*, with primary and secondary suppression applied jointly."""
    layouts = []
    shapes = []
    for spec in specs:
        rows = categories(spec, spec.rows, months, facts)
        columns = categories(spec, spec.columns, months, facts)
        shapes.append((rows, columns))
        layouts.append(grid(spec.group, spec.rows, rows, spec.columns, columns))
    entries = {edge.key for layout in layouts for edge in layout}
    group_of = {k: k[0] for k in entries}
    sizes = {k: facts.get(k, NO_FACTS).size(group_of[k]) for k in entries}
    primary = [k for k in entries if _is_unsafe(group_of[k], facts.get(k, NO_FACTS), threshold)]
    suppressed = protect(layouts, sizes, primary)
    tables = []
    for spec, (rows, columns) in zip(specs, shapes, strict=True):
        cells: dict[tuple[str, str], Mapping[str, int] | None] = {}
        for row in (*rows, TOTAL):
            for column in (*columns, TOTAL):
                entry = entry_key(spec, row, column)
                cells[(row, column)] = (
                    None
                    if entry in suppressed
                    else _published(spec.group, facts.get(entry, NO_FACTS))
                )
        tables.append(PublishedTable(spec, rows, columns, cells))
    return tables
