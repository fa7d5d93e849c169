"""Reading a centre's network export file for import: the machine form (JSON) only, its
size bounded before it is read, its format and version checked first, then the schema,
then what the schema cannot say (docs/network-export.md, "Coordinator"): the cells lie in
the declared months and in the full grid of a known table, the codes are known, the
figures are whole numbers a centre can record, and margins and totals add up. Every
refusal is one translated line naming the file."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any

from siec_desk.core.errors import SiecError
from siec_desk.core.i18n import _
from siec_desk.core.paths import resource_path
from siec_desk.domain import codes
from siec_desk.domain.catalogue import load_catalogue
from siec_desk.network.export.export_format import FORMAT_NAME, FORMAT_VERSION, schema_errors
from siec_desk.network.export.generalise import COMMUNE_SEPARATOR
from siec_desk.network.export.safe_text import has_forbidden
from siec_desk.network.export.suppression import TOTAL
from siec_desk.network.export.tables import MEASURES, SUMS, TABLES

#: Far above a real export (a year of 13 tables of a large centre is under 1 MB and
#: 10,000 entries); checked on the file's size before it is read.
MAX_BYTES = 10 * 1024 * 1024
#: Entries (cells, margins, totals) in one file, and codes along one dimension.
MAX_CELLS = 50_000
MAX_CODES = 1_000
#: The largest count one entry may hold (consultations, mentions or measures of one
#: centre over at most five years), and the largest saving per measure recommended.
MAX_COUNT = 10_000_000
PER_MEASURE = {"kwh_per_year": 10**6, "money_per_year_minor": 10**8, "co2_kg_per_year": 10**6}
#: The longest period a centre could ever export.
MAX_MONTHS = 60
#: Digits of the longest integer read at all (larger ones are refused while parsing).
_MAX_DIGITS = 18
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
    #: (code, year) of the CO2 conventions; empty in files of earlier versions.
    co2_conventions: tuple[tuple[str, int], ...] = ()


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


class _RefusedError(ValueError):
    """Raised while parsing: the reason is one translated phrase."""


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise _RefusedError(
                _("the key {key} is given twice in one object.").format(key=key[:40])
            )
        found[key] = value
    return found


def _integer(text: str) -> int:
    if len(text.lstrip("-")) > _MAX_DIGITS:
        raise _RefusedError(_("it holds a number far too large for a network export."))
    return int(text)


def _constant(text: str) -> Any:
    raise _RefusedError(_("it holds {value}, which is not a number.").format(value=text))


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
        return json.loads(
            text, object_pairs_hook=_pairs, parse_int=_integer, parse_constant=_constant
        )
    except _RefusedError as exc:
        raise _refuse(path, str(exc)) from exc
    except RecursionError as exc:
        raise _refuse(path, _("the file is nested far too deeply for a network export.")) from exc
    except json.JSONDecodeError as exc:
        raise _refuse(
            path,
            _(
                "the file is truncated or damaged (invalid JSON at line {line}); ask the "
                "centre to send it again."
            ).format(line=exc.lineno),
        ) from exc


def _strings(data: Any) -> Iterator[str]:
    """Every key and string value of *data* (iteratively: no recursion limit)."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            yield from item.keys()
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _size_problem(data: Any) -> str | None:
    """Too many entries or codes, or a control character, before the schema is checked."""
    for text in _strings(data):
        if has_forbidden(text):
            return _(
                "it holds a control or text-direction character (in {text}); ask the centre "
                "to export it again."
            ).format(text=repr(text[:40]))
    tables = data.get("tables") if isinstance(data, dict) else None
    if isinstance(tables, list):
        cells = sum(
            len(t["cells"])
            for t in tables
            if isinstance(t, dict) and isinstance(t.get("cells"), list)
        )
        codes_ = max(
            (
                len(t[side])
                for t in tables
                if isinstance(t, dict)
                for side in ("rows", "columns")
                if isinstance(t.get(side), list)
            ),
            default=0,
        )
        if cells > MAX_CELLS or codes_ > MAX_CODES or len(tables) > 4 * len(TABLES):
            return _("it holds far more entries than a network export can hold.")
    return None


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
    problem = _size_problem(data)
    if problem:
        raise _refuse(path, problem)
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
    year, month = (int(part) for part in months[0].split("-"))
    expected = []
    for _n in range(min(len(months), MAX_MONTHS + 1)):
        expected.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    if months != expected:
        return _("its months do not match its period.")
    return None


_ENUMS: dict[str, type[StrEnum]] = {
    "mode": codes.ContactMode,
    "act": codes.ActLevel,
    "theme": codes.Theme,
    "origin": codes.Origin,
    "tenure": codes.Tenure,
    "income_category": codes.IncomeCategory,
    "dwelling_type": codes.DwellingType,
}
_SPECS = {spec.id: spec for spec in TABLES}


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
    enum = _ENUMS.get(dimension)
    return enum is not None and code in {member.value for member in enum}


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


def _table(raw: dict[str, Any], months: tuple[str, ...], country: str) -> ParsedTable | str:
    table = raw["id"]
    spec = _SPECS.get(table)
    if spec is None:
        return _("table {table} is not a table of the network export.").format(table=table)
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
    grid = {(r, c) for r in (*rows, TOTAL) for c in (*columns, TOTAL)}
    entries: dict[tuple[str, str], dict[str, int | None]] = {}
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
        entries[position] = values
    if len(entries) != len(grid):
        return _("table {table} lacks some of its cells.").format(table=table)
    for measure in raw["measures"]:
        lines = [
            ([entries[(r, c)][measure] for c in columns], entries[(r, TOTAL)][measure])
            for r in (*rows, TOTAL)
        ] + [
            ([entries[(r, c)][measure] for r in rows], entries[(TOTAL, c)][measure])
            for c in (*columns, TOTAL)
        ]
        if not all(_adds_up(cells, margin, measure) for cells, margin in lines):
            return _("the cells of table {table} do not add up to its totals.").format(table=table)
    cells = tuple(
        ParsedCell(r, c, measure, value)
        for (r, c), values in entries.items()
        for measure, value in values.items()
    )
    return ParsedTable(table, raw["group"], row_dim, column_dim, cells)


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
        raise _refuse(path, too_large())
    raw = _decode(path, data)
    _check_format(path, raw)
    centre, period = raw["centre"], raw["period"]
    months = tuple(period["months"])
    problem = _months_problem(period)
    if CURRENCIES[centre["country"]] != centre["currency"]:
        problem = _("its currency does not match its country.")
    try:
        generated_on = date.fromisoformat(raw["generated_on"])
    except ValueError:
        problem = _("its date {date} is not a real date.").format(date=raw["generated_on"])
    places = {p["code"] for p in raw["places"]}
    tables = []
    seen: set[str] = set()
    for table in raw["tables"] if problem is None else []:
        parsed = _table(table, months, centre["country"])
        if isinstance(parsed, str):
            problem = parsed
            break
        if parsed.id in seen:
            problem = _("table {table} appears twice.").format(table=parsed.id)
            break
        seen.add(parsed.id)
        spec = _SPECS[parsed.id]
        for side, dimension in (("rows", spec.rows), ("columns", spec.columns)):
            if dimension == "place" and not set(table[side]) <= places:
                problem = _("table {table} holds a place missing from its list.").format(
                    table=parsed.id
                )
        if problem:
            break
        tables.append(parsed)
    if problem:
        raise _refuse(
            path,
            _("the file does not match the network export format ({problem}).").format(
                problem=problem
            ),
        )
    return ParsedExport(
        network_code=centre["network_code"].upper(),
        country=centre["country"],
        currency=centre["currency"],
        months=months,
        format_version=int(raw["format_version"]),
        software_version=raw["software"]["version"],
        threshold=int(raw["protection"]["threshold"]),
        generated_on=generated_on,
        tables=tuple(tables),
        co2_conventions=tuple(
            sorted({(c["code"], int(c["year"])) for c in centre.get("co2_conventions", [])})
        ),
    )


def too_large() -> str:
    return _(
        "the file is far too large for a network export (more than {size} MB); ask the "
        "centre to export it again."
    ).format(size=MAX_BYTES // (1024 * 1024))
