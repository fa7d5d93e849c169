"""A table's cells read column by column: the fast path of
:func:`~siec_desk.network.coordinator.table_checks.parse_table` (issue 22).

The cells of a valid table fill its grid exactly once and hold, in every cell, each of
its measures: a whole number a centre can record, or null when the cell is suppressed.
:func:`fast_columns` proves that of a whole table at once (the positions as one set
against the grid, each measure's figures as one column) and returns what the cell by
cell reading would. When anything is off it returns None and that reading (kept in
``table_checks``) finds the first faulty cell and words the problem: it decides every
refusal, this path only ever accepts what it accepts.
"""

from __future__ import annotations

from itertools import chain, repeat
from operator import itemgetter
from typing import Any

from siec_desk.network.export.suppression import TOTAL
from siec_desk.network.export.tables import SUMS

#: The largest count one entry may hold (consultations, mentions or measures of one
#: centre over at most five years), and the largest saving per measure recommended.
MAX_COUNT = 10_000_000
PER_MEASURE = {"kwh_per_year": 10**6, "money_per_year_minor": 10**8, "co2_kg_per_year": 10**6}

#: One published entry: (row, column, measure, value), the value None when the centre
#: suppressed it. Plain tuples: a coordinator stores some 1,300,000 of them for 500
#: centres, straight into the database driver.
ParsedCell = tuple[str, str, str, int | None]
Position = tuple[str, str]
#: Each measure's figures by (row, column), totals and margins included.
ByMeasure = dict[str, dict[Position, int | None]]

_NONE = type(None)
_FITTING = {(True, _NONE), (False, int)}


def _figures_fit(measure: str, values: list[Any], counts: list[Any] | None) -> bool:
    """Whole numbers a centre can record (see ``table_checks._bounded``): counts within
    0..MAX_COUNT; a sum within PER_MEASURE times the cell's published count of measures
    (MAX_COUNT when it publishes none)."""
    published: list[int] = [v for v in values if v is not None]
    if not published:
        return True
    if measure not in SUMS:
        return min(published) >= 0 and max(published) <= MAX_COUNT
    per = PER_MEASURE[measure]
    if counts is None:
        return max(map(abs, published)) <= per * MAX_COUNT
    return all(
        abs(v) <= per * (MAX_COUNT if n is None else n)
        for v, n in zip(values, counts, strict=True)
        if v is not None
    )


def fast_columns(
    raw: dict[str, Any], rows: list[str], columns: list[str]
) -> tuple[ByMeasure, tuple[ParsedCell, ...]] | None:
    """Each measure's figures by position, and the entries (cell by cell, each cell's
    measures in the table's order); None when a cell is not plainly right."""
    cells = raw["cells"]
    row_dim, column_dim = raw["dimensions"]
    measures = list(raw["measures"])
    grid = {(r, c) for r in (*rows, TOTAL) for c in (*columns, TOTAL)}
    try:
        row_keys = list(map(itemgetter(row_dim), cells))
        column_keys = list(map(itemgetter(column_dim), cells))
        suppressed = list(map(itemgetter("suppressed"), cells))
        figures = {m: list(map(itemgetter(m), cells)) for m in measures}
    except (KeyError, TypeError):
        return None
    if not set(map(type, row_keys)) | set(map(type, column_keys)) <= {str}:
        return None
    positions = list(zip(row_keys, column_keys, strict=True))
    if len(positions) != len(grid) or set(positions) != grid:
        return None
    if not set(map(type, suppressed)) <= {bool}:
        return None
    counts = figures.get("measures")
    for measure, values in figures.items():
        if not set(zip(suppressed, map(type, values), strict=True)) <= _FITTING:
            return None
        if not _figures_fit(measure, values, counts):
            return None
    by_measure = {m: dict(zip(positions, values, strict=True)) for m, values in figures.items()}
    per_measure = [
        zip(row_keys, column_keys, repeat(m), values, strict=False) for m, values in figures.items()
    ]
    cells_out: tuple[ParsedCell, ...] = tuple(chain.from_iterable(zip(*per_measure, strict=True)))
    return by_measure, cells_out
