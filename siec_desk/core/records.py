"""A record (a dataclass) built from an object whose attributes bear its fields' names: an
ORM row read back, or another record it is made from.

One call instead of one ``name=row.name`` line a field: a field added to the record and
to its source is carried without touching the mapping. The fields that are computed are
*given*; a field the source lacks raises :class:`AttributeError` naming it.
"""

from __future__ import annotations

from dataclasses import fields
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

_Record = TypeVar("_Record", bound="DataclassInstance")


def record_from(cls: type[_Record], source: object, **given: Any) -> _Record:
    """A *cls* whose fields are *source*'s attributes of the same name, except *given*."""
    read = {f.name: getattr(source, f.name) for f in fields(cls) if f.init and f.name not in given}
    return cls(**read, **given)
