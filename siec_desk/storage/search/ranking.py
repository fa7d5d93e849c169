"""Ranking the head of search results (see :mod:`.base`): what ranking reads of a
household (:func:`read_rows`) and the order it gives (:func:`rank`).

Within one tier, higher is better: terms found as written or by a key of their own
script, whole words, terms found in the names, named households, the most recently
active (last consultation or last change), the newest. Ranking tests a hundred rows per
keystroke, so a term is prepared once (:class:`_Probe`: sets, and one regular expression
for its prefixes) rather than looping over every word of every row for each prefix;
``tests/unit/test_search_ranking.py`` checks the order against that plain rule.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Connection

from siec_desk.domain.normalise import NAMES_END

if TYPE_CHECKING:  # base imports this module: the types only, for the checker
    from siec_desk.storage.search.base import SearchQuery, Term


@dataclass(frozen=True)
class Row:
    id: int
    search_text: str
    named: bool
    active: str  #: last consultation or last change, "YYYY-MM-DD HH:MM:SS.ffffff"


@dataclass(frozen=True)
class _Probe:
    """A term, ready to test many rows: sets for whole words and keys, and one regular
    expression for "a word starting with one of the prefixes" (per keystroke, ranking
    tests a hundred rows; this costs a third of the loop over their words)."""

    whole: frozenset[str]
    prefixes: tuple[str, ...]
    exact: frozenset[str]
    same_keys: frozenset[str]
    keys: frozenset[str]
    #: Finds a word starting with one of :attr:`prefixes` in a text of words separated by
    #: whitespace (None: no prefixes, or one the expression cannot stand for).
    starts: re.Pattern[str] | None

    @staticmethod
    def of(term: Term) -> _Probe:
        prefixes = tuple(w for w, prefix in term.direct if prefix)
        plain = all(p and not any(c.isspace() for c in p) for p in prefixes)
        starts = (
            re.compile(r"(?<!\S)(?:" + "|".join(map(re.escape, prefixes)) + ")")
            if prefixes and plain
            else None
        )
        return _Probe(
            frozenset(w for w, prefix in term.direct if not prefix),
            prefixes,
            frozenset(term.exact),
            frozenset(term.same_keys),
            frozenset(term.keys),
            starts,
        )

    def written(self, words: frozenset[str] | set[str], text: str) -> bool:
        """A word of *text* (whose words are *words*) is this term as typed."""
        if not words.isdisjoint(self.whole):
            return True
        if self.starts is not None:
            return self.starts.search(text) is not None
        return bool(self.prefixes) and any(w.startswith(self.prefixes) for w in words)


def _score(probes: Sequence[_Probe], row: Row) -> tuple[int, int, int, bool, str, int]:
    text = row.search_text
    head = text.partition(NAMES_END)[0]
    names = set(head.split())
    words = set(text.split())
    same = exact = in_names = 0
    for probe in probes:
        keyed = not words.isdisjoint(probe.keys)
        same += probe.written(words, text) or not words.isdisjoint(probe.same_keys)
        exact += not words.isdisjoint(probe.exact)
        in_names += keyed or probe.written(names, head)
    return same, exact, in_names, row.named, row.active, row.id


def score(query: SearchQuery, row: Row) -> tuple[int, int, int, bool, str, int]:
    """Higher is better (within one tier): terms found as written or by a key of their
    own script, whole words, terms found in the names, named households, the most
    recently active, the newest."""
    return _score([_Probe.of(t) for t in query.terms], row)


def rank(query: SearchQuery, rows: Sequence[Row]) -> list[int]:
    probes = [_Probe.of(t) for t in query.terms]
    return [row.id for row in sorted(rows, key=lambda row: _score(probes, row), reverse=True)]


def read_rows(connection: Connection, ids: Sequence[int]) -> list[Row]:
    """What ranking needs of these households (the same SQL on every backend). Plain
    SQL with the ids written in (integers only): it runs on every keystroke, and the
    ORM layers cost three times the query. Times are compared as text (fixed width,
    so in time order): parsing them into datetimes cost more than the ranking."""
    if not ids:
        return []
    listed = ",".join(str(int(i)) for i in ids)
    rows = connection.exec_driver_sql(
        "SELECT h.id, h.search_text, (h.first_name IS NOT NULL OR h.last_name IS NOT NULL), "
        "h.updated_at, (SELECT max(c.occurred_at) FROM consultations c "
        f"WHERE c.household_id = h.id) FROM households h WHERE h.id IN ({listed})"
    ).all()
    return [Row(r[0], r[1] or "", bool(r[2]), max(_moment(r[3]), _moment(r[4]))) for r in rows]


def _moment(value: object) -> str:
    """A time as sortable text: SQLite gives the stored text, PostgreSQL a datetime
    (naive UTC; an offset from an older release is converted)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    return str(value)[:26]
