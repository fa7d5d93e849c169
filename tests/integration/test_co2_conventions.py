"""The CO₂ convention travels with the figures: named in the monthly report, carried in the
network export, and flagged by the coordinator when centres' conventions differ."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from testkit.coordinator import centre_export

from siec_desk.documents.network_report.content import compose_report
from siec_desk.network.coordinator.database import open_network_database
from siec_desk.network.export.export_format import schema_errors
from siec_desk.services.network.coordinator import NetworkCoordinator


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    folder = tmp_path_factory.mktemp("conventions")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SIEC_DESK_HOME", str(tmp_path_factory.mktemp("home")))
        (fr,) = centre_export(folder, "FR", "FR-01", 1, households=60)
        (ma1,) = centre_export(folder, "MA", "MA-01", 2, households=60)
        (ma2,) = centre_export(folder, "MA", "MA-02", 3, households=60)
    old = folder / "MA-02-old.json"  # as written by a version before conventions
    data = json.loads(ma2.read_text("utf-8"))
    del data["centre"]["co2_conventions"]
    old.write_text(json.dumps(data), "utf-8")
    yield {"fr": fr, "ma1": ma1, "ma2": ma2, "ma2_old": old}


@pytest.fixture
def coordinator(tmp_path: Path) -> Iterator[NetworkCoordinator]:
    db = open_network_database(tmp_path / "network.sqlite3")
    yield NetworkCoordinator(db)
    db.close()


def test_the_export_carries_the_convention_of_the_parameter_sets_used(
    files: dict[str, Path],
) -> None:
    fr = json.loads(files["fr"].read_text("utf-8"))
    ma = json.loads(files["ma1"].read_text("utf-8"))
    assert fr["centre"]["co2_conventions"] == [{"code": "fr-dpe-2021", "year": 2021}]
    assert ma["centre"]["co2_conventions"] == [{"code": "ember-grid-average", "year": 2022}]
    assert schema_errors(fr) == [] and schema_errors(ma) == []
    old = json.loads(files["ma2_old"].read_text("utf-8"))
    assert schema_errors(old) == []  # files of earlier versions stay valid


def test_one_convention_is_not_flagged(
    coordinator: NetworkCoordinator, files: dict[str, Path]
) -> None:
    outcomes = coordinator.import_files([files["ma1"], files["ma2"]])
    assert [o.error for o in outcomes] == [None, None]
    summary = coordinator.summary()
    assert summary.co2_conventions() == {"ember-grid-average": ["MA-01", "MA-02"]}
    assert summary.co2_mixed is False
    assert outcomes[0].info is not None
    assert outcomes[0].info.co2_conventions == (("ember-grid-average", 2022),)


def test_centres_with_different_conventions_are_flagged_on_the_report(
    coordinator: NetworkCoordinator, files: dict[str, Path]
) -> None:
    coordinator.import_files([files["fr"], files["ma1"]])
    summary = coordinator.summary()
    assert summary.co2_conventions() == {
        "ember-grid-average": ["MA-01"],
        "fr-dpe-2021": ["FR-01"],
    }
    assert summary.co2_mixed is True
    report = compose_report(summary, [], "en", lambda code, _lang: code, date(2026, 1, 5))
    facts = dict(report.facts)
    assert "fr-dpe-2021: FR-01" in facts["CO₂ conventions"]
    assert "not comparable" in facts["CO₂ conventions"]
    assert "not comparable" in report.by_centre.note


def test_a_file_that_does_not_state_its_convention_is_flagged(
    coordinator: NetworkCoordinator, files: dict[str, Path]
) -> None:
    coordinator.import_files([files["ma1"], files["ma2_old"]])
    summary = coordinator.summary()
    assert summary.co2_conventions() == {"": ["MA-02"], "ember-grid-average": ["MA-01"]}
    assert summary.co2_mixed is True
    report = compose_report(summary, [], "en", lambda code, _lang: code, date(2026, 1, 5))
    assert "not stated (earlier version): MA-02" in dict(report.facts)["CO₂ conventions"]


def test_the_monthly_report_names_the_convention_of_its_figures(tmp_path: Path) -> None:
    from testkit.contexts import make_ctx

    from siec_desk.domain.activity_period import month
    from siec_desk.domain.consultation_records import ConsultationInput, MeasureChoice
    from siec_desk.domain.household_records import HouseholdInput

    ctx = make_ctx(tmp_path / "tn.sqlite3", "TN")
    try:
        household = ctx.households.create(HouseholdInput(last_name="Ben Salah"))
        when = ctx.consultations.get(
            ctx.consultations.add(
                ConsultationInput(
                    mode="walk_in",
                    themes=("lighting",),
                    household_id=household,
                    measures=(MeasureChoice("led_lighting"),),
                )
            )
        ).summary.occurred_at.date()
        notes = ctx.reports.monthly(month(when), "fr").notes
        convention = ctx.reference.parameters("TN").co2_convention
        assert convention is not None
        assert any(convention.name("fr") in note for note in notes)
        empty = ctx.reports.monthly(month(date(2020, 1, 1)), "fr").notes
        assert not any(convention.name("fr") in note for note in empty)  # no figures, no claim
    finally:
        ctx.close()
