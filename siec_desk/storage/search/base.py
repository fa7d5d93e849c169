"""The search-backend interface, the query parsing and the ranking every backend shares.

A query is a list of terms, all of which must match (AND). A term matches a household when
one of its *alternatives* is among the household's index words (see
:func:`siec_desk.domain.normalise.search_text`): the word as typed, as a prefix (the
Arabic article optional); for digits, any run of four or more inside a phone; for a
name, a transliteration key of the other script ("Alaoui" ~ العلوي) or of another
spelling in the same one ("Youcef" ~ "Youssef").

**Order.** Matches fall into three tiers, in this order: every term a whole word (S1),
every term written as typed, some only as a prefix (S2), the rest, found through a
transliteration key (S3). Each backend only answers two questions about a tier, in SQL:
how many households it holds, and which ones, newest id first from an offset
(:class:`IndexedSearch`). This module does the rest the same way for all:

* the *head*, the first :data:`HEAD` rows, is ranked in Python: the newest
  :data:`HEAD` households of S1 (then S2, then S3 while room is left), ordered by
  same-script key hits (S3), whole-word hits, hits on a name rather than the e-mail or
  commune, named households first, then the **most recently active** (last consultation
  or last change), then the newest;
* after the head come the other households of each tier, newest id first.

So every household that matches is reachable, once, in a stable order, and the count is
the true one; a household outside the head of a huge tier (a one-letter query) is ranked
by tier and id only: reading and ranking tens of thousands of rows per keystroke would
cost hundreds of milliseconds.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import Connection

from siec_desk.domain import transliterate
from siec_desk.domain.normalise import (
    ARABIC_KEY,
    LATIN_KEY,
    PHONE_PART,
    PHONE_PART_MIN,
    cap_word,
    digits,
    fold,
    query_word,
)
from siec_desk.storage.search.ranking import Row, rank, read_rows, score

__all__ = ["Row", "rank", "read_rows", "score"]  # ranking's, kept importable from here

_PHONE_LIKE = re.compile(r"^[\d\s+().\-/٠-٩]+$")
_LATIN_ARTICLES = frozenset({"el", "al"})
#: Rows ranked per query (two pages of search results): ranking reads each candidate's
#: words and last activity, which is what a keystroke costs.
HEAD = 100


@dataclass(frozen=True)
class Term:
    """One typed word and the index words that match it."""

    word: str  #: folded, without the Arabic article; digits for a phone
    exact: tuple[str, ...]  #: index words that make it a whole-word hit
    direct: tuple[tuple[str, bool], ...]  #: (index word, as a prefix?) as typed
    same_keys: tuple[str, ...] = ()  #: keys of the same script (another spelling)
    cross_keys: tuple[str, ...] = ()  #: keys of the other script

    @property
    def keys(self) -> tuple[str, ...]:
        return self.same_keys + self.cross_keys


@dataclass(frozen=True)
class SearchQuery:
    """Terms to match, all of them (AND)."""

    terms: tuple[Term, ...]

    @property
    def empty(self) -> bool:
        return not self.terms

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(term.word for term in self.terms)

    @property
    def has_keys(self) -> bool:
        return any(term.keys for term in self.terms)


# -- parsing -------------------------------------------------------------------------
def _digits_term(number: str) -> Term:
    number = cap_word(number)
    if len(number) >= PHONE_PART_MIN:  # anywhere in the number
        return Term(number, (number,), ((PHONE_PART + number, True),))
    return Term(number, (number,), ((number, True),))  # its first digits only


def _word_term(word: str) -> Term:
    stem = cap_word(query_word(word))
    keys = sorted(transliterate.word_keys(word))
    if transliterate.is_arabic(word):
        same: tuple[str, ...] = ()
        cross = tuple(LATIN_KEY + k for k in keys)  # Arabic spellings are folded already
    else:
        same = tuple(LATIN_KEY + k for k in keys)
        cross = tuple(ARABIC_KEY + k for k in keys)
    return Term(stem, (stem,), ((stem, True),), same, cross)


def parse_query(text: str) -> SearchQuery:
    """Fold what the user typed; a phone-looking query becomes one digit string.

    "06 12 34", "+212 6 12" and "00212612" all become digit prefixes that match the
    phone tokens stored for a household (E.164 digits, national, national with 0); from
    four digits on they also match inside the number ("97 51 18"). A Latin article
    standing alone ("el amrani") is optional like the Arabic one.
    """
    stripped = text.strip()
    if _PHONE_LIKE.match(stripped) and len(digits(stripped)) >= 2:
        number = digits(stripped)
        if number.startswith("00"):
            number = number[2:]
        return SearchQuery((_digits_term(number),))
    words = fold(stripped).split()
    if len(words) > 1 and any(w not in _LATIN_ARTICLES for w in words):
        words = [w for w in words if w not in _LATIN_ARTICLES]
    terms = []
    for word in words:
        number = digits(word)
        if number and len(number) == len(word):
            terms.append(_digits_term(number))
        else:
            terms.append(_word_term(word))
    return SearchQuery(tuple(dict.fromkeys(terms)))


# -- tiers -----------------------------------------------------------------------------
#: An alternative: (index word, as a prefix?).
Alternative = tuple[str, bool]


@dataclass(frozen=True)
class Match:
    """Households holding, for every term, one of its alternatives; minus those that
    match *unless* (a tier is "this, but not a better tier")."""

    terms: tuple[tuple[Alternative, ...], ...]
    unless: Match | None = None


def tiers(query: SearchQuery) -> list[Match]:
    """S1 whole words, S2 as typed (not S1), S3 through keys (not S2): disjoint, and
    together every household the query matches (:func:`everything`)."""
    exact = tuple(tuple((w, False) for w in t.exact) for t in query.terms)
    direct = tuple(t.direct for t in query.terms)
    found = [Match(exact), Match(direct, Match(exact))]
    if query.has_keys:
        found.append(Match(_everything(query), Match(direct)))
    return found


def _everything(query: SearchQuery) -> tuple[tuple[Alternative, ...], ...]:
    return tuple(t.direct + tuple((k, False) for k in t.keys) for t in query.terms)


def everything(query: SearchQuery) -> Match:
    return Match(_everything(query))


@dataclass(frozen=True)
class Syntax:
    """How a backend's query language writes a :class:`Match`: one literal per
    alternative, the operators between alternatives and between terms, and the one that
    removes a better tier (``"{match}" + but_not + "({unless})"``)."""

    literal: Callable[[str, bool], str]
    any_of: str
    all_of: str
    but_not: str

    def expression(self, match: Match) -> str:
        """*match* in this syntax (every word quoted by :attr:`literal`)."""
        expression = self.all_of.join(self._any_of(alternatives) for alternatives in match.terms)
        if match.unless is not None:
            expression = f"({expression}){self.but_not}({self.expression(match.unless)})"
        return expression

    def _any_of(self, alternatives: Sequence[Alternative]) -> str:
        literals = [self.literal(word, prefix) for word, prefix in alternatives]
        return literals[0] if len(literals) == 1 else "(" + self.any_of.join(literals) + ")"


@dataclass(frozen=True)
class Page:
    """Which ids of a match to read: at most *limit* after skipping *offset*, none of
    *exclude* (the ids already in the ranked head)."""

    limit: int
    offset: int = 0
    exclude: tuple[int, ...] = ()


#: The columns of a household summary, in order (see ``HouseholdSummary``).
SUMMARY_COLUMNS = ("id", "first_name", "last_name", "phone", "email", "commune", "postal_code")


def read_summaries(connection: Connection, ids: Sequence[int]) -> list[tuple[object, ...]]:
    """The summary columns of these households, in the order of *ids* (a page of
    results, read per keystroke: plain SQL, like :func:`read_rows`)."""
    if not ids:
        return []
    listed = ",".join(str(int(i)) for i in ids)
    found = {
        row[0]: tuple(row)
        for row in connection.exec_driver_sql(
            f"SELECT {', '.join(SUMMARY_COLUMNS)} FROM households WHERE id IN ({listed})"
        )
    }
    return [found[i] for i in ids if i in found]


# -- the interface -------------------------------------------------------------------------
class SearchBackend(Protocol):
    def index_ready(self, connection: Connection) -> bool:
        """True when the index and its upkeep are in place, built from search texts of
        the current :data:`~siec_desk.domain.normalise.SEARCH_FORMAT` (checked without
        writing)."""

    def ensure_index(self, connection: Connection, *, rebuild: bool = False) -> None:
        """Create the index structures if missing (idempotent); rebuild on request. Search
        texts of an older format are computed again first."""

    def search(
        self, connection: Connection, query: SearchQuery, limit: int, offset: int = 0
    ) -> list[int]:
        """Household ids matching every term, best match first (see the module)."""

    def count(self, connection: Connection, query: SearchQuery) -> int:
        """How many households match every term."""

    def first_and_count(
        self, connection: Connection, query: SearchQuery, limit: int
    ) -> tuple[list[int], int]:
        """The first *limit* results of :meth:`search` and :meth:`count`, together (one
        keystroke): the count is not read again when the results already hold it."""

    def bulk_load(self, connection: Connection) -> AbstractContextManager[None]:
        """Suspend per-row index upkeep during a bulk insert and rebuild afterwards."""

    def purge_deleted(self, connection: Connection) -> None:
        """Drop what the index still holds of deleted or changed rows (an erasure): after
        this and the commit, no word of an erased household is left in the index's pages.
        Called inside the erasing transaction."""


class IndexedSearch(SearchBackend):
    """The search every backend runs; a backend supplies :meth:`match_ids` and
    :meth:`match_count` for one :class:`Match`, in its own SQL, and the rest of
    :class:`SearchBackend` (marked ``@override``)."""

    def match_ids(self, connection: Connection, match: Match, page: Page) -> list[int]:
        """Ids of the households in *match*, the slice *page* says, highest id first."""
        raise NotImplementedError

    def match_count(self, connection: Connection, match: Match) -> int:
        raise NotImplementedError

    def count(self, connection: Connection, query: SearchQuery) -> int:
        if query.empty:
            return 0
        return self.match_count(connection, everything(query))

    def _head(self, connection: Connection, query: SearchQuery) -> list[list[int]]:
        """The ranked head, per tier."""
        head: list[list[int]] = []
        room = HEAD
        for match in tiers(query):
            if room <= 0:
                head.append([])
                continue
            ids = self.match_ids(connection, match, Page(HEAD))
            ranked = rank(query, read_rows(connection, ids))[:room]
            head.append(ranked)
            room -= len(ranked)
        return head

    def first_and_count(
        self, connection: Connection, query: SearchQuery, limit: int
    ) -> tuple[list[int], int]:
        if query.empty:
            return [], 0
        if limit <= 0:
            return [], self.count(connection, query)
        head = self._head(connection, query)
        ranked = [i for part in head for i in part]
        if len(ranked) < HEAD:
            # The tiers are disjoint and together every match (tiers()), and none was cut
            # short: the head is every match, so its length is the count (the query for
            # it cost a millisecond or two on the two-word searches of 50 to 99 results).
            return ranked[:limit], len(ranked)
        found = self._from_head(connection, query, head, ranked, limit, 0)
        return found, self.count(connection, query)

    def search(
        self, connection: Connection, query: SearchQuery, limit: int, offset: int = 0
    ) -> list[int]:
        if query.empty or limit <= 0:
            return []
        head = self._head(connection, query)
        ranked = [i for part in head for i in part]
        return self._from_head(connection, query, head, ranked, limit, offset)

    def _from_head(
        self,
        connection: Connection,
        query: SearchQuery,
        head: list[list[int]],
        ranked: list[int],
        limit: int,
        offset: int,
    ) -> list[int]:
        """Rows *offset* to *offset + limit*: from the ranked head, then each tier's others."""
        found = ranked[offset : offset + limit]
        if len(ranked) < HEAD or offset + limit <= len(ranked):
            return found  # the head holds every match, or the rows asked for
        skip = max(0, offset - len(ranked))  # rows of the tail before the first wanted
        for match, in_head in zip(tiers(query), head, strict=True):
            wanted = limit - len(found)
            if wanted <= 0:
                break
            rest = self.match_count(connection, match) - len(in_head)
            if skip >= rest:
                skip -= rest
                continue
            found += self.match_ids(connection, match, Page(wanted, skip, tuple(in_head)))
            skip = 0
        return found
