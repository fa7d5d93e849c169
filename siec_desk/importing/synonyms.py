"""Words centres use in their own sheets, in French, Arabic and English.

Header words name a column's field; value words name a shared code. Both are compared
folded (:func:`siec_desk.domain.normalise.fold`: no case, accents or Arabic letter
variants), so "Téléphone", "TELEPHONE" and "telephone" are one entry. The translated
labels of every field and code (``siec_desk.texts.labels``) are added to these at run time.

The words themselves are data: ``resources/import/synonyms.json``, read and checked once
(:func:`load_synonyms`); a broken file raises ``ValueError`` naming the field.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType

from siec_desk.core.paths import resource_path
from siec_desk.domain.json_checks import expect_keys, expect_list, expect_object, expect_str


@dataclass(frozen=True)
class Synonyms:
    """The words of the resource file, read-only.

    ``headers``: field id → header words; ``ambiguous_name``: headers that mean "name"
    without saying which part (resolved by ``headers``); ``values``: coded field id →
    code → words (a field listed under ``same_values`` shares another field's words).
    """

    headers: Mapping[str, tuple[str, ...]]
    ambiguous_name: tuple[str, ...]
    values: Mapping[str, Mapping[str, tuple[str, ...]]]


def _words(raw: object, where: str) -> tuple[str, ...]:
    return tuple(expect_str(word, where) for word in expect_list(raw, where))


def parse_synonyms(data: object, where: str = "synonyms") -> Synonyms:
    """Build :class:`Synonyms` from the decoded file; ``ValueError`` on any bad field."""
    obj = expect_object(data, where)
    expect_keys(obj, where, ("headers", "ambiguous_name", "values"), ("about", "same_values"))
    headers = {
        target: _words(words, f"{where}.headers.{target}")
        for target, words in expect_object(obj["headers"], f"{where}.headers").items()
    }
    values: dict[str, Mapping[str, tuple[str, ...]]] = {}
    for target, codes in expect_object(obj["values"], f"{where}.values").items():
        at = f"{where}.values.{target}"
        values[target] = MappingProxyType(
            {
                code: _words(words, f"{at}.{code}")
                for code, words in expect_object(codes, at).items()
            }
        )
    same = expect_object(obj.get("same_values", {}), f"{where}.same_values")
    for target, other in same.items():
        source = expect_str(other, f"{where}.same_values.{target}")
        if source not in values:
            raise ValueError(f"{where}.same_values.{target}: no values for {source!r}")
        values[target] = values[source]
    return Synonyms(
        headers=MappingProxyType(headers),
        ambiguous_name=_words(obj["ambiguous_name"], f"{where}.ambiguous_name"),
        values=MappingProxyType(values),
    )


def read_synonyms(path: Path) -> Synonyms:
    """Read and check one synonyms file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path.name}: invalid JSON ({exc})") from None
    return parse_synonyms(data, path.name)


@cache
def load_synonyms() -> Synonyms:
    """The shipped synonyms (``resources/import/synonyms.json``), read once."""
    return read_synonyms(resource_path("import", "synonyms.json"))
