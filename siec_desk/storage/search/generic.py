"""Dialect-neutral search: word LIKE patterns over ``households.search_text``.

Used where no specialised backend exists (SQLite and PostgreSQL have theirs). Correct
everywhere, slower on large tables: it scans. Matching and order are the other
backends' (:mod:`.base`): a word is an index word when the text, padded with spaces,
contains it between spaces; a prefix when a space precedes it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import ColumnElement, Connection, and_, func, literal, not_, or_, select
from typing_extensions import override

from siec_desk.storage.models import Household
from siec_desk.storage.search.base import IndexedSearch, Match, Page


def _escape_like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def condition(match: Match) -> ColumnElement[bool]:
    padded = literal(" ") + Household.search_text + literal(" ")
    terms = []
    for alternatives in match.terms:
        terms.append(
            or_(
                *(
                    padded.like(f"% {_escape_like(word)}{'%' if prefix else ' %'}", escape="\\")
                    for word, prefix in alternatives
                )
            )
        )
    found = and_(*terms)
    return found if match.unless is None else and_(found, not_(condition(match.unless)))


class GenericSearchBackend(IndexedSearch):
    @override
    def index_ready(self, connection: Connection) -> bool:
        return True

    @override
    def ensure_index(self, connection: Connection, *, rebuild: bool = False) -> None:
        return None

    def match_ids(self, connection: Connection, match: Match, page: Page) -> list[int]:
        query = select(Household.id).where(condition(match))
        if page.exclude:
            query = query.where(Household.id.not_in(list(page.exclude)))
        query = query.order_by(Household.id.desc()).limit(page.limit).offset(page.offset)
        return list(connection.scalars(query))

    def match_count(self, connection: Connection, match: Match) -> int:
        return int(
            connection.scalar(select(func.count()).select_from(Household).where(condition(match)))
            or 0
        )

    @override
    @contextmanager
    def bulk_load(self, connection: Connection) -> Iterator[None]:
        yield

    @override
    def purge_deleted(self, connection: Connection) -> None:
        return None  # no separate index: the row itself is gone
