"""Reading a parameter file a coordinator sends (Centre ▸ Parameters… ▸ Import…,
``siec-desk parameters import``): its size, encoding, JSON and JSON Schema.

:class:`~siec_desk.services.parameters.ParameterService` then checks the set's rules and
clashes and stores it. Every refusal is one translated line naming the first problem.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from siec_desk.core.errors import SiecError
from siec_desk.core.i18n import _
from siec_desk.core.paths import resource_path
from siec_desk.domain.parameter_files import decode_parameter_set

#: A parameter set is a few kilobytes; anything much larger is not one.
MAX_FILE_BYTES = 1_000_000


class ParameterImportError(SiecError):
    """A set that was not imported; ``str()`` is one translated line naming the problem."""


def refusal(name: str, problem: str) -> ParameterImportError:
    """The refusal of the file *name* because of *problem*."""
    return ParameterImportError(
        _("The parameter file {name} was not imported: {problem}").format(
            name=name, problem=problem
        )
    )


def read_parameter_file(path: Path) -> dict[str, Any]:
    """The decoded set in *path*, valid against the JSON Schema; else
    :class:`ParameterImportError`."""
    name = path.name
    try:
        raw = path.read_bytes()[: MAX_FILE_BYTES + 1]
    except OSError as exc:
        raise refusal(
            name, _("it cannot be read ({reason}).").format(reason=exc.strerror)
        ) from None
    if len(raw) > MAX_FILE_BYTES:
        raise refusal(name, _("it is too large to be a parameter set."))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise refusal(name, _("it is not UTF-8 text.")) from None
    try:
        data = decode_parameter_set(text, name)
    except ValueError:
        raise refusal(name, _("it is not valid JSON.")) from None
    problem = schema_problem(data)
    if problem is not None:
        raise refusal(name, problem)
    assert isinstance(data, dict)
    return data


def content_digest(data: object) -> str:
    """The SHA-256 of a decoded set (the same set, the same digest, whatever its layout)."""
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


@lru_cache(maxsize=1)
def _schema() -> dict[str, Any]:
    path = resource_path("parameters", "parameters.schema.json")
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def _path_text(path: Iterable[object]) -> str:
    return ".".join(str(p) for p in path) or _("(whole file)")


def schema_problem(data: object) -> str | None:
    """The first problem the JSON Schema finds in *data*, in words; None when valid.
    jsonschema is imported here only (it costs start-up time)."""
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import best_match

    error = best_match(Draft202012Validator(_schema()).iter_errors(data))
    if error is None:
        return None
    where = _path_text(error.absolute_path)
    kind = error.validator
    if kind == "required":
        present = error.instance if isinstance(error.instance, dict) else {}
        missing = [k for k in error.validator_value if k not in present]
        return _("{where}: “{key}” is missing.").format(
            where=where, key=missing[0] if missing else "?"
        )
    if kind == "additionalProperties":
        return _("{where}: unknown key.").format(where=where)
    if kind in ("enum", "const"):
        return _("{where}: “{value}” is not allowed here.").format(
            where=where, value=str(error.instance)[:40]
        )
    if kind == "type":
        return _("{where}: wrong kind of value.").format(where=where)
    if kind in ("pattern", "minLength"):
        return _("{where}: “{value}” is not in the expected form.").format(
            where=where, value=str(error.instance)[:40]
        )
    if kind == "oneOf":
        return _("{where}: give exactly one amount (per kWh or per bottle).").format(where=where)
    return _("{where}: invalid value.").format(where=where)
