"""Per-country letter texts from ``resources/letters/<COUNTRY>.json``: aids, useful contacts,
next steps and the data-protection notice, each in English, French and Arabic.

Updatable without code, like the measure catalogue; checked when loaded.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from types import MappingProxyType

from siec_desk.domain.json_checks import (
    expect_date,
    expect_keys,
    expect_list,
    expect_object,
    expect_str,
)
from siec_desk.paths import resource_path

FORMAT = 1
_LANGUAGES = ("en", "fr", "ar")
PRIVACY_PLACEHOLDERS = ("{controller}", "{retention}", "{authority}")


@dataclass(frozen=True)
class Texts:
    """One text in each language."""

    by_language: Mapping[str, str]

    def __call__(self, language: str) -> str:
        return self.by_language.get(language) or self.by_language["en"]


@dataclass(frozen=True)
class Item:
    code: str
    name: Texts
    text: Texts
    measures: tuple[str, ...] = ()


@dataclass(frozen=True)
class CountryTexts:
    country: str
    rules_date: date
    aids: tuple[Item, ...]
    contacts: tuple[Item, ...]
    next_steps: tuple[Texts, ...]
    privacy_law: Texts
    privacy_text: Texts
    privacy_authority: Texts
    retention: Texts

    def aids_for(self, measure_codes: set[str]) -> list[Item]:
        """General aids, and those concerning at least one recommended measure."""
        return [a for a in self.aids if not a.measures or measure_codes & set(a.measures)]


def _texts(value: object, where: str) -> Texts:
    obj = expect_object(value, where)
    expect_keys(obj, where, _LANGUAGES)
    return Texts(
        MappingProxyType({lang: expect_str(obj[lang], f"{where}.{lang}") for lang in _LANGUAGES})
    )


def _item(value: object, where: str, with_measures: bool) -> Item:
    obj = expect_object(value, where)
    measures: tuple[str, ...] = ()
    if with_measures and "measures" in obj:
        measures = tuple(
            expect_str(m, f"{where}.measures") for m in expect_list(obj["measures"], where)
        )
    return Item(
        code=expect_str(obj["code"], f"{where}.code"),
        name=_texts(obj["name"], f"{where}.name"),
        text=_texts(obj["text"], f"{where}.text"),
        measures=measures,
    )


def parse_country_texts(data: object, where: str) -> CountryTexts:
    obj = expect_object(data, where)
    if obj.get("format") != FORMAT:
        raise ValueError(f"{where}: unsupported format {obj.get('format')!r}")
    privacy = expect_object(obj["privacy"], f"{where}.privacy")
    text = _texts(privacy["text"], f"{where}.privacy.text")
    for lang, value in text.by_language.items():
        for placeholder in PRIVACY_PLACEHOLDERS:
            if placeholder not in value:
                raise ValueError(f"{where}.privacy.text.{lang}: {placeholder} missing")
    return CountryTexts(
        country=expect_str(obj["country"], f"{where}.country"),
        rules_date=expect_date(obj["rules_date"], f"{where}.rules_date"),
        aids=tuple(
            _item(a, f"{where}.aids[{i}]", True)
            for i, a in enumerate(expect_list(obj["aids"], f"{where}.aids"))
        ),
        contacts=tuple(
            _item(c, f"{where}.contacts[{i}]", False)
            for i, c in enumerate(expect_list(obj["contacts"], f"{where}.contacts"))
        ),
        next_steps=tuple(
            _texts(s, f"{where}.next_steps[{i}]")
            for i, s in enumerate(expect_list(obj["next_steps"], f"{where}.next_steps"))
        ),
        privacy_law=_texts(privacy["law"], f"{where}.privacy.law"),
        privacy_text=text,
        privacy_authority=_texts(privacy["authority"], f"{where}.privacy.authority"),
        retention=_texts(obj["retention"], f"{where}.retention"),
    )


@lru_cache(maxsize=4)
def country_texts(country: str) -> CountryTexts:
    path = resource_path("letters", f"{country}.json")
    with path.open(encoding="utf-8") as handle:
        return parse_country_texts(json.load(handle), path.name)
