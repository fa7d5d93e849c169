"""The network import reads files ahead in a worker process (issue 22): the outcomes, their
messages (in the caller's language), what is stored and the progress are those of the
files read one by one here; a refused file leaves nothing; a worker that dies is reported
on the file it was reading, the rest imported, and the run never hangs."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import text
from testkit.coordinator import YEAR, centre_export
from testkit.read_ahead_crash import crash_on_marked

from siec_desk.core.i18n import language_override
from siec_desk.network.coordinator import read_ahead
from siec_desk.network.coordinator.database import open_network_database
from siec_desk.network.coordinator.models import NetworkBase
from siec_desk.services.network import coordinator as coordinator_module
from siec_desk.services.network.coordinator import ImportOutcome, NetworkCoordinator
from siec_desk.services.network.export import ExportOptions

Q1 = ExportOptions(date(2025, 1, 1), date(2025, 3, 1), threshold=5)
NOW = datetime(2026, 1, 15, 9, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[Path]]:
    """Good and refused files mixed: centres' years, a file of new figures for a centre
    already imported (needs confirmation), a quarter that only partly overlaps, the same
    file twice (replaces), an empty file, one that is not JSON, a wrong format, a file
    that is missing and one far too large."""
    folder = tmp_path_factory.mktemp("centres")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SIEC_DESK_HOME", str(tmp_path_factory.mktemp("home")))
        fr_year, fr_q1 = centre_export(folder, "FR", "FR-01", 1, households=60, periods=(YEAR, Q1))
        (ma1,) = centre_export(folder, "MA", "MA-01", 2, households=60)
        (tn1,) = centre_export(folder, "TN", "TN-01", 3, households=60)
    newer = json.loads(fr_year.read_text("utf-8"))
    newer["generated_on"] = "2026-01-20"
    (fr_newer := folder / "FR-01-again.json").write_text(json.dumps(newer), "utf-8")
    (empty := folder / "empty.json").write_bytes(b"")
    (garbled := folder / "garbled.json").write_text('{"format": "siec', "utf-8")
    (other := folder / "other.json").write_text('{"format": "other", "format_version": 1}')
    with (huge := folder / "huge.json").open("wb") as handle:
        handle.truncate(10 * 1024 * 1024 + 1)  # sparse: refused on its size
    missing = folder / "missing.json"
    yield [
        ma1, empty, fr_year, garbled, fr_q1, missing, tn1, fr_newer, other, ma1, huge,
    ]  # fmt: skip


def _run(
    tmp_path: Path, name: str, paths: list[Path], head: int
) -> tuple[list[ImportOutcome], list[tuple[int, int]], dict[str, list[tuple[object, ...]]]]:
    """Import *paths* into a new network database, reading ahead after *head* files (a
    head as long as the run: every file read here, as before the worker): the outcomes,
    the progress calls and every table's rows in insertion order."""
    db = open_network_database(tmp_path / f"{name}.sqlite3")
    steps: list[tuple[int, int]] = []
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(read_ahead, "HEAD", head)
            outcomes = NetworkCoordinator(db, now=lambda: NOW).import_files(
                paths, lambda done, total: steps.append((done, total))
            )
        with db.read() as session:
            stored = {
                table: [tuple(r) for r in session.execute(text(f"SELECT * FROM {table}"))]
                for table in NetworkBase.metadata.tables
            }
    finally:
        db.close()
    return outcomes, steps, stored


def test_reading_ahead_gives_the_outcomes_and_rows_of_reading_one_by_one(
    tmp_path: Path, files: list[Path]
) -> None:
    alone, alone_steps, alone_rows = _run(tmp_path, "alone", files, head=len(files))
    ahead, ahead_steps, ahead_rows = _run(tmp_path, "ahead", files, head=1)
    assert ahead == alone  # the same outcomes, messages and infos, in the same order
    assert [o.path for o in ahead] == files
    assert ahead_rows == alone_rows  # the same rows stored, with the same ids
    assert ahead_steps == alone_steps == [(n, len(files)) for n in range(1, len(files) + 1)]
    ok = [o.path.name for o in ahead if o.ok]
    assert ok == [files[0].name, files[2].name, files[6].name, files[0].name]
    assert ahead[9].replaced == 1  # the same file again replaces its first import
    assert ahead[7].unconfirmed and ahead[7].code == "FR-01"
    assert all(o.error and o.error.startswith(f"{o.path.name}: ") for o in ahead if not o.ok)
    assert "\n" not in "".join(o.error or "" for o in ahead)


def test_a_refused_file_read_ahead_leaves_nothing(tmp_path: Path, files: list[Path]) -> None:
    """Only the accepted files' rows are stored: the refused files between them (read in
    the worker) leave no import, month, table or cell."""
    good = [files[0], files[2], files[6]]
    _o, _s, only_good = _run(tmp_path, "good", good, head=len(good))
    ma1, empty, fr_year, garbled, fr_q1, missing, tn1, fr_newer, other, _ma1, huge = files
    mixed = [empty, ma1, garbled, fr_year, fr_q1, missing, other, huge, tn1, fr_newer]
    outcomes, _s, stored = _run(tmp_path, "mixed", mixed, head=0)
    assert [o.ok for o in outcomes] == [f in good for f in mixed]
    assert stored == only_good


def test_messages_read_ahead_are_in_the_callers_language(tmp_path: Path, files: list[Path]) -> None:
    with language_override("fr"):
        alone, _s, _r = _run(tmp_path, "alone", files, head=len(files))
        ahead, _s, _r = _run(tmp_path, "ahead", files, head=0)
    english, _s, _r = _run(tmp_path, "en", files, head=len(files))
    assert [o.error for o in ahead] == [o.error for o in alone]
    assert ahead[1].error and ahead[1].error.endswith("le fichier est vide.")
    assert ahead[1].error != english[1].error


def test_a_worker_that_dies_is_reported_and_the_rest_imported(
    tmp_path: Path, files: list[Path]
) -> None:
    """The worker is killed on a file (as by a crash): that file is reported as not
    imported with nothing stored, the files after it are read here and imported, and the
    outcomes keep the files' order."""
    crash = tmp_path / "crash.json"
    crash.write_bytes(files[0].read_bytes())
    paths = [files[0], files[6], crash, files[2], files[1]]
    dying = functools.partial(read_ahead.read_ahead, head=1, reader=crash_on_marked)
    db = open_network_database(tmp_path / "network.sqlite3")
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(coordinator_module, "read_ahead", dying)
            outcomes = NetworkCoordinator(db).import_files(paths)
        codes = [i.network_code for i in NetworkCoordinator(db).imports()]
    finally:
        db.close()
    assert [o.path for o in outcomes] == paths
    assert [o.ok for o in outcomes] == [True, True, False, True, False]
    assert outcomes[2].error == (
        "crash.json: cannot be imported (the process reading the files stopped); nothing "
        "of it was stored."
    )
    assert outcomes[4].error == "empty.json: the file is empty."
    assert codes == ["FR-01", "MA-01", "TN-01"]  # the crash file (MA-01's copy) left nothing


def test_read_ahead_keeps_the_order_of_many_files(files: list[Path]) -> None:
    good = [f for f in files if f.exists() and f.stat().st_size < 1024 * 1024]
    run = [*good, *good]
    results = list(read_ahead.read_ahead(run, head=2))
    assert [r.path for r in results] == run
    assert results == [read_ahead.read_result(p) for p in run]


def test_one_file_starts_no_worker(files: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(read_ahead, "_start_worker", lambda *_a: pytest.fail("a worker started"))
    [result] = read_ahead.read_ahead(files[:1])
    assert result.parsed is not None and result.digest
