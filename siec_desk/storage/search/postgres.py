"""PostgreSQL search: a GIN index over the folded words of ``households.search_text``.

The words are already folded in Python (see :mod:`siec_desk.domain.normalise`), so no
text-search parser or dictionary touches them: ``array_to_tsvector`` makes each word a
lexeme as it is, and the query is written as a ``tsquery`` literal of quoted lexemes
(``'word':*`` for a prefix), which PostgreSQL does not normalise either. Matching is
therefore exactly the SQLite FTS5 backend's: every query word a prefix of some stored
word. Candidates are read in two bounded phases (whole words, then prefixes), lowest
ids first as FTS5 reads them, and ranked in Python by the shared
:func:`~siec_desk.storage.search.base.rank`: the same data gives the same list as on SQLite.

Words are kept to their first 2046 UTF-8 bytes on both sides and on both back-ends
(:func:`~siec_desk.domain.normalise.cap_word`: longer ``tsquery`` lexemes are refused,
longer ``tsvector`` ones garbled); a query built elsewhere with a longer word is cut,
matched as a prefix and then checked in Python on the whole word. So a 10,000-character
word finds what it finds on SQLite (nothing, in practice), instead of an error.

Like the FTS5 table, the index is derived data, not schema: it is created here after
migrations, and its expression keeps it in step with every write (no triggers).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, text

from siec_desk.domain.normalise import cap_word
from siec_desk.storage.search.base import SearchQuery, rank

INDEX_NAME = "ix_households_search_words"
#: The indexed expression; a query must repeat it word for word to use the index.
WORDS = "array_to_tsvector(array_remove(string_to_array(search_text, ' '), ''))"
_EXACT_CANDIDATES = 60
_PREFIX_CANDIDATES = 100


def fit(word: str) -> str:
    """*word*, cut to the longest lexeme a ``tsquery`` takes (2046 UTF-8 bytes; a
    2047-byte word is already "too long in tsquery")."""
    return cap_word(word)


def _lexeme(word: str, prefix: bool) -> str:
    """A ``tsquery`` operand matching *word* literally (quotes and backslashes escaped);
    a word too long for a lexeme is cut and matched as a prefix (the caller then keeps
    only the rows that hold the whole word)."""
    cut = fit(word)
    quoted = cut.replace("\\", "\\\\").replace("'", "''")
    return f"'{quoted}'" + (":*" if prefix or cut != word else "")


def tsquery(words: tuple[str, ...], prefix: bool) -> str:
    return " & ".join(_lexeme(w, prefix) for w in words)


def _holds(words: tuple[str, ...], search_text: str) -> bool:
    """Every word a prefix of some stored word (what FTS5 and the index match)."""
    stored = search_text.split()
    return all(any(token.startswith(word) for token in stored) for word in words)


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
        if any(fit(word) != word for word in query.words):  # a cut word matched more
            rows = {k: row for k, row in rows.items() if _holds(query.words, row[1])}
        return rank(query.words, list(rows.values()), limit)

    @contextmanager
    def bulk_load(self, connection: Connection) -> Iterator[None]:
        """Drop the index during a bulk insert; one build afterwards is much faster."""
        connection.exec_driver_sql(f"DROP INDEX IF EXISTS {INDEX_NAME}")
        yield  # on an error the transaction rolls back, and the DROP with it
        self.ensure_index(connection)

    def purge_deleted(self, connection: Connection) -> None:
        """Nothing to do in the transaction: the GIN entries go with the row. Its dead
        versions are removed by the VACUUM run after the commit
        (:func:`siec_desk.storage.engine.scrub`)."""
        return None
