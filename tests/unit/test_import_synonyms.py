"""The header and value synonyms are data (``resources/import/synonyms.json``): the shipped
file names only real fields and codes, keeps the words advisors type, and a broken file
is refused naming the field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from siec_desk.importing.fields import TARGETS
from siec_desk.importing.headers import guess_targets
from siec_desk.importing.synonyms import load_synonyms, parse_synonyms, read_synonyms


def test_shipped_synonyms_name_only_known_fields_and_codes() -> None:
    synonyms = load_synonyms()
    assert set(synonyms.headers) <= set(TARGETS)
    for target_id, codes in synonyms.values.items():
        known = TARGETS[target_id].codes
        assert known is not None, target_id
        assert set(codes) <= set(known), target_id
    for words in [*synonyms.headers.values(), synonyms.ambiguous_name]:
        assert words and all(word.strip() for word in words)


def test_hot_water_shares_the_heating_words() -> None:
    values = load_synonyms().values
    assert values["hot_water_energy"] == values["heating_energy"]
    assert "mazout" in values["heating_energy"]["fuel_oil"]


def test_header_words_from_the_file_are_recognised() -> None:
    assert guess_targets(["GSM", "Code postal", "Mazout"]) == ["phone", "postal_code", None]
    assert guess_targets(["Usager", "البريد الإلكتروني"]) == ["full_name", "email"]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"headers": {}, "values": {}}, "ambiguous_name"),
        ({"headers": {"phone": "tel"}, "values": {}, "ambiguous_name": []}, "headers.phone"),
        ({"headers": {}, "values": {"mode": {"walk_in": [3]}}, "ambiguous_name": []}, "walk_in"),
        (
            {"headers": {}, "values": {}, "ambiguous_name": [], "same_values": {"a": "b"}},
            "same_values.a",
        ),
    ],
)
def test_a_broken_file_is_refused_naming_the_field(data: object, field: str) -> None:
    with pytest.raises(ValueError, match=field.replace(".", r"\.")):
        parse_synonyms(data)


def test_a_file_that_is_not_json_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "synonyms.json"
    path.write_text("{", encoding="utf-8")
    with pytest.raises(ValueError, match=r"synonyms\.json: invalid JSON"):
        read_synonyms(path)
    path.write_text(json.dumps({"headers": {}, "values": {}, "ambiguous_name": ["nom"]}))
    assert read_synonyms(path).ambiguous_name == ("nom",)
