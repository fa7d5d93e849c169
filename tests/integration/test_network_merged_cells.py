"""The network tables summed by the database (``services.network.figures._merged_cells``,
one grouped query per table: issue 22, 500 centres) give exactly what folding every
centre's fact in Python gives (``domain.network_figures.merge`` over ``_facts``): same
entries, same sums of the published parts, same counts of hidden parts, so that a
suppressed part is never read as zero."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, insert

from siec_desk.domain.network_figures import Figure, merge
from siec_desk.domain.network_results import MergedTable
from siec_desk.network.coordinator.database import NetworkDatabase, open_network_database
from siec_desk.network.coordinator.models import Cell, Import, ImportTable
from siec_desk.network.export.suppression import TOTAL
from siec_desk.network.export.tables import MEASURES, TABLES
from siec_desk.services.network.figures import _facts, read_tables

SPEC = TABLES[0]
MEASURE_LIST = list(MEASURES[SPEC.group])
#: One cell: (centre, row, column, measure index, value, suppressed).
CELL = st.tuples(
    st.integers(0, 3),
    st.sampled_from(["a", "b", TOTAL]),
    st.sampled_from(["x", "y", TOTAL]),
    st.integers(0, len(MEASURE_LIST) - 1),
    st.one_of(st.none(), st.integers(-(10**12), 10**12)),
    st.booleans(),
)


def _import(number: int) -> dict[str, object]:
    return {
        "id": number + 1,
        "network_code": f"FR-{number:02d}",
        "country": "FR" if number % 2 else "MA",
        "currency": "EUR" if number % 2 else "MAD",
        "first_month": "2025-01",
        "last_month": "2025-12",
        "month_count": 12,
        "format_version": 3,
        "software_version": "0.7.0",
        "threshold": 5,
        "generated_on": date(2026, 1, 5),
        "file_name": f"FR-{number:02d}.json",
        "sha256": f"{number:064d}",
        "imported_at": datetime(2026, 1, 6, tzinfo=UTC),
    }


def _store(
    db: NetworkDatabase, cells: Sequence[tuple[int, str, str, int, int | None, bool]]
) -> None:
    with db.write() as session:
        for model in (Cell, ImportTable, Import):
            session.execute(delete(model))
        session.execute(insert(Import), [_import(n) for n in range(4)])
        session.execute(
            insert(ImportTable),
            [
                {
                    "import_id": n + 1,
                    "table_id": SPEC.id,
                    "group": SPEC.group,
                    "row_dimension": SPEC.rows,
                    "column_dimension": SPEC.columns,
                }
                for n in range(4)
            ],
        )
        if cells:
            session.execute(
                insert(Cell),
                [
                    {
                        "import_id": centre + 1,
                        "table_id": SPEC.id,
                        "row_key": row,
                        "column_key": column,
                        "measure": MEASURE_LIST[measure],
                        "value": value,
                        "suppressed": suppressed,
                    }
                    for centre, row, column, measure, value, suppressed in cells
                ],
            )


def _folded(db: NetworkDatabase, measures: list[str]) -> dict[tuple[str, str, str], Figure]:
    with db.read() as session:
        facts = _facts(session, SPEC.id, measures)
    return merge(facts, lambda f: (f.row, f.column, f.measure))


def _grouped(table: MergedTable) -> dict[tuple[str, str, str], Figure]:
    return {
        (row, column, measure): figure
        for (row, column), measures in table.cells.items()
        for measure, figure in measures.items()
    }


def test_sums_beyond_64_bits_are_still_exact(tmp_path: Path) -> None:
    """Files hold integers of up to 18 digits: ten of them overflow SQLite's SUM, and the
    table is then summed in Python, exactly."""
    big = 10**18 - 1
    db = open_network_database(tmp_path / "network.sqlite3")
    try:
        _store(db, [(n % 4, "a", "x", 0, big, False) for n in range(10)])
        (table,) = read_tables(db)
        assert table.figure("a", "x", MEASURE_LIST[0]) == Figure(10 * big, 10, 0)
        assert _grouped(table) == _folded(db, table.measures)
    finally:
        db.close()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(cells=st.lists(CELL, max_size=40))
def test_the_grouped_sums_equal_the_facts_folded_in_python(
    tmp_path: Path, cells: list[tuple[int, str, str, int, int | None, bool]]
) -> None:
    db = open_network_database(tmp_path / "network.sqlite3")
    try:
        _store(db, cells)
        (table,) = read_tables(db)
        assert _grouped(table) == _folded(db, table.measures)
        with db.read() as session:
            facts = _facts(session, SPEC.id, table.measures)
        assert table.rows == sorted({f.row for f in facts} - {TOTAL})
        assert table.columns == sorted({f.column for f in facts} - {TOTAL})
    finally:
        db.close()
