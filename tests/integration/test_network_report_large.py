"""A large network's report (issue 22: 500 centres): above ``CENTRE_LIST_LIMIT`` centres
the PDF is the national document (network and country figures, every merged table) and
says in one line, in the report's language, that each centre's figures and the files
imported are in the workbook, which still lists every centre with the same figures. The
limit is lowered to 2 here so that three real centres' files (France, Morocco,
Tunisia) make a "large" network; a network at the limit keeps every list."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from testkit.coordinator import centre_export
from testkit.letters import find_logical, pdftotext, pypdf_text

from siec_desk.documents.network_report import pdf as network_pdf
from siec_desk.documents.network_report.content import NetworkReportContent
from siec_desk.network.coordinator.database import open_network_database
from siec_desk.services.network.coordinator import NetworkCoordinator

CENTRES = (("FR", "ECFR-13", 1), ("MA", "SIEC-MA-CHE", 2), ("TN", "SIEC-TN-SOU", 3))
TODAY = date(2026, 12, 7)
_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u00a0\u202f]")


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", _MARKS.sub(" ", text)).strip()


@pytest.fixture(scope="module")
def network(tmp_path_factory: pytest.TempPathFactory) -> Iterator[NetworkCoordinator]:
    folder = tmp_path_factory.mktemp("large-network")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SIEC_DESK_HOME", str(tmp_path_factory.mktemp("home")))
        files = [
            path
            for country, code, seed in CENTRES
            for path in centre_export(folder, country, code, seed, households=60)
        ]
    db = open_network_database(folder / "network.sqlite3")
    coordinator = NetworkCoordinator(db)
    assert [o.error for o in coordinator.import_files(files)] == [None, None, None]
    yield coordinator
    db.close()


@pytest.fixture
def large(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(network_pdf, "CENTRE_LIST_LIMIT", 2)


def _content(network: NetworkCoordinator, language: str) -> NetworkReportContent:
    return network.report_content(language, TODAY)


@pytest.mark.usefixtures("large")
@pytest.mark.parametrize("language", ["fr", "ar"])
def test_a_large_networks_pdf_says_where_each_centres_figures_are(
    network: NetworkCoordinator, language: str, tmp_path: Path
) -> None:
    content = _content(network, language)
    assert not network_pdf.lists_centres(content)
    note = network_pdf.centre_list_note(content)
    assert "3" in note and content.by_centre.title in note and content.imports.title in note
    pdf = network.report("pdf", language, TODAY)
    if language == "ar":  # Arabic read in logical order (pypdf), runs checked one by one
        text = _plain(pypdf_text(pdf))
        assert "XLSX" in text
        # the note may wrap over lines (visual order across them): every word of the
        # sheets' names is there, each read in logical order
        for title in (content.by_centre.title, content.imports.title):
            assert all(find_logical(text, word) != -1 for word in title.split())
    else:
        text = _plain(pdftotext(pdf, tmp_path))
        assert _plain(note) in text
        # the centre table and the files list are not printed: their titles appear in
        # the note only, and no file name is printed
        assert text.count(content.by_centre.title) == 1
        assert ".json" not in text
    # the count of centres per country is still printed, with the network's figures
    for name, entries in content.by_country.rows:
        assert name in text or find_logical(text, name) != -1
        assert _plain(entries[1].text) in text  # consultations


@pytest.mark.usefixtures("large")
def test_the_workbook_of_a_large_network_lists_every_centre_with_the_same_figures(
    network: NetworkCoordinator, tmp_path: Path
) -> None:
    content = _content(network, "fr")
    book = load_workbook(io.BytesIO(network.report("xlsx", "fr", TODAY)))
    centres = book[content.by_centre.title]
    listed = {r[0]: r[1:] for r in centres.iter_rows(min_row=3, values_only=True) if r[0]}
    assert {code for _country, code, _seed in CENTRES} <= set(listed)
    for code, entries in content.by_centre.rows:
        assert listed[code][1] == entries[1].number  # consultations, a number
    files = book[content.imports.title]
    names = [r[0] for r in files.iter_rows(min_row=3, values_only=True) if r[0]]
    assert sorted(names) == sorted(code for _country, code, _seed in CENTRES)
    # the PDF's country figures are the workbook's
    countries = book[content.by_country.title]
    rows = {r[0]: r[1:] for r in countries.iter_rows(min_row=3, values_only=True)}
    for name, entries in content.by_country.rows:
        assert rows[name][0] == entries[0].number  # centres
        assert rows[name][1] == entries[1].number  # consultations
    text = _plain(pdftotext(network.report("pdf", "fr", TODAY), tmp_path))
    for _name, entries in content.by_country.rows:
        assert _plain(entries[1].text) in text


def test_a_network_at_the_limit_keeps_every_list(
    network: NetworkCoordinator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(network_pdf, "CENTRE_LIST_LIMIT", 3)
    content = _content(network, "fr")
    assert network_pdf.lists_centres(content)
    printed = network_pdf.printed_grids(content)
    assert printed["by_centre"] and printed["imports"]
    html = network_pdf.network_report_html(content)
    assert "centre-list-note" not in html
    for code, _entries in content.by_centre.rows:
        assert code in html


@pytest.mark.usefixtures("large")
def test_a_large_network_prints_events_by_country_and_network_only(
    network: NetworkCoordinator,
) -> None:
    content = _content(network, "fr")
    printed = network_pdf.printed_grids(content)
    assert printed["by_centre"] == [] and printed["imports"] == []
    if content.reach is not None:
        rows = [name for part in printed["reach"] for name, _e in part.grid.rows]
        assert rows and not {code for code, _e in content.by_centre.rows} & set(rows)
        whole = content.reach.rows[len(content.by_centre.rows) :]
        assert rows == [name for name, _e in whole]


@pytest.mark.usefixtures("large")
@pytest.mark.parametrize("language", ["fr", "ar"])
def test_a_large_networks_pdf_counts_the_centres_of_each_co2_convention(
    network: NetworkCoordinator, language: str, tmp_path: Path
) -> None:
    content = _content(network, language)
    facts = dict(network_pdf.printed_facts(content))
    full = dict(content.facts)
    conventions = next(name for name, value in content.facts if value != facts[name])
    printed = facts[conventions]
    assert printed == content.co2_counts
    # no centre's code in the PDF's fact: counts by country, e.g. "(Maroc 1, Tunisie 1)"
    assert not any(code in printed for _country, code, _seed in CENTRES)
    for name, _entries in content.by_country.rows[:-1]:  # the network's row last
        assert name in printed
    # the workbook keeps the full list, every centre's code
    book = load_workbook(io.BytesIO(network.report("xlsx", language, TODAY)))
    summary = {r[0]: r[1] for r in book.worksheets[0].iter_rows(values_only=True) if r[0]}
    assert all(code in str(summary[conventions]) for _c, code, _s in CENTRES)
    assert summary[conventions] == full[conventions]
    pdf = network.report("pdf", language, TODAY)
    if language == "ar":
        text = _plain(pypdf_text(pdf))
        assert all(find_logical(text, code) == -1 for _c, code, _s in CENTRES)
    else:
        text = _plain(pdftotext(pdf, tmp_path))
        assert _plain(printed)[:40] in text
        assert not any(code in text for _country, code, _seed in CENTRES)


def test_a_network_at_the_limit_lists_the_centres_of_each_co2_convention(
    network: NetworkCoordinator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(network_pdf, "CENTRE_LIST_LIMIT", 3)
    content = _content(network, "fr")
    assert network_pdf.printed_facts(content) == content.facts


@pytest.mark.usefixtures("large")
@pytest.mark.parametrize("language", ["fr", "ar"])
def test_every_printed_table_has_fixed_column_widths_and_cells_keep_their_marks(
    network: NetworkCoordinator, language: str
) -> None:
    """``table-layout: fixed`` (issue 22): one width per column, as shares of the page;
    a number's cell has no class, text, totals and incomplete figures keep theirs."""
    content = _content(network, language)
    html = network_pdf.network_report_html(content)
    tables = re.findall(r'<table class="grid[^"]*">.*?</table>', html, re.S)
    printed = network_pdf.printed_grids(content)
    assert len(tables) == sum(len(parts) for parts in printed.values())
    for table in tables:
        assert ' fixed"' in table
        shares = [float(w) for w in re.findall(r'<col style="width: ([\d.]+)%">', table)]
        header = re.search(r"<thead>.*?</thead>", table, re.S)
        assert header is not None
        assert len(shares) == header.group(0).count("<th ") and abs(sum(shares) - 100) < 0.1
    cells = re.findall(r"<td(?: class=\"([^\"]*)\")?>", "".join(tables))
    order = ("by_country", "by_centre", "by_month", "reach", "before_after", "imports", "details")
    assert set(order) == set(printed)
    entries = [
        e
        for key in order  # the template's order
        for part in printed[key]
        for _name, row in part.grid.rows
        for e in row
    ]
    assert len(cells) == len(entries)
    for cls, entry in zip(cells, entries, strict=True):
        marks = set(cls.split())
        assert ("text" in marks) == (entry.number is None and not entry.incomplete)
        assert ("total" in marks) == entry.total
        assert ("incomplete" in marks) == entry.incomplete
