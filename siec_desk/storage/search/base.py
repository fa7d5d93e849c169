"""The search-backend interface and the query parsing every backend shares."""

from __future__ import annotations

import re
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import Connection

from siec_desk.domain.normalise import cap_word, digits, fold

_PHONE_LIKE = re.compile(r"^[\d\s+().\-/٠-٩]+$")


@dataclass(frozen=True)
class SearchQuery:
    """Folded words to match as prefixes, all of them (AND)."""

    words: tuple[str, ...]

    @property
    def empty(self) -> bool:
        return not self.words


def parse_query(text: str) -> SearchQuery:
    """Fold what the user typed; a phone-looking query becomes one digit string.

    "06 12 34", "+212 6 12" and "00212612" all become digit prefixes that match the
    phone tokens stored for a household (E.164 digits, national, national with 0).
    """
    stripped = text.strip()
    if _PHONE_LIKE.match(stripped) and len(digits(stripped)) >= 2:
        number = digits(stripped)
        if number.startswith("00"):
            number = number[2:]
        return SearchQuery((cap_word(number),))
    return SearchQuery(tuple(cap_word(word) for word in fold(stripped).split()))


def score(words: tuple[str, ...], search_text: str, named: bool) -> tuple[int, bool, int]:
    """Higher is better: whole-word hits first, then named households, then hits on
    earlier words (the text starts with the names, then e-mail, commune, phone)."""
    indexed = search_text.split()
    exact = len(set(words).intersection(indexed))
    first_hit = next(
        (i for i, token in enumerate(indexed) if token.startswith(words)), len(indexed)
    )
    return exact, named, -first_hit


def rank(words: tuple[str, ...], rows: list[tuple[int, str, bool]], limit: int) -> list[int]:
    """Ids of (id, search_text, has_a_name) rows, best first, ties by id (stable)."""
    ordered = sorted(rows, key=lambda row: score(words, row[1], row[2]), reverse=True)
    return [row[0] for row in ordered[:limit]]


class SearchBackend(Protocol):
    def index_ready(self, connection: Connection) -> bool:
        """True when the index and its upkeep are in place (checked without writing)."""

    def ensure_index(self, connection: Connection, *, rebuild: bool = False) -> None:
        """Create the index structures if missing (idempotent); rebuild on request."""

    def search(self, connection: Connection, query: SearchQuery, limit: int) -> list[int]:
        """Household ids matching every word as a prefix, best match first."""

    def bulk_load(self, connection: Connection) -> AbstractContextManager[None]:
        """Suspend per-row index upkeep during a bulk insert and rebuild afterwards."""

    def purge_deleted(self, connection: Connection) -> None:
        """Drop what the index still holds of deleted or changed rows (an erasure): after
        this and the commit, no word of an erased household is left in the index's pages.
        Called inside the erasing transaction."""
