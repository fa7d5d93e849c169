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
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, text

from siec_desk.storage.search.base import SearchQuery, rank

INDEX_TABLE = "household_search"
#: Rows read per phase. FTS5's bm25 ``ORDER BY rank`` scores *every* match, which costs
#: 30-80 ms for a one-letter prefix on 100k households; instead we read a bounded set of
#: whole-word hits and of prefix hits (index order, no scoring) and rank those in Python.
_EXACT_CANDIDATES = 60
_PREFIX_CANDIDATES = 100
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


class SqliteFtsSearchBackend:
    def index_ready(self, connection: Connection) -> bool:
        names = {
            row[0]
            for row in connection.execute(
                text("SELECT name FROM sqlite_master WHERE name = :t OR name IN (:a, :b, :c)"),
                {"t": INDEX_TABLE, **dict(zip("abc", _TRIGGERS, strict=True))},
            )
        }
        return names == {INDEX_TABLE, *_TRIGGERS}

    def ensure_index(self, connection: Connection, *, rebuild: bool = False) -> None:
        exists = connection.execute(
            text("SELECT 1 FROM sqlite_master WHERE type='table' AND name=:n"), {"n": INDEX_TABLE}
        ).first()
        connection.exec_driver_sql(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {INDEX_TABLE} USING fts5("
            "search_text, content='households', content_rowid='id', "
            "tokenize='unicode61 remove_diacritics 0', prefix='1 2 3 4')"
        )
        self._create_triggers(connection)
        if rebuild or not exists:
            self._rebuild(connection)

    def search(self, connection: Connection, query: SearchQuery, limit: int) -> list[int]:
        if query.empty:
            return []
        rows: dict[int, tuple[int, str, bool]] = {}
        for prefix, count in ((False, _EXACT_CANDIDATES), (True, _PREFIX_CANDIDATES)):
            if prefix and len(rows) >= limit:
                break  # whole-word hits fill the page; a prefix-only hit cannot outrank them
            match = " ".join(_fts_literal(w, prefix) for w in query.words)
            for row_id, text_, named in connection.execute(
                text(
                    f"SELECT h.id, h.search_text, "
                    f"(h.first_name IS NOT NULL OR h.last_name IS NOT NULL) FROM {INDEX_TABLE} "
                    f"JOIN households h ON h.id = {INDEX_TABLE}.rowid "
                    f"WHERE {INDEX_TABLE} MATCH :match LIMIT :n"
                ),
                {"match": match, "n": max(limit, count)},
            ):
                rows.setdefault(row_id, (row_id, text_, bool(named)))
        return rank(query.words, list(rows.values()), limit)

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
