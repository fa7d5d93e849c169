"""Per-country letter texts from ``resources/letters/<COUNTRY>.json``: aids, useful contacts,
next steps and the data-protection notice, each in English, French and Arabic.

Updatable without code, like the measure catalogue; checked when loaded. Each file
carries ``rules_date`` (the date the rules it states are known to hold, printed in every
letter) and each aid or contact may carry its own ``as_of`` date and ``source``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from types import MappingProxyType

from siec_desk.core.paths import resource_path
from siec_desk.domain.json_checks import (
    expect_date,
    expect_keys,
    expect_list,
    expect_object,
    expect_str,
)

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
    as_of: date | None = None
    source: str = ""


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
    expect_keys(obj, where, ("code", "name", "text"), ("measures", "as_of", "source"))
    return Item(
        code=expect_str(obj["code"], f"{where}.code"),
        name=_texts(obj["name"], f"{where}.name"),
        text=_texts(obj["text"], f"{where}.text"),
        measures=measures,
        as_of=expect_date(obj["as_of"], f"{where}.as_of") if "as_of" in obj else None,
        source=expect_str(obj["source"], f"{where}.source") if "source" in obj else "",
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
    rules_date = expect_date(obj["rules_date"], f"{where}.rules_date")
    texts = CountryTexts(
        country=expect_str(obj["country"], f"{where}.country"),
        rules_date=rules_date,
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
    for item in (*texts.aids, *texts.contacts):
        if item.as_of is not None and item.as_of > rules_date:
            raise ValueError(f"{where}: {item.code} as_of {item.as_of} is after rules_date")
    return texts


@lru_cache(maxsize=4)
def country_texts(country: str) -> CountryTexts:
    path = resource_path("letters", f"{country}.json")
    with path.open(encoding="utf-8") as handle:
        return parse_country_texts(json.load(handle), path.name)
