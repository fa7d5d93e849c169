"""SQLite FTS5 index over ``households.search_text``, kept in sync by triggers.

An external-content FTS5 table with prefix indexes answers as-you-type queries in well
under a millisecond on 100k households (benchmarks/). The text is folded in Python
before it is stored, because FTS5's unicode61 tokenizer neither strips tashkeel nor
folds hamza forms. The index is derived data, not schema: it is (re)created here after
migrations rather than in Alembic revisions, and Alembic's autogenerate ignores it.

The table is "external content": deleting a household only adds a delete marker, and the
old segments keep its folded words (name, phone forms, e-mail) in live pages. An erasure
therefore calls :meth:`SqliteFtsSearchBackend.purge_deleted`, which merges every segment
into one (FTS5 ``optimize``): the old segments' rows are deleted and, with
``secure_delete`` on (engine.py), their pages are zeroed.

``PRAGMA user_version`` records the :data:`~siec_desk.domain.normalise.SEARCH_FORMAT`
the index was built from: a database from an older release has its search texts
computed again, once, when it is opened (:mod:`.upkeep`).

Each tier of a query (:mod:`.base`) is one FTS5 expression: a term's alternatives are
OR-ed (``"word"*``, ``"<mark>key"``), terms AND-ed, a better tier removed with ``NOT``;
ids come newest first straight from the index (``ORDER BY rowid DESC``), so a page
costs the rows it returns, not the matches.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, text

from siec_desk.domain.normalise import SEARCH_FORMAT
from siec_desk.storage.search.base import IndexedSearch, Match, Page, Syntax
from siec_desk.storage.search.upkeep import refresh_search_texts

INDEX_TABLE = "household_search"
_TRIGGERS = {
    "household_search_ai": f"""
        CREATE TRIGGER IF NOT EXISTS household_search_ai AFTER INSERT ON households BEGIN
            INSERT INTO {INDEX_TABLE}(rowid, search_text) VALUES (new.id, new.search_text);
        END""",
    "household_search_ad": f"""
        CREATE TRIGGER IF NOT EXISTS household_search_ad AFTER DELETE ON households BEGIN
            INSERT INTO {INDEX_TABLE}({INDEX_TABLE}, rowid, search_text)
            VALUES ('delete', old.id, old.search_text);
        END""",
    "household_search_au": f"""
        CREATE TRIGGER IF NOT EXISTS household_search_au
        AFTER UPDATE OF search_text ON households BEGIN
            INSERT INTO {INDEX_TABLE}({INDEX_TABLE}, rowid, search_text)
            VALUES ('delete', old.id, old.search_text);
            INSERT INTO {INDEX_TABLE}(rowid, search_text) VALUES (new.id, new.search_text);
        END""",
}


def _fts_literal(word: str, prefix: bool) -> str:
    return '"' + word.replace('"', '""') + '"' + ("*" if prefix else "")


#: FTS5 syntax: alternatives ``OR``, terms ``AND``, a better tier removed with ``NOT``.
FTS5 = Syntax(_fts_literal, any_of=" OR ", all_of=" AND ", but_not=" NOT ")


def fts_expression(match: Match) -> str:
    """*match* as an FTS5 query (every word quoted: FTS5 syntax typed is plain text)."""
    return FTS5.expression(match)


def _format(connection: Connection) -> int:
    return int(connection.exec_driver_sql("PRAGMA user_version").scalar() or 0)


class SqliteFtsSearchBackend(IndexedSearch):
    def index_ready(self, connection: Connection) -> bool:
        names = {
            row[0]
            for row in connection.execute(
                text("SELECT name FROM sqlite_master WHERE name = :t OR name IN (:a, :b, :c)"),
                {"t": INDEX_TABLE, **dict(zip("abc", _TRIGGERS, strict=True))},
            )
        }
        return names == {INDEX_TABLE, *_TRIGGERS} and _format(connection) == SEARCH_FORMAT

    def ensure_index(self, connection: Connection, *, rebuild: bool = False) -> None:
        exists = connection.execute(
            text("SELECT 1 FROM sqlite_master WHERE type='table' AND name=:n"), {"n": INDEX_TABLE}
        ).first()
        connection.exec_driver_sql(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {INDEX_TABLE} USING fts5("
            "search_text, content='households', content_rowid='id', "
            "tokenize='unicode61 remove_diacritics 0', prefix='1 2 3 4')"
        )
        stale = _format(connection) != SEARCH_FORMAT
        if stale:  # an older release's texts: compute them again, then index them once
            for name in _TRIGGERS:
                connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
            refresh_search_texts(connection)
        self._create_triggers(connection)
        if rebuild or not exists or stale:
            self._rebuild(connection)
        if stale:
            connection.exec_driver_sql(f"PRAGMA user_version = {int(SEARCH_FORMAT)}")

    def match_ids(self, connection: Connection, match: Match, page: Page) -> list[int]:
        excluded = ",".join(str(int(i)) for i in page.exclude)  # integers only: written in
        return [
            row[0]
            for row in connection.exec_driver_sql(
                f"SELECT rowid FROM {INDEX_TABLE} WHERE {INDEX_TABLE} MATCH ?"
                + (f" AND rowid NOT IN ({excluded})" if excluded else "")
                + " ORDER BY rowid DESC LIMIT ? OFFSET ?",
                (fts_expression(match), int(page.limit), int(page.offset)),
            )
        ]

    def match_count(self, connection: Connection, match: Match) -> int:
        return int(
            connection.execute(
                text(f"SELECT count(*) FROM {INDEX_TABLE} WHERE {INDEX_TABLE} MATCH :match"),
                {"match": fts_expression(match)},
            ).scalar()
            or 0
        )

    @contextmanager
    def bulk_load(self, connection: Connection) -> Iterator[None]:
        for name in _TRIGGERS:
            connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
        try:
            yield
        finally:
            self._create_triggers(connection)
            self._rebuild(connection)

    def purge_deleted(self, connection: Connection) -> None:
        connection.exec_driver_sql(f"INSERT INTO {INDEX_TABLE}({INDEX_TABLE}) VALUES ('optimize')")

    @staticmethod
    def _create_triggers(connection: Connection) -> None:
        for ddl in _TRIGGERS.values():
            connection.exec_driver_sql(ddl)

    @staticmethod
    def _rebuild(connection: Connection) -> None:
        connection.exec_driver_sql(f"INSERT INTO {INDEX_TABLE}({INDEX_TABLE}) VALUES ('rebuild')")
