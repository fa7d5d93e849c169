"""The export schema checked fast on a received file (issue 22: 500 centres in seconds).

A centre's year holds some 1,600 cells; checking each one through the compiled schema
(fastjsonschema, one Python call per cell and per property) was the largest part of an
import. Here the schema is compiled once *without* the cell definition, and the cells
are checked column by column (every cell's ``suppressed``, every value of one dimension,
every figure of one measure at once) against the same definitions, read from the schema
itself. This check is never more lenient than the schema: whatever it does not accept
goes to :func:`~siec_desk.network.export.export_format.schema_errors`, whose jsonschema
has the last word and writes the message, exactly as before.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from operator import itemgetter
from typing import Any

from siec_desk.network.export.export_format import schema, schema_errors

_CELL = "cell"


@functools.cache
def _without_cells() -> Callable[[Any], object]:
    """The schema compiled with a table's cells any array (they are checked here)."""
    import fastjsonschema

    draft_7 = {**schema(), "$schema": "http://json-schema.org/draft-07/schema#"}
    table = draft_7["$defs"]["table"]
    # Only an array: even an empty item rule would cost a call per cell.
    cells = {"type": "array"}
    table = {**table, "properties": {**table["properties"], "cells": cells}}
    draft_7["$defs"] = {**draft_7["$defs"], "table": table}
    # As export_format._compiled_check: formats unchecked, no defaults written, detailed
    # exceptions kept (without them an ``anyOf`` refuses valid data).
    return fastjsonschema.compile(draft_7, use_default=False, use_formats=False)


@functools.cache
def _cell_rules() -> tuple[frozenset[str], dict[str, re.Pattern[str]], frozenset[str]]:
    """(every property a cell may hold, the pattern of each dimension's codes, the
    measures that are counts), read from the schema's cell definition. A dimension is
    ``anyOf`` [pattern, "*"]; a measure is a count (integer ≥ 0 or null) or a sum
    (integer or null), null exactly when the cell is suppressed."""
    defs = schema()["$defs"]
    properties: dict[str, Any] = defs[_CELL]["properties"]
    patterns: dict[str, re.Pattern[str]] = {}
    counts: set[str] = set()
    for name, rule in properties.items():
        reference = rule.get("$ref", "")
        if name == "suppressed":
            continue
        if reference == "#/$defs/count":
            counts.add(name)
        elif reference == "#/$defs/sum":
            continue
        else:
            branches = (
                rule["anyOf"] if "anyOf" in rule else defs[reference.rsplit("/", 1)[1]]["anyOf"]
            )
            [pattern_ref] = [b["$ref"] for b in branches if "$ref" in b]
            patterns[name] = re.compile(defs[pattern_ref.rsplit("/", 1)[1]]["pattern"])
    return frozenset(properties), patterns, frozenset(counts)


def _strings_match(values: list[Any], pattern: re.Pattern[str]) -> bool:
    """Every value a string that is "*" or matches *pattern* (each distinct one once)."""
    if set(map(type, values)) != {str}:
        return False
    return all(v == "*" or pattern.search(v) is not None for v in set(values))


def _figures_fit(values: list[Any], suppressed: list[bool], count: bool) -> bool:
    """Null exactly in the suppressed cells, whole numbers (≥ 0 for a count) elsewhere."""
    kinds = set(zip(suppressed, map(type, values), strict=True))
    if not kinds <= {(True, type(None)), (False, int)}:
        return False
    return not count or min(filter(None, values), default=0) >= 0


def _one_shape(cells: list[Any]) -> tuple[str, ...] | None:
    """The keys every cell holds, in order, when all are objects with the same keys that
    the cell definition allows, ``suppressed`` among them; None otherwise."""
    if set(map(type, cells)) != {dict}:
        return None
    shapes = set(map(tuple, cells))
    if len(shapes) != 1:  # cells of one table always share their keys when written
        return None
    [shape] = shapes
    allowed = _cell_rules()[0]
    return shape if "suppressed" in shape and allowed.issuperset(shape) else None


def _cells_fit(cells: list[Any]) -> bool:
    """Every cell of one table as the schema's cell definition wants it (or stricter:
    False sends the file to jsonschema)."""
    if not cells:
        return True
    shape = _one_shape(cells)
    if shape is None:
        return False
    _allowed, patterns, counts = _cell_rules()
    suppressed = list(map(itemgetter("suppressed"), cells))
    if set(map(type, suppressed)) != {bool}:
        return False
    for key in shape:
        if key == "suppressed":
            continue
        values = list(map(itemgetter(key), cells))
        pattern = patterns.get(key)
        fits = (
            _strings_match(values, pattern)
            if pattern is not None
            else _figures_fit(values, suppressed, key in counts)
        )
        if not fits:
            return False
    return True


def fast_schema_errors(data: Any) -> list[str]:
    """The first departure of *data* from the export schema (empty when valid): the same
    answer as ``schema_errors(data, limit=1)``, found faster on valid files."""
    import fastjsonschema

    try:
        _without_cells()(data)
    except fastjsonschema.JsonSchemaException:
        return schema_errors(data, limit=1)
    # The compiled check has made sure every table is an object with a list of cells.
    if all(_cells_fit(table["cells"]) for table in data["tables"]):
        return []
    return schema_errors(data, limit=1)
