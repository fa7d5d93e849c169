"""Small-cell protection and generalisation on hand-built cases with known answers."""

from __future__ import annotations

from testkit.network import Record, determined, facts_of, published_counts

from siec_desk.network.export.generalise import (
    RawPlace,
    area_of_commune,
    area_of_postal_code,
    assign_places,
    commune_areas,
    french_department,
    place_level,
)
from siec_desk.network.export.suppression import (
    COLUMN,
    ROW,
    TOTAL,
    Edge,
    bridges,
    dominated,
    grid,
    key,
    protect,
    unsafe,
)
from siec_desk.network.export.tables import Facts, TableSpec, build_tables

SPEC = TableSpec("t", "consultations", "month", "mode", "test")  # type: ignore[arg-type]
MONTHS = ("m1", "m2", "m3")
MODES = ("a", "b", "c")


def _table_facts(grid_values: dict[tuple[str, str], int]) -> dict:
    """Facts of a month × mode table where every consultation has its own household."""
    facts = {}
    rows = {r for r, _c in grid_values}
    cols = {c for _r, c in grid_values}
    for (r, c), v in grid_values.items():
        facts[key("consultations", month=r, mode=c)] = Facts({"consultations": v}, v)
    for r in rows:
        total = sum(v for (rr, _c), v in grid_values.items() if rr == r)
        facts[key("consultations", month=r)] = Facts({"consultations": total}, total)
    for c in cols:
        total = sum(v for (_r, cc), v in grid_values.items() if cc == c)
        facts[key("consultations", mode=c)] = Facts({"consultations": total}, total)
    total = sum(grid_values.values())
    facts[key("consultations")] = Facts({"consultations": total}, total)
    return facts


def _grid(rows: list[list[int]]) -> dict[tuple[str, str], int]:
    return {(MONTHS[i], MODES[j]): v for i, row in enumerate(rows) for j, v in enumerate(row)}


# -- generalisation ----------------------------------------------------------------------


def test_french_departments_from_postal_codes() -> None:
    assert french_department("13001") == "13"
    assert french_department("13 100") == "13"
    assert french_department("01000") == "01"
    assert french_department("20000") == "2A"
    assert french_department("20190") == "2A"
    assert french_department("20200") == "2B"
    assert french_department("20600") == "2B"
    assert french_department("97110") == "971"
    assert french_department("97600") == "976"
    for bad in ("1300", "130011", "ABCDE", "00100", "", None):
        assert french_department(bad) is None


def test_moroccan_and_tunisian_areas_from_the_shipped_table() -> None:
    assert area_of_postal_code("MA", "91000") == "MA-CHE"
    assert area_of_postal_code("MA", "93200") == "MA-MDF"
    assert area_of_postal_code("TN", "4070") == "TN-51"
    assert area_of_postal_code("TN", "5000") == "TN-52"
    assert area_of_postal_code("MA", "20000") is None  # Casablanca: not in the table
    assert area_of_commune("MA", "شفشاون") == "MA-CHE"
    assert area_of_commune("MA", "TETOUAN") == "MA-TET"
    assert area_of_commune("TN", "Kalaa Kebira") == "TN-51"
    assert area_of_commune("MA", "Casablanca") is None
    assert area_of_postal_code("FR", "13001") == "FR-13"


def test_small_communes_become_their_area_and_large_ones_are_named() -> None:
    raw = [
        RawPlace("Marseille", "13001", 150),
        RawPlace("marseille", None, 30),  # typed without postal code, other spelling
        RawPlace("Gémenos", "13420", 12),
        RawPlace("Gemenos", None, 3),
        RawPlace("Lyon", None, 200),  # no postal code anywhere: the country
        RawPlace(None, None, 40),
    ]
    known = commune_areas("FR", [("Marseille", "13013"), ("Gémenos", "13420")])
    places = assign_places("FR", raw, known, named_min=110)
    assert places[("Marseille", "13001")] == "FR-13/Marseille"
    assert places[("marseille", None)] == "FR-13/Marseille"
    assert places[("Gémenos", "13420")] == "FR-13"
    assert places[("Gemenos", None)] == "FR-13"
    assert places[("Lyon", None)] == "FR/Lyon"
    assert places[(None, None)] == "FR"
    assert [place_level(p) for p in ("FR-13", "FR-13/Marseille", "FR", "MA-CHE")] == [
        "department",
        "commune",
        "country",
        "province",
    ]


def test_a_commune_name_seen_in_two_departments_is_not_guessed() -> None:
    known = commune_areas("FR", [("Saint-Martin", "13001"), ("Saint-Martin", "83000")])
    assert "saint martin" not in known


# -- primary rules -----------------------------------------------------------------------


def test_frequency_rule_counts_contributors_not_consultations() -> None:
    assert unsafe(count=1, contributors=1, threshold=11)
    assert unsafe(count=10, contributors=10, threshold=11)
    assert not unsafe(count=11, contributors=11, threshold=11)
    assert unsafe(count=30, contributors=4, threshold=11)  # four households, 30 visits
    assert not unsafe(count=0, contributors=0, threshold=11)  # zero is published


def test_dominance_rule_is_strictly_above_85_percent() -> None:
    assert dominated(largest=86, total=100)
    assert not dominated(largest=85, total=100)
    assert not dominated(largest=0, total=0)


# -- the graph of suppressed entries -----------------------------------------------------


def test_bridges_of_two_cycles_joined_by_one_edge() -> None:
    def e(r: str, c: str) -> Edge:
        return Edge((ROW, r), (COLUMN, c), key("g", r=r, c=c))

    cycle_a = [e("1", "a"), e("1", "b"), e("2", "a"), e("2", "b")]
    cycle_b = [e("3", "c"), e("3", "d"), e("4", "c"), e("4", "d")]
    link = e("2", "c")
    assert bridges([*cycle_a, *cycle_b, link]) == [link]
    assert bridges(cycle_a) == []
    assert bridges([e("1", "a")]) == [e("1", "a")]


def test_one_small_cell_gets_the_cheapest_three_cell_complement() -> None:
    facts = _table_facts(_grid([[20, 3, 30], [25, 40, 35], [15, 12, 50]]))
    (table,) = build_tables(MONTHS, facts, 11, [SPEC])
    assert sorted(table.suppressed()) == [("m1", "a"), ("m1", "b"), ("m3", "a"), ("m3", "b")]
    assert table.cells[("m1", TOTAL)] == {"consultations": 53}
    assert table.cells[(TOTAL, TOTAL)] == {"consultations": 230}
    assert determined(table) == []


def test_a_single_hidden_cell_would_be_recomputable_from_its_row() -> None:
    """The check itself: one suppressed cell in a row is determined; a 2×2 block is not."""
    facts = _table_facts(_grid([[20, 3, 30], [25, 40, 35], [15, 12, 50]]))
    (table,) = build_tables(MONTHS, facts, 11, [SPEC])
    cells = dict(table.cells)
    cells[("m1", "a")] = {"consultations": 20}
    cells[("m3", "a")] = {"consultations": 15}
    cells[("m3", "b")] = {"consultations": 12}
    leaky = type(table)(table.spec, table.rows, table.columns, cells)
    assert determined(leaky) == [("m1", "b")]


def test_a_small_row_is_hidden_with_its_margin_and_covered_by_another_row() -> None:
    facts = _table_facts(_grid([[2, 3, 0], [25, 40, 35], [15, 12, 50]]))
    (table,) = build_tables(MONTHS, facts, 11, [SPEC])
    hidden = set(table.suppressed())
    assert {("m1", "a"), ("m1", "b"), ("m1", TOTAL)} <= hidden
    assert table.cells[("m1", "c")] == {"consultations": 0}  # zero stays zero
    assert determined(table) == []
    assert all(not 1 <= c < 11 for c in published_counts(table))


def test_a_table_below_the_threshold_is_entirely_hidden() -> None:
    facts = _table_facts(_grid([[1, 2, 0], [0, 3, 1], [2, 0, 0]]))
    (table,) = build_tables(MONTHS, facts, 11, [SPEC])
    for position, values in table.cells.items():
        assert (values is None) == (position in {p for p in table.suppressed()})
        if values is not None:
            assert values == {"consultations": 0}
    assert table.cells[(TOTAL, TOTAL)] is None


def test_one_household_with_many_visits_is_still_a_small_cell() -> None:
    """12 consultations but one household: hidden, although 12 ≥ 11."""
    others = [(m, mode) for m in MONTHS for mode in MODES if (m, mode) != ("m1", "a")]
    records = [Record("m1", "a", "info", 7)] * 12 + [
        Record(m, mode, "info", 100 * i + n)
        for i, (m, mode) in enumerate(others)
        for n in range(12)
    ]
    (table,) = build_tables(MONTHS, facts_of(records, [SPEC]), 11, [SPEC])
    assert table.cells[("m1", "a")] is None
    assert len(table.suppressed()) == 4  # and the cheapest 2×2 block around it
    assert table.cells[(TOTAL, TOTAL)] == {"consultations": 108}
    assert determined(table) == []


def test_a_margin_shared_by_two_tables_is_hidden_in_both() -> None:
    by_mode = TableSpec("x", "consultations", "month", "mode", "x")  # type: ignore[arg-type]
    by_act = TableSpec("y", "consultations", "month", "act", "y")  # type: ignore[arg-type]
    records = [
        Record(m, mode, act, n)
        for n, (m, mode, act) in enumerate(
            [("m1", "a", "info")] * 5
            + [("m2", "a", "info")] * 30
            + [("m2", "b", "advice")] * 30
            + [("m3", "b", "advice")] * 40
            + [("m3", "a", "info")] * 25
        )
    ]
    tables = build_tables(MONTHS, facts_of(records, [by_mode, by_act]), 11, [by_mode, by_act])
    for table in tables:
        assert table.cells[("m1", TOTAL)] is None
        assert determined(table) == []
        assert all(not 1 <= c < 11 for c in published_counts(table))


def test_protect_never_suppresses_zero_entries() -> None:
    edges = grid("g", "r", ["1", "2"], "c", ["x", "y"])
    values = {e.key: 0 for e in edges}
    assert protect([edges], values, [e.key for e in edges]) == set()
