"""The shipped catalogue and parameter sets: complete, trilingual, consistent, loadable."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from siec_desk.domain.catalogue import KINDS, load_catalogue
from siec_desk.domain.codes import Country, EnergyCarrier
from siec_desk.domain.parameter_files import load_parameter_set, load_parameter_sets
from siec_desk.domain.parameters import parameter_set_for
from siec_desk.domain.savings import DERIVED_PARAMETERS, FORMULAS, EnergyProfile, estimate

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
CATALOGUE_PATH = RESOURCES / "catalogue" / "measures.json"
PARAMETERS_DIR = RESOURCES / "parameters"
CATALOGUE = load_catalogue(CATALOGUE_PATH)
SETS = load_parameter_sets(PARAMETERS_DIR)

#: cli.md, "Measure codes".
CLI_MEASURE_CODES = {
    "lower_setpoint_1c",
    "thermostat_programmable",
    "boiler_maintenance",
    "attic_insulation",
    "wall_insulation",
    "floor_insulation",
    "roof_insulation",
    "window_replacement",
    "draught_proofing",
    "heat_pump",
    "condensing_boiler",
    "wood_pellet_stove",
    "solar_water_heater",
    "heat_pump_water_heater",
    "flow_reducers",
    "led_lighting",
    "standby_cutters",
    "efficient_fridge",
    "efficient_ac",
    "solar_pv",
    "butane_to_solar_cooking",
    "water_saving",
}
ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")


def test_every_cli_measure_code_is_in_the_catalogue_with_a_formula() -> None:
    codes = {m.code for m in CATALOGUE}
    assert not CLI_MEASURE_CODES - codes  # none missing
    assert codes == set(FORMULAS)


def test_names_and_whys_are_trilingual() -> None:
    for m in CATALOGUE:
        for texts in (m.names, m.whys):
            assert {lang: bool(texts[lang].strip()) for lang in ("en", "fr", "ar")} == {
                "en": True,
                "fr": True,
                "ar": True,
            }, m.code
            assert ARABIC_LETTER.search(texts["ar"]), m.code
            assert not ARABIC_LETTER.search(texts["fr"]), m.code


def test_name_falls_back_to_english() -> None:
    led = next(m for m in CATALOGUE if m.code == "led_lighting")
    assert led.name("de") == led.names["en"]
    assert led.name("fr") == "Remplacer les ampoules par des lampes LED"


def test_every_country_of_a_measure_has_a_cost() -> None:
    for m in CATALOGUE:
        assert set(m.costs) == set(m.countries), m.code
        for cost in m.costs.values():
            assert cost.minimum <= cost.maximum


def test_country_flags_match_the_brief() -> None:
    by_code = {m.code: set(m.countries) for m in CATALOGUE}
    assert by_code["heat_pump"] == {"FR"}
    assert by_code["roof_insulation"] == {"FR", "MA", "TN"}
    assert by_code["solar_water_heater"] == {"FR", "MA", "TN"}
    assert by_code["efficient_ac"] == {"FR", "MA", "TN"}
    assert by_code["butane_to_solar_cooking"] == {"MA", "TN"}


def test_catalogue_is_in_letter_order_gestures_first() -> None:
    kinds = [KINDS.index(m.kind) for m in CATALOGUE]
    assert kinds == sorted(kinds)
    assert CATALOGUE[0].kind == "gesture"
    assert CATALOGUE[-1].kind == "works"


def test_null_defaults_are_derivable() -> None:
    for m in CATALOGUE:
        for p in m.parameters:
            if p.default is None:
                assert p.code in DERIVED_PARAMETERS, (m.code, p.code)


def test_every_parameter_set_loads() -> None:
    assert {s.version for s in SETS} == {
        "FR-2025.1",
        "MA-2025.1",
        "TN-2025.1",
        "FR-2026.1",
        "MA-2026.1",
        "TN-2026.1",
    }
    for s in SETS:
        assert s.currency == {"FR": "EUR", "MA": "MAD", "TN": "TND"}[s.country]
    fr = parameter_set_for(SETS, "FR", date(2025, 1, 1))
    assert fr.income_ceilings is not None
    assert fr.income_ceilings.outside_idf.for_size(1) == (17_173, 22_015, 30_844)


@pytest.mark.parametrize("country", list(Country))
def test_carriers_used_by_formulas_have_a_price_and_a_co2_factor(country: str) -> None:
    params = parameter_set_for(SETS, country, date(2025, 6, 1))
    used = {
        EnergyCarrier.ELECTRICITY,
        EnergyCarrier.BUTANE_PROPANE,
        EnergyCarrier.SOLAR,
        params.constants.carrier("default_heating_carrier"),
        params.constants.carrier("default_hot_water_carrier"),
    }
    if country == Country.FR:  # pellet stove; main heating energies of France
        used |= {"wood", "natural_gas", "fuel_oil", "district_heat"}
    for carrier in used:
        assert params.price(carrier) >= 0
        assert params.co2_factor(carrier) >= 0
        assert f"price.{carrier}" in params.sources
        assert f"co2.{carrier}" in params.sources


@pytest.mark.parametrize("country", list(Country))
def test_every_measure_estimates_for_an_unknown_household(country: str) -> None:
    params = parameter_set_for(SETS, country, date(2025, 6, 1))
    for m in CATALOGUE:
        if m.applies_to(country):
            result = estimate(m, EnergyProfile(country), params)
            assert result.kwh_per_year >= 0, m.code
            assert result.cost is not None, m.code


def _write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_catalogue_loader_rejects_an_unknown_theme(tmp_path: Path) -> None:
    data = json.loads(CATALOGUE_PATH.read_text(encoding="utf-8"))
    data["measures"][0]["theme"] = "astrology"
    with pytest.raises(ValueError, match="astrology"):
        load_catalogue(_write(tmp_path / "measures.json", data))


def test_catalogue_loader_rejects_a_missing_arabic_name(tmp_path: Path) -> None:
    data = json.loads(CATALOGUE_PATH.read_text(encoding="utf-8"))
    del data["measures"][0]["name"]["ar"]
    with pytest.raises(ValueError, match=r"name: missing key\(s\) ar"):
        load_catalogue(_write(tmp_path / "measures.json", data))


def test_catalogue_loader_rejects_a_cost_missing_for_a_country(tmp_path: Path) -> None:
    data = json.loads(CATALOGUE_PATH.read_text(encoding="utf-8"))
    led = next(m for m in data["measures"] if m["code"] == "led_lighting")
    del led["cost"]["TN"]
    with pytest.raises(ValueError, match=r"cost: missing key\(s\) TN"):
        load_catalogue(_write(tmp_path / "measures.json", data))


def test_catalogue_loader_rejects_invalid_json(tmp_path: Path) -> None:
    path = tmp_path / "measures.json"
    path.write_text('{"format": 1, "measures": [', encoding="utf-8")
    with pytest.raises(ValueError, match="invalid JSON"):
        load_catalogue(path)


def test_parameter_loader_rejects_a_bad_price(tmp_path: Path) -> None:
    data = json.loads((PARAMETERS_DIR / "FR-2025.json").read_text(encoding="utf-8"))
    data["prices"]["electricity"]["per_kwh"] = "cheap"
    with pytest.raises(ValueError, match="electricity"):
        load_parameter_set(_write(tmp_path / "FR-2025.json", data))


def test_parameter_loader_rejects_a_wrong_currency(tmp_path: Path) -> None:
    data = json.loads((PARAMETERS_DIR / "MA-2025.json").read_text(encoding="utf-8"))
    data["currency"] = "EUR"
    with pytest.raises(ValueError, match="currency"):
        load_parameter_set(_write(tmp_path / "MA-2025.json", data))


def test_parameter_loader_rejects_decreasing_ceilings(tmp_path: Path) -> None:
    data = json.loads((PARAMETERS_DIR / "FR-2025.json").read_text(encoding="utf-8"))
    data["income_ceilings"]["outside_idf"]["3"] = [30206, 28000, 54592]
    with pytest.raises(ValueError, match="ceilings must increase"):
        load_parameter_set(_write(tmp_path / "FR-2025.json", data))


def test_parameter_loader_rejects_a_missing_constant(tmp_path: Path) -> None:
    data = json.loads((PARAMETERS_DIR / "TN-2025.json").read_text(encoding="utf-8"))
    del data["constants"]["butane_bottle_kg"]
    with pytest.raises(ValueError, match="butane_bottle_kg"):
        load_parameter_sets(_write(tmp_path / "TN-2025.json", data).parent)
