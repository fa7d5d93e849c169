"""The coordinator's printed network report, read back from the PDF of a three-country
network (a French, a Moroccan and a Tunisian centre, exported by the app's own export):
no column is lost (every place, every entry of every table and every total is printed,
nothing lies outside the page), names are in the report's language, and only the bundled
fonts are embedded (documents-review items 22, 23, 25, 26)."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from testkit.coordinator import centre_export
from testkit.letters import find_logical, normalise, pypdf_text

from siec_desk.documents.network_report.content import Grid, NetworkReportContent, compose_report
from siec_desk.network.coordinator.database import open_network_database
from siec_desk.network.export.display import place_label
from siec_desk.network.export.generalise import COMMUNE_SEPARATOR, area_name, commune_name
from siec_desk.services.network.coordinator import NetworkCoordinator

CENTRES = (("FR", "ECFR-13", 1), ("MA", "SIEC-MA-CHE", 2), ("TN", "SIEC-TN-SOU", 3))
TODAY = date(2026, 12, 7)


@dataclass(frozen=True)
class Printed:
    content: NetworkReportContent
    pdf: bytes
    pages: list[str]  # the text of each page (pdftotext: one cell a line)


def _poppler(tool: str, *args: str) -> str:
    found = shutil.which(tool)
    assert found, f"{tool} (poppler-utils) is installed by packaging/quickstart.sh"
    return subprocess.run([found, *args], capture_output=True, check=True, text=True).stdout


@pytest.fixture(scope="module")
def network(tmp_path_factory: pytest.TempPathFactory) -> Iterator[NetworkCoordinator]:
    folder = tmp_path_factory.mktemp("three-countries")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SIEC_DESK_HOME", str(tmp_path_factory.mktemp("home")))
        files = [
            path
            for country, code, seed in CENTRES
            for path in centre_export(folder, country, code, seed)
        ]
    db = open_network_database(folder / "network.sqlite3")
    coordinator = NetworkCoordinator(db)
    assert [o.error for o in coordinator.import_files(files)] == [None, None, None]
    yield coordinator
    db.close()


@pytest.fixture(scope="module", params=["fr", "ar"])
def printed(
    request: pytest.FixtureRequest,
    network: NetworkCoordinator,
    tmp_path_factory: pytest.TempPathFactory,
) -> Printed:
    language = request.param
    content = compose_report(
        network.summary(), network.tables(), language, network.measure_name, TODAY
    )
    pdf = network.report("pdf", language, TODAY)
    path = tmp_path_factory.mktemp("pdf") / f"network-{language}.pdf"
    path.write_bytes(pdf)
    pages = _poppler("pdftotext", "-enc", "UTF-8", str(path), "-").split("\f")
    return Printed(content, pdf, [_MARKS.sub("", p) for p in pages if p.strip()])


#: Bidi embeddings, isolates and marks the extractor adds or keeps.
_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _tokens(text: str) -> Counter[str]:
    """Words as printed: the groups of a number ("1 193") are words of their own (the
    extractor prints its no-break space as a space), as are the "≥" of an incomplete
    count and the "+ ?" of an incomplete sum (the extractor may glue "≥" to its number)."""
    text = re.sub(r"≥\s*", "≥ ", _MARKS.sub("", text))
    text = re.sub(r"\?(\d[\d.,]*)\+", r"\1 + ?", text)  # "n + ?" read right to left
    text = re.sub(r"\s*\+\s*\?", " + ?", text)
    text = re.sub(r"(?<=\d)(?=[\u0600-\u06ff])|(?<=[\u0600-\u06ff])(?=\d)", " ", text)
    return Counter(re.split(r"\s+", text.strip())) if text.strip() else Counter()


def _entry_tokens(grid: Grid) -> Counter[str]:
    return sum((_tokens(e.text) for _n, entries in grid.rows for e in entries), Counter())


def _detail_pages(printed: Printed) -> list[str]:
    """The text of the pages holding the detail tables (each starts a page)."""
    first = normalise(printed.content.details[0].title)
    start = next(i for i, p in enumerate(printed.pages) if first in normalise(p))
    return printed.pages[start:]


def test_every_entry_of_every_table_is_printed(printed: Printed) -> None:
    """Every entry of every table (month × place, × theme, × measure…) is printed,
    whatever its width: the words of the pages include all of the tables' entries."""
    content = printed.content
    details = _detail_pages(printed)
    expected = sum((_entry_tokens(g) for g in content.details), Counter())
    missing = expected - sum((_tokens(p) for p in details), Counter())
    assert not missing, f"not printed: {dict(missing)}"
    summary = "\n".join(printed.pages[: len(printed.pages) - len(details)])
    for grid in (content.by_country, content.by_centre, content.by_month, content.imports):
        missing = _entry_tokens(grid) - _tokens(summary)
        assert not missing, f"{grid.title}: not printed {dict(missing)}"


def test_every_place_and_every_total_is_printed(
    printed: Printed, network: NetworkCoordinator
) -> None:
    language = printed.content.language
    text = normalise("\n".join(printed.pages))
    logical = pypdf_text(printed.pdf) if language == "ar" else text
    places = {
        code
        for table in network.tables()
        for dimension, codes in (
            (table.row_dimension, table.rows),
            (table.column_dimension, table.columns),
        )
        if dimension == "place"
        for code in codes
    }
    assert {p.split("-")[0] for p in places} >= {"FR", "MA", "TN"}
    assert any(COMMUNE_SEPARATOR in p for p in places)
    for place in places:
        area, _sep, commune = place.partition(COMMUNE_SEPARATOR)
        assert area in text, place
        name = commune_name(area, commune, language) if commune else area_name(area, language)
        if name:
            assert find_logical(logical, name) != -1, f"{place}: {name} not printed"
    if language == "ar":  # names the app knows in Arabic are printed in Arabic only
        assert find_logical(logical, "شفشاون") != -1 and find_logical(logical, "سوسة") != -1
        for place in places:
            area, _sep, commune = place.partition(COMMUNE_SEPARATOR)
            latin = commune or area_name(area, "fr") or ""
            if area[:2] != "FR" and latin:
                assert latin not in text, place
    printed_tokens = _tokens("\n".join(printed.pages))
    for grid in printed.content.details:
        totals = Counter[str]()
        for _name, entries in grid.rows[:-1]:
            totals += _tokens(entries[-1].text)  # each row's total
        totals += sum((_tokens(e.text) for e in grid.rows[-1][1]), Counter())  # Total row
        assert not totals - printed_tokens, grid.title


def test_nothing_is_printed_outside_the_page(printed: Printed, tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(printed.pdf)
    boxes = _poppler("pdftotext", "-bbox", str(path), "-")
    pages = re.findall(r'<page width="([\d.]+)" height="[\d.]+">(.*?)</page>', boxes, re.S)
    assert len(pages) == len(printed.pages)
    for width, words in pages:
        for x0, x1, word in re.findall(
            r'<word xMin="([\d.-]+)" yMin="[\d.-]+" xMax="([\d.-]+)" yMax="[\d.-]+">([^<]*)',
            words,
        ):
            assert float(x0) >= 0 and float(x1) <= float(width), f"{word!r} is cut off"


def test_measure_and_place_names_are_in_the_report_language(printed: Printed) -> None:
    language = printed.content.language
    text = normalise("\n".join(printed.pages))
    logical = pypdf_text(printed.pdf) if language == "ar" else text
    for english in ("Insulate the lost attic", "Replace bulbs with LED lamps", "Area"):
        assert english not in text
    expected = {"fr": "Isoler les combles perdus", "ar": "عزل"}[language]
    assert find_logical(logical, expected) != -1
    assert "Bouches-du-Rhône" in text  # a French département by its name


def test_arabic_codes_read_in_order_inside_place_names() -> None:
    """Item 26: "Tanger-Assilah (MA-TNG)" wrapped as "Tanger -MA) (TNG" in Arabic: the
    code is isolated (LRI … PDI) and the name is the Arabic one."""
    label = place_label("MA-TNG", named_within=True, language="ar")
    assert "\u2066MA-TNG\u2069" in label and "طنجة أصيلة" in label
    assert place_label("FR-13/Marseille", language="ar").startswith("\u2068Marseille\u2069")
    assert place_label("FR-13/Marseille", language="fr") == "Marseille (FR-13)"


def test_the_report_embeds_only_the_bundled_fonts(printed: Printed, tmp_path: Path) -> None:
    """Item 25: "≥" came from the system's DejaVu Sans."""
    path = tmp_path / "report.pdf"
    path.write_bytes(printed.pdf)
    assert "≥" in "\n".join(printed.pages)
    lines = _poppler("pdffonts", str(path)).splitlines()[2:]
    fonts = {line.split()[0].split("+", 1)[-1] for line in lines if line.strip()}
    assert fonts and fonts <= {
        "Noto-Sans",
        "Noto-Sans-Bold",
        "Noto-Naskh-Arabic",
        "Noto-Naskh-Arabic-Bold",
    }, fonts
