"""Dialect-neutral search: word-prefix LIKE over ``households.search_text``.

Used where no specialised backend exists (SQLite and PostgreSQL have theirs). Correct
everywhere, slower on large tables: it scans.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, and_, literal, or_, select

from siec_desk.storage.models import Household
from siec_desk.storage.search.base import SearchQuery, rank

_CANDIDATES = 200


def _escape_like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class GenericSearchBackend:
    def index_ready(self, connection: Connection) -> bool:
        return True

    def ensure_index(self, connection: Connection, *, rebuild: bool = False) -> None:
        return None

    def search(self, connection: Connection, query: SearchQuery, limit: int) -> list[int]:
        if query.empty:
            return []
        padded = literal(" ") + Household.search_text
        conditions = [padded.like(f"% {_escape_like(w)}%", escape="\\") for w in query.words]
        rows = connection.execute(
            select(
                Household.id,
                Household.search_text,
                or_(Household.first_name.is_not(None), Household.last_name.is_not(None)),
            )
            .where(and_(*conditions))
            .order_by(Household.last_name, Household.first_name, Household.id)
            .limit(max(limit, _CANDIDATES))
        ).all()
        return rank(query.words, [(r[0], r[1], bool(r[2])) for r in rows], limit)

    @contextmanager
    def bulk_load(self, connection: Connection) -> Iterator[None]:
        yield

    def purge_deleted(self, connection: Connection) -> None:
        return None  # no separate index: the row itself is gone
