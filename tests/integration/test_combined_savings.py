"""Combined savings through the real services: the letter, the Activity figures and the
network export add up the same stored shares, so they print the same totals; measures
that do not apply are refused; a change of dwelling recomputes the shares; archived
letters are never touched."""

from __future__ import annotations

import hashlib
from datetime import date, datetime

import pytest
from sqlalchemy import update
from testkit.cli import Cli
from testkit.contexts import make_ctx
from testkit.databases import Databases

from siec_desk.core.errors import ValidationError
from siec_desk.core.formatting import format_kwh, locale_for
from siec_desk.documents.letters.render import render_pdf
from siec_desk.domain.activity_period import month
from siec_desk.domain.consultation_records import ConsultationInput, MeasureChoice
from siec_desk.domain.household_records import HouseholdInput
from siec_desk.domain.savings_summary import summarise
from siec_desk.network.export.suppression import TOTAL
from siec_desk.services.app import AppContext
from siec_desk.services.letter_types import LetterRequest
from siec_desk.services.network.export import ExportOptions
from siec_desk.storage.models import Centre

pytestmark = pytest.mark.both_backends

NINE_HEATING = (
    "attic_insulation",
    "wall_insulation",
    "window_replacement",
    "floor_insulation",
    "draught_proofing",
    "lower_setpoint_1c",
    "thermostat_programmable",
    "boiler_maintenance",
    "condensing_boiler",
)
WHEN = datetime(2026, 11, 10, 10, 0)


def _gas_house(ctx: AppContext, name: str = "Dupré") -> int:
    return ctx.households.create(
        HouseholdInput(
            last_name=name, commune="Gap", dwelling_type="house", heating_energy="natural_gas"
        )
    )


def _advise(ctx: AppContext, household: int, *codes: str) -> int:
    return ctx.consultations.add(
        ConsultationInput(
            mode="walk_in",
            themes=("heating",),
            household_id=household,
            occurred_at=WHEN,
            measures=tuple(MeasureChoice(c) for c in codes),
        )
    )


def test_the_111_percent_house_is_stored_under_its_heating_load(ctx: AppContext) -> None:
    cid = _advise(ctx, _gas_house(ctx), *NINE_HEATING)
    measures = ctx.consultations.get(cid).measures
    total = summarise(measures)
    (heating,) = total.by_use
    assert heating.load_kwh == 17_920
    assert total.kwh_per_year == heating.kwh < heating.load_kwh  # was 19 890 (111 %)
    assert total.kwh_per_year == pytest.approx(11_999.7, abs=0.1)  # 67 % of 17 920


def test_letter_activity_and_network_export_show_the_same_totals(
    new_db: Databases,
) -> None:
    ctx = make_ctx(new_db("combined"), "FR")
    try:
        consultations = [
            _advise(ctx, _gas_house(ctx, f"Foyer {i}"), *codes)
            for i, codes in enumerate(
                [
                    NINE_HEATING,
                    ("attic_insulation", "heat_pump", "condensing_boiler", "lower_setpoint_1c"),
                    ("flow_reducers", "solar_water_heater", "led_lighting"),
                    ("roof_insulation", "solar_pv", "standby_cutters"),
                    NINE_HEATING[:5],
                    ("wall_insulation", "wood_pellet_stove", "thermostat_programmable"),
                    ("attic_insulation", "heat_pump", "solar_pv"),
                    NINE_HEATING[3:],
                ]
            )
        ]
        measures = [m for c in consultations for m in ctx.consultations.get(c).measures]
        stored = summarise(measures)
        # the Activity page (stats engine)
        summary = ctx.stats.summary(month(WHEN.date()))
        assert summary.kwh_recommended == pytest.approx(stored.kwh_per_year, abs=0.05)
        assert summary.money_recommended_minor == stored.money_per_year_minor
        assert summary.co2_recommended_kg == pytest.approx(stored.co2_kg_per_year, abs=0.05)
        # the network export's total cell
        with ctx.db.write() as session:
            session.execute(update(Centre).values(network_code="TEST-01"))
        document = ctx.network_export.build(ExportOptions(WHEN.date(), WHEN.date(), threshold=3))
        savings = {t.spec.id: t for t in document.tables}["savings_by_month_measure"]
        cell = savings.cells[(TOTAL, TOTAL)]
        assert cell is not None
        assert cell["kwh_per_year"] == round(stored.kwh_per_year)
        assert cell["money_per_year_minor"] == stored.money_per_year_minor
        # every letter's total is its consultation's combined total
        locale = locale_for("fr", "FR")
        for cid in consultations:
            own = summarise(ctx.consultations.get(cid).measures)
            letter = ctx.letters.compose(LetterRequest(cid, "fr"), today=date(2026, 12, 7))
            assert letter.totals is not None
            assert format_kwh(own.kwh_per_year, locale) in letter.totals.kwh
    finally:
        ctx.close()


def test_the_letter_prints_its_assumptions_and_flags_the_alternative(ctx: AppContext) -> None:
    cid = _advise(ctx, _gas_house(ctx), "condensing_boiler", "heat_pump")
    letter = ctx.letters.compose(LetterRequest(cid, "fr"), today=date(2026, 12, 7))
    assert "112" in letter.assumptions  # the default surface of a house
    boiler = next(m for m in letter.measures if m.note)
    assert boiler.kwh == "—" and "pompe à chaleur" in boiler.note.lower()


def test_a_measure_that_does_not_apply_is_refused_with_the_reason(ctx: AppContext) -> None:
    flat = ctx.households.create(
        HouseholdInput(
            last_name="Benali", commune="Gap", dwelling_type="apartment", top_floor=False
        )
    )
    with pytest.raises(ValidationError) as caught:
        _advise(ctx, flat, "attic_insulation")
    assert "roof" in str(caught.value)
    with pytest.raises(ValidationError) as caught:
        _advise(ctx, _gas_house(ctx), "attic_insulation", "roof_insulation")
    assert "same roof" in str(caught.value)


def test_a_change_of_dwelling_recomputes_the_shares_not_the_archived_letter(
    ctx: AppContext,
) -> None:
    household = _gas_house(ctx)
    cid = _advise(ctx, household, "attic_insulation", "lower_setpoint_1c")
    request = LetterRequest(cid, "fr")
    content = ctx.letters.compose(request)
    record = ctx.letters.record(request, content, render_pdf(content, request.variant))
    path = record.path
    before_pdf = hashlib.sha256(path.read_bytes()).hexdigest()
    before = summarise(ctx.consultations.get(cid).measures).kwh_per_year
    detail = ctx.households.get(household)
    ctx.households.update(
        household,
        HouseholdInput(
            last_name="Dupré",
            commune="Gap",
            dwelling_type="house",
            heating_energy="natural_gas",
            surface_m2=56,
        ),
        expected_version=detail.version,
    )
    after = summarise(ctx.consultations.get(cid).measures).kwh_per_year
    assert after == pytest.approx(before / 2, abs=0.2)  # 56 m² instead of the default 112
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before_pdf


@pytest.fixture
def cli(new_db: Databases, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(new_db("cli"), capsys)


def test_cli_dwelling_fields_and_show_json(cli: Cli) -> None:
    cli("demo", "--households", "1", "--country", "FR", "--seed", "1")
    out = cli.json(
        "household", "add", "--last-name", "Amrani", "--commune", "Gap",
        "--dwelling-type", "apartment", "--top-floor", "no", "--heating-energy", "electricity",
        "--surface", "63", "--household-size", "2", "--electricity-kwh", "2500",
    )  # fmt: skip
    assert isinstance(out, dict)
    hid = out["id"]
    code, _out, err = cli(
        "consultation", "add", "--household", str(hid), "--mode", "walk_in",
        "--theme", "insulation", "--measure", "attic_insulation",
    )  # fmt: skip
    assert code == 1 and "roof" in err and err.strip().count("\n") == 0
    assert cli("household", "update", str(hid), "--top-floor", "yes")[0] == 0
    added = cli.json(
        "consultation", "add", "--household", str(hid), "--mode", "walk_in",
        "--theme", "insulation", "--measure", "attic_insulation", "--measure", "heat_pump",
    )  # fmt: skip
    assert isinstance(added, dict)
    shown = cli.json("consultation", "show", str(added["id"]))
    assert isinstance(shown, dict)
    savings = shown["savings"]
    assert [m["code"] for m in savings["measures"]] == ["attic_insulation", "heat_pump"]
    (heating,) = savings["end_uses"]
    assert heating["use"] == "heating" and heating["kwh_per_year"] <= heating["load_kwh"]
    assert savings["kwh_per_year"] == pytest.approx(
        sum(m["kwh_per_year"] for m in savings["measures"]), abs=0.05
    )
    assert savings["parameter_set_in_use"].startswith("FR-")
    assert isinstance(savings["warnings"], list)
