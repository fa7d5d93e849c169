"""The content rules of one table of a centre's network export, for import.

:mod:`siec_desk.network.coordinator.reading` checks the file (size, format, version,
schema); :func:`parse_table` then checks what the schema cannot say of each table: its
dimensions and measures, codes that are known (or the months of the period, or places
of the country), the full grid of cells, figures a centre can record, and margins and
totals that add up. A problem is returned as one translated phrase.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cache, lru_cache
from typing import Any

from siec_desk.core.i18n import _
from siec_desk.core.paths import resource_path
from siec_desk.domain import codes
from siec_desk.domain.catalogue import load_catalogue
from siec_desk.network.coordinator.table_columns import (
    MAX_COUNT,
    PER_MEASURE,
    ByMeasure,
    ParsedCell,
    fast_columns,
)
from siec_desk.network.export.generalise import COMMUNE_SEPARATOR
from siec_desk.network.export.suppression import TOTAL
from siec_desk.network.export.tables import MEASURES, SUMS, TABLES, TableSpec


@dataclass(frozen=True)
class ParsedTable:
    id: str
    group: str
    row_dimension: str
    column_dimension: str
    cells: tuple[ParsedCell, ...]


_ENUMS: dict[str, type[StrEnum]] = {
    "mode": codes.ContactMode,
    "act": codes.ActLevel,
    "theme": codes.Theme,
    "orientation": codes.Orientation,
    "origin": codes.Origin,
    "tenure": codes.Tenure,
    "income_category": codes.IncomeCategory,
    "dwelling_type": codes.DwellingType,
    "event_type": codes.EventType,
    "audience": codes.Audience,
    "item_type": codes.LoanItemType,
}
#: The tables of the network export, by id.
TABLE_SPECS = {spec.id: spec for spec in TABLES}


@lru_cache(maxsize=1)
def _measure_codes() -> frozenset[str]:
    return frozenset(m.code for m in load_catalogue(resource_path("catalogue", "measures.json")))


def _known_code(dimension: str, code: str, months: tuple[str, ...], country: str) -> bool:
    if dimension == "month":
        return code in months
    if dimension == "place":
        return code.split("-", 1)[0].split(COMMUNE_SEPARATOR, 1)[0] == country
    if code == "unknown" or codes.is_custom_code(code):
        return True
    if dimension == "measure":
        return code in _measure_codes()
    return code in _enum_values(dimension)


@cache
def _enum_values(dimension: str) -> frozenset[str]:
    enum = _ENUMS.get(dimension)
    return frozenset() if enum is None else frozenset(member.value for member in enum)


def _bounded(measure: str, value: Any, count: int | None) -> bool:
    """A whole number a centre can record: counts 0..MAX_COUNT; a sum at most
    PER_MEASURE a measure (of *count* measures when the entry publishes it)."""
    if type(value) is not int:
        return False
    if measure in SUMS:
        limit = PER_MEASURE[measure] * (MAX_COUNT if count is None else count)
        return abs(value) <= limit
    return 0 <= value <= MAX_COUNT


def _adds_up(values: list[int | None], margin: int | None, measure: str) -> bool:
    """Published cells against their published margin: equal when all are published (sums
    within their rounding), at most the margin when some count is hidden."""
    if margin is None:
        return True
    known = [v for v in values if v is not None]
    if measure in SUMS:
        return len(known) < len(values) or 2 * abs(sum(known) - margin) <= len(values) + 1
    return sum(known) == margin if len(known) == len(values) else sum(known) <= margin


def parse_table(raw: dict[str, Any], months: tuple[str, ...], country: str) -> ParsedTable | str:
    """One table of a schema-valid export, or the translated phrase saying what is wrong."""
    table = raw["id"]
    spec = TABLE_SPECS.get(table)
    if spec is None:
        return _("table {table} is not a table of the network export.").format(table=table)
    problem = _shape_problem(raw, spec, months, country)
    if problem is not None:
        return problem
    rows, columns = list(raw["rows"]), list(raw["columns"])
    found = fast_columns(raw, rows, columns)
    if found is None:  # something is wrong: the cell by cell reading says what
        entries = _entries(raw, rows, columns)
        if isinstance(entries, str):
            return entries
        found = _as_columns(raw["measures"], entries)
    by_measure, cells = found
    if not _totals_add_up(by_measure, rows, columns):
        return _("the cells of table {table} do not add up to its totals.").format(table=table)
    row_dim, column_dim = raw["dimensions"]
    return ParsedTable(table, raw["group"], row_dim, column_dim, cells)


def _shape_problem(
    raw: dict[str, Any], spec: TableSpec, months: tuple[str, ...], country: str
) -> str | None:
    """What is wrong with the table's dimensions, measures, rows and columns; None."""
    table = raw["id"]
    row_dim, column_dim = raw["dimensions"]
    if (raw["group"], row_dim, column_dim) != (spec.group, spec.rows, spec.columns) or list(
        raw["measures"]
    ) != list(MEASURES[spec.group]):
        return _("table {table} does not have its dimensions and measures.").format(table=table)
    rows, columns = list(raw["rows"]), list(raw["columns"])
    if row_dim == "month" and rows != list(months):
        return _("the rows of table {table} are not the months of the period.").format(table=table)
    for dimension, found in ((row_dim, rows), (column_dim, columns)):
        if len(set(found)) != len(found) or TOTAL in found:
            return _("a code of table {table} appears twice.").format(table=table)
        for code in found:
            if not _known_code(dimension, code, months, country):
                return _("table {table} holds an unknown code {code}.").format(
                    table=table, code=code[:40]
                )
    return None


_Entries = dict[tuple[str, str], dict[str, int | None]]


def _entries(raw: dict[str, Any], rows: list[str], columns: list[str]) -> _Entries | str:
    """The figures of every cell by (row, column), totals included; or what is wrong."""
    table = raw["id"]
    row_dim, column_dim = raw["dimensions"]
    grid = {(r, c) for r in (*rows, TOTAL) for c in (*columns, TOTAL)}
    entries: _Entries = {}
    for cell in raw["cells"]:
        if row_dim not in cell or column_dim not in cell:
            return _("a cell of table {table} lacks one of its dimensions.").format(table=table)
        position = (str(cell[row_dim]), str(cell[column_dim]))
        if position not in grid:
            return _("a cell of table {table} lies outside its rows, columns or months.").format(
                table=table
            )
        if position in entries:
            return _("a cell of table {table} appears twice.").format(table=table)
        values = _cell_values(raw, cell)
        if isinstance(values, str):
            return values
        entries[position] = values
    if len(entries) != len(grid):
        return _("table {table} lacks some of its cells.").format(table=table)
    return entries


def _cell_values(raw: dict[str, Any], cell: dict[str, Any]) -> dict[str, int | None] | str:
    """One cell's figures by measure (None: suppressed), each one a centre can record."""
    table = raw["id"]
    values: dict[str, int | None] = {}
    for measure in raw["measures"]:
        if measure not in cell:
            return _("a cell of table {table} lacks a measure.").format(table=table)
        values[measure] = None if cell["suppressed"] else cell[measure]
    count = values.get("measures")
    for measure, value in values.items():
        if value is not None and not _bounded(measure, value, count):
            return _("table {table} holds a figure no centre can record ({value}).").format(
                table=table, value=str(value)[:24]
            )
    return values


def _as_columns(measures: list[str], entries: _Entries) -> tuple[ByMeasure, tuple[ParsedCell, ...]]:
    """The entries read cell by cell, as :func:`fast_columns` gives them."""
    by_measure = {m: {p: values[m] for p, values in entries.items()} for m in measures}
    cells = tuple(
        (r, c, measure, value)
        for (r, c), values in entries.items()
        for measure, value in values.items()
    )
    return by_measure, cells


def _totals_add_up(by_measure: ByMeasure, rows: list[str], columns: list[str]) -> bool:
    """Every row and column of every measure adds up to its margin (see _adds_up)."""
    for measure, entries in by_measure.items():
        lines = [
            ([entries[(r, c)] for c in columns], entries[(r, TOTAL)]) for r in (*rows, TOTAL)
        ] + [([entries[(r, c)] for r in rows], entries[(TOTAL, c)]) for c in (*columns, TOTAL)]
        if not all(_adds_up(cells, margin, measure) for cells, margin in lines):
            return False
    return True
