"""The before/after table in the files and at the coordinator (issue 18, points 5 and 6):
``stats export`` writes it in JSON, CSV and Excel (read back through LibreOffice); the
coordinator imports version 3 files beside version 1 and 2 files (which have none), merges
it per country and kind with household-weighted means (a suppressed row is unknown), and
the network report shows it (PDF in French and Arabic, Excel)."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from sqlalchemy import update
from testkit.cli import Cli
from testkit.contexts import make_ctx
from testkit.coordinator import centre_export, older_file
from testkit.letters import pdftotext

from siec_desk.core.formatting import format_number, locale_for
from siec_desk.core.i18n import language_override
from siec_desk.network.coordinator.database import open_network_database
from siec_desk.network.export.before_after import (
    KINDS,
    BeforeAfterRow,
    CentreRow,
    merge_before_after,
    round_half_up,
)
from siec_desk.network.export.export_format import schema_errors
from siec_desk.services.demo.generator import DemoOptions, generate_demo
from siec_desk.services.network.coordinator import NetworkCoordinator
from siec_desk.storage.models import Centre
from siec_desk.texts.labels import READING_KINDS, label

CSV_ALL_SHEETS = "csv:Text - txt - csv (StarCalc):44,34,UTF8,1,,0,false,true,false,false,false,-1"
ORIENTATIONS = "orientation_mentions_by_month_orientation"


# -- the merge, on its own --------------------------------------------------------------
centre_row = st.tuples(
    st.sampled_from(("FR", "MA")),
    st.sampled_from(KINDS[:2]),
    st.one_of(st.none(), st.integers(0, 500)),  # households (None: suppressed)
    st.integers(0, 50_000),  # tenths of a quantity before
    st.integers(0, 50_000),  # after
    st.one_of(st.none(), st.tuples(st.integers(0, 90_000), st.integers(0, 90_000))),
)


@given(st.lists(centre_row, max_size=12))
def test_merged_means_are_household_weighted_means_of_the_centre_rows(
    rows: list[tuple[str, str, int | None, int, int, tuple[int, int] | None]],
) -> None:
    currency = {"FR": "EUR", "MA": "MAD"}
    centres = [
        CentreRow(
            f"C{n}",
            country,
            currency[country],
            BeforeAfterRow(kind, True, None)
            if households is None
            else BeforeAfterRow(
                kind,
                False,
                households,
                before / 10 if households else None,
                after / 10 if households else None,
                None,
                *(amounts if households and amounts else (None, None)),
            ),
        )
        for n, (country, kind, households, before, after, amounts) in enumerate(rows)
    ]
    merged = {(m.country, m.kind): m for m in merge_before_after(centres)}
    assert len(merged) == len({(c.country, c.row.kind) for c in centres})
    for (country, kind), m in merged.items():
        mine = [c.row for c in centres if (c.country, c.row.kind) == (country, kind)]
        published = [r for r in mine if not r.suppressed and r.households]
        assert m.currency == currency[country]  # never across currencies
        assert m.hidden == sum(r.suppressed for r in mine)
        assert m.households == sum(r.households or 0 for r in published)
        if not published:
            assert m.quantity_before is None and m.amount_before_minor is None
            continue
        weight = sum(r.households or 0 for r in published)
        exact = sum((r.households or 0) * (r.quantity_before or 0) for r in published) / weight
        assert m.quantity_before == round_half_up(exact, 1)
        if all(r.amount_after_minor is not None for r in published):
            exact_amount = (
                sum((r.households or 0) * (r.amount_after_minor or 0) for r in published) / weight
            )
            assert m.amount_after_minor == int(round_half_up(exact_amount))
        else:
            assert m.amount_after_minor is None and m.amount_before_minor is None


# -- files of real centres --------------------------------------------------------------
def _downgrade(path: Path, version: int) -> Path:
    """The file as SIEC Desk 0.6 (version 2) or 0.5 (version 1) wrote it."""
    data = older_file(json.loads(path.read_text("utf-8")), version)
    out = path.with_name(f"{path.stem}-v{version}.json")
    out.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return out


def _hide(path: Path, kind: str) -> Path:
    """The file with *kind*'s row suppressed (as a centre below the threshold writes it)."""
    data = json.loads(path.read_text("utf-8"))
    for row in data["before_after"]["rows"]:
        if row["kind"] == kind:
            row.update({k: None for k in row if k not in ("kind", "suppressed")}, suppressed=True)
    out = path.with_name(f"{path.stem}-hidden.json")
    out.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return out


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("centres")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SIEC_DESK_HOME", str(tmp_path_factory.mktemp("home")))
        (fr1,) = centre_export(folder, "FR", "FR-01", 1, households=300)
        (fr2,) = centre_export(folder, "FR", "FR-02", 2, households=300)
        (fr3,) = centre_export(folder, "FR", "FR-03", 5, households=300)
        (ma1,) = centre_export(folder, "MA", "MA-01", 3, households=100)
        (ma2,) = centre_export(folder, "MA", "MA-02", 4, households=100)
    return {
        "fr1": fr1,
        "fr2": fr2,
        "fr3_hidden": _hide(fr3, "gas_kwh"),
        "ma_v2": _downgrade(ma1, 2),
        "ma_v1": _downgrade(ma2, 1),
    }


def _rows(path: Path) -> dict[str, dict[str, object]]:
    data = json.loads(path.read_text("utf-8"))
    return {r["kind"]: r for r in data.get("before_after", {"rows": []})["rows"]}


def test_version_3_files_carry_the_table_and_older_versions_stay_valid(
    files: dict[str, Path],
) -> None:
    rows = _rows(files["fr1"])
    assert list(rows) == list(KINDS)
    electricity = rows["electricity_kwh"]
    assert isinstance(electricity["households"], int) and electricity["households"] >= 5
    for name in ("ma_v2", "ma_v1"):
        assert schema_errors(json.loads(files[name].read_text("utf-8"))) == []
    # a version 2 file with the table (or a version 3 file without it) is not a real file
    v2 = json.loads(files["ma_v2"].read_text("utf-8"))
    v3 = json.loads(files["fr1"].read_text("utf-8"))
    assert schema_errors({**v2, "before_after": v3["before_after"]}) != []
    assert schema_errors({k: v for k, v in v3.items() if k != "before_after"}) != []


def test_the_coordinator_merges_version_3_with_version_1_and_2_files(
    files: dict[str, Path], tmp_path: Path
) -> None:
    db = open_network_database(tmp_path / "network.sqlite3")
    try:
        coordinator = NetworkCoordinator(db)
        names = ("fr1", "fr2", "fr3_hidden", "ma_v2", "ma_v1")
        outcomes = coordinator.import_files([files[n] for n in names])
        assert [o.error for o in outcomes] == [None] * len(names)
        merged = {(m.country, m.kind): m for m in coordinator.before_after()}
        assert {c for c, _k in merged} == {"FR"}  # the Moroccan files are older: no table
        centre_rows = [_rows(files[n]) for n in ("fr1", "fr2", "fr3_hidden")]
        for kind in ("electricity_kwh", "gas_kwh"):
            published = [r[kind] for r in centre_rows if not r[kind]["suppressed"]]
            weight = sum(int(r["households"]) for r in published)  # type: ignore[call-overload]
            m = merged[("FR", kind)]
            assert m.households == weight
            assert m.incomplete == (kind == "gas_kwh")
            exact = sum(int(r["households"]) * float(r["quantity_after"]) for r in published)  # type: ignore[call-overload,arg-type]
            assert m.quantity_after == round_half_up(exact / weight, 1)
            assert m.currency == "EUR"
        # the older files still count everywhere else
        summary = coordinator.summary()
        assert [line.centres for line in summary.by_country] == [3, 2]
    finally:
        db.close()


def test_the_network_report_shows_the_table_in_french_and_arabic(
    files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli = Cli(tmp_path / "unused.sqlite3", capsys)
    network = tmp_path / "network.sqlite3"
    code, _out, err = cli("network", "import", str(files["fr1"]), str(files["ma_v2"]),
                          "--network-db", str(network))  # fmt: skip
    assert code == 0, err
    electricity = _rows(files["fr1"])["electricity_kwh"]
    hidden = tmp_path / "hidden.sqlite3"  # a centre hid its gas row: "~ n" on gas
    code, _out, err = cli("network", "import", str(files["fr1"]), str(files["fr3_hidden"]),
                          "--network-db", str(hidden))  # fmt: skip
    assert code == 0, err
    pdf = tmp_path / "hidden.pdf"
    assert cli("network", "report", "--network-db", str(hidden), "--out", str(pdf))[0] == 0
    text = pdftotext(pdf.read_bytes(), tmp_path)
    gas = format_number(float(_rows(files["fr1"])["gas_kwh"]["quantity_before"]), "en_GB", 1)  # type: ignore[arg-type]
    assert f"~ {gas}" in text
    for language in ("fr", "ar"):
        pdf = tmp_path / f"{language}.pdf"
        code, _out, err = cli("network", "report", "--network-db", str(network),
                              "--out", str(pdf), "--lang", language)  # fmt: skip
        assert code == 0, err
        text = pdftotext(pdf.read_bytes(), tmp_path)
        locale = locale_for(language, "MA" if language == "ar" else "FR")
        with language_override(language):
            kind = label(READING_KINDS, "electricity_kwh").split(" (")[0]  # without its unit
        assert kind in text, language
        for figure in ("quantity_before", "quantity_after"):
            value = format_number(float(electricity[figure]), locale, 1)  # type: ignore[arg-type]
            assert value in text, (language, figure, value)
    out = tmp_path / "network.xlsx"
    code, _out, err = cli("network", "report", "--network-db", str(network), "--out", str(out),
                          "--lang", "en")  # fmt: skip
    assert code == 0, err
    book = load_workbook(io.BytesIO(out.read_bytes()))
    [sheet] = [ws for ws in book.worksheets if ws.title.startswith("Consumption before")]
    values = [c.value for row in sheet.iter_rows() for c in row]
    assert electricity["quantity_before"] in values and electricity["households"] in values


# -- the command line writes it in every format ------------------------------------------
def _soffice_csv(book: Path, out: Path) -> dict[str, list[list[str]]]:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    assert found, "LibreOffice (soffice) is missing: `bash packaging/quickstart.sh test`"
    result = subprocess.run(
        [found, f"-env:UserInstallation={(out / 'profile').as_uri()}", "--headless",
         "--convert-to", CSV_ALL_SHEETS, "--outdir", str(out), str(book)],
        capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"},
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    sheets = {}
    for path in out.glob(f"{book.stem}-*.csv"):
        with path.open(encoding="utf-8", newline="") as handle:
            sheets[path.stem[len(book.stem) + 1 :]] = list(csv.reader(handle))
    return sheets


def test_stats_export_writes_the_table_in_json_csv_and_excel(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SIEC_DESK_HOME", str(tmp_path / "home"))
    path = tmp_path / "centre.sqlite3"
    ctx = make_ctx(path, "FR")
    try:
        generate_demo(ctx, DemoOptions(households=300, seed=1, years=1, until=date(2025, 12, 31)))
        with ctx.db.write() as session:
            session.execute(update(Centre).values(network_code="FR-01"))
    finally:
        ctx.close()
    cli = Cli(path, capsys)
    for suffix in ("json", "csv", "xlsx"):
        out = str(tmp_path / f"x.{suffix}")
        code, _out, err = cli("--lang", "en", "stats", "export", "--from", "2025-01",
                              "--to", "2025-12", "--threshold", "5", "--out", out)  # fmt: skip
        assert code == 0, (suffix, err)
    rows = _rows(tmp_path / "x.json")
    electricity = rows["electricity_kwh"]
    assert not electricity["suppressed"] and electricity["households"]
    lines = list(csv.DictReader(io.StringIO((tmp_path / "x.csv").read_text("utf-8-sig"))))
    table = [line for line in lines if line["table"] == "before_after_by_kind"]
    assert len(table) == 6 * len(KINDS)
    by_measure = {
        line["measure"]: line["value"] for line in table if line["value_1"] == "electricity_kwh"
    }
    assert float(by_measure["quantity_before"]) == electricity["quantity_before"]
    assert int(by_measure["households"]) == electricity["households"]
    sheets = _soffice_csv(tmp_path / "x.xlsx", tmp_path)
    [grid] = [rows_ for title, rows_ in sheets.items() if "consumption before" in title.lower()]
    [line] = [r for r in grid if r and r[0] == "Electricity (kWh)"]
    assert int(line[1].replace(",", "")) == electricity["households"]
    assert float(line[2].replace(",", "")) == electricity["quantity_before"]
    assert float(line[5].replace(",", "")) == int(electricity["amount_before_minor"]) / 100  # type: ignore[call-overload]
