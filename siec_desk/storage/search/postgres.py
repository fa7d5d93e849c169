"""PostgreSQL search: a GIN index over the folded words of ``households.search_text``.

The words are already folded in Python (see :mod:`siec_desk.domain.normalise`), so no
text-search parser or dictionary touches them: ``array_to_tsvector`` makes each word a
lexeme as it is, and the query is written as a ``tsquery`` literal of quoted lexemes
(``'word':*`` for a prefix), which PostgreSQL does not normalise either. Matching is
therefore exactly the SQLite FTS5 backend's: every query word a prefix of some stored
word. Candidates are read in two bounded phases (whole words, then prefixes), lowest
ids first as FTS5 reads them, and ranked in Python by the shared
:func:`~siec_desk.storage.search.base.rank`: the same data gives the same list as on SQLite.

Like the FTS5 table, the index is derived data, not schema: it is created here after
migrations, and its expression keeps it in step with every write (no triggers).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, text

from siec_desk.storage.search.base import SearchQuery, rank

INDEX_NAME = "ix_households_search_words"
#: The indexed expression; a query must repeat it word for word to use the index.
WORDS = "array_to_tsvector(array_remove(string_to_array(search_text, ' '), ''))"
_EXACT_CANDIDATES = 60
_PREFIX_CANDIDATES = 100


def _lexeme(word: str, prefix: bool) -> str:
    """A ``tsquery`` operand matching *word* literally (quotes and backslashes escaped)."""
    quoted = word.replace("\\", "\\\\").replace("'", "''")
    return f"'{quoted}'" + (":*" if prefix else "")


def tsquery(words: tuple[str, ...], prefix: bool) -> str:
    return " & ".join(_lexeme(w, prefix) for w in words)


class PostgresSearchBackend:
    def index_ready(self, connection: Connection) -> bool:
        return (
            connection.execute(
                text("SELECT 1 FROM pg_indexes WHERE tablename = 'households' AND indexname = :n"),
                {"n": INDEX_NAME},
            ).first()
            is not None
        )

    def ensure_index(self, connection: Connection, *, rebuild: bool = False) -> None:
        if rebuild:
            connection.exec_driver_sql(f"DROP INDEX IF EXISTS {INDEX_NAME}")
        connection.exec_driver_sql(
            f"CREATE INDEX IF NOT EXISTS {INDEX_NAME} ON households USING gin (({WORDS}))"
        )

    def search(self, connection: Connection, query: SearchQuery, limit: int) -> list[int]:
        if query.empty:
            return []
        rows: dict[int, tuple[int, str, bool]] = {}
        for prefix, count in ((False, _EXACT_CANDIDATES), (True, _PREFIX_CANDIDATES)):
            if prefix and len(rows) >= limit:
                break  # whole-word hits fill the page; a prefix-only hit cannot outrank them
            for row_id, text_, named in connection.execute(
                text(
                    "SELECT id, search_text, (first_name IS NOT NULL OR last_name IS NOT NULL) "
                    f"FROM households WHERE {WORDS} @@ CAST(:q AS tsquery) ORDER BY id LIMIT :n"
                ),
                {"q": tsquery(query.words, prefix), "n": max(limit, count)},
            ):
                rows.setdefault(row_id, (row_id, text_, bool(named)))
        return rank(query.words, list(rows.values()), limit)

    @contextmanager
    def bulk_load(self, connection: Connection) -> Iterator[None]:
        """Drop the index during a bulk insert; one build afterwards is much faster."""
        connection.exec_driver_sql(f"DROP INDEX IF EXISTS {INDEX_NAME}")
        yield  # on an error the transaction rolls back, and the DROP with it
        self.ensure_index(connection)
