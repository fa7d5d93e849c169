"""The events and loans tables in real files and at the coordinator (issue 19, point 3):
a centre's export counts its events register and loans like the register's own figures
and names no place, title or partner; the coordinator imports 0.7 files beside version 2
files (which have none), refuses files that mix them up, and shows events and people
reached per centre and country in its summary, report (PDF, French and Arabic) and the
``stats export`` workbook (read back through LibreOffice)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select, update
from testkit.cli import Cli
from testkit.contexts import make_ctx
from testkit.coordinator import YEAR, centre_export, grand_total, older_file
from testkit.letters import pdftotext

from siec_desk.core.formatting import format_number, locale_for
from siec_desk.network.coordinator.database import open_network_database
from siec_desk.network.export.export_format import json_bytes, schema_errors
from siec_desk.services.demo.generator import DemoOptions, generate_demo
from siec_desk.services.events import event_figures
from siec_desk.services.loans import loan_figures
from siec_desk.services.network.coordinator import NetworkCoordinator
from siec_desk.storage.models import Centre, Consultation, Event
from tests.integration.test_network_before_after_files import _soffice_csv

EVENTS = "events_by_month_event_type"
MET = "households_met_by_month_event_type"
LOANS = "loans_by_month_item_type"
REGISTER = (EVENTS, "participants_by_month_audience", MET, LOANS)


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("centres")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SIEC_DESK_HOME", str(tmp_path_factory.mktemp("home")))
        (fr1,) = centre_export(folder, "FR", "FR-01", 1, households=200)
        (fr2,) = centre_export(folder, "FR", "FR-02", 2, households=200)
        (ma,) = centre_export(folder, "MA", "MA-01", 3, households=100)
    v2 = folder / "MA-01-v2.json"
    v2.write_text(json.dumps(older_file(json.loads(ma.read_text("utf-8")), 2)), "utf-8")
    return {"fr1": fr1, "fr2": fr2, "ma": ma, "ma_v2": v2}


def test_the_export_counts_the_register_and_names_no_place_of_an_event(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SIEC_DESK_HOME", str(tmp_path / "home"))
    ctx = make_ctx(tmp_path / "centre.sqlite3", "FR")
    try:
        generate_demo(ctx, DemoOptions(households=200, seed=4, years=1, until=date(2025, 12, 31)))
        with ctx.db.write() as session:
            session.execute(update(Centre).values(network_code="FR-09"))
        document = ctx.network_export.build(YEAR)
        data = json.loads(json_bytes(document))
        assert schema_errors(data) == []
        start, end = date(2025, 1, 1), date(2025, 12, 31)
        events = event_figures(ctx.db, start, end)
        loans = loan_figures(ctx.db, start, end, today=date(2026, 1, 1))
        with ctx.db.read() as session:
            pairs = session.scalar(
                select(func.count()).select_from(
                    select(Consultation.household_id, Event.id)
                    .join(Event, Event.id == Consultation.event_id)
                    .where(Event.occurred_on.between(start, end))
                    .where(Consultation.household_id.is_not(None))
                    .distinct()
                    .subquery()
                )
            )
            free_text = [
                t
                for row in session.execute(select(Event.title, Event.partners, Event.notes))
                for t in row
                if t and len(t) > 4
            ]
    finally:
        ctx.close()
    assert events.events >= 20 and pairs
    assert grand_total_of(data, EVENTS, "events") == events.events
    assert grand_total_of(data, EVENTS, "participants") == events.participants
    # the demo links few consultations to events: fewer than k households stay hidden
    assert grand_total_of(data, MET, "households_met") in ((pairs, None) if pairs >= 5 else (None,))
    assert grand_total_of(data, LOANS, "lent") in (loans.lent, None)
    text = json.dumps(data, ensure_ascii=False)
    # (an event's commune may be named by the consultations' places, never by the event)
    assert free_text and not [t for t in free_text if t in text]
    # the events tables' contributor is the event: the file says which measures are
    # protected by dominance
    assert "participants" in data["protection"]["dominance"]["measures"]


def grand_total_of(data: dict[str, object], table: str, measure: str) -> object:
    spec = next(t for t in data["tables"] if t["id"] == table)  # type: ignore[attr-defined]
    rows, columns = spec["dimensions"]
    [cell] = [c for c in spec["cells"] if c[rows] == "*" and c[columns] == "*"]
    return cell[measure]


def test_older_files_lack_the_tables_and_a_mixed_up_file_is_refused(
    files: dict[str, Path], tmp_path: Path
) -> None:
    v3 = json.loads(files["fr1"].read_text("utf-8"))
    assert {t["id"] for t in v3["tables"]} >= set(REGISTER)
    v2 = json.loads(files["ma_v2"].read_text("utf-8"))
    assert not {t["id"] for t in v2["tables"]} & set(REGISTER)
    wrong_v2 = tmp_path / "wrong-v2.json"
    ma = json.loads(files["ma"].read_text("utf-8"))
    wrong_v2.write_text(json.dumps({**v2, "tables": ma["tables"]}), "utf-8")
    wrong_v3 = tmp_path / "wrong-v3.json"
    wrong_v3.write_text(
        json.dumps({**v3, "tables": [t for t in v3["tables"] if t["id"] != EVENTS]}), "utf-8"
    )
    db = open_network_database(tmp_path / "network.sqlite3")
    try:
        outcomes = NetworkCoordinator(db).import_files([wrong_v2, wrong_v3])
        assert "is not a table of format version 2" in str(outcomes[0].error)
        assert f"lacks table {EVENTS}" in str(outcomes[1].error)
    finally:
        db.close()


def test_the_summary_shows_events_and_people_reached_per_centre_and_country(
    files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    network = tmp_path / "network.sqlite3"
    db = open_network_database(network)
    try:
        coordinator = NetworkCoordinator(db)
        outcomes = coordinator.import_files([files[n] for n in ("fr1", "fr2", "ma_v2")])
        assert [o.error for o in outcomes] == [None] * 3
        summary = coordinator.summary()
    finally:
        db.close()
    by_centre = {line.key: line.figures for line in summary.by_centre}
    for code, name in (("FR-01", "fr1"), ("FR-02", "fr2")):
        for table, measure in (
            (EVENTS, "events"),
            (EVENTS, "participants"),
            (MET, "households_met"),
        ):
            assert by_centre[code][measure].value == grand_total(files[name], table, measure)
    assert by_centre["MA-01"]["events"].value is None  # a version 2 file: no data ("—")
    france = next(line for line in summary.by_country if line.key == "FR")
    published = [grand_total(files[n], EVENTS, "participants") for n in ("fr1", "fr2")]
    assert france.figures["participants"].value == sum(p for p in published if p is not None)
    assert france.figures["participants"].incomplete == (None in published)
    cli = Cli(tmp_path / "unused.sqlite3", capsys)
    code, out, _err = cli("--lang", "en", "network", "summary", "--network-db", str(network))
    assert code == 0 and "Events and people reached" in out
    code, out, _err = cli("network", "summary", "--network-db", str(network), "--json")
    line = next(c for c in json.loads(out)["by_centre"] if c["network_code"] == "FR-01")
    assert line["events"]["value"] == grand_total(files["fr1"], EVENTS, "events")


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_network_report_prints_the_events_tables(
    files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str], language: str
) -> None:
    cli = Cli(tmp_path / "unused.sqlite3", capsys)
    network = tmp_path / "network.sqlite3"
    names = [str(files[n]) for n in ("fr1", "fr2", "ma")]
    assert cli("network", "import", *names, "--network-db", str(network))[0] == 0
    pdf = tmp_path / f"report-{language}.pdf"
    code, _out, err = cli("network", "report", "--network-db", str(network), "--out", str(pdf),
                          "--lang", language)  # fmt: skip
    assert code == 0, err
    text = pdftotext(pdf.read_bytes(), tmp_path)
    locale = locale_for(language, "MA" if language == "ar" else "FR")
    for name in ("fr1", "fr2", "ma"):
        events = grand_total(files[name], EVENTS, "events")
        assert isinstance(events, int) and format_number(events, locale) in text


def test_stats_export_writes_the_events_tables_in_excel(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SIEC_DESK_HOME", str(tmp_path / "home"))
    path = tmp_path / "centre.sqlite3"
    ctx = make_ctx(path, "FR")
    try:
        generate_demo(ctx, DemoOptions(households=200, seed=1, years=1, until=date(2025, 12, 31)))
        with ctx.db.write() as session:
            session.execute(update(Centre).values(network_code="FR-01"))
    finally:
        ctx.close()
    cli = Cli(path, capsys)
    for suffix in ("json", "xlsx"):
        code, _out, err = cli("--lang", "en", "stats", "export", "--from", "2025-01",
                              "--to", "2025-12", "--threshold", "5",
                              "--out", str(tmp_path / f"x.{suffix}"))  # fmt: skip
        assert code == 0, (suffix, err)
    data = json.loads((tmp_path / "x.json").read_text("utf-8"))
    total = grand_total_of(data, EVENTS, "events")
    assert isinstance(total, int) and total > 0
    sheets = _soffice_csv(tmp_path / "x.xlsx", tmp_path)
    found = [g for title, g in sheets.items() if "events and part" in title.lower()]
    assert len(found) == 1, list(sheets)
    grid = found[0]
    line = next(r for r in grid if r and r[0] == "Total")  # the events block comes first
    assert total in [int(v.replace(",", "")) for v in line[1:] if v.replace(",", "").isdigit()]
