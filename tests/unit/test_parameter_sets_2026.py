"""The dated 2026 parameter sets: every value sourced and dated, unconfirmed values flagged,
the "out of date" rule, the JSON Schema, unsubsidised prices and measure lifetimes."""

from __future__ import annotations

import copy
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from siec_desk.domain.catalogue import load_catalogue
from siec_desk.domain.parameter_files import load_parameter_sets, parse_parameter_set
from siec_desk.domain.parameters import (
    MAX_PAYBACK_YEARS,
    is_out_of_date,
    parameter_set_for,
    payback_is_cost_effective,
)

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
PARAMETERS = RESOURCES / "parameters"
SETS = load_parameter_sets(PARAMETERS)
NEW = {s.country: s for s in SETS if s.version.endswith("-2026.1")}


def raw(name: str) -> dict[str, object]:
    data: dict[str, object] = json.loads((PARAMETERS / name).read_text(encoding="utf-8"))
    return data


def test_the_2025_sets_stay_beside_the_2026_ones() -> None:
    versions = {s.version for s in SETS}
    assert {"FR-2025.1", "MA-2025.1", "TN-2025.1"} <= versions  # old consultations name them
    assert {"FR-2026.1", "MA-2026.1", "TN-2026.1"} <= versions
    fr_2025 = next(s for s in SETS if s.version == "FR-2025.1")
    assert fr_2025.price("electricity") == Decimal("0.2016")  # a record of what was used


@pytest.mark.parametrize("country", ["FR", "MA", "TN"])
def test_every_value_of_a_2026_set_has_a_source_and_a_date(country: str) -> None:
    params = NEW[country]
    assert params.format == 2
    assert params.sources, country
    assert set(params.sources) == set(params.as_of)  # no value without a date
    assert all(source.strip() for source in params.sources.values())
    for carrier in params.prices:
        assert f"price.{carrier}" in params.sources
    for carrier in params.co2:
        assert f"co2.{carrier}" in params.sources
    for name in (*params.constants.numbers, *params.constants.tables, *params.constants.carriers):
        assert f"constant.{name}" in params.sources
    assert params.co2_convention is not None and params.co2_convention.year >= 2021
    assert params.signed_off is not None
    # Every set that applies today or later is dated no later than its sign-off.
    assert max(params.as_of.values()) <= params.signed_off.on


def test_the_sourced_2026_values_of_domain_review_are_in_the_files() -> None:
    fr, ma, tn = NEW["FR"], NEW["MA"], NEW["TN"]
    assert fr.price("electricity") == Decimal("0.1940")
    assert fr.as_of["price.electricity"] == date(2026, 2, 1)
    assert fr.price("natural_gas") == Decimal("0.10192")
    assert fr.co2_convention is not None and fr.co2_convention.code == "fr-dpe-2021"
    assert ma.price("electricity") == Decimal("1.027")  # VAT included
    assert ma.co2_factor("electricity") == pytest.approx(0.578)  # Ember 2024
    assert ma.co2_convention is not None and ma.co2_convention.code == "ember-grid-average"
    assert tn.price("electricity") == Decimal("0.176")  # STEG 101–200 kWh/month, ex tax
    assert [b.per_kwh for b in tn.tariff_bands["electricity"]][-4:] == [
        Decimal("0.176"),
        Decimal("0.218"),
        Decimal("0.341"),
        Decimal("0.414"),
    ]
    assert "natural_gas" in tn.prices and "natural_gas" in tn.co2
    assert tn.co2_factor("electricity") == pytest.approx(0.560)
    # Butane: 12 kg at 50 DH (MA), 13 kg at 8.800 DT (TN), per kWh of 12.7 kWh/kg.
    assert ma.price("butane_propane") == pytest.approx(
        Decimal(50) / Decimal("152.4"), rel=Decimal("1e-5")
    )
    assert tn.price("butane_propane") == pytest.approx(
        Decimal("8.8") / Decimal("165.1"), rel=Decimal("1e-5")
    )


def test_values_that_could_not_be_confirmed_are_flagged() -> None:
    assert "income_ceilings" in NEW["FR"].unconfirmed  # the 2026 Anah scale was not found
    assert "price.butane_propane" in NEW["MA"].unconfirmed  # 50 DH confirmed to Oct 2025 only
    assert "price.electricity" not in NEW["FR"].unconfirmed
    scale = NEW["FR"].income_ceilings
    assert scale is not None and scale.outside_idf.for_size(1) == (17_173, 22_015, 30_844)


def test_a_format_2_value_without_a_date_or_a_flag_is_refused() -> None:
    data = raw("FR-2026.json")
    undated = copy.deepcopy(data)
    del undated["prices"]["electricity"]["as_of"]  # type: ignore[index]
    with pytest.raises(ValueError, match=r"prices\.electricity: missing key\(s\) as_of"):
        parse_parameter_set(undated, "x.json")
    unflagged = copy.deepcopy(data)
    del unflagged["constants"]["butane_bottle_kg"]["confirmed"]  # type: ignore[index]
    with pytest.raises(ValueError, match=r"butane_bottle_kg: missing key\(s\) confirmed"):
        parse_parameter_set(unflagged, "x.json")
    no_source = copy.deepcopy(data)
    del no_source["co2"]["electricity"]["source"]  # type: ignore[index]
    with pytest.raises(ValueError, match="source"):
        parse_parameter_set(no_source, "x.json")


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 1, 1), False),  # FR-2026.1 takes effect that day
        (date(2026, 12, 7), False),
        (date(2026, 12, 31), False),
        (date(2027, 1, 1), True),  # no 2027 set: last year's prices
        (date(2030, 6, 1), True),
    ],
)
def test_out_of_date_when_the_set_in_use_began_before_this_years_first_of_january(
    today: date, expected: bool
) -> None:
    assert is_out_of_date(SETS, "FR", today) is expected


def test_out_of_date_follows_the_set_in_use_not_a_future_one() -> None:
    fr_2027 = parse_parameter_set(
        {**raw("FR-2026.json"), "version": "FR-2027.1", "valid_from": "2027-01-01"}
    )
    with_2027 = [*SETS, fr_2027]
    assert is_out_of_date(with_2027, "FR", date(2026, 12, 31)) is False
    assert is_out_of_date(with_2027, "FR", date(2027, 1, 1)) is False
    assert is_out_of_date([s for s in SETS if s.valid_from.year == 2025], "MA", date(2026, 3, 1))
    assert is_out_of_date([], "TN", date(2026, 3, 1))  # no set at all


@pytest.mark.parametrize("country", ["FR", "MA", "TN"])
def test_shipped_2026_sets_match_the_json_schema(country: str) -> None:
    from jsonschema import Draft202012Validator

    schema = json.loads((PARAMETERS / "parameters.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    errors = list(Draft202012Validator(schema).iter_errors(raw(f"{country}-2026.json")))
    assert not errors, [e.message for e in errors[:3]]


def test_unsubsidised_prices_replace_only_the_subsidised_carriers() -> None:
    ma = NEW["MA"]
    real = ma.at_unsubsidised_prices()
    assert real.price("butane_propane") == pytest.approx(
        Decimal(104) / Decimal("152.4"), rel=Decimal("1e-5")
    )
    assert real.price("electricity") == ma.price("electricity")
    assert NEW["FR"].at_unsubsidised_prices() is NEW["FR"]  # nothing subsidised there
    assert ma.sources["unsubsidised.butane_propane"].startswith("[S]")


def test_prosol_subsidies_are_deducted_per_dwelling_or_per_kwp_within_their_cap() -> None:
    tn = NEW["TN"]
    swh, pv = tn.subsidy_for("solar_water_heater"), tn.subsidy_for("solar_pv")
    assert swh is not None and swh.total({}) == Decimal(200)
    assert pv is not None and pv.total({"kwp": 1.5}) == Decimal(1800)
    assert pv.total({"kwp": 3}) == Decimal(3000)  # capped
    assert NEW["MA"].subsidy_for("solar_water_heater") is None


@pytest.mark.parametrize(
    ("payback", "lifetime", "expected"),
    [
        (None, 20, True),
        (24.9, None, True),
        (MAX_PAYBACK_YEARS, None, True),
        (25.1, None, False),
        (21, 20, False),  # longer than the equipment lasts
        (19, 20, True),
        (28, 30, False),  # 25 years is the limit even for a 30-year measure
    ],
)
def test_cost_effective_within_25_years_and_the_lifetime(
    payback: float | None, lifetime: int | None, expected: bool
) -> None:
    assert payback_is_cost_effective(payback, lifetime) is expected


def test_every_measure_that_costs_money_has_a_sourced_lifetime() -> None:
    for measure in load_catalogue(RESOURCES / "catalogue" / "measures.json"):
        costly = any(cost.maximum > 0 for cost in measure.costs.values())
        if costly and measure.code != "boiler_maintenance":  # a yearly, compulsory service
            assert measure.lifetime_years is not None, measure.code
            assert measure.lifetime_source.strip(), measure.code


def test_the_set_in_use_on_a_date_is_the_latest_that_began() -> None:
    assert parameter_set_for(SETS, "TN", date(2025, 12, 31)).version == "TN-2025.1"
    assert parameter_set_for(SETS, "TN", date(2026, 1, 1)).version == "TN-2026.1"
