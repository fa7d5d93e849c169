"""Every workbook SIEC Desk writes is a real spreadsheet (documents review 17, 21, 28, 29):
LibreOffice Calc opens it without complaint and converts every sheet to CSV with the
figures of the documents; openpyxl reads months and days as dates, counts as integers,
amounts as numbers; hidden figures are empty cells that SUM() skips; sheet titles are
whole and unique; Arabic sheets run right to left.

The workbooks: the activity report (French centre in French, Moroccan centre in Arabic),
the centre's network export (same), and the coordinator's report of the three centres
(French and Arabic). LibreOffice is installed by ``packaging/quickstart.sh test``; without
it these tests fail (never skip), saying so."""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import update
from testkit.contexts import make_ctx

from siec_desk.core import i18n
from siec_desk.documents.activity_report.xlsx import report_workbook
from siec_desk.documents.engine.sheet_titles import MAX_TITLE
from siec_desk.documents.network_export.render_xlsx import xlsx_bytes
from siec_desk.domain.activity_period import month
from siec_desk.network.coordinator.database import open_network_database
from siec_desk.network.export.export_format import json_bytes
from siec_desk.services.demo.generator import DemoOptions, generate_demo
from siec_desk.services.network.coordinator import NetworkCoordinator
from siec_desk.services.network.export import ExportOptions
from siec_desk.storage.models import Centre

CENTRES = (("FR", "NET-FR", 1), ("MA", "NET-MA", 2), ("TN", "NET-TN", 3))
QUARTER = ExportOptions(date(2025, 7, 1), date(2025, 9, 1), threshold=5)
NOVEMBER = month(date(2025, 11, 1))
TODAY = date(2026, 1, 5)
#: All sheets, raw values (not as shown), UTF-8, comma-separated, quoted text.
CSV_ALL_SHEETS = "csv:Text - txt - csv (StarCalc):44,34,UTF8,1,,0,false,true,false,false,false,-1"
RAW_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.fail(
            "LibreOffice (soffice) is missing: `bash packaging/quickstart.sh test` installs it "
            "(Debian package libreoffice-calc-nogui)"
        )
    return found


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, object]]:
    """The six workbooks (bytes), and the figures they were made from."""
    folder = tmp_path_factory.mktemp("xlsx")
    books: dict[str, bytes] = {}
    facts: dict[str, object] = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SIEC_DESK_HOME", str(folder / "home"))
        files = []
        for country, code, seed in CENTRES:
            ctx = make_ctx(folder / f"{code}.sqlite3", country, name=f"Centre {code}")
            try:
                generate_demo(
                    ctx, DemoOptions(households=150, seed=seed, years=1, until=date(2025, 12, 31))
                )
                with ctx.db.write() as session:
                    session.execute(update(Centre).values(network_code=code))
                document = ctx.network_export.build(QUARTER)
                path = folder / f"{code}.json"
                path.write_bytes(json_bytes(document))
                files.append(path)
                language = {"FR": "fr", "MA": "ar"}.get(country)
                if language:
                    report = ctx.reports.monthly(NOVEMBER, language, today=TODAY)
                    books[f"report-{country}-{language}"] = report_workbook(report)
                    facts[f"report-{country}-{language}"] = report
                    # The export speaks the application's language (not a document's).
                    before = i18n.current_language()
                    i18n.set_language(language)
                    try:
                        books[f"export-{country}-{language}"] = xlsx_bytes(
                            document, ctx.network_export.measure_name
                        )
                    finally:
                        i18n.set_language(before)
                    facts[f"export-{country}-{language}"] = document
            finally:
                ctx.close()
        db = open_network_database(folder / "network.sqlite3")
        try:
            coordinator = NetworkCoordinator(db)
            for path in files:
                assert coordinator.import_file(path) is not None
            for language in ("fr", "ar"):
                books[f"network-{language}"] = coordinator.report("xlsx", language, today=TODAY)
            facts["summary"] = coordinator.summary()
        finally:
            db.close()
    for name, data in books.items():
        (folder / f"{name}.xlsx").write_bytes(data)
    yield {"folder": folder, "books": books, "facts": facts}


@pytest.fixture(scope="module")
def converted(made: dict[str, object]) -> dict[str, dict[str, list[list[str]]]]:
    """Each workbook converted by LibreOffice to CSV, every sheet: {book: {sheet: rows}}."""
    folder = made["folder"]
    assert isinstance(folder, Path)
    out = folder / "csv"
    names = sorted(made["books"])  # type: ignore[arg-type]
    result = _convert([folder / f"{n}.xlsx" for n in names], out, folder / "lo-profile")
    sheets: dict[str, dict[str, list[list[str]]]] = {}
    for name in names:
        book = load_workbook(folder / f"{name}.xlsx")
        sheets[name] = {}
        for title in book.sheetnames:
            path = out / f"{name}-{title}.csv"
            assert path.exists(), f"LibreOffice did not convert {name} ▸ {title}: {result.stderr}"
            with path.open(encoding="utf-8", newline="") as handle:
                sheets[name][title] = list(csv.reader(handle))
    return sheets


def _convert(paths: list[Path], out: Path, profile: Path) -> subprocess.CompletedProcess[str]:
    """LibreOffice converts *paths* to CSV (every sheet) in *out*, with its own profile."""
    result = subprocess.run(
        [
            _soffice(),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            CSV_ALL_SHEETS,
            "--outdir",
            str(out),
            *map(str, paths),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        # File names carry the sheet titles (Arabic too): a UTF-8 locale, whatever the test's.
        env={**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def _books(made: dict[str, object]) -> dict[str, bytes]:
    books = made["books"]
    assert isinstance(books, dict)
    return books


def _plain(text: str) -> str:
    return re.sub("[\u2066-\u2069\u200e\u200f]", "", text)


def _raw_date(text: str) -> date:
    found = RAW_DATE.match(text)
    assert found, f"not a date cell: {text!r}"
    day, number, year = (int(g) for g in found.groups())
    return date(year, number, day)


# -- LibreOffice ---------------------------------------------------------------------------
def test_libreoffice_converts_every_sheet_of_every_workbook(
    made: dict[str, object], converted: dict[str, dict[str, list[list[str]]]]
) -> None:
    assert sorted(converted) == [
        "export-FR-fr",
        "export-MA-ar",
        "network-ar",
        "network-fr",
        "report-FR-fr",
        "report-MA-ar",
    ]
    for name, sheets in converted.items():
        assert len(sheets) == len(load_workbook(io.BytesIO(_books(made)[name])).sheetnames)
        assert all(rows for rows in sheets.values()), name


def test_activity_report_in_libreoffice_has_dates_and_the_figures(
    made: dict[str, object], converted: dict[str, dict[str, list[list[str]]]]
) -> None:
    trends = (("report-FR-fr", "12 derniers mois"), ("report-MA-ar", "آخر 12 شهرًا"))
    for name, trend_title in trends:
        report = made["facts"][name]  # type: ignore[index]
        rows = converted[name][trend_title]
        body = rows[1:]
        assert [_raw_date(r[0]) for r in body] == [m.first_day for m in report.trend]
        assert [int(r[1]) for r in body] == [m.consultations for m in report.trend]
        summary = converted[name][next(iter(converted[name]))]
        produced = next(r for r in summary if r[1:2] and RAW_DATE.match(r[1]))
        assert _raw_date(produced[1]) == TODAY
        first = {_plain(r[0]): r[1] for r in summary[1:] if r[0]}
        figure = report.figures[0]
        assert int(first[figure.label]) == figure.current


def test_network_export_in_libreoffice_has_dates_numbers_and_empty_hidden_cells(
    made: dict[str, object], converted: dict[str, dict[str, list[list[str]]]]
) -> None:
    document = made["facts"]["export-FR-fr"]  # type: ignore[index]
    table = document.tables[0]  # consultations by month and contact mode
    sheets = converted["export-FR-fr"]
    rows = sheets[list(sheets)[1]]
    start = next(i for i, r in enumerate(rows) if r[0].startswith("Mois")) + 1
    for offset, code in enumerate(table.rows):
        line = rows[start + offset]
        assert _raw_date(line[0]) == date(int(code[:4]), int(code[5:]), 1)
        for column, value in zip(table.columns, line[1:], strict=False):
            cell = table.cells[(code, column)]
            assert value == ("" if cell is None else str(cell["consultations"]))
    about = {r[0]: r[1] for r in sheets[next(iter(sheets))] if len(r) > 1}
    assert int(about["Seuil (ménages)"]) == 5
    assert _raw_date(about["Produit le"]) == document.meta.generated_on


def test_sum_skips_hidden_cells_in_libreoffice(made: dict[str, object], tmp_path: Path) -> None:
    """A formula added by the user over a column holding hidden entries still computes."""
    document = made["facts"]["export-MA-ar"]  # type: ignore[index]
    book = load_workbook(io.BytesIO(_books(made)["export-MA-ar"]))
    found = None
    for ws in book.worksheets[1 : 1 + len(document.tables)]:
        for column in range(2, ws.max_column + 1):
            cells = [ws.cell(r, column) for r in range(1, ws.max_row + 1)]
            hidden = [c for c in cells if c.comment is not None and c.value is None]
            numbers = [c.value for c in cells if isinstance(c.value, int | float)]
            if hidden and numbers:
                found = (ws, column, sum(numbers))
                break
        if found:
            break
    assert found, "the demo export has hidden entries"
    ws, column, expected = found
    target = ws.cell(ws.max_row + 2, column)
    first, last = ws.cell(1, column).coordinate, ws.cell(ws.max_row - 2, column).coordinate
    target.value = f"=SUM({first}:{last})"
    path = tmp_path / "with-sum.xlsx"
    book.save(path)
    folder = made["folder"]
    assert isinstance(folder, Path)
    result = _convert([path], tmp_path, folder / "lo-profile")
    converted = tmp_path / f"with-sum-{ws.title}.csv"
    assert converted.exists(), result.stdout + result.stderr
    rows = list(csv.reader(converted.open(encoding="utf-8")))
    assert float(rows[target.row - 1][column - 1]) == expected


def test_network_report_in_libreoffice_has_one_currency_per_column(
    converted: dict[str, dict[str, list[list[str]]]],
) -> None:
    sheets = converted["network-fr"]
    by_centre = sheets["Par centre"]
    header = next(r for r in by_centre if r[0] == "Centre")
    money = [i for i, h in enumerate(header) if re.search(r"\b(EUR|MAD|TND)\b", h)]
    assert [header[i].split(", ")[1][:3] for i in money] == ["EUR", "MAD", "TND"]
    for code, unit in (("NET-FR", "EUR"), ("NET-MA", "MAD"), ("NET-TN", "TND")):
        line = next(r for r in by_centre if r[0] == code)
        filled = [header[i] for i in money if line[i]]
        assert len(filled) == 1 and unit in filled[0]
    summary = {r[0]: r[1] for r in sheets["Synthèse"] if len(r) > 1}
    assert summary["Centres"] == "3" and summary["Fichiers importés"] == "3"
    months = sheets["Consultations par mois"]
    start = next(i for i, r in enumerate(months) if r[0] == "Mois") + 1
    assert [_raw_date(r[0]) for r in months[start:]] == [
        date(2025, 7, 1),
        date(2025, 8, 1),
        date(2025, 9, 1),
    ]


# -- openpyxl ------------------------------------------------------------------------------
def _cells(ws: Worksheet) -> Iterator[object]:
    for row in ws.iter_rows(values_only=True):
        yield from row


def test_openpyxl_reads_dates_counts_and_amounts(made: dict[str, object]) -> None:
    books = _books(made)
    report = load_workbook(io.BytesIO(books["report-FR-fr"]))
    trend = report.worksheets[1]
    months = [r[0] for r in trend.iter_rows(min_row=2, values_only=True)]
    assert months and all(isinstance(m, datetime) and m.day == 1 for m in months)
    assert all(isinstance(r[1], int) for r in trend.iter_rows(min_row=2, values_only=True))
    summary = report.worksheets[0]
    assert any(isinstance(v, datetime) and v.date() == TODAY for v in _cells(summary))
    mode = report.worksheets[2]
    for line in mode.iter_rows(min_row=2, values_only=True):
        assert isinstance(line[1], int) and isinstance(line[5], float | int)
    network = load_workbook(io.BytesIO(books["network-ar"]))
    facts = [v for v in _cells(network.worksheets[0]) if isinstance(v, int)]
    assert facts.count(3) >= 2  # centres and files imported are numbers
    by_month = network.worksheets[3]
    assert sum(isinstance(v, datetime) for v in _cells(by_month)) == 3
    imports = network.worksheets[4]
    assert sum(isinstance(v, datetime) for v in _cells(imports)) == 3  # imported on


def test_hidden_entries_are_empty_grey_cells_with_a_note(made: dict[str, object]) -> None:
    for name in ("export-FR-fr", "export-MA-ar"):
        document = made["facts"][name]  # type: ignore[index]
        book = load_workbook(io.BytesIO(_books(made)[name]))
        notes = [
            c
            for ws in book.worksheets[1:]
            for row in ws.iter_rows()
            for c in row
            if c.comment is not None
        ]
        assert all(c.value is None and c.fill.fgColor.rgb.endswith("DDDDDD") for c in notes)
        assert len(notes) == sum(len(t.suppressed()) * len(t.measures) for t in document.tables)
        assert not any(v == "s" for ws in book.worksheets for v in _cells(ws))


def test_sheet_titles_are_whole_and_unique_and_arabic_sheets_right_to_left(
    made: dict[str, object],
) -> None:
    for name, data in _books(made).items():
        book = load_workbook(io.BytesIO(data))
        titles = book.sheetnames
        assert len({t.casefold() for t in titles}) == len(titles), titles
        assert all(len(t) <= MAX_TITLE for t in titles)
        rtl = name.endswith("-ar")
        for ws in book.worksheets:
            assert bool(ws.sheet_view.rightToLeft) == rtl
            assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
            if ws.freeze_panes:
                assert ws.print_title_rows


def test_arabic_text_cells_keep_codes_in_order(made: dict[str, object]) -> None:
    book = load_workbook(io.BytesIO(_books(made)["export-MA-ar"]))
    about = {r[0]: r[1] for r in book.worksheets[0].iter_rows(values_only=True) if r[0]}
    version = next(v for v in about.values() if isinstance(v, str) and "." in v and v[0] != "s")
    assert version.startswith("\u2066") and version.endswith("\u2069")
    aligned = [
        c.alignment.readingOrder for c in book.worksheets[0]["A"] if isinstance(c.value, str)
    ]
    assert aligned and set(aligned) == {2}  # right to left, whatever the first letter
