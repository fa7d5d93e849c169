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

from siec_desk.network.export.suppression import TOTAL, Key, key
from siec_desk.network.export.tables import Facts, PublishedTable, TableSpec

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


# -- several exports together: can one be subtracted from another? ------------------------

Atom = tuple[str, str, str]  # (month, row value, column value); row "" for month tables
Sparse = dict[Atom, Fraction]


class Elimination:
    """Exact incremental Gaussian elimination over fractions on sparse rows: add known
    linear equations, then ask whether a linear form of the unknowns is determined (and
    its value). Rows are reduced against every earlier pivot as they are added, so a query
    is reduced by walking the pivots in the order they were added."""

    def __init__(self) -> None:
        self.pivots: list[tuple[Atom, Sparse, Fraction]] = []

    def _reduce(self, form: Sparse, value: Fraction) -> tuple[Sparse, Fraction]:
        form = dict(form)
        for pivot, row, known in self.pivots:
            factor = form.get(pivot)
            if factor:
                for atom, coefficient in row.items():
                    updated = form.get(atom, Fraction(0)) - factor * coefficient
                    if updated:
                        form[atom] = updated
                    else:
                        form.pop(atom, None)
                value -= factor * known
        return form, value

    def add(self, form: Sparse, value: int) -> None:
        reduced, rest = self._reduce(form, Fraction(value))
        if not reduced:
            return  # already implied (the data are consistent)
        pivot = min(reduced)
        lead = reduced[pivot]
        self.pivots.append((pivot, {a: c / lead for a, c in reduced.items()}, rest / lead))

    def value(self, form: Sparse) -> Fraction | None:
        """The value of *form* if the equations determine it, else None."""
        reduced, value = self._reduce(form, Fraction(0))
        return -value if not reduced else None


def _entry_atoms(
    table: PublishedTable,
    months: Sequence[str],
    rows: Sequence[str],
    columns: Sequence[str],
    position: Position,
) -> list[Atom]:
    row, column = position
    chosen_columns = columns if column == TOTAL else [column]
    if table.spec.rows == "month":
        chosen_months = months if row == TOTAL else [row]
        return [(m, "", c) for m in chosen_months for c in chosen_columns]
    chosen_rows = rows if row == TOTAL else [row]
    return [(m, r, c) for m in months for r in chosen_rows for c in chosen_columns]


# The oracle of the differencing tests, kept as the one algorithm its docstring states
# (split, it would be harder to check against that statement).
def joint_leaks(documents: Sequence[object], threshold: int) -> list[str]:  # noqa: C901
    """What several exports of one centre reveal together: a hidden entry of any of them
    that the published entries of all of them determine, or a count of 1..threshold−1
    over a part of their periods (months in one and not the other, or in both) that they
    determine. Unknowns are the counts per month and per cell; published entries are sums
    of them; a published zero or a value absent from a table makes each of its monthly
    counts zero (counts are never negative). Counts only (each table's first measure).
    Tables with places are compared only when the exports name the same places."""
    docs = list(documents)
    leaks: list[str] = []
    ids = [t.spec.id for t in docs[0].tables]  # type: ignore[attr-defined]
    for table_id in ids:
        tables: list[PublishedTable] = [
            next(t for t in d.tables if t.spec.id == table_id)  # type: ignore[attr-defined]
            for d in docs
        ]
        spec = tables[0].spec
        if "place" in (spec.rows, spec.columns) and len({(t.rows, t.columns) for t in tables}) > 1:
            continue
        month_sets = [list(d.meta.months) for d in docs]  # type: ignore[attr-defined]
        rows = sorted({r for t in tables for r in t.rows})
        columns = sorted({c for t in tables for c in t.columns})
        system = Elimination()
        for table, months in zip(tables, month_sets, strict=True):
            measure = table.measures[0]
            for position, values in table.cells.items():
                if values is None:
                    continue
                atoms = _entry_atoms(table, months, table.rows, table.columns, position)
                system.add(dict.fromkeys(atoms, Fraction(1)), values[measure])
                if values[measure] == 0:
                    for atom in atoms:
                        system.add({atom: Fraction(1)}, 0)
            for atom in _entry_atoms(table, months, rows, columns, (TOTAL, TOTAL)):
                _m, r, c = atom
                absent_row = table.spec.rows != "month" and r not in table.rows
                if absent_row or c not in table.columns:
                    system.add({atom: Fraction(1)}, 0)
        for n, (table, months) in enumerate(zip(tables, month_sets, strict=True)):
            for position in table.suppressed():
                atoms = _entry_atoms(table, months, table.rows, table.columns, position)
                found = system.value(dict.fromkeys(atoms, Fraction(1)))
                if found is not None:
                    leaks.append(f"export {n}: {table_id} {position} hidden, recovered = {found}")
        every = set().union(*map(set, month_sets))
        pieces = {frozenset(every)}
        for one in month_sets:
            for other in month_sets:
                pieces |= {frozenset(set(one) - set(other)), frozenset(set(one) & set(other))}
        positions = [(r, c) for r in (*rows, TOTAL) for c in (*columns, TOTAL)]
        if spec.rows == "month":
            positions = [(TOTAL, c) for c in (*columns, TOTAL)]
        for piece in sorted(pieces, key=sorted):
            if not piece:
                continue
            for position in positions:
                atoms = _entry_atoms(tables[0], sorted(piece), rows, columns, position)
                found = system.value(dict.fromkeys(atoms, Fraction(1)))
                if found is not None and 1 <= found < threshold:
                    leaks.append(f"{table_id} {position} over {min(piece)}..{max(piece)} = {found}")
    return leaks
