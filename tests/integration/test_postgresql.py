"""PostgreSQL specifics: the released migrations build the models' schema unchanged, and
the search index answers like SQLite's FTS5 on the same data."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict
from datetime import date
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text
from testkit.cli import Cli
from testkit.postgres import PostgresServer

from siec_desk.domain.activity_period import month, year
from siec_desk.services.activity.dashboard import load_dashboard
from siec_desk.services.activity.engine import PARTS
from siec_desk.services.app import AppContext, open_app
from siec_desk.storage.base import Base
from siec_desk.storage.database import open_database
from siec_desk.storage.schema import HEAD_REVISION
from siec_desk.storage.search import PostgresSearchBackend
from siec_desk.storage.search.postgres import INDEX_NAME, WORDS, tsquery


@pytest.fixture
def empty_pg(pg_server: PostgresServer) -> Iterator[str]:
    url = pg_server.create_database()
    yield url
    pg_server.drop_database(url.rsplit("/", 1)[1].split("?")[0])


def test_every_migration_runs_on_postgresql_and_builds_the_models_schema(empty_pg: str) -> None:
    db = open_database(empty_pg)
    try:
        with db.engine.connect() as connection:
            context = MigrationContext.configure(
                connection,
                opts={"include_name": lambda name, type_, parent: name != INDEX_NAME},
            )
            assert context.get_current_revision() == HEAD_REVISION
            assert compare_metadata(context, Base.metadata) == []
        assert isinstance(db.search, PostgresSearchBackend)
        with db.engine.connect() as connection:
            assert db.search.index_ready(connection)
    finally:
        db.close()


def test_the_search_index_is_what_answers(empty_pg: str) -> None:
    db = open_database(empty_pg)
    try:
        with db.engine.begin() as connection:
            connection.execute(text("SET LOCAL enable_seqscan = off"))
            plan = "\n".join(
                row[0]
                for row in connection.execute(
                    text(f"EXPLAIN SELECT id FROM households WHERE {WORDS} @@ CAST(:q AS tsquery)"),
                    {"q": tsquery(("dup",), prefix=True)},
                )
            )
        assert INDEX_NAME in plan
    finally:
        db.close()


@pytest.fixture(scope="module")
def twins(
    pg_server: PostgresServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[AppContext, AppContext]]:
    """The same demo centre on SQLite and, copied, on PostgreSQL."""
    folder = tmp_path_factory.mktemp("twins")
    sqlite = folder / "centre.sqlite3"
    capsys = _NoCapture()
    cli = Cli(sqlite, capsys)  # type: ignore[arg-type]
    assert cli("demo", "--households", "400", "--seed", "11", "--country", "MA")[0] == 0
    url = pg_server.create_database()
    assert cli("db", "copy", "--to", url)[0] == 0
    pair = open_app(sqlite), open_app(url)
    yield pair
    for ctx in pair:
        ctx.close()
    pg_server.drop_database(url.rsplit("/", 1)[1].split("?")[0])


class _NoCapture:
    """Enough of pytest's capsys for Cli in a module fixture (output is not checked)."""

    def readouterr(self) -> tuple[str, str]:
        return "", ""


def _queries(ctx: AppContext) -> list[str]:
    """Whole words, prefixes of 1-4 letters, two-word queries, phone digits, Arabic."""
    found: list[str] = []
    for household in ctx.households.page(0, 60):
        name = household.display_name
        words = name.split()
        found += [words[0], words[-1][:1], words[-1][:2], words[0][:4], " ".join(words)]
        if household.phone:
            found.append(household.phone[-9:-5])
    return [*found, "احمد", "فاطمه", "ب", "zz", "0"]


def test_postgresql_and_sqlite_return_the_same_households_in_the_same_order(
    twins: tuple[AppContext, AppContext],
) -> None:
    on_sqlite, on_postgres = twins
    queries = _queries(on_sqlite)
    assert len(queries) > 250
    for query in queries:
        expected = [h.id for h in on_sqlite.households.search(query)]
        assert [h.id for h in on_postgres.households.search(query)] == expected, query


def test_every_page_and_count_of_a_search_is_the_same_on_both(
    twins: tuple[AppContext, AppContext],
) -> None:
    """Issue 20: article-free Arabic, phone tails, transliteration and the pages beyond
    the first give the same households, in the same order, with the same count."""
    on_sqlite, on_postgres = twins
    latin = ["0", "a", "alaoui", "mohamed", "youssef", "1234", "6 12"]
    queries = [*latin, "ال", "عمراني", "محمد", "يوسف"]
    for query in queries:
        counts = [ctx.households.search_count(query) for ctx in twins]
        assert counts[0] == counts[1], query
        for offset in (0, 45, 100, max(0, counts[0] - 30)):
            pages = [[h.id for h in ctx.households.search_page(query, offset, 60)] for ctx in twins]
            assert pages[1] == pages[0], (query, offset)
    assert on_sqlite.households.search_count("محمد") > 0
    assert on_postgres.households.search_count("0") > 200  # far beyond the ranked head


def test_the_dashboard_counts_the_same_on_both(twins: tuple[AppContext, AppContext]) -> None:
    on_sqlite, on_postgres = twins
    this_year = year(date.today().year)
    for period in (this_year, this_year.previous(), month(date.today().replace(day=1))):
        dashboards = [
            load_dashboard(ctx.stats, period, ("mode", "theme", "act"), breakdown_parts=PARTS)
            for ctx in (on_sqlite, on_postgres)
        ]
        assert dashboards[0].comparison.current.consultations > 0 or period != this_year
        assert _rounded(asdict(dashboards[1])) == _rounded(asdict(dashboards[0]))


def _rounded(value: Any) -> Any:
    """Float sums may differ in the last bit (the servers add in different orders)."""
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_rounded(v) for v in value]
    return value
