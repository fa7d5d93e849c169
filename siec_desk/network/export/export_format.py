"""The network export document (format ``siec-desk-network-export``, version 2) and its
JSON form, described by ``resources/network/export.schema.json`` (docs/network-export.md).

A new field that readers may ignore keeps the version; removing or changing the meaning
of a field, or a new table or dimension, raises it. Importers check ``format`` and
``format_version`` first. Version 2 (schema 0010) adds the table of orientations
(``orientation_mentions_by_month_orientation``: the ``orientation`` dimension and the
``orientation_mentions`` measure); the schema accepts version 1 files too, which lack it,
and the coordinator reads both (:data:`READABLE_VERSIONS`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from siec_desk.core.paths import resource_path
from siec_desk.network.export.generalise import place_level
from siec_desk.network.export.suppression import DOMINANCE_SHARE, TOTAL
from siec_desk.network.export.tables import SUMS, PublishedTable

FORMAT_NAME = "siec-desk-network-export"
FORMAT_VERSION = 2
#: The versions this version reads: every earlier one is a subset of the current schema.
READABLE_VERSIONS = (1, 2)
SCHEMA_FILE = ("network", "export.schema.json")


@dataclass(frozen=True)
class ExportMeta:
    software_version: str
    network_code: str
    country: str
    currency: str
    months: tuple[str, ...]  # YYYY-MM, first to last
    threshold: int
    named_commune_min: int
    generated_on: date
    #: (code, year) of the CO2 conventions behind the period's figures (parameter sets
    #: of the measures counted), so a coordinator never adds up different ones silently.
    co2_conventions: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class NetworkExport:
    meta: ExportMeta
    tables: tuple[PublishedTable, ...]

    def places(self) -> list[str]:
        found: set[str] = set()
        for table in self.tables:
            if table.spec.rows == "place":
                found.update(table.rows)
            if table.spec.columns == "place":
                found.update(table.columns)
        return sorted(found)

    def counts(self) -> tuple[int, int]:
        """(published entries, suppressed entries) over every table."""
        suppressed = sum(len(t.suppressed()) for t in self.tables)
        return sum(len(t.cells) for t in self.tables) - suppressed, suppressed


def _table_json(table: PublishedTable) -> dict[str, Any]:
    spec = table.spec
    cells = []
    for (row, column), values in table.cells.items():
        cell: dict[str, Any] = {spec.rows: row, spec.columns: column}
        cell["suppressed"] = values is None
        for measure in table.measures:
            cell[measure] = None if values is None else values[measure]
        cells.append(cell)
    return {
        "id": spec.id,
        "group": spec.group,
        "dimensions": [spec.rows, spec.columns],
        "measures": list(table.measures),
        "rows": list(table.rows),
        "columns": list(table.columns),
        "cells": cells,
    }


def to_json(document: NetworkExport) -> dict[str, Any]:
    meta = document.meta
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "software": {"name": "siec-desk", "version": meta.software_version},
        "centre": {
            "network_code": meta.network_code,
            "country": meta.country,
            "currency": meta.currency,
            "co2_conventions": [
                {"code": code, "year": year} for code, year in meta.co2_conventions
            ],
        },
        "period": {"from": meta.months[0], "to": meta.months[-1], "months": list(meta.months)},
        "generated_on": meta.generated_on.isoformat(),
        "protection": {
            "threshold": meta.threshold,
            "contributor": "household",
            "primary": "fewer_contributors_than_threshold",
            "dominance": {"share": DOMINANCE_SHARE, "measures": list(SUMS)},
            "secondary": "no_suppressed_entry_determined_within_its_table",
            "zeros": "published",
            "margin_marker": TOTAL,
            "named_commune_min": meta.named_commune_min,
        },
        "places": [{"code": p, "level": place_level(p)} for p in document.places()],
        "tables": [_table_json(t) for t in document.tables],
    }


def json_bytes(document: NetworkExport) -> bytes:
    text = json.dumps(to_json(document), ensure_ascii=False, indent=1, sort_keys=False)
    return (text + "\n").encode("utf-8")


def schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(resource_path(*SCHEMA_FILE).read_text("utf-8"))
    return data


def schema_errors(data: Any, limit: int = 5) -> list[str]:
    """Where *data* departs from the schema (empty when valid); jsonschema loads here."""
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    return [
        f"{'/'.join(str(p) for p in error.absolute_path) or '(root)'}: {error.message}"
        for error in errors[:limit]
    ]
