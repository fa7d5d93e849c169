"""The user's choices for one layout of spreadsheet, kept in a JSON file for next time.

```json
{
  "format": "siec-desk-import-mapping",
  "version": 1,
  "sheet": "Contacts",
  "header_row": 3,
  "encoding": null,
  "delimiter": null,
  "columns": [{"header": "Nom", "field": "last_name"}, {"header": "Remarque", "field": null}],
  "values": {"mode": {"Tél.": "phone", "Accueil": "walk_in"}, "themes": {"Divers": null}},
  "defaults": {"mode": "phone"}
}
```

Columns are found again by their header (compared folded, so case and accents do not
matter), in order when several columns share a header; a header the file does not have
is skipped, and a column the mapping does not name is guessed. ``null`` means "do not
import": a column left out, or a value ignored. Everything but ``columns`` is optional.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from siec_desk.core.i18n import _
from siec_desk.domain.normalise import fold
from siec_desk.importing import encodings
from siec_desk.importing.fields import DEFAULTABLE, TARGETS
from siec_desk.importing.headers import guess_targets
from siec_desk.importing.problems import MappingFileError

FORMAT = "siec-desk-import-mapping"
VERSION = 1


@dataclass(frozen=True)
class ColumnRule:
    header: str
    field: str | None


@dataclass
class ImportMapping:
    columns: list[ColumnRule] = field(default_factory=list)
    values: dict[str, dict[str, str | None]] = field(default_factory=dict)
    defaults: dict[str, str] = field(default_factory=dict)
    sheet: str | None = None
    header_row: int | None = None
    encoding: str | None = None
    delimiter: str | None = None

    def as_json(self) -> dict[str, Any]:
        # Hand-written (not ``to_json``): the mapping file's format, with its header
        # ("format", "version") first and empty value lists left out.
        return {
            "format": FORMAT,
            "version": VERSION,
            "sheet": self.sheet,
            "header_row": self.header_row,
            "encoding": self.encoding,
            "delimiter": self.delimiter,
            "columns": [{"header": c.header, "field": c.field} for c in self.columns],
            "values": {k: dict(v) for k, v in self.values.items() if v},
            "defaults": dict(self.defaults),
        }


def resolve_columns(mapping: ImportMapping | None, headers: Sequence[str]) -> list[str | None]:
    """The field of each column: the mapping's choice, else the guess."""
    guessed = guess_targets(headers)
    if mapping is None:
        return guessed
    rules = list(mapping.columns)
    chosen: list[str | None] = []
    decided: list[bool] = []
    for header in headers:
        key = fold(header)
        rule = next((r for r in rules if fold(r.header) == key), None)
        if rule is not None:
            rules.remove(rule)
        chosen.append(rule.field if rule else None)
        decided.append(rule is not None)
    taken = {f for f in chosen if f}
    for column, guess in enumerate(guessed):
        if decided[column] or guess is None:
            continue
        if guess not in taken or TARGETS[guess].multiple:
            chosen[column] = guess
            taken.add(guess)
    return chosen


def mapping_from_columns(
    headers: Sequence[str], fields: Sequence[str | None], base: ImportMapping | None = None
) -> ImportMapping:
    """A mapping naming every column, keeping *base*'s values, defaults and file options."""
    base = base or ImportMapping()
    return ImportMapping(
        columns=[ColumnRule(h, f) for h, f in zip(headers, fields, strict=True)],
        values={k: dict(v) for k, v in base.values.items()},
        defaults=dict(base.defaults),
        sheet=base.sheet,
        header_row=base.header_row,
        encoding=base.encoding,
        delimiter=base.delimiter,
    )


def save_mapping(mapping: ImportMapping, path: Path) -> None:
    """Written whole or not at all (a temporary file renamed over the old one)."""
    text = json.dumps(mapping.as_json(), ensure_ascii=False, indent=2) + "\n"
    partial = path.with_name(path.name + ".partial")
    try:
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise MappingFileError(
            _("The mapping could not be saved to {path}: {reason}").format(
                path=path, reason=exc.strerror or exc
            )
        ) from exc


def load_mapping(path: Path) -> ImportMapping:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise MappingFileError(
            _("The mapping file {path} cannot be read: {reason}").format(
                path=path, reason=exc.strerror or exc
            )
        ) from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise MappingFileError(
            _("{name} is not a mapping file (invalid JSON: {reason}).").format(
                name=path.name, reason=exc
            )
        ) from exc
    try:
        return mapping_from_json(data)
    except ValueError as exc:
        raise MappingFileError(
            _("{name} is not a valid mapping file: {reason}").format(name=path.name, reason=exc)
        ) from exc


def _optional_str(data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise ValueError(_("“{key}” must be text or null.").format(key=key))
    return value


def mapping_from_json(data: Any) -> ImportMapping:
    """Check and read a decoded mapping file; ``ValueError`` with a translated reason."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError(_("it does not say “format”: “{format}”.").format(format=FORMAT))
    _check_version(data.get("version"))
    rules = _column_rules(data.get("columns"))
    checked_values = _value_tables(data.get("values") or {})
    defaults = data.get("defaults") or {}
    if not isinstance(defaults, dict) or not all(
        k in DEFAULTABLE and isinstance(v, str) for k, v in defaults.items()
    ):
        raise ValueError(
            _("“defaults” may only give codes for: {fields}.").format(fields=", ".join(DEFAULTABLE))
        )
    header_row = data.get("header_row")
    if header_row is not None and (
        not isinstance(header_row, int) or isinstance(header_row, bool) or header_row < 1
    ):
        raise ValueError(_("“header_row” must be a line number."))
    encoding, delimiter = _text_format(data)
    return ImportMapping(
        columns=rules,
        values=checked_values,
        defaults=dict(defaults),
        sheet=_optional_str(data, "sheet"),
        header_row=header_row,
        encoding=encoding,
        delimiter=delimiter,
    )


def _check_version(version: Any) -> None:
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ValueError(_("“version” must be a whole number."))
    if version > VERSION:
        raise ValueError(
            _("it was written by a newer version of SIEC Desk (format {version}).").format(
                version=version
            )
        )


def _column_rules(columns: Any) -> list[ColumnRule]:
    if not isinstance(columns, list):
        raise ValueError(_("“columns” must be a list."))
    rules = []
    for item in columns:
        if not isinstance(item, dict) or not isinstance(item.get("header"), str):
            raise ValueError(_("each column needs a “header”."))
        target = item.get("field")
        if target is not None and target not in TARGETS:
            raise ValueError(_("unknown field “{field}”.").format(field=target))
        rules.append(ColumnRule(item["header"], target))
    return rules


def _value_tables(values: Any) -> dict[str, dict[str, str | None]]:
    if not isinstance(values, dict):
        raise ValueError(_("“values” must be an object."))
    checked_values: dict[str, dict[str, str | None]] = {}
    for target, table in values.items():
        if target not in TARGETS or TARGETS[target].codes is None or not isinstance(table, dict):
            raise ValueError(_("“values” has no coded field “{field}”.").format(field=target))
        if not all(isinstance(v, str) or v is None for v in table.values()):
            raise ValueError(_("values of “{field}” must be codes or null.").format(field=target))
        checked_values[target] = dict(table)
    return checked_values


def _text_format(data: dict[str, Any]) -> tuple[str | None, str | None]:
    """The encoding and delimiter of a text (CSV) file, when the mapping gives them."""
    encoding = _optional_str(data, "encoding")
    if encoding is not None and encoding not in encodings.CHOICES:
        raise ValueError(
            _("“encoding” must be one of: {choices}.").format(choices=", ".join(encodings.CHOICES))
        )
    delimiter = _optional_str(data, "delimiter")
    if delimiter is not None and len(delimiter) != 1:
        raise ValueError(_("“delimiter” must be one character."))
    return encoding, delimiter
