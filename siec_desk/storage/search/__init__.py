"""Household search backends: the only place where dialect-specific search SQL lives.

Every backend indexes ``households.search_text`` (folded words, see
:mod:`siec_desk.domain.normalise`), matches and orders the same way (:mod:`.base`), and
answers in pages with a true count.
"""

from __future__ import annotations

from siec_desk.storage.search.base import HEAD, SearchBackend, SearchQuery, parse_query
from siec_desk.storage.search.generic import GenericSearchBackend
from siec_desk.storage.search.postgres import PostgresSearchBackend
from siec_desk.storage.search.sqlite_fts import SqliteFtsSearchBackend


def backend_for(dialect_name: str) -> SearchBackend:
    if dialect_name == "sqlite":
        return SqliteFtsSearchBackend()
    if dialect_name == "postgresql":
        return PostgresSearchBackend()
    return GenericSearchBackend()


__all__ = ["HEAD", "SearchBackend", "SearchQuery", "backend_for", "parse_query"]
