"""``db copy --to``: a centre's SQLite file into PostgreSQL and back, verified table by
table; a target that holds data is refused unless --force."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select, update
from testkit.cli import Cli
from testkit.databases import Databases, query
from testkit.postgres import PostgresServer

from siec_desk.domain.household_records import HouseholdInput
from siec_desk.services.app import open_app
from siec_desk.storage.copy import table_checksum, tables
from siec_desk.storage.database import open_database
from siec_desk.storage.models import Household


@pytest.fixture
def server_db(pg_server: PostgresServer, tmp_path: Path) -> Databases:
    databases = Databases(tmp_path, pg_server)
    yield databases  # type: ignore[misc]
    databases.drop_all()


@pytest.fixture
def empty_pg(pg_server: PostgresServer) -> str:
    """A PostgreSQL database with nothing in it yet, as an administrator creates one."""
    url = pg_server.create_database()
    yield url  # type: ignore[misc]
    pg_server.drop_database(url.rsplit("/", 1)[1].split("?")[0])


def _centre(path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    cli = Cli(path, capsys)
    cli.json("demo", "--households", "120", "--seed", "5", "--country", "MA")
    cli.json("household", "add", "--first-name", "أحمد", "--last-name", "العمراني")
    return cli


def _dump(cli: Cli) -> tuple[object, ...]:
    return (
        cli.json("household", "list"),
        cli.json("consultation", "list"),
        cli.json("household", "search", "احمد"),
    )


def test_sqlite_to_postgresql_and_back_keeps_every_row(
    tmp_path: Path, empty_pg: str, capsys: pytest.CaptureFixture[str]
) -> None:
    original = _centre(tmp_path / "centre.sqlite3", capsys)
    before = _dump(original)

    report = original.json("db", "copy", "--to", empty_pg)

    assert isinstance(report, dict) and report["ok"] is True
    rows = {t["name"]: t["rows"] for t in report["tables"]}
    assert rows["households"] == 121 and rows["consultations"] == 360
    on_server = Cli(empty_pg, capsys)
    assert _dump(on_server) == before

    back = tmp_path / "back" / "centre.sqlite3"
    assert on_server.json("db", "copy", "--to", str(back))["ok"] is True  # type: ignore[index]
    assert _dump(Cli(back, capsys)) == before


def test_new_records_on_the_server_continue_after_the_copied_ids(
    tmp_path: Path, empty_pg: str, capsys: pytest.CaptureFixture[str]
) -> None:
    original = _centre(tmp_path / "centre.sqlite3", capsys)
    original.json("db", "copy", "--to", empty_pg)
    ctx = open_app(empty_pg)
    try:
        new = ctx.households.create(HouseholdInput(last_name="Nouveau"))
        assert new == 122
        assert [h.id for h in ctx.households.search("nouveau")] == [new]
    finally:
        ctx.close()


def test_a_target_with_data_is_refused_unless_forced(
    tmp_path: Path, server_db: Databases, capsys: pytest.CaptureFixture[str]
) -> None:
    original = _centre(tmp_path / "centre.sqlite3", capsys)
    used = server_db("used")
    ctx = open_app(used)
    ctx.households.create(HouseholdInput(last_name="Déjà là"))
    ctx.close()

    code, _out, err = original("db", "copy", "--to", str(used))

    assert code == 1 and err.count("\n") == 1 and "--force" in err and "households" in err
    assert query(used, "SELECT last_name FROM households") == [("Déjà là",)]

    assert original.json("db", "copy", "--to", str(used), "--force")["ok"] is True  # type: ignore[index]
    assert query(used, "SELECT count(*) FROM households") == [(121,)]


def test_copying_a_database_onto_itself_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original = _centre(tmp_path / "centre.sqlite3", capsys)
    code, _out, err = original("db", "copy", "--to", str(tmp_path / "centre.sqlite3"), "--force")
    assert code == 1 and "same database" in err
    assert len(original.json("household", "list")) == 121  # type: ignore[arg-type]


def test_sqlite_to_sqlite_works_without_a_server(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original = _centre(tmp_path / "centre.sqlite3", capsys)
    before = _dump(original)
    code, out, err = original("db", "copy", "--to", str(tmp_path / "copy.sqlite3"))
    assert code == 0, err
    assert "every table verified" in out
    assert _dump(Cli(tmp_path / "copy.sqlite3", capsys)) == before


def test_the_checksum_sees_one_changed_value_and_agrees_across_databases(
    tmp_path: Path, empty_pg: str, capsys: pytest.CaptureFixture[str]
) -> None:
    original = _centre(tmp_path / "centre.sqlite3", capsys)
    original.json("db", "copy", "--to", empty_pg)
    sums = []
    for location in (tmp_path / "centre.sqlite3", empty_pg):
        db = open_database(location)
        with db.engine.connect() as connection:
            sums.append([table_checksum(connection, t) for t in tables()])
        db.close()
    assert sums[0] == sums[1]

    db = open_database(empty_pg)
    households = next(i for i, t in enumerate(tables()) if t.name == "households")
    with db.write() as session:
        first = session.scalar(select(Household.id).order_by(Household.id).limit(1))
        session.execute(update(Household).where(Household.id == first).values(surface_m2=71.5))
    with db.engine.connect() as connection:
        changed = table_checksum(connection, tables()[households])
    db.close()
    assert changed[0] == sums[0][households][0] and changed[1] != sums[0][households][1]
