"""The network report's labels and printed layout, without rendering: wide grids are
transposed or cut into column groups that lose no entry, labels follow the document's
language, and spellings of one town are one commune (documents-review items 22, 23, 26,
31)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from siec_desk.documents.network_report.content import Grid, Shown
from siec_desk.documents.network_report.layout import (
    PAGE_WIDTH_PT,
    column_width,
    label_width,
    print_layout,
    text_width,
)
from siec_desk.network.export.display import place_label, value_label
from siec_desk.network.export.generalise import RawPlace, area_name, assign_places, town_key

WORDS = st.text(alphabet="abcdefghij éàçطنجة", min_size=1, max_size=12)
LABELS = st.lists(WORDS, min_size=1, max_size=6).map(" ".join)


@st.composite
def grids(draw: st.DrawFn) -> Grid:
    rows = draw(st.integers(1, 14))
    columns = draw(st.integers(1, 60))
    headers = [f"{draw(LABELS)} #{i}" for i in range(columns)]
    numbers = st.integers(0, 10**7)
    body = [
        (
            f"{draw(LABELS)} r{r}",
            [Shown(n := draw(numbers), f"{n:,}", total=c == columns - 1) for c in range(columns)],
        )
        for r in range(rows)
    ]
    return Grid("Title", ["Rows \\ Columns", *headers], body)


def _entries(grid: Grid, transposed: bool) -> set[tuple[str, str, str]]:
    """(row label, column header, text) of each entry, as the untransposed grid reads."""
    found = set()
    for name, entries in grid.rows:
        for header, entry in zip(grid.headers[1:], entries, strict=True):
            found.add((header, name, entry.text) if transposed else (name, header, entry.text))
    return found


@settings(max_examples=60, deadline=None)
@given(grids(), st.booleans())
def test_a_printed_grid_loses_no_entry_and_fits_the_page(grid: Grid, may_transpose: bool) -> None:
    parts = print_layout(grid, 6.5, may_transpose)
    transposed = parts[0].grid.headers[0] != grid.headers[0]
    assert may_transpose or not transposed
    if transposed:
        assert parts[0].grid.headers[0] == "Columns \\ Rows"
    printed = [_entries(p.grid, transposed) for p in parts]
    assert set().union(*printed) == _entries(grid, False)
    assert sum(len(p) for p in printed) == len(_entries(grid, False))  # each entry once
    labels = [name for name, _e in parts[0].grid.rows]
    for part in parts:
        assert [name for name, _e in part.grid.rows] == labels  # row labels repeated
        assert (part.part, part.parts) == (parts.index(part) + 1, len(parts))
        g = part.grid
        widths = [
            column_width(h, [entries[i] for _n, entries in g.rows], 6.5)
            for i, h in enumerate(g.headers[1:])
        ]
        label = label_width([g.headers[0], *labels], 6.5, True)
        used = label + sum(widths)
        assert used <= PAGE_WIDTH_PT or len(widths) == 1
        # the fixed column widths the PDF sets (shares of the page): one per column, the
        # estimates' own, and every column at least as wide as its estimate
        assert part.widths == (label, *widths)
        shares = part.shares()
        assert len(shares) == len(g.headers) and abs(sum(shares) - 100) < 0.01
        if used <= PAGE_WIDTH_PT:
            for share, width in zip(shares, part.widths, strict=True):
                assert share / 100 * PAGE_WIDTH_PT >= width - 0.01


def test_a_month_by_place_grid_prints_one_row_per_place() -> None:
    months = [f"2025-{m:02}" for m in range(1, 13)]
    places = [f"Commune {i} (FR-13)" for i in range(40)]
    grid = Grid(
        "Consultations by month and area",
        ["Month \\ Area", *places, "Total"],
        [(m, [Shown(i, str(i)) for i in range(41)]) for m in months],
    )
    (part,) = print_layout(grid, 6.5, may_transpose=True)
    assert part.grid.headers == ["Area \\ Month", *months]
    assert [name for name, _e in part.grid.rows] == [*places, "Total"]
    assert part.title == "Consultations by month and area"
    assert text_width("≥ 1 234", 6.5) > text_width("1", 6.5)


def test_a_grid_too_wide_even_transposed_is_cut_in_parts_with_a_title_each() -> None:
    headers = [f"A rather long column header number {i}" for i in range(30)]
    grid = Grid(
        "Wide",
        ["Rows \\ Columns", *headers],
        [(f"row {r}", [Shown(10**6, "1 000 000") for _ in headers]) for r in range(30)],
    )
    parts = print_layout(grid, 8, may_transpose=True)
    assert len(parts) > 1
    assert parts[0].title == f"Wide (part 1 of {len(parts)})"
    assert sum(len(p.grid.headers) - 1 for p in parts) == 30


def test_labels_follow_the_document_language_not_the_interface() -> None:
    names = {("attic_insulation", "fr"): "Isoler les combles", ("attic_insulation", "ar"): "عزل"}

    def measure_name(code: str, language: str) -> str:
        return names.get((code, language), "English name")

    assert value_label("measure", "attic_insulation", "fr_FR", measure_name) == "Isoler les combles"
    assert value_label("measure", "attic_insulation", "ar_MA", measure_name) == "عزل"
    assert value_label("place", "TN-51/Msaken", "ar_TN", measure_name).startswith("\u2068مساكن")
    assert value_label("place", "FR-13", "fr_FR", measure_name) == "Bouches-du-Rhône (FR-13)"


def test_place_names_in_arabic_where_known_and_codes_isolated() -> None:
    assert area_name("MA-TNG", "ar") == "طنجة أصيلة"
    assert area_name("TN-52", "ar") == "المنستير"
    assert area_name("FR-2A") == "Corse-du-Sud" and area_name("FR-971") == "Guadeloupe"
    assert area_name("FR-13", "ar") == "Bouches-du-Rhône"  # no Arabic name: French
    label = place_label("MA-TNG", named_within=True, language="ar")
    assert label.startswith("\u2068طنجة أصيلة\u2069 (\u2066MA-TNG\u2069)")
    assert place_label("TN-51", language="fr") == "Sousse (TN-51)"


def test_spellings_of_one_town_are_one_commune() -> None:
    raw = [
        RawPlace("Msaken", "4070", 100),
        RawPlace("M'saken Ville", "4070", 30),
        RawPlace("M'SAKEN", None, 5),
        RawPlace("Sousse Ville", "4011", 40),  # another postal code: not Sousse
        RawPlace("Sousse", "4000", 300),
    ]
    places = assign_places("TN", raw, {}, named_min=120)
    assert places[("Msaken", "4070")] == "TN-51/Msaken"
    assert places[("M'saken Ville", "4070")] == "TN-51/Msaken"
    assert places[("M'SAKEN", None)] == "TN-51/Msaken"
    assert places[("Sousse", "4000")] == "TN-51/Sousse"
    assert places[("Sousse Ville", "4011")] == "TN-51"  # 40 consultations: not named


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["Msaken", "M'saken", "msaken ville", "Akouda", "Kondar Centre"]),
            st.sampled_from(["4070", "4022", "4020", None]),
            st.integers(1, 200),
        ),
        min_size=1,
        max_size=12,
        unique_by=lambda t: (t[0], t[1]),
    )
)
def test_folding_keeps_every_consultation_and_only_joins_one_towns_spellings(
    rows: list[tuple[str, str | None, int]],
) -> None:
    raw = [RawPlace(*r) for r in rows]
    places = assign_places("TN", raw, {}, named_min=1)
    for place in raw:
        published = places[(place.commune, place.postal_code)]
        area, _sep, commune = published.partition("/")
        assert area == "TN-51" and commune
        # a published commune is a spelling of the same town (generic words aside)
        assert town_key(commune, generic=False) == town_key(place.commune, generic=False)


def test_a_table_cut_in_parts_is_titled_in_the_reports_language() -> None:
    """The parts' titles are made while the template renders, in the document worker,
    whose own language may be another than the report's."""
    from siec_desk.core.i18n import language_override
    from siec_desk.documents.network_report.content import NetworkReportContent
    from siec_desk.documents.network_report.pdf import network_report_html

    wide = Grid(
        "Mois × mesure",
        ["Mois \\ Mesure", *(f"Mesure numéro {i} très longue" for i in range(60))],
        [
            (f"Ligne numéro {m} assez longue", [Shown(m * i, f"{m * i:,}") for i in range(60)])
            for m in range(30)
        ],
    )
    month = Grid("Par mois", ["Mois", "France", "Réseau", "Centres"], [])
    empty = Grid("Vide", ["Centre", "Pays"], [])
    report = NetworkReportContent(
        language="fr",
        direction="ltr",
        locale="fr_FR",
        title="Statistiques du réseau",
        generated_on="7 décembre 2026",
        facts=[],
        imports=empty,
        by_centre=empty,
        by_country=empty,
        by_month=month,
        details=[wide],
        legend=[],
    )
    with language_override("en"):
        html = network_report_html(report)
    assert "(partie 1 sur " in html and "(part 1 of" not in html
