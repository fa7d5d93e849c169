"""The coordinator's fast checks of a received file (issue 22) decide exactly as the
checks they stand in for, on real exports altered at random: the export schema read
column by column against jsonschema, a table's cells read column by column against the
cell by cell reading, the byte scan for control characters against the search of every
string, and the parser's shortcuts (repeated keys, very long integers)."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from testkit.coordinator import YEAR, centre_export

from siec_desk.network.coordinator import reading, table_checks
from siec_desk.network.coordinator.schema_check import fast_schema_errors
from siec_desk.network.export.export_format import schema
from siec_desk.services.network.export import ExportOptions

PROPERTY = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
Q1 = ExportOptions(date(2025, 1, 1), date(2025, 3, 1), threshold=5)
#: Values put in place of another: wrong types, bounds, codes, the margin mark.
ALTERATIONS = (
    None, "x", "*", "", -1, 0, 1, 1.0, 1.5, True, False, [], {}, "2026-13", "2025-02",
    "FR", "FR-13", "ZZ", "walk_in", "Walk_in", 10**7, 10**7 + 1, 10**15, -(10**15),
    "DROP", "EXTRA", "TWICE",
)  # fmt: skip


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[dict[str, Any]]]:
    """A French centre's year and a Moroccan centre's quarter (format 3), as parsed JSON."""
    folder = tmp_path_factory.mktemp("centres")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SIEC_DESK_HOME", str(tmp_path_factory.mktemp("home")))
        (fr,) = centre_export(folder, "FR", "FR-01", 1, households=120, periods=(YEAR,))
        (ma,) = centre_export(folder, "MA", "MA-01", 2, households=80, periods=(Q1,))
    yield [json.loads(path.read_text("utf-8")) for path in (fr, ma)]


def _nodes(data: object, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The path of every value of a JSON document (containers included)."""
    found = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _nodes(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _nodes(value, (*path, index))
    return found


def _alter(document: Any, data: st.DataObject, within: tuple[Any, ...] = ()) -> None:
    """One to three random alterations of *document* under the path *within*: a value
    replaced, a key dropped or added, a list item given twice."""
    root = document
    for step in within:
        root = root[step]
    for _n in range(data.draw(st.integers(1, 3))):
        paths = [p for p in _nodes(root) if p]
        if not paths:
            return
        path = data.draw(st.sampled_from(paths))
        parent = root
        for step in path[:-1]:
            parent = parent[step]
        change = data.draw(st.sampled_from(ALTERATIONS))
        if change == "DROP":
            if isinstance(parent, dict):
                del parent[path[-1]]
            else:
                parent.pop(path[-1])
        elif change == "EXTRA" and isinstance(parent, dict):
            parent[data.draw(st.sampled_from(["unexpected", "events", "mode", "month"]))] = 1
        elif change == "TWICE" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[path[-1]]))
        elif change not in ("DROP", "EXTRA", "TWICE"):
            parent[path[-1]] = copy.deepcopy(change)


#: Figures put in a cell's measure (with its ``suppressed`` drawn anew).
FIGURES = (None, -1, 0, 1.0, 2.5, True, "3", 10**15, -(10**15))


def _alter_figure(table: dict[str, Any], data: st.DataObject) -> None:
    """A figure of one cell replaced, and the cell published or suppressed."""
    if not table["cells"]:
        return
    cell = table["cells"][data.draw(st.integers(0, len(table["cells"]) - 1))]
    measure = data.draw(st.sampled_from([*table["measures"], "events", "kwh_per_year"]))
    cell["suppressed"] = data.draw(st.booleans())
    cell[measure] = copy.deepcopy(data.draw(st.sampled_from(FIGURES)))


@settings(PROPERTY, max_examples=150)
@given(st.data())
def test_the_fast_schema_check_agrees_with_jsonschema(
    exports: list[dict[str, Any]], data: st.DataObject
) -> None:
    """It never accepts what jsonschema refuses nor refuses what it accepts; most
    alterations fall in the cells, which it reads column by column."""
    altered = copy.deepcopy(exports[data.draw(st.integers(0, len(exports) - 1))])
    for table in altered["tables"]:  # a few cells of each table: jsonschema stays quick
        table["cells"] = table["cells"][:6]
    how = data.draw(st.sampled_from(["figure", "cells", "anywhere"]))
    index = data.draw(st.integers(0, len(altered["tables"]) - 1))
    if how == "figure":
        _alter_figure(altered["tables"][index], data)
    elif how == "cells":
        _alter(altered, data, ("tables", index, "cells"))
    else:
        _alter(altered, data)
    expected = Draft202012Validator(schema()).is_valid(altered)
    assert (fast_schema_errors(altered) == []) == expected


def test_the_fast_schema_check_accepts_the_real_exports(exports: list[dict[str, Any]]) -> None:
    for document in exports:
        assert fast_schema_errors(document) == []


TABLE_SCHEMA = Draft202012Validator({"$ref": "#/$defs/table", "$defs": schema()["$defs"]})


def _cell_by_cell(raw: dict[str, Any], months: tuple[str, ...], country: str) -> Any:
    """The table as the cell by cell reading alone reads it (the fast path switched off)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(table_checks, "fast_columns", lambda *_args: None)
        return table_checks.parse_table(raw, months, country)


@PROPERTY
@given(st.data())
def test_a_table_read_by_columns_is_the_table_read_cell_by_cell(
    exports: list[dict[str, Any]], data: st.DataObject
) -> None:
    """Same table or same refusal, whatever was altered in its cells (figures out of
    bounds, a cell twice or missing, a dimension or measure dropped, a wrong position)."""
    document = copy.deepcopy(exports[data.draw(st.integers(0, len(exports) - 1))])
    months, country = tuple(document["period"]["months"]), document["centre"]["country"]
    raw = document["tables"][data.draw(st.integers(0, len(document["tables"]) - 1))]
    how = data.draw(st.sampled_from(["none", "figure", "cells"]))
    if how == "figure":
        _alter_figure(raw, data)
    elif how == "cells":
        _alter(raw, data, ("cells",))
    if not TABLE_SCHEMA.is_valid(raw):  # tables are read only once the schema holds
        return
    fast = table_checks.parse_table(raw, months, country)
    assert fast == _cell_by_cell(raw, months, country)


def test_every_entry_of_a_real_table_is_stored_as_the_file_gives_it(
    exports: list[dict[str, Any]],
) -> None:
    """The entries, in the file's order: each cell's measures, None where suppressed."""
    for document in exports:
        months, country = tuple(document["period"]["months"]), document["centre"]["country"]
        for raw in document["tables"]:
            parsed = table_checks.parse_table(raw, months, country)
            assert not isinstance(parsed, str), parsed
            rows, columns = raw["dimensions"]
            assert parsed.cells == tuple(
                (cell[rows], cell[columns], m, None if cell["suppressed"] else cell[m])
                for cell in raw["cells"]
                for m in raw["measures"]
            )
            assert parsed == _cell_by_cell(raw, months, country)


def test_the_byte_scan_finds_exactly_the_forbidden_characters() -> None:
    """Over every code point, raw in UTF-8: the byte filter lets through every one that
    may be forbidden, and the exact scan matches the forbidden ones (but JSON's own
    whitespace, which the parser never lets into a string raw)."""
    from siec_desk.network.coordinator import clean_bytes as module
    from siec_desk.network.export.safe_text import has_forbidden

    for point in range(0x110000):
        if 0xD800 <= point <= 0xDFFF:
            continue
        character = chr(point)
        encoded = character.encode("utf-8")
        forbidden = has_forbidden(character) and character not in "\t\n\r"
        assert (module.RAW_FORBIDDEN.search(encoded) is not None) == forbidden, hex(point)
        if forbidden:
            assert encoded.translate(None, module._CANNOT_START), hex(point)


#: Text put into a file's strings: plain, accented, Arabic, and the forbidden characters.
TEXTS = st.text(
    st.sampled_from(
        [*'aZ9-/ éçأبت"\\', "\u00a0", "\u2019", "\u200d", "\u2010"]
        + [chr(c) for c in (0, 1, 9, 10, 13, 31, 127, 128, 159, 160)]
        + ["\u200e", "\u200f", "\u202a", "\u202e", "\u2066", "\u2069", "\u206a"]
    ),
    max_size=12,
)


@PROPERTY
@given(st.data(), TEXTS, st.booleans())
def test_a_clean_byte_scan_means_no_string_holds_a_forbidden_character(
    exports: list[dict[str, Any]], data: st.DataObject, text: str, ascii_only: bool
) -> None:
    """The file's text written escaped or raw: where the byte scan says clean, the search
    of every string finds nothing either; the file's verdict is the same both ways."""
    document = copy.deepcopy(exports[data.draw(st.integers(0, len(exports) - 1))])
    where = data.draw(st.sampled_from(["place", "key", "version"]))
    if where == "place":
        document["places"].append({"code": f"FR-13/{text}", "level": "commune"})
    elif where == "key":
        document["centre"][text] = "x"
    else:
        document["software"]["version"] = text
    raw = json.dumps(document, ensure_ascii=ascii_only, indent=1).encode("utf-8")
    parsed, clean = reading._decode(Path("c.json"), raw)
    assert parsed == document
    searched = reading._size_problem(parsed)
    if clean:
        assert searched is None
    assert reading._size_problem(parsed, clean) == searched


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"a": 1, "b": 2, "a": 3}', "the key a is given twice"),
        ('{"a": {"b": 1, "c": 2, "c": 3, "b": 4}}', "the key c is given twice"),
        ('{"a": 123456789012345678}', None),
        ('{"a": -123456789012345678}', None),
        ('{"a": 1234567890123456789}', "far too large"),
        ('{"a": -1234567890123456789}', "far too large"),
        ('{"a": "1234567890123456789", "b": 5}', None),
        ('{"a": 1.234567890123456789}', None),
        ('{"a": NaN}', "which is not a number"),
    ],
)
def test_the_parser_refuses_repeated_keys_and_long_integers_as_before(
    text: str, message: str | None
) -> None:
    if message is None:
        parsed, _clean = reading._decode(Path("c.json"), text.encode())
        assert parsed == json.loads(text)
    else:
        with pytest.raises(reading.ImportRefusedError, match=message):
            reading._decode(Path("c.json"), text.encode())


def test_a_run_commits_each_file_then_makes_them_durable_together(
    exports: list[dict[str, Any]], tmp_path: Path
) -> None:
    """Each file is its own transaction, committed with synchronous=NORMAL (and a longer
    write-ahead log); the run ends with one FULL commit (the seal) before its outcomes
    are given; a later write is FULL again. A run that imports nothing seals nothing."""
    from sqlalchemy import event

    from siec_desk.network.coordinator.database import open_network_database
    from siec_desk.services.network.coordinator import NetworkCoordinator

    paths = []
    for index, document in enumerate(exports):
        paths.append(tmp_path / f"centre-{index}.json")
        paths[-1].write_text(json.dumps(document), "utf-8")
    (tmp_path / "bad.json").write_text("{}", "utf-8")
    db = open_network_database(tmp_path / "network.sqlite3")
    levels: list[tuple[int, int]] = []

    def commit(connection: Any) -> None:
        pragma = connection.exec_driver_sql
        levels.append(
            (pragma("PRAGMA synchronous").scalar(), pragma("PRAGMA wal_autocheckpoint").scalar())
        )

    event.listen(db.engine, "commit", commit)
    try:
        coordinator = NetworkCoordinator(db)
        outcomes = coordinator.import_files([paths[0], tmp_path / "bad.json", paths[1]])
        assert [o.ok for o in outcomes] == [True, False, True]
        # NORMAL with a longer log, twice, then the FULL seal at SQLite's default
        assert levels == [(1, 10_000), (1, 10_000), (2, 1000)]
        levels.clear()
        assert coordinator.import_files([tmp_path / "bad.json"])[0].error
        assert levels == []
        coordinator.import_file(paths[0])  # the very same file again: a plain FULL write
        assert levels == [(2, 1000)]
        assert [i.network_code for i in coordinator.imports()] == ["FR-01", "MA-01"]
    finally:
        db.close()
