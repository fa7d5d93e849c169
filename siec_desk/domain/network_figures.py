"""Summing the centres' published entries into network figures, honestly.

A network entry is the sum of the same entry (table, row, column, measure) over the
centres' imports. An entry a centre suppressed is unknown, never zero: the network figure
then holds the sum of the published parts and is marked incomplete (for counts, "at least
that many"). An entry a centre does not have at all (a month outside its files, a code it
never met) adds nothing and marks nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import TypeVar

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Fact:
    """One centre's published (or suppressed: *value* None) entry."""

    network_code: str
    country: str
    currency: str
    row: str
    column: str
    measure: str
    value: int | None


@dataclass(frozen=True)
class Figure:
    """A merged entry: *known* is the sum of the *published* parts; *hidden* parts are
    the centres' suppressed entries (unknown values)."""

    known: int = 0
    published: int = 0
    hidden: int = 0

    @property
    def value(self) -> int | None:
        """The sum of the published parts, or None when every part is hidden."""
        return self.known if self.published else None

    @property
    def incomplete(self) -> bool:
        return self.hidden > 0

    def plus(self, value: int | None) -> Figure:
        if value is None:
            return Figure(self.known, self.published, self.hidden + 1)
        return Figure(self.known + value, self.published + 1, self.hidden)

    def __add__(self, other: Figure) -> Figure:
        return Figure(
            self.known + other.known,
            self.published + other.published,
            self.hidden + other.hidden,
        )

    def as_json(self) -> dict[str, object]:
        # Hand-written (not ``to_json``): both keys are computed from the fields.
        return {"value": self.value, "incomplete": self.incomplete}


EMPTY = Figure()


def merge(facts: Iterable[Fact], key: Callable[[Fact], K]) -> dict[K, Figure]:
    """The facts summed by *key*."""
    merged: dict[K, Figure] = {}
    for fact in facts:
        k = key(fact)
        merged[k] = merged.get(k, EMPTY).plus(fact.value)
    return merged
