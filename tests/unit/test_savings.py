"""Savings formulas against hand-computed figures (prices and factors of the 2025 sets)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from siec_desk.domain.catalogue import CatalogueMeasure, load_catalogue
from siec_desk.domain.parameter_files import load_parameter_sets
from siec_desk.domain.parameters import ParameterSet, parameter_set_for
from siec_desk.domain.savings import (
    EnergyProfile,
    co2_kg,
    estimate,
    money_value,
    round_money,
)

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
CATALOGUE = {m.code: m for m in load_catalogue(RESOURCES / "catalogue" / "measures.json")}
SETS = load_parameter_sets(RESOURCES / "parameters")


def params(country: str) -> ParameterSet:
    return parameter_set_for(SETS, country, date(2025, 6, 1))


def measure(code: str) -> CatalogueMeasure:
    return CATALOGUE[code]


# --- Helpers ------------------------------------------------------------------------------


def test_round_money_uses_the_currency_precision() -> None:
    assert round_money(Decimal("2.675"), "EUR") == Decimal("2.68")
    assert round_money(Decimal("1.0005"), "TND") == Decimal("1.001")
    assert round_money(Decimal("10.004"), "MAD") == Decimal("10.00")


def test_co2_uses_dpe_factor_per_use_in_france_and_grid_average_elsewhere() -> None:
    # DPE 2021: electricity heating 0.079, DHW 0.065 kg/kWh → 100 kWh = 7.9 / 6.5 kg
    assert co2_kg(100, "electricity", "heating", params("FR")) == pytest.approx(7.9)
    assert co2_kg(100, "electricity", "hot_water", params("FR")) == pytest.approx(6.5)
    # Ember Morocco 0.663 kg/kWh whatever the use → 66.3 kg
    assert co2_kg(100, "electricity", "heating", params("MA")) == pytest.approx(66.3)


def test_butane_price_per_kwh_comes_from_the_bottle() -> None:
    # MA: 50 DH / (12 kg × 12.7 kWh/kg = 152.4 kWh) = 0.328084 DH/kWh; one bottle = 50 DH
    assert params("MA").price("butane_propane") == Decimal("0.328084")
    assert round_money(money_value(152.4, "butane_propane", params("MA")), "MAD") == Decimal(
        "50.00"
    )
    # TN: 8.8 DT / (13 × 12.7 = 165.1 kWh) = 0.053301 DT/kWh
    assert params("TN").price("butane_propane") == Decimal("0.053301")


# --- Gestures -----------------------------------------------------------------------------


def test_setpoint_minus_one_degree_saves_seven_percent_of_heating() -> None:
    profile = EnergyProfile("FR", heating_carrier="natural_gas", heating_kwh_per_year=12_000)
    result = estimate(measure("lower_setpoint_1c"), profile, params("FR"))
    # 12 000 × 7 % = 840 kWh; 840 × 0.103 €/kWh = 86.52 €; 840 × 0.227 = 190.68 kg
    assert result.kwh_per_year == pytest.approx(840.0)
    assert result.money_per_year == Decimal("86.52")
    assert result.co2_kg_per_year == pytest.approx(190.7)
    assert result.cost == Decimal("0.00")
    assert result.payback_years == 0.0
    assert result.carrier == "natural_gas"
    assert result.currency == "EUR"
    assert result.parameter_set_version == "FR-2025.1"
    assert result.assumptions == ()


def test_setpoint_two_degrees_doubles_the_saving() -> None:
    profile = EnergyProfile("FR", heating_carrier="natural_gas", heating_kwh_per_year=12_000)
    result = estimate(measure("lower_setpoint_1c"), profile, params("FR"), {"degrees": 2})
    # 12 000 × 2 × 7 % = 1 680 kWh
    assert result.kwh_per_year == pytest.approx(1680.0)
    assert result.parameters["degrees"] == 2.0


def test_heating_defaults_from_surface_and_construction_period() -> None:
    profile = EnergyProfile(
        "FR",
        dwelling_type="apartment",
        construction_period="1948_1974",
        heating_carrier="natural_gas",
    )
    result = estimate(measure("lower_setpoint_1c"), profile, params("FR"))
    # default apartment 63 m² × 210 kWh/m² (1948–1974) = 13 230 kWh; × 7 % = 926.1 kWh
    assert result.kwh_per_year == pytest.approx(926.1)
    assert result.assumptions == ("default_heating_kwh", "default_surface")


def test_unknown_household_uses_every_heating_default() -> None:
    result = estimate(measure("lower_setpoint_1c"), EnergyProfile("FR"), params("FR"))
    # "other" dwelling 90 m² × 160 kWh/m² (unknown period) = 14 400 kWh; × 7 % = 1 008 kWh gas
    assert result.kwh_per_year == pytest.approx(1008.0)
    assert result.carrier == "natural_gas"
    assert result.assumptions == (
        "default_construction_period",
        "default_heating_carrier",
        "default_heating_kwh",
        "default_surface",
    )


def test_boiler_maintenance_does_not_apply_to_electric_heating() -> None:
    profile = EnergyProfile("FR", heating_carrier="electricity", heating_kwh_per_year=8_000)
    result = estimate(measure("boiler_maintenance"), profile, params("FR"))
    assert result.kwh_per_year == 0.0
    assert result.money_per_year == Decimal("0.00")
    assert result.payback_years is None
    assert "not_applicable_carrier" in result.assumptions


# --- Small equipment ----------------------------------------------------------------------


def test_led_reproduces_the_domain_example() -> None:
    values = {"bulbs": 10, "hours_per_day": 2, "watts_before": 100, "watts_after": 10}
    result = estimate(measure("led_lighting"), EnergyProfile("FR"), params("FR"), values)
    # 10 bulbs × 2 h × 365 d × (100 − 10) W / 1000 = 657 kWh
    # 657 × 0.2016 = 132.4512 → 132.45 €; 657 × 0.069 (DPE lighting) = 45.33 kg
    # cost 10 × (3 + 8) / 2 = 55.00 €; payback 55 / 132.45 = 0.42 → 0.4 yr
    assert result.kwh_per_year == pytest.approx(657.0)
    assert result.money_per_year == Decimal("132.45")
    assert result.co2_kg_per_year == pytest.approx(45.3)
    assert result.cost == Decimal("55.00")
    assert result.payback_years == pytest.approx(0.4)
    assert result.assumptions == ()


def test_led_catalogue_defaults_start_from_todays_bulbs() -> None:
    result = estimate(measure("led_lighting"), EnergyProfile("MA"), params("MA"))
    # 8 CFL lamps × 3 h × 365 × (18 − 9) W / 1000 = 78.84 kWh (was 379.6 with 60 W bulbs,
    # 29 % of the household's electricity); × 0.9010 DH = 71.03 DH
    assert result.kwh_per_year == pytest.approx(78.8)
    assert result.money_per_year == Decimal("71.03")
    assert result.currency == "MAD"
    assert result.assumptions == ("default_lighting",)


def test_led_default_french_lighting_is_a_whole_homes_lighting() -> None:
    result = estimate(measure("led_lighting"), EnergyProfile("FR"), params("FR"))
    # baseline 8 × 42 W halogen × 1.2 h × 365 = 147.2 kWh (ADEME/RTE: 134–147 kWh/yr
    # for a whole French home); LED 6 W saves 36/42 of it = 126.1 kWh
    assert result.parameters["watts_before"] == 42
    assert result.kwh_per_year == pytest.approx(126.1)


def test_flow_reducers_cut_forty_percent_at_the_fitted_outlets_only() -> None:
    profile = EnergyProfile("FR", household_size=4, hot_water_carrier="electricity")
    result = estimate(measure("flow_reducers"), profile, params("FR"))
    # 4 persons × 650 kWh = 2 600 kWh; 40 % at the outlets drawing 55 % of it = 22 %
    # → 572 kWh; × 0.2016 = 115.3152 → 115.32 €; 572 × 0.065 (DPE DHW) = 37.18 kg
    # cost 3 devices × (5 + 25) / 2 = 45.00 €; payback 45 / 115.32 = 0.39 → 0.4
    assert result.kwh_per_year == pytest.approx(572.0)
    assert result.money_per_year == Decimal("115.32")
    assert result.co2_kg_per_year == pytest.approx(37.2)
    assert result.cost == Decimal("45.00")
    assert result.payback_years == pytest.approx(0.4)
    assert result.assumptions == ("default_fitted_outlets", "default_hot_water_kwh")


def test_standby_is_capped_at_ten_percent_of_electricity() -> None:
    small = EnergyProfile("FR", electricity_kwh_per_year=2_000)
    result = estimate(measure("standby_cutters"), small, params("FR"))
    # 50 W × 20 h × 365 / 1000 = 365 kWh > 10 % × 2 000 = 200 kWh → 200 kWh
    assert result.kwh_per_year == pytest.approx(200.0)
    assert "standby_capped" in result.assumptions
    large = EnergyProfile("FR", electricity_kwh_per_year=5_000)
    result = estimate(measure("standby_cutters"), large, params("FR"))
    # cap 500 kWh is not reached: 365 kWh
    assert result.kwh_per_year == pytest.approx(365.0)
    assert result.assumptions == ()


def test_efficient_ac_in_tunisia_rounds_to_the_millime() -> None:
    result = estimate(measure("efficient_ac"), EnergyProfile("TN"), params("TN"))
    # 1 unit × 1.0 kW × 500 h (TN default) × 13 % = 65 kWh; 65 × 0.181 = 11.765 DT
    # 65 × 0.565 = 36.725 kg
    assert result.kwh_per_year == pytest.approx(65.0)
    assert result.money_per_year == Decimal("11.765")
    assert result.co2_kg_per_year == pytest.approx(36.7)
    assert result.assumptions == ("default_ac_hours",)
    assert result.parameters["hours_per_year"] == 500.0


def test_solar_cooking_with_known_bottles_in_morocco() -> None:
    profile = EnergyProfile("MA", hot_water_carrier="electricity", butane_bottles_per_month=2)
    result = estimate(measure("butane_to_solar_cooking"), profile, params("MA"))
    # one 12 kg bottle = 12 × 12.7 = 152.4 kWh; 2 × 12 months × 152.4 = 3 657.6 kWh, all cooking
    # × 30 % = 1 097.28 kWh = 7.2 bottles → 7.2 × 50 DH = 360.00 DH; 7.2 × 12 kg × 3.0 = 259.2 kg
    assert result.kwh_per_year == pytest.approx(1097.3)
    assert result.money_per_year == Decimal("360.00")
    assert result.co2_kg_per_year == pytest.approx(259.2)
    assert result.carrier == "butane_propane"
    assert result.assumptions == ()


def test_solar_cooking_splits_bottles_when_hot_water_is_butane_too() -> None:
    profile = EnergyProfile("TN", hot_water_carrier="butane_propane", butane_bottles_per_month=2)
    result = estimate(measure("butane_to_solar_cooking"), profile, params("TN"))
    # 13 kg × 12.7 = 165.1 kWh; 2 × 12 × 165.1 = 3 962.4 kWh; cooking 40 % = 1 584.96 kWh
    # × 30 % = 475.488 kWh = 2.88 bottles × 8.8 DT = 25.344 DT
    assert result.kwh_per_year == pytest.approx(475.5)
    assert result.money_per_year == Decimal("25.344")
    assert result.assumptions == ("butane_use_split",)


# --- Works ----------------------------------------------------------------------------------


def test_solar_water_heater_in_morocco_with_defaults() -> None:
    result = estimate(measure("solar_water_heater"), EnergyProfile("MA"), params("MA"))
    # 3.9 persons × 500 kWh = 1 950 kWh of butane DHW; × 80 % coverage = 1 560 kWh
    # 1 560 × 0.328084 = 511.81 DH; 1 560 × 3.0 / 12.7 = 368.50 kg
    # cost (6 000 + 12 000) / 2 = 9 000 DH; payback 9 000 / 511.81 = 17.58 → 17.6 yr
    assert result.kwh_per_year == pytest.approx(1560.0)
    assert result.money_per_year == Decimal("511.81")
    assert result.co2_kg_per_year == pytest.approx(368.5)
    assert result.cost == Decimal("9000.00")
    assert result.payback_years == pytest.approx(17.6)
    assert result.assumptions == (
        "default_hot_water_carrier",
        "default_hot_water_kwh",
        "default_household_size",
        "default_swh_coverage",
    )


def test_solar_water_heater_from_butane_bottles() -> None:
    profile = EnergyProfile("MA", hot_water_carrier="butane_propane", butane_bottles_per_month=3)
    result = estimate(measure("solar_water_heater"), profile, params("MA"), {"coverage_pct": 90})
    # 3 × 12 × 152.4 = 5 486.4 kWh of butane; DHW share 60 % = 3 291.84; × 90 % = 2 962.656
    assert result.kwh_per_year == pytest.approx(2962.7)
    assert result.assumptions == ("butane_use_split",)


def test_attic_cost_uses_the_surface() -> None:
    profile = EnergyProfile(
        "FR", surface_m2=80, heating_carrier="natural_gas", heating_kwh_per_year=15_000
    )
    result = estimate(measure("attic_insulation"), profile, params("FR"))
    # 15 000 × 27 % = 4 050 kWh; × 0.103 = 417.15 €
    # cost 80 m² × (18 + 53) / 2 = 80 × 35.5 = 2 840.00 €; payback 2 840 / 417.15 = 6.8 yr
    assert result.kwh_per_year == pytest.approx(4050.0)
    assert result.money_per_year == Decimal("417.15")
    assert result.cost == Decimal("2840.00")
    assert result.payback_years == pytest.approx(6.8)
    assert result.parameters["surface_m2"] == 80.0


def test_attic_surface_parameter_overrides_the_dwelling() -> None:
    profile = EnergyProfile(
        "FR", dwelling_type="house", heating_kwh_per_year=15_000, heating_carrier="natural_gas"
    )
    result = estimate(measure("attic_insulation"), profile, params("FR"), {"surface_m2": 50})
    # 50 m² × 35.5 €/m² = 1 775.00 €, no surface default needed
    assert result.cost == Decimal("1775.00")
    assert "default_surface" not in result.assumptions


def test_roof_insulation_in_tunisia_saves_cooling() -> None:
    profile = EnergyProfile("TN", surface_m2=100, heating_carrier="none")
    values = {"cooling_kwh_per_year": 1_000}
    result = estimate(measure("roof_insulation"), profile, params("TN"), values)
    # no heating; cooling 1 000 kWh × 40 % = 400 kWh; × 0.181 = 72.400 DT; × 0.565 = 226.0 kg
    # cost 100 m² × (30 + 70) / 2 = 5 000.000 DT; payback 5 000 / 72.4 = 69.06 → 69.1 yr
    assert result.kwh_per_year == pytest.approx(400.0)
    assert result.money_per_year == Decimal("72.400")
    assert result.co2_kg_per_year == pytest.approx(226.0)
    assert result.cost == Decimal("5000.000")
    assert result.payback_years == pytest.approx(69.1)
    assert result.carrier == "electricity"


def test_heat_pump_replacing_gas_counts_the_new_electricity() -> None:
    profile = EnergyProfile("FR", heating_carrier="natural_gas", heating_kwh_per_year=10_000)
    result = estimate(measure("heat_pump"), profile, params("FR"))
    # gas −10 000 kWh, electricity +10 000 / 3 = 3 333.33 kWh → net 6 666.7 kWh
    # money 10 000 × 0.103 − 3 333.33 × 0.2016 = 1 030 − 672.00 = 358.00 €
    # CO2 10 000 × 0.227 − 3 333.33 × 0.079 = 2 270 − 263.33 = 2 006.7 kg
    assert result.kwh_per_year == pytest.approx(6666.7)
    assert result.money_per_year == Decimal("358.00")
    assert result.co2_kg_per_year == pytest.approx(2006.7)
    assert result.carrier == "natural_gas"


def test_heat_pump_replacing_electric_heating() -> None:
    profile = EnergyProfile("FR", heating_carrier="electricity", heating_kwh_per_year=9_000)
    result = estimate(measure("heat_pump"), profile, params("FR"), {"cop": 3})
    # 9 000 − 9 000 / 3 = 6 000 kWh; × 0.2016 = 1 209.60 €; × 0.079 = 474.0 kg
    assert result.kwh_per_year == pytest.approx(6000.0)
    assert result.money_per_year == Decimal("1209.60")
    assert result.co2_kg_per_year == pytest.approx(474.0)


def test_pellet_stove_saves_money_and_co2_not_kwh() -> None:
    profile = EnergyProfile("FR", heating_carrier="natural_gas", heating_kwh_per_year=10_000)
    result = estimate(measure("wood_pellet_stove"), profile, params("FR"))
    # 50 % moved: 5 000 kWh gas → pellets; money 5 000 × (0.103 − 0.080) = 115.00 €
    # CO2 5 000 × (0.227 − 0.030) = 985.0 kg
    assert result.kwh_per_year == 0.0
    assert result.money_per_year == Decimal("115.00")
    assert result.co2_kg_per_year == pytest.approx(985.0)


def test_solar_pv_counts_self_consumed_electricity() -> None:
    profile = EnergyProfile("FR", heating_carrier="natural_gas", hot_water_carrier="natural_gas")
    result = estimate(measure("solar_pv"), profile, params("FR"))
    # 3 kWp × 1 200 kWh/kWp × 40 % = 1 440 kWh (under the 3 200 kWh used); × 0.2016 =
    # 290.304 → 290.30 €; × 0.064 = 92.16 kg; cost 3 × 2 500 = 7 500.00 €; 25.8 yr
    assert result.kwh_per_year == pytest.approx(1440.0)
    assert result.money_per_year == Decimal("290.30")
    assert result.co2_kg_per_year == pytest.approx(92.2)
    assert result.cost == Decimal("7500.00")
    assert result.payback_years == pytest.approx(25.8)
    assert result.assumptions == (
        "default_electricity_kwh",
        "default_pv_kwp",
        "default_pv_self_consumption",
        "default_pv_yield",
    )


@pytest.mark.parametrize("country", ["MA", "TN"])
def test_solar_pv_self_consumption_never_exceeds_the_households_use(country: str) -> None:
    # domain-review §3: MA 3 060 kWh "self-consumed" for 1 600 used (191 %), TN 209 %
    profile = EnergyProfile(country, electricity_kwh_per_year=1_000)
    result = estimate(measure("solar_pv"), profile, params(country), {"kwp": 3})
    assert result.kwh_per_year == pytest.approx(1000.0)
    assert "pv_capped" in result.assumptions


def test_solar_pv_default_in_the_maghreb_is_a_household_system() -> None:
    result = estimate(measure("solar_pv"), EnergyProfile("TN"), params("TN"))
    assert result.parameters["kwp"] == 1.0
    # 1 kWp × 1 600 × 100 % = 1 600 kWh, under the 1 800 kWh default use
    assert result.kwh_per_year == pytest.approx(1600.0)


# --- Validation -----------------------------------------------------------------------------


def test_out_of_range_value_names_the_parameter() -> None:
    with pytest.raises(ValueError, match="bulbs"):
        estimate(measure("led_lighting"), EnergyProfile("FR"), params("FR"), {"bulbs": 0})


def test_unknown_parameter_is_rejected() -> None:
    with pytest.raises(ValueError, match="colour"):
        estimate(measure("led_lighting"), EnergyProfile("FR"), params("FR"), {"colour": 1})


def test_non_numeric_value_is_rejected() -> None:
    values: dict[str, float] = {"bulbs": True}
    with pytest.raises(ValueError, match="bulbs"):
        estimate(measure("led_lighting"), EnergyProfile("FR"), params("FR"), values)


def test_measure_must_apply_in_the_country() -> None:
    with pytest.raises(ValueError, match="heat_pump"):
        estimate(measure("heat_pump"), EnergyProfile("MA"), params("MA"))


def test_profile_and_parameter_set_must_match() -> None:
    with pytest.raises(ValueError, match=r"MA-2025\.1"):
        estimate(measure("led_lighting"), EnergyProfile("FR"), params("MA"))


def test_profile_rejects_unknown_codes_and_bad_figures() -> None:
    with pytest.raises(ValueError, match="heating_carrier"):
        EnergyProfile("FR", heating_carrier="coal")
    with pytest.raises(ValueError, match="household_size"):
        EnergyProfile("FR", household_size=0)
    with pytest.raises(ValueError, match="heating_kwh_per_year"):
        EnergyProfile("FR", heating_kwh_per_year=-1)


def test_parameter_set_for_picks_the_set_in_force() -> None:
    assert parameter_set_for(SETS, "TN", date(2025, 12, 31)).version == "TN-2025.1"
    assert parameter_set_for(SETS, "TN", date(2026, 3, 1)).version == "TN-2026.1"
    with pytest.raises(ValueError, match="TN"):
        parameter_set_for(SETS, "TN", date(2024, 12, 31))


def test_an_unpriced_heating_carrier_is_estimated_as_the_country_default() -> None:
    # "other" has no price: the set-point gesture is costed as the default carrier would be,
    # and the estimate says so instead of failing.
    known = estimate(
        measure("lower_setpoint_1c"),
        EnergyProfile(
            "FR",
            surface_m2=100,
            construction_period="1975_2000",
            heating_carrier=params("FR").constants.carrier("default_heating_carrier"),
        ),
        params("FR"),
    )
    other = estimate(
        measure("lower_setpoint_1c"),
        EnergyProfile(
            "FR", surface_m2=100, construction_period="1975_2000", heating_carrier="other"
        ),
        params("FR"),
    )
    assert other.kwh_per_year == known.kwh_per_year > 0
    assert other.money_per_year == known.money_per_year
    assert "unpriced_heating_carrier" in other.assumptions
    assert "unpriced_heating_carrier" not in known.assumptions
