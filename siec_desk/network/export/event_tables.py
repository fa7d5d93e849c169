"""The facts of the events-register and loans tables of the network export (pure).

The service reads the register (``services/network/export_events.py``); this module turns
its rows into the :class:`~siec_desk.network.export.tables.Facts` of every cell, margin
and total, which ``build_tables`` then protects like every other table:

- ``events`` (month × event type): ``events`` and their ``participants``; contributors
  are **events**; participants also get the dominance rule (one event holding more than
  ``DOMINANCE_SHARE`` of an entry's participants hides it);
- ``participants`` (month × audience): people; contributors are the events with people of
  that audience; dominance as above;
- ``households_met`` (month × event type): (household, event) pairs of the consultations
  linked to an event of the month; contributors are households;
- ``loans`` (month × item type): loans ``lent`` (went out in the month), ``returned`` (came
  back in it) and ``overdue`` (out and past due on the month's last day); contributors are
  the households behind them.

Only past events of the export's months are counted (the caller passes them); nothing of
an event but its month, type and participants by audience is used: never its place,
title, partners or notes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import combinations

from siec_desk.network.export.suppression import Key, key
from siec_desk.network.export.tables import (
    EVENTS,
    HOUSEHOLDS_MET,
    LOANS,
    MEASURES,
    PARTICIPANTS,
    Facts,
)


@dataclass(frozen=True)
class EventRow:
    id: int
    month: str
    event_type: str
    #: People by audience (0 allowed).
    audiences: Mapping[str, int]


@dataclass(frozen=True)
class MeetingRow:
    """A household met at an event: one per (household, event) pair."""

    household_id: int
    event_id: int
    month: str
    event_type: str


@dataclass(frozen=True)
class LoanRow:
    id: int
    household_id: int
    item_type: str
    out_on: date
    due_on: date
    returned_on: date | None


@dataclass(frozen=True)
class Contribution:
    """One contributor's figures in one cell (dims: dimension → code)."""

    dims: Mapping[str, str]
    contributor: Hashable
    values: Mapping[str, int]


def month_end(month: str) -> date:
    first = date.fromisoformat(month + "-01")
    return (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def fold(
    group: str, contributions: Iterable[Contribution], dominance: Sequence[str] = ()
) -> dict[Key, Facts]:
    """The facts of every cell, margin and total: each contribution counts in every entry
    its cell belongs to; contributors are the distinct contributor ids of an entry (and,
    per measure, those with a non-zero part); for the *dominance* measures, the largest
    contributor's share (summed per contributor)."""
    sums: dict[Key, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    per: dict[Key, dict[Hashable, dict[str, int]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(int))
    )
    for item in contributions:
        names = sorted(item.dims)
        for size in range(len(names) + 1):
            for chosen in combinations(names, size):
                entry = key(group, **{d: item.dims[d] for d in chosen})
                for measure, value in item.values.items():
                    sums[entry][measure] += value
                    per[entry][item.contributor][measure] += value
    facts: dict[Key, Facts] = {}
    for entry, values in sums.items():
        largest = {
            m: (
                float(max(abs(c.get(m, 0)) for c in per[entry].values())),
                float(sum(abs(c.get(m, 0)) for c in per[entry].values())),
            )
            for m in dominance
        }
        behind = {m: sum(1 for c in per[entry].values() if c.get(m, 0)) for m in MEASURES[group]}
        facts[entry] = Facts(
            {m: values.get(m, 0) for m in MEASURES[group]}, len(per[entry]), largest, behind
        )
    return facts


def event_facts(events: Iterable[EventRow], meetings: Iterable[MeetingRow]) -> dict[Key, Facts]:
    """The ``events``, ``participants`` and ``households_met`` groups."""
    events = list(events)
    facts = fold(
        EVENTS,
        (
            Contribution(
                {"month": e.month, "event_type": e.event_type},
                e.id,
                {"events": 1, "participants": sum(e.audiences.values())},
            )
            for e in events
        ),
        ("participants",),
    )
    facts.update(
        fold(
            PARTICIPANTS,
            (
                Contribution({"month": e.month, "audience": a}, e.id, {"participants": n})
                for e in events
                for a, n in e.audiences.items()
                if n > 0
            ),
            ("participants",),
        )
    )
    facts.update(
        fold(
            HOUSEHOLDS_MET,
            (
                Contribution(
                    {"month": m.month, "event_type": m.event_type},
                    m.household_id,
                    {"households_met": 1},
                )
                for m in meetings
            ),
        )
    )
    return facts


def loan_contributions(loans: Iterable[LoanRow], months: Sequence[str]) -> list[Contribution]:
    """Each (loan, month) in which a loan went out, came back or was overdue at month end."""
    found = []
    for loan in loans:
        for month in months:
            end = month_end(month)
            lent = int(f"{loan.out_on:%Y-%m}" == month)
            returned = int(loan.returned_on is not None and f"{loan.returned_on:%Y-%m}" == month)
            still_out = loan.out_on <= end and (loan.returned_on is None or loan.returned_on > end)
            overdue = int(still_out and loan.due_on < end)
            if lent or returned or overdue:
                found.append(
                    Contribution(
                        {"month": month, "item_type": loan.item_type},
                        loan.household_id,
                        {"lent": lent, "returned": returned, "overdue": overdue},
                    )
                )
    return found


def loan_facts(loans: Iterable[LoanRow], months: Sequence[str]) -> dict[Key, Facts]:
    """The ``loans`` group: contributors are households (a loan is to a household)."""
    return fold(LOANS, loan_contributions(loans, months))
