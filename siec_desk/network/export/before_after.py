"""The before/after table of the network export (format version 3) and its merge (pure).

**Cohort.** An export covering the months P holds the consultations with a household
whose 6-month outcome date (consultation day + ``OUTCOME_DELAY``, the rule of
``outcome_due``) falls in P: each consultation belongs to one export only, so exports of
disjoint periods never share a (household, consultation). A household with several
consultations in the cohort counts once, on its earliest. Its before/after is the
outcome's (:func:`siec_desk.domain.consumption.before_after`: 3 months before, 3 after,
bills spanning the consultation day left out).

**Rows.** One per reading kind (kinds are never mixed), every kind always: the households
contributing (both sides present), the mean monthly quantity before and after (rounded to
0.1), the change in percent (from the rounded means, to 0.1) and the mean monthly amount
before and after in minor units of the centre's currency (rounded to whole units), only
when every contributing household has both amounts. A row with 1 to k − 1 households is
**suppressed**: no figure of it is written. No other table counts these households, so
no complementary suppression is needed (docs/network-export.md).

**Merge** (the coordinator): per country and kind, household-weighted means of the
centres' published rows; a centre's suppressed row is unknown (the merged row is then
incomplete); amounts only when every published row has them (one currency per country).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from siec_desk.domain.codes import ReadingKind
from siec_desk.domain.consumption import ConsumptionChange

TABLE_ID = "before_after_by_kind"
KINDS: tuple[str, ...] = tuple(k.value for k in ReadingKind)
#: The figures of a row, in the order of the JSON object, the CSV and the sheets.
MEASURES = (
    "households",
    "quantity_before",
    "quantity_after",
    "change_percent",
    "amount_before_minor",
    "amount_after_minor",
)


def round_half_up(value: float, digits: int = 0) -> float:
    """*value* rounded half away from zero (not Python's half to even)."""
    step = Decimal(1).scaleb(-digits)
    return float(Decimal(repr(value)).quantize(step, rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class Contribution:
    """One household's average month before and after, for one kind."""

    quantity_before: float
    quantity_after: float
    amount_before_minor: int | None
    amount_after_minor: int | None


@dataclass(frozen=True)
class BeforeAfterRow:
    """One kind's row; every figure None when *suppressed*, the means None with no
    household, the amounts None unless every household has them."""

    kind: str
    suppressed: bool
    households: int | None
    quantity_before: float | None = None
    quantity_after: float | None = None
    change_percent: float | None = None
    amount_before_minor: int | None = None
    amount_after_minor: int | None = None

    def values(self) -> dict[str, int | float | None]:
        return {m: getattr(self, m) for m in MEASURES}


def contributions(changes: Iterable[ConsumptionChange]) -> dict[str, Contribution]:
    """The kinds of one household's before/after that have both sides."""
    found = {}
    for change in changes:
        if change.before is None or change.after is None:
            continue
        found[change.kind] = Contribution(
            change.before.quantity_per_month,
            change.after.quantity_per_month,
            change.before.amount_per_month_minor,
            change.after.amount_per_month_minor,
        )
    return found


def percent(before: float | None, after: float | None) -> float | None:
    """The change from *before* to *after* in percent (0.1), None without a base."""
    if before is None or after is None or before <= 0:
        return None
    return round_half_up((after - before) / before * 100, 1)


def _row(kind: str, found: Sequence[Contribution], threshold: int) -> BeforeAfterRow:
    n = len(found)
    if 0 < n < threshold:
        return BeforeAfterRow(kind, True, None)
    if n == 0:
        return BeforeAfterRow(kind, False, 0)
    before = round_half_up(sum(c.quantity_before for c in found) / n, 1)
    after = round_half_up(sum(c.quantity_after for c in found) / n, 1)
    paid_before = [c.amount_before_minor for c in found]
    paid_after = [c.amount_after_minor for c in found]
    amounts: tuple[int | None, int | None] = (None, None)
    if None not in paid_before and None not in paid_after:
        amounts = (
            int(round_half_up(sum(a or 0 for a in paid_before) / n)),
            int(round_half_up(sum(a or 0 for a in paid_after) / n)),
        )
    return BeforeAfterRow(kind, False, n, before, after, percent(before, after), *amounts)


def build_before_after(
    households: Mapping[int, Mapping[str, Contribution]], threshold: int
) -> tuple[BeforeAfterRow, ...]:
    """The table from each cohort household's contributions (by kind)."""
    return tuple(
        _row(kind, [c[kind] for c in households.values() if kind in c], threshold) for kind in KINDS
    )


# -- the coordinator's merge -------------------------------------------------------------
@dataclass(frozen=True)
class CentreRow:
    """One centre's published (or suppressed) row, as imported."""

    network_code: str
    country: str
    currency: str
    row: BeforeAfterRow


@dataclass(frozen=True)
class MergedBeforeAfter:
    """A country's row for one kind: *households* of the published rows (*centres*),
    *hidden* rows suppressed by their centre (then the figures are incomplete)."""

    country: str
    currency: str
    kind: str
    households: int
    centres: int
    hidden: int
    quantity_before: float | None
    quantity_after: float | None
    change_percent: float | None
    amount_before_minor: int | None
    amount_after_minor: int | None

    @property
    def incomplete(self) -> bool:
        return self.hidden > 0

    def as_json(self) -> dict[str, object]:
        return {
            "country": self.country,
            "currency": self.currency,
            "kind": self.kind,
            "households": self.households,
            "centres": self.centres,
            "incomplete": self.incomplete,
            "quantity_before": self.quantity_before,
            "quantity_after": self.quantity_after,
            "change_percent": self.change_percent,
            "amount_before_minor": self.amount_before_minor,
            "amount_after_minor": self.amount_after_minor,
        }


def _weighted(pairs: Sequence[tuple[int, float | int | None]], digits: int) -> float | None:
    total = sum(n for n, _v in pairs)
    if not pairs or total <= 0 or any(v is None for _n, v in pairs):
        return None
    return round_half_up(sum(n * (v or 0) for n, v in pairs) / total, digits)


def merge_before_after(rows: Iterable[CentreRow]) -> list[MergedBeforeAfter]:
    """Per country and kind (kind order), household-weighted means of published rows."""
    groups: dict[tuple[str, str, str], list[CentreRow]] = {}
    for r in rows:  # a country has one currency; keyed by both, amounts never mix
        groups.setdefault((r.country, r.currency, r.row.kind), []).append(r)
    order = {k: i for i, k in enumerate(KINDS)}
    merged = []
    for country, currency, kind in sorted(
        groups, key=lambda g: (g[0], g[1], order.get(g[2], len(order)))
    ):
        found = groups[(country, currency, kind)]
        published = [r.row for r in found if not r.row.suppressed and r.row.households]
        hidden = sum(1 for r in found if r.row.suppressed)
        before = _weighted([(r.households or 0, r.quantity_before) for r in published], 1)
        after = _weighted([(r.households or 0, r.quantity_after) for r in published], 1)
        amount_before = _weighted(
            [(r.households or 0, r.amount_before_minor) for r in published], 0
        )
        amount_after = _weighted([(r.households or 0, r.amount_after_minor) for r in published], 0)
        merged.append(
            MergedBeforeAfter(
                country=country,
                currency=currency,
                kind=kind,
                households=sum(r.households or 0 for r in published),
                centres=len(published),
                hidden=hidden,
                quantity_before=before,
                quantity_after=after,
                change_percent=percent(before, after),
                amount_before_minor=None if amount_before is None else int(amount_before),
                amount_after_minor=None if amount_after is None else int(amount_after),
            )
        )
    return merged
