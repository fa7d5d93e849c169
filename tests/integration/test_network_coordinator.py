"""The coordinator's side: three centres' files (one French, two Moroccan) made by the real
export service, imported into a network database of their own and merged; re-imports
replace and never double count; bad files are refused clearly with nothing stored; the
command line; the report as Excel and PDF."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select, text
from testkit.cli import Cli
from testkit.coordinator import YEAR, centre_export, grand_total
from testkit.letters import pdftotext

from siec_desk.network.coordinator.database import open_network_database
from siec_desk.network.coordinator.models import Cell, Import
from siec_desk.services.network.coordinator import NetworkCoordinator
from siec_desk.services.network.export import ExportOptions

Q1 = ExportOptions(date(2025, 1, 1), date(2025, 3, 1), threshold=5)
Q2 = ExportOptions(date(2025, 4, 1), date(2025, 6, 1), threshold=5)


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """FR-01 (a year, its first and second quarters), MA-01 and MA-02 (a year)."""
    folder = tmp_path_factory.mktemp("centres")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SIEC_DESK_HOME", str(tmp_path_factory.mktemp("home")))
        fr_year, fr_q1, fr_q2 = centre_export(folder, "FR", "FR-01", 1, periods=(YEAR, Q1, Q2))
        (ma1,) = centre_export(folder, "MA", "MA-01", 2)
        (ma2,) = centre_export(folder, "MA", "MA-02", 3)
    yield {"fr": fr_year, "fr_q1": fr_q1, "fr_q2": fr_q2, "ma1": ma1, "ma2": ma2}


@pytest.fixture
def coordinator(tmp_path: Path) -> Iterator[NetworkCoordinator]:
    db = open_network_database(tmp_path / "network.sqlite3")
    yield NetworkCoordinator(db)
    db.close()


def _published(paths: list[Path]) -> dict[tuple[str, str, str, str], tuple[int, bool]]:
    """Per (table, row, column, measure): the sum of the files' published values and
    whether any file hid it, computed from the files themselves."""
    found: dict[tuple[str, str, str, str], tuple[int, bool]] = {}
    for path in paths:
        data = json.loads(path.read_text("utf-8"))
        for table in data["tables"]:
            rows, columns = table["dimensions"]
            for cell in table["cells"]:
                for measure in table["measures"]:
                    entry = (table["id"], cell[rows], cell[columns], measure)
                    total, hidden = found.get(entry, (0, False))
                    value = cell[measure]
                    found[entry] = (total + (value or 0), hidden or value is None)
    return found


def _count(coordinator: NetworkCoordinator, model: type) -> int:
    with coordinator.db.read() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_three_centres_merge_into_network_tables(
    coordinator: NetworkCoordinator, files: dict[str, Path]
) -> None:
    paths = [files["fr"], files["ma1"], files["ma2"]]
    outcomes = coordinator.import_files(paths)
    assert [o.error for o in outcomes] == [None, None, None]
    expected = _published(paths)
    checked = 0
    for table in coordinator.tables():
        for (row, column), measures in table.cells.items():
            for measure, figure in measures.items():
                total, hidden = expected[(table.id, row, column, measure)]
                assert figure.known == total, (table.id, row, column, measure)
                assert figure.incomplete == hidden, (table.id, row, column, measure)
                checked += 1
    assert checked > 1000
    # Money is summed per currency only: the savings table leaves it out network-wide.
    savings = next(t for t in coordinator.tables() if t.id == "savings_by_month_measure")
    assert savings.left_out == ["money_per_year_minor"]

    summary = coordinator.summary()
    assert [(i.network_code, i.country) for i in summary.imports] == [
        ("FR-01", "FR"),
        ("MA-01", "MA"),
        ("MA-02", "MA"),
    ]
    table = "consultations_by_month_mode"
    per_file = {k: grand_total(files[k], table, "consultations") for k in ("fr", "ma1", "ma2")}
    by_country = {line.key: line for line in summary.by_country}
    assert by_country["FR"].figures["consultations"].value == per_file["fr"]
    assert by_country["MA"].figures["consultations"].value == per_file["ma1"] + per_file["ma2"]
    assert by_country["MA"].centres == 2
    assert summary.total["consultations"].value == sum(per_file.values())
    by_centre = {line.key: line.figures["consultations"].value for line in summary.by_centre}
    assert by_centre == {
        "FR-01": per_file["fr"],
        "MA-01": per_file["ma1"],
        "MA-02": per_file["ma2"],
    }
    march = next(m for m in summary.by_month if m.month == "2025-03")
    assert march.centres == 3
    assert march.by_country["FR"].value == grand_total(
        files["fr"], table, "consultations", "2025-03"
    )
    money = by_country["MA"].figures["money_per_year_minor"].value
    assert money == sum(
        grand_total(files[k], "savings_by_month_measure", "money_per_year_minor")
        for k in ("ma1", "ma2")
    )


def test_a_hidden_entry_makes_the_network_figure_incomplete_not_zero(
    coordinator: NetworkCoordinator, files: dict[str, Path], tmp_path: Path
) -> None:
    data = json.loads(files["ma1"].read_text("utf-8"))
    table = next(t for t in data["tables"] if t["id"] == "consultations_by_month_mode")
    total = next(c for c in table["cells"] if c["month"] == "*" and c["mode"] == "*")
    total.update(suppressed=True, consultations=None)  # as a centre would publish it
    hidden = tmp_path / "ma1-hidden.json"
    hidden.write_text(json.dumps(data), "utf-8")
    assert [o.error for o in coordinator.import_files([files["ma2"], hidden])] == [None, None]
    figure = coordinator.summary().total["consultations"]
    assert figure.incomplete
    assert figure.value == grand_total(files["ma2"], "consultations_by_month_mode", "consultations")


def test_reimporting_a_centre_replaces_it_and_never_double_counts(
    coordinator: NetworkCoordinator, files: dict[str, Path]
) -> None:
    coordinator.import_files([files["fr"], files["ma1"]])
    before = coordinator.summary()
    cells = _count(coordinator, Cell)
    again = coordinator.import_file(files["fr"])
    assert again.replaced == 1
    after = coordinator.summary()
    assert _count(coordinator, Import) == 2
    assert _count(coordinator, Cell) == cells
    assert after.total == before.total
    assert [m.total for m in after.by_month] == [m.total for m in before.by_month]


def test_a_file_whose_period_contains_earlier_ones_replaces_them(
    coordinator: NetworkCoordinator, files: dict[str, Path]
) -> None:
    assert coordinator.import_file(files["fr_q1"]).replaced == 0
    assert coordinator.import_file(files["fr_q2"]).replaced == 0
    # Other figures of FR-01: the coordinator confirms the replacement.
    [unconfirmed] = coordinator.import_files([files["fr"]])
    assert unconfirmed.code == "FR-01" and len(unconfirmed.unconfirmed) == 2
    assert (
        unconfirmed.error is not None
        and "would replace the figures of centre FR-01 (France)" in unconfirmed.error
    )
    assert coordinator.import_file(files["fr"], replace=["fr-01"]).replaced == 2
    summary = coordinator.summary()
    assert len(summary.imports) == 1
    table = "consultations_by_month_mode"
    january = next(m for m in summary.by_month if m.month == "2025-01")
    assert january.total.value == grand_total(files["fr"], table, "consultations", "2025-01")
    assert summary.total["consultations"].value == grand_total(files["fr"], table, "consultations")


def test_a_file_that_only_partly_overlaps_an_earlier_one_is_refused(
    coordinator: NetworkCoordinator, files: dict[str, Path]
) -> None:
    coordinator.import_file(files["fr"])
    before = coordinator.summary()
    [outcome] = coordinator.import_files([files["fr_q1"]])
    assert outcome.error is not None
    assert "FR-01" in outcome.error and "2025-01 to 2025-12" in outcome.error
    assert "partly overlaps" in outcome.error
    assert coordinator.summary() == before


def _variants(source: Path, folder: Path) -> dict[str, Path]:
    data = source.read_bytes()
    doc = json.loads(data)
    made = {
        "not_json": (folder / "notes.json", b"Bonjour, voici nos chiffres de 2025.\n"),
        "truncated": (folder / "cut.json", data[: len(data) // 2]),
        "empty": (folder / "empty.json", b""),
        "foreign": (folder / "other.json", json.dumps({"format": "other", "rows": []}).encode()),
        "newer": (folder / "newer.json", json.dumps({**doc, "format_version": 4}).encode()),
        "schema": (
            folder / "schema.json",
            json.dumps({**doc, "centre": {**doc["centre"], "country": "ES"}}).encode(),
        ),
        "csv": (folder / "centre.csv", b"\xef\xbb\xbfnetwork_code,country,currency\n"),
        "xlsx": (folder / "centre.json", b"PK\x03\x04" + b"\0" * 64),
    }
    for path, content in made.values():
        path.write_bytes(content)
    return {name: path for name, (path, _content) in made.items()}


EXPECTED = {
    "not_json": "not a SIEC Desk network export",
    "truncated": "truncated or damaged",
    "empty": "empty",
    "foreign": "not a SIEC Desk network export",
    "newer": "newer version of SIEC Desk (format version 4",
    "schema": "does not match the network export format (centre/country",
    "csv": "CSV file, written for people",
    "xlsx": "Excel file, written for people",
}


@pytest.mark.parametrize("kind", sorted(EXPECTED))
def test_bad_files_are_refused_clearly_with_nothing_stored(
    coordinator: NetworkCoordinator, files: dict[str, Path], tmp_path: Path, kind: str
) -> None:
    path = _variants(files["ma1"], tmp_path)[kind]
    [outcome] = coordinator.import_files([path])
    assert outcome.error is not None
    assert outcome.error.startswith(f"{path.name}: ")
    assert EXPECTED[kind] in outcome.error
    assert "\n" not in outcome.error
    assert _count(coordinator, Import) == 0
    assert _count(coordinator, Cell) == 0


def test_a_network_code_of_another_country_is_refused(
    coordinator: NetworkCoordinator, files: dict[str, Path], tmp_path: Path
) -> None:
    coordinator.import_file(files["fr"])
    doc = json.loads(files["ma1"].read_text("utf-8"))
    doc["centre"]["network_code"] = "FR-01"
    clash = tmp_path / "clash.json"
    clash.write_text(json.dumps(doc), "utf-8")
    [outcome] = coordinator.import_files([clash])
    assert outcome.error is not None and "another country (FR)" in outcome.error
    assert _count(coordinator, Import) == 1


# -- the network database ---------------------------------------------------------------


def test_the_network_database_is_never_a_centres_database(tmp_path: Path) -> None:
    from siec_desk.core.errors import DatabaseError
    from siec_desk.storage.database import open_database

    open_database(tmp_path / "centre.sqlite3").close()
    with pytest.raises(DatabaseError, match="is a centre's database"):
        open_network_database(tmp_path / "centre.sqlite3")
    not_sqlite = tmp_path / "notes.txt"
    not_sqlite.write_text("hello", "utf-8")
    with pytest.raises(DatabaseError, match="not a SIEC Desk network database"):
        open_network_database(not_sqlite)


def test_a_newer_network_schema_is_refused(tmp_path: Path) -> None:
    from siec_desk.core.errors import NewerSchemaError

    path = tmp_path / "network.sqlite3"
    db = open_network_database(path)
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE network_meta SET value = '99'"))
    db.close()
    with pytest.raises(NewerSchemaError, match="schema 99"):
        open_network_database(path)


def test_deleting_an_import_removes_its_cells(
    coordinator: NetworkCoordinator, files: dict[str, Path]
) -> None:
    """The foreign keys are on (the centre's engine PRAGMAs): ON DELETE CASCADE works."""
    coordinator.import_file(files["ma1"])
    with coordinator.db.write() as session:
        session.execute(Import.__table__.delete())
    assert _count(coordinator, Cell) == 0


# -- command line ----------------------------------------------------------------------


def test_cli_imports_three_centres_and_summarises_them(
    files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli = Cli(tmp_path / "unused-centre.sqlite3", capsys)
    network = tmp_path / "network.sqlite3"
    code, out, err = cli(
        "network", "import", str(files["fr"]), str(files["ma1"]), str(files["ma2"]),
        "--network-db", str(network),
    )  # fmt: skip
    assert code == 0, err
    assert len(out.strip().splitlines()) == 4
    assert "FR-01" in out and "MA-02" in out
    assert out.strip().splitlines()[-1] == "3 files: 3 imported, 0 refused."
    assert not (tmp_path / "unused-centre.sqlite3").exists()  # no centre database opened
    summary = cli.json("network", "summary", "--network-db", str(network))
    assert isinstance(summary, dict)
    assert [c["network_code"] for c in summary["by_centre"]] == ["FR-01", "MA-01", "MA-02"]
    total = sum(
        grand_total(files[k], "consultations_by_month_mode", "consultations")  # type: ignore[misc]
        for k in ("fr", "ma1", "ma2")
    )
    assert summary["total"]["consultations"] == {"value": total, "incomplete": False}
    assert {c["country"]: c["centres"] for c in summary["by_country"]} == {"FR": 1, "MA": 2}
    assert len(summary["by_month"]) == 12
    code, out, _err = cli("--lang", "fr", "network", "summary", "--network-db", str(network))
    assert code == 0 and "Maroc" in out


def test_cli_reports_each_failed_file_and_keeps_the_good_ones(
    files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli = Cli(tmp_path / "unused.sqlite3", capsys)
    network = tmp_path / "network.sqlite3"
    bad = _variants(files["ma1"], tmp_path)
    code, out, err = cli(
        "network", "import", str(bad["truncated"]), str(files["ma2"]), str(bad["csv"]),
        "--network-db", str(network),
    )  # fmt: skip
    assert code == 1
    assert "MA-02" in out
    lines = err.strip().splitlines()
    assert len(lines) == 2 and "cut.json" in lines[0] and "centre.csv" in lines[1]
    assert "Traceback" not in err
    summary = cli.json("network", "summary", "--network-db", str(network))
    assert [c["network_code"] for c in summary["by_centre"]] == ["MA-02"]  # type: ignore[index]


def test_cli_refuses_a_missing_network_database_and_a_bad_report_type(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli = Cli(tmp_path / "unused.sqlite3", capsys)
    missing = tmp_path / "none.sqlite3"
    code, _out, err = cli("network", "summary", "--network-db", str(missing))
    assert code == 1 and "does not exist" in err and not missing.exists()
    code, _out, err = cli("network", "report", "--network-db", str(missing), "--out", "r.odt")
    assert code == 1 and ".pdf or .xlsx" in err
    code, _out, _err = cli("network", "import", "--network-db", str(missing))
    assert code == 2  # no file: a usage error


def test_the_excel_report_holds_numbers_marks_and_frozen_headers(
    files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli = Cli(tmp_path / "unused.sqlite3", capsys)
    network = tmp_path / "network.sqlite3"
    assert cli("network", "import", str(files["fr"]), str(files["ma1"]), str(files["ma2"]),
               "--network-db", str(network))[0] == 0  # fmt: skip
    out = tmp_path / "network.xlsx"
    code, _out, err = cli("network", "report", "--network-db", str(network), "--out", str(out))
    assert code == 0, err
    book = load_workbook(io.BytesIO(out.read_bytes()))
    assert book.sheetnames[:5] == [
        "Summary", "By centre", "By country", "Consultations by month", "Centre files imported",
    ]  # fmt: skip
    countries = book["By country"]
    assert countries.freeze_panes == "B3"
    rows = {r[0]: r[1:] for r in countries.iter_rows(min_row=3, values_only=True)}
    fr = grand_total(files["fr"], "consultations_by_month_mode", "consultations")
    assert rows["France"][:2] == (1, fr)  # centres, consultations: numbers
    detail = book[book.sheetnames[5]]
    marks = [
        c.number_format
        for row in detail.iter_rows()
        for c in row
        if isinstance(c.value, int) and c.number_format.startswith('"≥')
    ]
    assert marks, "incomplete figures are marked as at least n"

    code, _out, _err = cli(
        "network", "report", "--network-db", str(network), "--out", str(out), "--lang", "ar"
    )
    assert code == 0
    book = load_workbook(io.BytesIO(out.read_bytes()))
    assert all(ws.sheet_view.rightToLeft for ws in book.worksheets)


def test_the_pdf_report_in_french_and_arabic(
    files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli = Cli(tmp_path / "unused.sqlite3", capsys)
    network = tmp_path / "network.sqlite3"
    assert cli("network", "import", str(files["fr"]), str(files["ma1"]), str(files["ma2"]),
               "--network-db", str(network))[0] == 0  # fmt: skip
    fr, ar = tmp_path / "fr.pdf", tmp_path / "ar.pdf"
    for path, language in ((fr, "fr"), (ar, "ar")):
        code, _out, err = cli(
            "network", "report", "--network-db", str(network), "--out", str(path),
            "--lang", language,
        )  # fmt: skip
        assert code == 0, err
    text_fr = pdftotext(fr.read_bytes(), tmp_path, page=1)
    assert "FR-01" in text_fr and "MA-02" in text_fr and "Maroc" in text_fr
    total = sum(
        grand_total(files[k], "consultations_by_month_mode", "consultations")  # type: ignore[misc]
        for k in ("fr", "ma1", "ma2")
    )
    assert f"{total:,}".replace(",", " ") in text_fr.replace("\u202f", " ")
    text_ar = pdftotext(ar.read_bytes(), tmp_path, page=1)
    assert "المغرب" in text_ar


# -- forged and inconsistent files (red-team MEDIUM-3, -4, -5, -7, -12) ------------------


def _table_of(doc: dict, table_id: str) -> dict:  # type: ignore[type-arg]
    return next(t for t in doc["tables"] if t["id"] == table_id)


def _cell(table: dict, row: str, column: str) -> dict:  # type: ignore[type-arg]
    rows, columns = table["dimensions"]
    return next(c for c in table["cells"] if c[rows] == row and c[columns] == column)


def _published_cell(table: dict) -> dict:  # type: ignore[type-arg]
    rows, columns = table["dimensions"]
    return next(
        c for c in table["cells"] if not c["suppressed"] and "*" not in (c[rows], c[columns])
    )


# A catalogue of forgeries, one branch per case of FORGED below: reads best as one list.
def _forge(kind: str, doc: dict, q2: dict) -> bytes | str:  # type: ignore[type-arg]  # noqa: C901
    """One forged variant of a good file *doc* (the first quarter), as JSON text."""
    mode = _table_of(doc, "consultations_by_month_mode")
    if kind == "cells_outside_period":  # Q1 file carrying Q2 cells (MEDIUM-3)
        q2_mode = _table_of(q2, "consultations_by_month_mode")
        mode["cells"] += [c for c in q2_mode["cells"] if c["month"] not in ("*",)]
    elif kind == "rows_outside_period":
        mode["rows"].append("2025-04")
    elif kind in ("huge_int", "huge_float", "int64"):  # MEDIUM-4
        value = {"huge_int": "1" + "0" * 400, "huge_float": "1e308", "int64": str(2**63)}[kind]
        _cell(mode, "*", "*")["consultations"] = "@@"
        return json.dumps(doc).replace('"@@"', value)
    elif kind == "impossible_date":
        doc["generated_on"] = "2026-02-30"
    elif kind == "deep":
        return '{"format": "siec-desk-network-export", "x": ' + "[" * 200_000 + "]" * 200_000 + "}"
    elif kind == "total_not_sum":  # MEDIUM-5
        _cell(mode, "*", "*").update(suppressed=False, consultations=123_457)
    elif kind == "absurd_count":
        _cell(mode, "*", "*").update(suppressed=False, consultations=9_223_372_036_854_775_807)
    elif kind == "absurd_margin":  # cells and margins agree, but no centre records that
        _cell(mode, "*", "*").update(suppressed=False, consultations=10**12)
    elif kind == "negative_sum":
        savings = _table_of(doc, "savings_by_month_measure")
        _cell(savings, "*", "*").update(suppressed=False, kwh_per_year=-(10**15))
    elif kind == "dimension_codes":
        act = _table_of(doc, "consultations_by_month_act")
        mode["columns"], mode["cells"] = (
            act["columns"],
            [
                {**{k: v for k, v in c.items() if k != "act"}, "mode": c["act"]}
                for c in act["cells"]
            ],
        )
    elif kind == "unknown_table":
        doc["tables"].append({**mode, "id": "zzz_fake"})
    elif kind == "missing_cell":
        mode["cells"].remove(_published_cell(mode))
    elif kind == "duplicate_key":
        text = json.dumps(doc)
        return text.replace('"network_code": ', '"network_code": "ALEC-06", "network_code": ', 1)
    elif kind == "control_in_place":  # MEDIUM-7
        doc["places"].append({"code": "FR-13/Mar\x01seille", "level": "commune"})
    elif kind == "bidi_in_place":
        doc["places"].append({"code": "FR-13/\u202egnillessiaM", "level": "commune"})
    elif kind == "bidi_in_version":
        doc["software"]["version"] = "0.4.0\u202e\n<script>"
    return json.dumps(doc)


FORGED = {
    "cells_outside_period": "lies outside its rows, columns or months",
    "rows_outside_period": "rows of table consultations_by_month_mode are not the months",
    "huge_int": "far too large",
    "huge_float": "figure no centre can record",
    "int64": "far too large",
    "impossible_date": "2026-02-30 is not a real date",
    "deep": "nested far too deeply",
    "total_not_sum": "do not add up",
    "absurd_count": "far too large",
    "negative_sum": "figure no centre can record",
    "absurd_margin": "figure no centre can record",
    "dimension_codes": "unknown code",
    "unknown_table": "zzz_fake is not a table",
    "missing_cell": "lacks some of its cells",
    "duplicate_key": "network_code is given twice",
    "control_in_place": "control or text-direction character",
    "bidi_in_place": "control or text-direction character",
    "bidi_in_version": "control or text-direction character",
}


@pytest.mark.parametrize("kind", sorted(FORGED))
def test_a_forged_file_is_refused_in_one_line_and_the_batch_goes_on(
    coordinator: NetworkCoordinator, files: dict[str, Path], tmp_path: Path, kind: str
) -> None:
    doc = json.loads(files["fr_q1"].read_text("utf-8"))
    q2 = json.loads(files["fr_q2"].read_text("utf-8"))
    forged = tmp_path / f"{kind}.json"
    text = _forge(kind, doc, q2)
    forged.write_text(text if isinstance(text, str) else text.decode(), "utf-8")
    outcomes = coordinator.import_files([forged, files["ma2"]])
    assert outcomes[0].error is not None, kind
    assert outcomes[0].error.startswith(f"{forged.name}: ") and "\n" not in outcomes[0].error
    assert FORGED[kind] in outcomes[0].error
    assert outcomes[1].ok  # the next file of the batch is imported
    assert [i.network_code for i in coordinator.imports()] == ["MA-02"]


def test_a_q1_file_with_q2_cells_never_double_counts_q2(
    files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The red-team's MEDIUM-3 through the command line: the forged file is refused, the
    real Q2 file imported once, and the summary holds Q2's own figures."""
    doc = json.loads(files["fr_q1"].read_text("utf-8"))
    q2 = json.loads(files["fr_q2"].read_text("utf-8"))
    forged = tmp_path / "q1_with_q2_cells.json"
    forged.write_text(str(_forge("cells_outside_period", doc, q2)), "utf-8")
    cli = Cli(tmp_path / "unused.sqlite3", capsys)
    network = tmp_path / "network.sqlite3"
    code, out, err = cli(
        "network", "import", str(forged), str(files["fr_q2"]), "--network-db", str(network)
    )
    assert code == 1 and "q1_with_q2_cells.json" in err and "Traceback" not in err
    assert out.strip().splitlines()[-1] == "2 files: 1 imported, 1 refused."
    summary = cli.json("network", "summary", "--network-db", str(network))
    april = next(m for m in summary["by_month"] if m["month"] == "2025-04")  # type: ignore[index]
    table = "consultations_by_month_mode"
    assert april["consultations"]["value"] == grand_total(
        files["fr_q2"], table, "consultations", "2025-04"
    )


def test_a_file_claiming_another_centres_code_needs_confirmation(
    files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """MEDIUM-5: a file with MA-01's code (any case) but other figures does not silently
    replace MA-01, nor count as a second centre; --replace-centre confirms it."""
    cli = Cli(tmp_path / "unused.sqlite3", capsys)
    network = tmp_path / "network.sqlite3"
    assert cli("network", "import", str(files["ma1"]), "--network-db", str(network))[0] == 0
    doc = json.loads(files["ma2"].read_text("utf-8"))
    doc["centre"]["network_code"] = "ma-01"
    fake = tmp_path / "fake.json"
    fake.write_text(json.dumps(doc), "utf-8")
    code, _out, err = cli("network", "import", str(fake), "--network-db", str(network))
    assert code == 1 and len(err.strip().splitlines()) == 1
    assert "would replace the figures of centre MA-01 (Morocco)" in err
    assert files["ma1"].name in err and "--replace-centre MA-01" in err
    summary = cli.json("network", "summary", "--network-db", str(network))
    ma1 = grand_total(files["ma1"], "consultations_by_month_mode", "consultations")
    assert [c["network_code"] for c in summary["by_centre"]] == ["MA-01"]  # type: ignore[index]
    assert summary["total"]["consultations"]["value"] == ma1  # type: ignore[index]
    # The same file again needs no confirmation; the coordinator's confirmation replaces.
    assert cli("network", "import", str(files["ma1"]), "--network-db", str(network))[0] == 0
    code, out, err = cli(
        "network", "import", str(fake), "--network-db", str(network), "--replace-centre", "MA-01"
    )
    assert code == 0, err
    assert "(replaces 1 earlier file)" in out
    summary = cli.json("network", "summary", "--network-db", str(network))
    assert [c["network_code"] for c in summary["by_centre"]] == ["MA-01"]  # type: ignore[index]


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(
    coordinator: NetworkCoordinator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    from siec_desk.network.coordinator import reading

    big = tmp_path / "big_invalid.json"
    with big.open("wb") as handle:
        handle.truncate(reading.MAX_BYTES + 1)  # sparse: nothing to read
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("the file was read"))
    started = time.perf_counter()
    [outcome] = coordinator.import_files([big])
    assert time.perf_counter() - started < 1
    assert outcome.error is not None and "far too large" in outcome.error


def test_too_many_entries_are_refused_before_the_schema(
    coordinator: NetworkCoordinator, files: dict[str, Path], tmp_path: Path
) -> None:
    import time

    from siec_desk.network.coordinator import reading

    doc = json.loads(files["ma1"].read_text("utf-8"))
    mode = _table_of(doc, "consultations_by_month_mode")
    mode["cells"] = [{"month": "2026-13", "mode": "phone", "suppressed": True}] * (
        reading.MAX_CELLS + 1
    )
    crowded = tmp_path / "crowded.json"
    crowded.write_text(json.dumps(doc), "utf-8")
    assert crowded.stat().st_size < reading.MAX_BYTES
    started = time.perf_counter()
    [outcome] = coordinator.import_files([crowded])
    assert time.perf_counter() - started < 2
    assert outcome.error is not None and "far more entries" in outcome.error
