"""PostgreSQL search: a GIN index over the folded words of ``households.search_text``.

The words are already folded in Python (see :mod:`siec_desk.domain.normalise`), so no
text-search parser or dictionary touches them: ``array_to_tsvector`` makes each word a
lexeme as it is, and the query is written as a ``tsquery`` literal of quoted lexemes
(``'word':*`` for a prefix), which PostgreSQL does not normalise either. Matching is
therefore exactly the SQLite FTS5 backend's: every query word a prefix of some stored
word. Each tier of a query (:mod:`.base`) is one ``tsquery`` (alternatives ``|``, terms
``&``, a better tier removed with ``& !``), read newest id first; the head is ranked in
Python by the shared code: the same data gives the same list as on SQLite.

Words are kept to their first 2046 UTF-8 bytes on both sides and on both back-ends
(:func:`~siec_desk.domain.normalise.cap_word`: longer ``tsquery`` lexemes are refused,
longer ``tsvector`` ones garbled); query words are cut the same way when parsed, and a
lexeme still too long (a query built elsewhere) is cut and matched as a prefix. So a
10,000-character word finds what it finds on SQLite (nothing, in practice), instead of
an error.

Like the FTS5 table, the index is derived data, not schema: it is created here after
migrations, and its expression keeps it in step with every write (no triggers). Its
comment records the :data:`~siec_desk.domain.normalise.SEARCH_FORMAT` of the texts it
was built from: texts of an older release are computed again on opening (:mod:`.upkeep`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, text
from typing_extensions import override

from siec_desk.domain.normalise import SEARCH_FORMAT, cap_word
from siec_desk.storage.search.base import IndexedSearch, Match, Page, Syntax
from siec_desk.storage.search.upkeep import refresh_search_texts

INDEX_NAME = "ix_households_search_words"
#: The indexed expression; a query must repeat it word for word to use the index.
WORDS = "array_to_tsvector(array_remove(string_to_array(search_text, ' '), ''))"
#: The index's comment: which search-text format it was built from.
FORMAT_COMMENT = f"siec-desk search format {SEARCH_FORMAT}"


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


#: ``tsquery`` syntax: alternatives ``|``, terms ``&``, a better tier removed ``& !``.
TSQUERY = Syntax(_lexeme, any_of=" | ", all_of=" & ", but_not=" & !")


def ts_expression(match: Match) -> str:
    """*match* as a ``tsquery`` literal."""
    return TSQUERY.expression(match)


class PostgresSearchBackend(IndexedSearch):
    def index_ready(self, connection: Connection) -> bool:
        return self._comment(connection) == FORMAT_COMMENT

    @staticmethod
    def _comment(connection: Connection) -> str | None:
        """The index's comment; None when there is no index."""
        row = connection.execute(
            text(
                "SELECT coalesce(obj_description(c.oid, 'pg_class'), '') FROM pg_class c "
                "JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE c.relname = :n AND n.nspname = current_schema()"
            ),
            {"n": INDEX_NAME},
        ).first()
        return None if row is None else str(row[0])

    def ensure_index(self, connection: Connection, *, rebuild: bool = False) -> None:
        stale = self._comment(connection) != FORMAT_COMMENT
        if rebuild or stale:
            connection.exec_driver_sql(f"DROP INDEX IF EXISTS {INDEX_NAME}")
        if stale:  # an older release's texts (or none yet): compute them again
            refresh_search_texts(connection)
        self._create(connection)

    @staticmethod
    def _create(connection: Connection) -> None:
        connection.exec_driver_sql(
            f"CREATE INDEX IF NOT EXISTS {INDEX_NAME} ON households USING gin (({WORDS}))"
        )
        connection.exec_driver_sql(f"COMMENT ON INDEX {INDEX_NAME} IS '{FORMAT_COMMENT}'")

    def match_ids(self, connection: Connection, match: Match, page: Page) -> list[int]:
        return [
            row[0]
            for row in connection.execute(
                text(
                    f"SELECT id FROM households WHERE {WORDS} @@ CAST(:q AS tsquery) "
                    "AND NOT (id = ANY(CAST(:exclude AS bigint[]))) "
                    "ORDER BY id DESC LIMIT :n OFFSET :o"
                ),
                {
                    "q": ts_expression(match),
                    "exclude": list(page.exclude),
                    "n": page.limit,
                    "o": page.offset,
                },
            )
        ]

    def match_count(self, connection: Connection, match: Match) -> int:
        return int(
            connection.execute(
                text(f"SELECT count(*) FROM households WHERE {WORDS} @@ CAST(:q AS tsquery)"),
                {"q": ts_expression(match)},
            ).scalar()
            or 0
        )

    @contextmanager
    def bulk_load(self, connection: Connection) -> Iterator[None]:
        """Drop the index during a bulk insert; one build afterwards is much faster."""
        connection.exec_driver_sql(f"DROP INDEX IF EXISTS {INDEX_NAME}")
        yield  # on an error the transaction rolls back, and the DROP with it
        self._create(connection)  # the rows loaded carry texts of the current format

    @override
    def purge_deleted(self, connection: Connection) -> None:
        """Nothing to do in the transaction: the GIN entries go with the row. Its dead
        versions are removed by the VACUUM run after the commit
        (:func:`siec_desk.storage.engine.scrub`)."""
        return None
