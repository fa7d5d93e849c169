"""Reading a centre's network export file for import: the machine form (JSON) only, its
size bounded before it is read, its format and version checked first, then the schema,
then what the schema cannot say (docs/network-export.md, "Coordinator"): the cells lie in
the declared months and in the full grid of a known table, the codes are known, the
figures are whole numbers a centre can record, and margins and totals add up (those
rules of each table: :mod:`siec_desk.network.coordinator.table_checks`). Every refusal
is one translated line naming the file."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from siec_desk.core.errors import SiecError
from siec_desk.core.i18n import _
from siec_desk.network.coordinator.before_after_checks import parse_before_after
from siec_desk.network.coordinator.clean_bytes import clean_bytes
from siec_desk.network.coordinator.schema_check import fast_schema_errors
from siec_desk.network.coordinator.table_checks import (
    TABLE_SPECS,
    ParsedTable,
    parse_table,
)
from siec_desk.network.export.before_after import BeforeAfterRow
from siec_desk.network.export.export_format import (
    FORMAT_NAME,
    FORMAT_VERSION,
    READABLE_VERSIONS,
)
from siec_desk.network.export.safe_text import has_forbidden
from siec_desk.network.export.tables import REGISTER_GROUPS, TABLES

#: Far above a real export (a year of 13 tables of a large centre is under 1 MB and
#: 10,000 entries); checked on the file's size before it is read.
MAX_BYTES = 10 * 1024 * 1024
#: Entries (cells, margins, totals) in one file, and codes along one dimension.
MAX_CELLS = 50_000
MAX_CODES = 1_000
#: The longest period a centre could ever export.
MAX_MONTHS = 60
#: Digits of the longest integer read at all (larger ones are refused while parsing).
_MAX_DIGITS = 18
CURRENCIES = {"FR": "EUR", "MA": "MAD", "TN": "TND"}
_PEOPLE_FORMATS = {".csv": "CSV", ".xlsx": "Excel", ".xls": "Excel", ".ods": "OpenDocument"}


class ImportRefusedError(SiecError):
    """A file that cannot be imported; nothing of it was stored."""


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
    #: The before/after rows (format version 3); empty in files of earlier versions.
    before_after: tuple[BeforeAfterRow, ...] = ()


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
    found = dict(pairs)
    if len(found) == len(pairs):
        return found
    seen: set[str] = set()  # which key comes twice first, as the message names it
    for key, _value in pairs:
        if key in seen:
            raise _RefusedError(
                _("the key {key} is given twice in one object.").format(key=key[:40])
            )
        seen.add(key)
    return found  # not reached: a shorter dict means a repeated key


def _integer(text: str) -> int:
    if len(text.lstrip("-")) > _MAX_DIGITS:
        raise _RefusedError(_("it holds a number far too large for a network export."))
    return int(text)


def _constant(text: str) -> Any:
    raise _RefusedError(_("it holds {value}, which is not a number.").format(value=text))


#: Every digit written as 0, so that a run of digits longer than any integer read is
#: found by a plain search (a regular expression takes 50 times longer).
_DIGITS_AS_ZERO = bytes.maketrans(b"0123456789", b"0" * 10)
_LONG_RUN = b"0" * (_MAX_DIGITS + 1)


def _decode(path: Path, data: bytes) -> tuple[Any, bool]:
    """The parsed document, and True when its bytes show that none of its strings holds
    a forbidden character (:func:`~siec_desk.network.coordinator.clean_bytes.clean_bytes`)."""
    if not data.strip():
        raise _refuse(path, _("the file is empty."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _refuse(path, _("this is not a SIEC Desk network export.")) from exc
    if not text.lstrip().startswith("{"):
        raise _refuse(path, _("this is not a SIEC Desk network export."))
    # Integers are parsed one by one (to refuse one far too large) only when the file
    # holds a run of digits that long somewhere; otherwise none can be.
    parse_int = _integer if _LONG_RUN in data.translate(_DIGITS_AS_ZERO) else None
    try:
        return json.loads(
            text, object_pairs_hook=_pairs, parse_int=parse_int, parse_constant=_constant
        ), clean_bytes(data)
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


def _size_problem(data: Any, clean: bool = False) -> str | None:
    """Too many entries or codes, or a control character, before the schema is checked
    (*clean*: the file's text has already shown that no string holds one)."""
    texts = [] if clean else list(_strings(data))
    # One search over the whole file (a space joins nothing forbidden), then which text.
    for text in texts if has_forbidden(" ".join(texts)) else ():
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


def _check_format(path: Path, data: Any, clean: bool = False) -> None:
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise _refuse(path, _("this is not a SIEC Desk network export."))
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _refuse(path, _("the format version is missing or wrong."))
    if version not in READABLE_VERSIONS:
        raise _refuse(
            path,
            _(
                "the file was written by a newer version of SIEC Desk (format version "
                "{version}; this version reads {known}). Install the newer version to "
                "import it."
            ).format(version=version, known=FORMAT_VERSION),
        )
    problem = _size_problem(data, clean)
    if problem:
        raise _refuse(path, problem)
    problems = fast_schema_errors(data)
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
    raw, clean = _decode(path, data)
    _check_format(path, raw, clean)
    centre, period = raw["centre"], raw["period"]
    months = tuple(period["months"])
    problem = _months_problem(period)
    if CURRENCIES[centre["country"]] != centre["currency"]:
        problem = _("its currency does not match its country.")
    try:
        generated_on = date.fromisoformat(raw["generated_on"])
    except ValueError:
        problem = _("its date {date} is not a real date.").format(date=raw["generated_on"])
    tables = _tables(raw, months, centre["country"]) if problem is None else []
    if isinstance(tables, str):
        problem, tables = tables, []
    before_after = parse_before_after(raw, centre["currency"]) if problem is None else ()
    if isinstance(before_after, str):
        problem, before_after = before_after, ()
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
        before_after=before_after,
    )


def _tables(raw: dict[str, Any], months: tuple[str, ...], country: str) -> list[ParsedTable] | str:
    """Every table of the export, checked (once each, with places from its list); or the
    phrase saying what is wrong."""
    places = {p["code"] for p in raw["places"]}
    tables: list[ParsedTable] = []
    for table in raw["tables"]:
        parsed = parse_table(table, months, country)
        if isinstance(parsed, str):
            return parsed
        if any(t.id == parsed.id for t in tables):
            return _("table {table} appears twice.").format(table=parsed.id)
        spec = TABLE_SPECS[parsed.id]
        for side, dimension in (("rows", spec.rows), ("columns", spec.columns)):
            if dimension == "place" and not set(table[side]) <= places:
                return _("table {table} holds a place missing from its list.").format(
                    table=parsed.id
                )
        tables.append(parsed)
    return _register_problem(raw, tables) or tables


#: The format version from which the events-register and loans tables are written.
REGISTER_VERSION = 3


def _register_problem(raw: dict[str, Any], tables: list[ParsedTable]) -> str | None:
    """Files of format 3 carry the events and loans tables; older files never do."""
    version = int(raw["format_version"])
    found = {t.id for t in tables}
    for spec in TABLES:
        if spec.group not in REGISTER_GROUPS:
            continue
        if version < REGISTER_VERSION and spec.id in found:
            return _("table {table} is not a table of format version {version}.").format(
                table=spec.id, version=version
            )
        if version >= REGISTER_VERSION and spec.id not in found:
            return _("the file lacks table {table}.").format(table=spec.id)
    return None


def too_large() -> str:
    return _(
        "the file is far too large for a network export (more than {size} MB); ask the "
        "centre to export it again."
    ).format(size=MAX_BYTES // (1024 * 1024))
