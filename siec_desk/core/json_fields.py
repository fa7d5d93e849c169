"""Records written as the command line's JSON: one generic :func:`to_json` for dataclasses.

Each field is written under its own name, in declaration order; its metadata can rename
it (``field(metadata=json_name("reason"))``), leave it out (``field(metadata=NOT_IN_JSON)``)
or merge a nested record's keys into its parent's object (``field(metadata=MERGED_IN_JSON)``,
the record written by its own ``as_json`` or by :func:`to_json`). Values are made plain:
dates and times in ISO 8601, paths as text, enumerations by value, tuples and lists as
lists, mappings key by key, and a nested record through its own ``as_json`` (or
:func:`to_json`). The JSON the CLI prints is a contract (docs/cli.md): its tests check the
keys command by command.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from datetime import date, datetime
from enum import Enum
from pathlib import PurePath
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

_KEY = "json"
_MERGE = object()  # the metadata value merging a nested record into its parent
#: A field's metadata leaving it out of the JSON.
NOT_IN_JSON: Mapping[str, object] = MappingProxyType({_KEY: False})
#: A field's metadata writing the keys of its record (a dataclass) into its parent's object.
MERGED_IN_JSON: Mapping[str, object] = MappingProxyType({_KEY: _MERGE})


def json_name(name: str) -> Mapping[str, object]:
    """A field's metadata writing it under *name*."""
    return MappingProxyType({_KEY: name})


def to_json(record: DataclassInstance) -> dict[str, object]:
    """The fields of *record* as plain JSON values (see the module)."""
    data: dict[str, object] = {}
    for item in fields(record):
        key = item.metadata.get(_KEY, item.name)
        if key is False:
            continue
        value = getattr(record, item.name)
        if key is _MERGE:
            data.update(_record(value))
        else:
            data[str(key)] = plain(value)
    return data


def _record(value: DataclassInstance) -> dict[str, object]:
    """A nested record's JSON object: its own ``as_json`` when it has one."""
    as_json = getattr(value, "as_json", None)
    return dict(as_json()) if callable(as_json) else to_json(value)


def plain(value: object) -> object:
    """*value* as JSON can hold it."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, PurePath):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    as_json = getattr(value, "as_json", None)
    if callable(as_json):
        return as_json()
    if is_dataclass(value) and not isinstance(value, type):
        return to_json(value)
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, Mapping):
        return {key: plain(item) for key, item in value.items()}
    return value
