"""Ranking the head of search results (issue 22 made it faster): the same order as the
plain rule it replaced, for any household and any query."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from siec_desk.domain.normalise import NAMES_END, search_text
from siec_desk.storage.search.base import Row, parse_query, rank, score


# -- the rule as it was written before (one loop over the row's words per prefix) --------
def _written(direct: Sequence[tuple[str, bool]], words: Sequence[str] | set[str]) -> bool:
    whole = tuple(w for w, prefix in direct if not prefix)
    prefixes = tuple(w for w, prefix in direct if prefix)
    return any(w in words for w in whole) or (
        bool(prefixes) and any(w.startswith(prefixes) for w in words)
    )


def reference_score(text: str, row: Row) -> tuple[int, int, int, bool, str, int]:
    names = row.search_text.partition(NAMES_END)[0].split()
    words = set(row.search_text.split())
    same = exact = in_names = 0
    for term in parse_query(text).terms:
        keyed = any(k in words for k in term.keys)
        same += _written(term.direct, words) or any(k in words for k in term.same_keys)
        exact += any(w in words for w in term.exact)
        in_names += keyed or _written(term.direct, names)
    return same, exact, in_names, row.named, row.active, row.id


# -- households and queries ---------------------------------------------------------------
_LETTERS = "abeilmnorsuyzéèçœ-' " + "ابتحدرسعلمنويأإةى" + "0123456789"
_words = st.text(alphabet=_LETTERS, min_size=0, max_size=14)
_phones = st.one_of(st.none(), st.from_regex(r"\+33[67][0-9]{8}", fullmatch=True))


@st.composite
def households(draw: st.DrawFn) -> Row:
    first, last, commune = draw(_words), draw(_words), draw(_words)
    email = draw(st.one_of(st.none(), st.from_regex(r"[a-z.]{1,8}@[a-z]{2,6}\.fr", fullmatch=True)))
    text = search_text(first or None, last or None, draw(_phones), email, commune or None)
    return Row(
        id=draw(st.integers(1, 10_000)),
        search_text=text,
        named=bool(first.strip() or last.strip()),
        active=draw(st.sampled_from(["", "2026-01-02 10:00:00.000000", "2026-11-30 09:15:00"])),
    )


@st.composite
def queries(draw: st.DrawFn, row: Row) -> str:
    """A query typed freely, or a piece of one of the household's own words (a hit)."""
    words = row.search_text.split()
    if words and draw(st.booleans()):
        word = draw(st.sampled_from(words))
        start = draw(st.integers(0, len(word)))
        piece = word[start : start + draw(st.integers(1, 8))]
        return piece + draw(st.sampled_from(["", " ", " a", " 06"]))
    return draw(st.text(alphabet=_LETTERS, min_size=1, max_size=16))


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_a_score_is_the_one_the_plain_rule_gives(data: st.DataObject) -> None:
    row = data.draw(households())
    text = data.draw(queries(row))
    assert score(parse_query(text), row) == reference_score(text, row)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_ranked_households_come_in_the_plain_rule_s_order(data: st.DataObject) -> None:
    rows = data.draw(st.lists(households(), min_size=1, max_size=12, unique_by=lambda r: r.id))
    text = data.draw(queries(data.draw(st.sampled_from(rows))))
    expected = [r.id for r in sorted(rows, key=lambda r: reference_score(text, r), reverse=True)]
    assert rank(parse_query(text), rows) == expected
