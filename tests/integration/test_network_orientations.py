"""Orientations in the network export (issue 18, point 2): a table of (consultation,
orientation) pairs, protected like the others and counted like the Activity page; format
version 2, whose schema still accepts version 1 files; a coordinator merging a version 1
and a version 2 file shows the new table in its view and its report."""

from __future__ import annotations

import io
import json
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from sqlalchemy import delete, insert, update
from testkit.cli import Cli
from testkit.coordinator import YEAR, centre_export, grand_total, older_file
from testkit.databases import Databases
from testkit.letters import pdftotext
from testkit.network import determined, published_counts

from siec_desk.domain.activity_period import month
from siec_desk.network.coordinator.database import open_network_database
from siec_desk.network.export.export_format import FORMAT_VERSION, schema_errors, to_json
from siec_desk.network.export.suppression import TOTAL
from siec_desk.services.app import AppContext, open_app
from siec_desk.services.network.coordinator import NetworkCoordinator
from siec_desk.services.network.export import ExportOptions
from siec_desk.storage.models import (
    Centre,
    Consultation,
    ConsultationOrientation,
    ConsultationTheme,
    Household,
    RecommendedMeasure,
)

TABLE = "orientation_mentions_by_month_orientation"
PERIOD = ExportOptions(date(2025, 1, 1), date(2025, 3, 1))
CODES = ("mar", "adil", "rge_pro", "local_authority")

consultations = st.lists(
    st.tuples(
        st.integers(0, 2),  # month of the period
        st.one_of(st.none(), st.integers(0, 25)),  # household
        st.sets(st.sampled_from(CODES), max_size=2),  # orientations
    ),
    max_size=200,
)


@pytest.fixture(scope="module")
def random_db(
    tmp_path_factory: pytest.TempPathFactory, module_db: Databases
) -> Iterator[AppContext]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SIEC_DESK_HOME", str(tmp_path_factory.mktemp("home")))
        ctx = open_app(module_db("random"))
        with ctx.db.write() as session:
            session.execute(update(Centre).values(network_code="TEST-01"))
        yield ctx
        ctx.close()


def _fill(ctx: AppContext, rows: list[tuple[int, int | None, set[str]]]) -> None:
    with ctx.db.write() as session:
        for model in (
            ConsultationOrientation, RecommendedMeasure, ConsultationTheme, Consultation, Household
        ):  # fmt: skip
            session.execute(delete(model))
        session.execute(
            insert(Household),
            [
                {"id": h + 1, "last_name": f"Nom{h}", "country": "FR", "search_text": ""}
                for h in range(26)
            ],
        )
        for n, (m, household, codes) in enumerate(rows):
            session.execute(
                insert(Consultation).values(
                    id=n + 1,
                    household_id=None if household is None else household + 1,
                    occurred_at=datetime(2025, m + 1, 1 + n % 28, 9, 0),
                    duration_min=10,
                    mode="phone",
                    act="advice",
                )
            )
            session.execute(
                insert(ConsultationTheme).values(consultation_id=n + 1, theme="heating")
            )
            if codes:
                session.execute(
                    insert(ConsultationOrientation),
                    [{"consultation_id": n + 1, "code": c} for c in codes],
                )


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(consultations, st.integers(3, 10))
def test_random_orientations_are_protected_and_counted_like_the_activity_page(
    random_db: AppContext, rows: list[tuple[int, int | None, set[str]]], threshold: int
) -> None:
    _fill(random_db, rows)
    options = ExportOptions(PERIOD.first_month, PERIOD.last_month, threshold)
    document = random_db.network_export.build(options)
    assert schema_errors(to_json(document)) == []
    table = next(t for t in document.tables if t.spec.id == TABLE)
    assert [c for c in published_counts(table) if 1 <= c < threshold] == []
    assert determined(table) == []
    # Independently: pairs and distinct contributors per (month, code)
    pairs: Counter[tuple[str, str]] = Counter()
    people: defaultdict[tuple[str, str], set[int]] = defaultdict(set)
    for n, (m, household, codes) in enumerate(rows):
        for code in codes:
            cell = (f"2025-{m + 1:02d}", code)
            pairs[cell] += 1
            people[cell].add(household if household is not None else -1 - n)
    for (row, column), values in table.cells.items():
        if values is None or TOTAL in (row, column):
            continue
        assert values["orientation_mentions"] == pairs[(row, column)]
        assert pairs[(row, column)] == 0 or len(people[(row, column)]) >= threshold
        # the Activity page counts the same pairs
        found = random_db.stats.indicators(
            month(date.fromisoformat(row + "-01")), ["orientation"]
        ).get((column,))
        assert (found.consultations if found else 0) == values["orientation_mentions"]
    total = table.cells[(TOTAL, TOTAL)]
    if total is not None:
        assert total["orientation_mentions"] == sum(len(codes) for _m, _h, codes in rows)


# -- the coordinator: a version 2 file and a version 1 file ---------------------------------


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("centres")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SIEC_DESK_HOME", str(tmp_path_factory.mktemp("home")))
        (fr,) = centre_export(folder, "FR", "FR-01", 1, periods=(YEAR,))
        (ma,) = centre_export(folder, "MA", "MA-01", 2, periods=(YEAR,))
    old = older_file(json.loads(ma.read_text("utf-8")), 1)  # as SIEC Desk 0.5 wrote it
    ma_v1 = folder / "MA-01-v1.json"
    ma_v1.write_text(json.dumps(old, ensure_ascii=False), "utf-8")
    return {"fr": fr, "ma": ma, "ma_v1": ma_v1}


def test_a_centre_writes_version_2_with_the_orientation_table(files: dict[str, Path]) -> None:
    data = json.loads(files["fr"].read_text("utf-8"))
    assert data["format_version"] == FORMAT_VERSION == 3  # 3: the before/after table
    table = next(t for t in data["tables"] if t["id"] == TABLE)
    assert table["dimensions"] == ["month", "orientation"]
    assert table["measures"] == ["orientation_mentions"]
    assert "mar" in table["columns"] and "agency_programme" not in table["columns"]
    assert isinstance(grand_total(files["fr"], TABLE, "orientation_mentions"), int)
    ma = json.loads(files["ma"].read_text("utf-8"))
    columns = next(t for t in ma["tables"] if t["id"] == TABLE)["columns"]
    assert "energy_company" in columns and "mar" not in columns
    assert schema_errors(json.loads(files["ma_v1"].read_text("utf-8"))) == []


def test_the_coordinator_merges_a_version_1_and_a_version_2_file(
    files: dict[str, Path], tmp_path: Path
) -> None:
    db = open_network_database(tmp_path / "network.sqlite3")
    try:
        coordinator = NetworkCoordinator(db)
        outcomes = coordinator.import_files([files["fr"], files["ma_v1"]])
        assert [o.error for o in outcomes] == [None, None]
        merged = next(t for t in coordinator.tables() if t.id == TABLE)
        fr_total = grand_total(files["fr"], TABLE, "orientation_mentions")
        assert merged.figure(TOTAL, TOTAL, "orientation_mentions").known == fr_total
        assert merged.column_dimension == "orientation"
        # the version 1 centre still counts everywhere else
        summary = coordinator.summary()
        assert [i.network_code for i in summary.imports] == ["FR-01", "MA-01"]
        assert summary.by_country[1].figures["consultations"].value == grand_total(
            files["ma_v1"], "consultations_by_month_mode", "consultations"
        )
    finally:
        db.close()


def test_the_network_report_shows_the_orientations_in_french_and_arabic(
    files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli = Cli(tmp_path / "unused.sqlite3", capsys)
    network = tmp_path / "network.sqlite3"
    assert cli("network", "import", str(files["fr"]), str(files["ma"]),
               "--network-db", str(network))[0] == 0  # fmt: skip
    out = tmp_path / "network.xlsx"
    code, _out, err = cli("network", "report", "--network-db", str(network), "--out", str(out),
                          "--lang", "en")  # fmt: skip
    assert code == 0, err
    book = load_workbook(io.BytesIO(out.read_bytes()))
    [sheet] = [ws for ws in book.worksheets if "Orientations by month" in ws.title]
    texts = {str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None}
    assert "Mon Accompagnateur Rénov' or Anah operator" in texts
    for language in ("fr", "ar"):  # "SLIME" stays in every language's label
        pdf = tmp_path / f"{language}.pdf"
        code, _out, err = cli("network", "report", "--network-db", str(network),
                              "--out", str(pdf), "--lang", language)  # fmt: skip
        assert code == 0, err
        assert "SLIME" in pdftotext(pdf.read_bytes(), tmp_path), language
