"""Country reference content printed on recommendation letters (resources/letters/*.json).

Loaded with the standard library only: the files must be complete, trilingual and consistent
with the measure catalogue.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
LETTERS_DIR = RESOURCES / "letters"
CATALOGUE_PATH = RESOURCES / "catalogue" / "measures.json"
COUNTRIES = ("FR", "MA", "TN")
LANGUAGES = ("en", "fr", "ar")

ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
PRIVACY_PLACEHOLDERS = {"{controller}", "{retention}", "{authority}"}
#: "Subject to eligibility", as every aid text must say it (domain.md §12 item 7).
ELIGIBILITY = {
    "en": "subject to eligibility",
    "fr": "sous réserve d'éligibilité",
    "ar": "رهنًا باستيفاء شروط الأهلية",
}
TOP_LEVEL_KEYS = {
    "format",
    "country",
    "rules_date",
    "aids",
    "contacts",
    "next_steps",
    "privacy",
    "retention",
}


def _load(country: str) -> dict[str, Any]:
    with (LETTERS_DIR / f"{country}.json").open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def _measure_countries() -> dict[str, set[str]]:
    with CATALOGUE_PATH.open(encoding="utf-8") as handle:
        catalogue = json.load(handle)
    return {m["code"]: set(m["countries"]) for m in catalogue["measures"]}


def _text_objects(data: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every human text of a letter file, with a readable location."""
    for section in ("aids", "contacts"):
        for entry in data[section]:
            yield f"{section}/{entry['code']}/name", entry["name"]
            yield f"{section}/{entry['code']}/text", entry["text"]
    for index, step in enumerate(data["next_steps"]):
        yield f"next_steps/{index}", step
    for key in ("law", "text", "authority"):
        yield f"privacy/{key}", data["privacy"][key]
    yield "retention", data["retention"]


def _all_language_dicts(node: Any) -> Iterator[dict[str, Any]]:
    """Any object anywhere in the file that carries a language key."""
    if isinstance(node, dict):
        if any(lang in node for lang in LANGUAGES):
            yield node
        for value in node.values():
            yield from _all_language_dicts(value)
    elif isinstance(node, list):
        for value in node:
            yield from _all_language_dicts(value)


@pytest.fixture(scope="module", params=COUNTRIES)
def letter(request: pytest.FixtureRequest) -> tuple[str, dict[str, Any]]:
    return request.param, _load(request.param)


def test_one_file_per_country() -> None:
    assert sorted(p.stem for p in LETTERS_DIR.glob("*.json")) == sorted(COUNTRIES)


def test_format_country_and_shape(letter: tuple[str, dict[str, Any]]) -> None:
    country, data = letter
    assert set(data) == TOP_LEVEL_KEYS
    assert data["format"] == 1
    assert data["country"] == country
    date.fromisoformat(data["rules_date"])
    assert data["aids"] and data["contacts"]
    assert 2 <= len(data["next_steps"]) <= 6
    for aid in data["aids"]:
        assert set(aid) == {"code", "name", "text", "measures", "source", "as_of"}
        assert date.fromisoformat(aid["as_of"]) <= date.fromisoformat(data["rules_date"])
        assert isinstance(aid["measures"], list)
        assert aid["source"].strip()
    for contact in data["contacts"]:
        assert set(contact) == {"code", "name", "text", "source", "as_of"}
        assert contact["source"].strip()
    assert set(data["privacy"]) == {"law", "text", "authority"}


def test_every_text_is_trilingual(letter: tuple[str, dict[str, Any]]) -> None:
    _, data = letter
    located = list(_text_objects(data))
    # No text object escapes the explicit walk above.
    assert len(located) == len(list(_all_language_dicts(data)))
    for where, text in located:
        assert set(text) == set(LANGUAGES), where
        for lang in LANGUAGES:
            assert isinstance(text[lang], str), (where, lang)
            assert text[lang].strip(), (where, lang)
        assert ARABIC_LETTER.search(text["ar"]), where


def test_privacy_placeholders(letter: tuple[str, dict[str, Any]]) -> None:
    _, data = letter
    for lang in LANGUAGES:
        found = PLACEHOLDER.findall(data["privacy"]["text"][lang])
        assert set(found) == PRIVACY_PLACEHOLDERS, lang


def test_no_placeholder_outside_the_privacy_text(letter: tuple[str, dict[str, Any]]) -> None:
    _, data = letter
    for where, text in _text_objects(data):
        if where == "privacy/text":
            continue
        for lang in LANGUAGES:
            assert "{" not in text[lang] and "}" not in text[lang], (where, lang)


def test_every_aid_says_subject_to_eligibility(letter: tuple[str, dict[str, Any]]) -> None:
    _, data = letter
    for aid in data["aids"]:
        for lang in LANGUAGES:
            assert ELIGIBILITY[lang] in aid["text"][lang].lower(), (aid["code"], lang)


def test_measure_codes_exist_and_apply_to_the_country(
    letter: tuple[str, dict[str, Any]],
) -> None:
    country, data = letter
    catalogue = _measure_countries()
    for aid in data["aids"]:
        assert len(aid["measures"]) == len(set(aid["measures"])), aid["code"]
        for code in aid["measures"]:
            assert code in catalogue, (aid["code"], code)
            assert country in catalogue[code], (aid["code"], code)


def test_codes_are_unique(letter: tuple[str, dict[str, Any]]) -> None:
    _, data = letter
    for section in ("aids", "contacts"):
        codes = [entry["code"] for entry in data[section]]
        assert len(codes) == len(set(codes)), section
        assert all(re.fullmatch(r"[a-z][a-z0-9_]*", code) for code in codes), section
