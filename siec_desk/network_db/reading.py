"""Reading a centre's network export file for import: the machine form (JSON) only, its
format and version checked first, then the schema, then what the schema cannot say.
Every refusal is one translated line naming the file (docs/network-export.md,
"Coordinator")."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from siec_desk.errors import SiecError
from siec_desk.i18n import _
from siec_desk.network.export_format import FORMAT_NAME, FORMAT_VERSION, schema_errors

#: Far above a real export (a year of 13 tables is well under 1 MB).
MAX_BYTES = 64 * 1024 * 1024
CURRENCIES = {"FR": "EUR", "MA": "MAD", "TN": "TND"}
_PEOPLE_FORMATS = {".csv": "CSV", ".xlsx": "Excel", ".xls": "Excel", ".ods": "OpenDocument"}


class ImportRefusedError(SiecError):
    """A file that cannot be imported; nothing of it was stored."""


@dataclass(frozen=True)
class ParsedCell:
    row: str
    column: str
    measure: str
    value: int | None  # None: suppressed by the centre


@dataclass(frozen=True)
class ParsedTable:
    id: str
    group: str
    row_dimension: str
    column_dimension: str
    cells: tuple[ParsedCell, ...]


@dataclass(frozen=True)
class ParsedExport:
    network_code: str
    country: str
    currency: str
    months: tuple[str, ...]
    format_version: int
    software_version: str
    threshold: int
    generated_on: date
    tables: tuple[ParsedTable, ...]


def _refuse(path: Path, reason: str) -> ImportRefusedError:
    return ImportRefusedError(_("{file}: {reason}").format(file=path.name, reason=reason))


def _people_format(path: Path, data: bytes) -> str | None:
    if data.startswith(b"PK\x03\x04") or data.startswith(b"\xd0\xcf\x11\xe0"):
        return "Excel"
    if path.suffix.lower() in _PEOPLE_FORMATS:
        return _PEOPLE_FORMATS[path.suffix.lower()]
    if data.lstrip(b"\xef\xbb\xbf").startswith(b"network_code,"):
        return "CSV"
    return None


def _decode(path: Path, data: bytes) -> Any:
    if not data.strip():
        raise _refuse(path, _("the file is empty."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _refuse(path, _("this is not a SIEC Desk network export.")) from exc
    if not text.lstrip().startswith("{"):
        raise _refuse(path, _("this is not a SIEC Desk network export."))
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise _refuse(
            path,
            _(
                "the file is truncated or damaged (invalid JSON at line {line}); ask the "
                "centre to send it again."
            ).format(line=exc.lineno),
        ) from exc


def _check_format(path: Path, data: Any) -> None:
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise _refuse(path, _("this is not a SIEC Desk network export."))
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _refuse(path, _("the format version is missing or wrong."))
    if version > FORMAT_VERSION:
        raise _refuse(
            path,
            _(
                "the file was written by a newer version of SIEC Desk (format version "
                "{version}; this version reads {known}). Install the newer version to "
                "import it."
            ).format(version=version, known=FORMAT_VERSION),
        )
    problems = schema_errors(data, limit=1)
    if problems:
        raise _refuse(
            path,
            _("the file does not match the network export format ({problem}).").format(
                problem=problems[0]
            ),
        )


def _months_problem(period: dict[str, Any]) -> str | None:
    months = list(period["months"])
    if months != sorted(months) or months[0] != period["from"] or months[-1] != period["to"]:
        return _("its months do not match its period.")
    return None


def _table(raw: dict[str, Any]) -> ParsedTable | str:
    row_dim, column_dim = raw["dimensions"]
    cells = []
    positions: set[tuple[str, str]] = set()
    for cell in raw["cells"]:
        if row_dim not in cell or column_dim not in cell:
            return _("a cell of table {table} lacks one of its dimensions.").format(table=raw["id"])
        position = (str(cell[row_dim]), str(cell[column_dim]))
        if position in positions:
            return _("a cell of table {table} appears twice.").format(table=raw["id"])
        positions.add(position)
        for measure in raw["measures"]:
            if measure not in cell:
                return _("a cell of table {table} lacks a measure.").format(table=raw["id"])
            value = None if cell["suppressed"] else int(cell[measure])
            cells.append(ParsedCell(*position, measure, value))
    return ParsedTable(raw["id"], raw["group"], row_dim, column_dim, tuple(cells))


def parse_export(path: Path, data: bytes) -> ParsedExport:
    """The export in *data* (read from *path*), or :class:`ImportRefusedError`."""
    people = _people_format(path, data)
    if people is not None:
        raise _refuse(
            path,
            _(
                "this is a {kind} file, written for people to read. Import the centre's "
                ".json file: it is the form made for merging."
            ).format(kind=people),
        )
    if len(data) > MAX_BYTES:
        raise _refuse(path, _("the file is far too large for a network export."))
    raw = _decode(path, data)
    _check_format(path, raw)
    centre, period = raw["centre"], raw["period"]
    problem = _months_problem(period)
    if CURRENCIES[centre["country"]] != centre["currency"]:
        problem = _("its currency does not match its country.")
    tables = []
    seen: set[str] = set()
    for table in raw["tables"]:
        parsed = _table(table)
        if isinstance(parsed, str):
            problem = parsed
            break
        if parsed.id in seen:
            problem = _("table {table} appears twice.").format(table=parsed.id)
            break
        seen.add(parsed.id)
        tables.append(parsed)
    if problem:
        raise _refuse(
            path,
            _("the file does not match the network export format ({problem}).").format(
                problem=problem
            ),
        )
    return ParsedExport(
        network_code=centre["network_code"],
        country=centre["country"],
        currency=centre["currency"],
        months=tuple(period["months"]),
        format_version=int(raw["format_version"]),
        software_version=raw["software"]["version"],
        threshold=int(raw["protection"]["threshold"]),
        generated_on=date.fromisoformat(raw["generated_on"]),
        tables=tuple(tables),
    )
