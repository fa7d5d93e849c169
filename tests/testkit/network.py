"""Checking the network export independently of how it was protected.

"Recoverable" here means: the equations a reader can write from one published table
(each row's cells add up to its margin, each column's cells to its margin, the margins
to the total) determine the entry's value uniquely. Published zeros are known values.
With the suppressed entries as unknowns, an unknown is determined exactly when its unit
vector lies in the row space of the coefficient matrix; exact Gaussian elimination over
fractions decides it (no floating point, no tolerance).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from siec_desk.network.suppression import TOTAL, Key, key
from siec_desk.network.tables import Facts, PublishedTable, TableSpec

Position = tuple[str, str]


def equations(table: PublishedTable) -> list[list[tuple[Position, int]]]:
    """Each published linear relation of the table, as (entry, coefficient) terms = 0."""
    rows = [*table.rows, TOTAL]
    columns = [*table.columns, TOTAL]
    found = []
    for row in rows:
        found.append([((row, c), 1) for c in table.columns] + [((row, TOTAL), -1)])
    for column in columns:
        found.append([((r, column), 1) for r in table.rows] + [((TOTAL, column), -1)])
    return found


def rref(matrix: list[list[Fraction]]) -> tuple[list[list[Fraction]], list[int]]:
    """Reduced row echelon form and its pivot columns."""
    rows = [row[:] for row in matrix]
    width = len(rows[0]) if rows else 0
    pivots: list[int] = []
    at = 0
    for column in range(width):
        pivot = next((i for i in range(at, len(rows)) if rows[i][column] != 0), None)
        if pivot is None:
            continue
        rows[at], rows[pivot] = rows[pivot], rows[at]
        lead = rows[at][column]
        rows[at] = [v / lead for v in rows[at]]
        for i in range(len(rows)):
            if i != at and rows[i][column] != 0:
                factor = rows[i][column]
                rows[i] = [a - factor * b for a, b in zip(rows[i], rows[at], strict=True)]
        pivots.append(column)
        at += 1
        if at == len(rows):
            break
    return rows[:at], pivots


def determined(table: PublishedTable) -> list[Position]:
    """The suppressed entries that the published entries of *table* determine."""
    unknowns = sorted(table.suppressed())
    if not unknowns:
        return []
    index = {position: i for i, position in enumerate(unknowns)}
    matrix = []
    for terms in equations(table):
        row = [Fraction(0)] * len(unknowns)
        for position, coefficient in terms:
            if position in index:
                row[index[position]] += coefficient
        if any(row):
            matrix.append(row)
    reduced, pivots = rref(matrix)
    found = []
    for position, column in index.items():
        if column not in pivots:
            continue  # a free column: the unknown can move
        row = reduced[pivots.index(column)]
        if all(v == 0 for j, v in enumerate(row) if j != column):
            found.append(position)  # the row reads "x = published values"
    return found


def published_counts(table: PublishedTable) -> list[int]:
    """Every published count (the table's first measure)."""
    measure = table.measures[0]
    return [values[measure] for values in table.cells.values() if values is not None]


# -- random microdata for the pure property tests ------------------------------------------


@dataclass(frozen=True)
class Record:
    """One consultation: its month, mode and act, and its household (None: anonymous)."""

    month: str
    mode: str
    act: str
    household: int | None


def facts_of(records: Sequence[Record], specs: Sequence[TableSpec]) -> dict[Key, Facts]:
    """Exact counts and contributors of every cell, margin and total of *specs*."""
    needed = {
        (spec.group, dims)
        for spec in specs
        for dims in ((spec.rows, spec.columns), (spec.rows,), (spec.columns,), ())
    }
    facts: dict[Key, Facts] = {}
    for group, dims in needed:
        counts: Counter[Key] = Counter()
        people: dict[Key, set[object]] = defaultdict(set)
        for n, record in enumerate(records):
            values = {"month": record.month, "mode": record.mode, "act": record.act}
            entry = key(group, **{d: values[d] for d in dims})
            counts[entry] += 1
            people[entry].add(record.household if record.household is not None else -1 - n)
        facts.update({k: Facts({"consultations": counts[k]}, len(people[k])) for k in counts})
    return facts
