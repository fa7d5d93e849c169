"""Cell counts for the network export, counted the way the Activity page counts.

The same consultations (``occurred_at`` in the period), the same joins (household outer
join, one row per theme for themes, per orientation for orientations, one row per
measure for savings) and the same
dimension columns as :class:`~siec_desk.services.activity.engine.ActivityStats`; plus three
groupings the export needs: ``month`` (CASE bounds, dialect-neutral like the trend),
``place`` (the generalised place of each stored commune and postal code, joined as a
VALUES list) and ``measure`` (the catalogue code). Each call is one GROUP BY query;
contributors (households, an anonymous consultation counting as one) are counted
distinctly, and for sums the largest contributor comes from a second level of grouping.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    FromClause,
    String,
    and_,
    case,
    column,
    func,
    literal,
    select,
    values,
)

from siec_desk.domain.act_types import CentreActs
from siec_desk.domain.activity_dimensions import DIMENSIONS, HOUSEHOLD, ORIENTATION, THEME
from siec_desk.domain.activity_period import Period
from siec_desk.services.activity.engine import C, H, M, R, T, _column, in_period
from siec_desk.storage.database import Database

MONTH, PLACE, MEASURE = "month", "place", "measure"
SUMS = ("kwh_per_year", "money_per_year_minor", "co2_kg_per_year")
_SUM_COLUMNS = {
    "kwh_per_year": M.c.kwh_per_year,
    "money_per_year_minor": M.c.money_per_year_minor,
    "co2_kg_per_year": M.c.co2_kg_per_year,
}
Row = tuple[Any, ...]


@dataclass(frozen=True)
class Places:
    """The place of each stored (commune, postal code) pair; *default* for the others."""

    mapping: Mapping[tuple[str | None, str | None], str]
    default: str


def network_scope(acts: CentreActs) -> ColumnElement[bool]:
    """Consultations the network export counts: every one but those of the centre's own
    act types (``x_…``) that count as no shared act (unmapped, or no longer known)."""
    mapped = [code for code, own in acts.own.items() if own.maps_to]
    own = C.c.act.like("x\\_%", escape="\\")
    return ~and_(own, C.c.act.not_in(mapped)) if mapped else ~own


def network_act(acts: CentreActs) -> ColumnElement[Any]:
    """The shared act a consultation counts as: a mapped own type folded into its act."""
    mapped = {code: own.maps_to for code, own in acts.own.items() if own.maps_to}
    if not mapped:
        return C.c.act
    return case(*[(C.c.act == code, literal(to)) for code, to in mapped.items()], else_=C.c.act)


class CellCounts:
    def __init__(self, db: Database) -> None:
        self.db = db
        #: The centre's act types: own types fold into their shared act or are left out.
        self.acts = CentreActs()

    def in_scope(self, period: Period) -> ColumnElement[bool]:
        return and_(in_period(period), network_scope(self.acts))

    # -- what the places are made from -------------------------------------------------
    def raw_places(self, period: Period) -> list[tuple[str | None, str | None, int]]:
        """(commune, postal code, consultations) of the period, as stored."""
        query = (
            select(C.c.commune, C.c.postal_code, func.count(C.c.id))
            .where(self.in_scope(period))
            .group_by(C.c.commune, C.c.postal_code)
        )
        with self.db.read() as session:
            return [(r[0], r[1], int(r[2])) for r in session.execute(query)]

    def known_postal_codes(self) -> list[tuple[str | None, str | None]]:
        """Every (commune, postal code) pair recorded with a postal code."""
        queries = [
            select(t.c.commune, t.c.postal_code)
            .where(t.c.commune.is_not(None), t.c.postal_code.is_not(None))
            .group_by(t.c.commune, t.c.postal_code)
            for t in (H, C)
        ]
        with self.db.read() as session:
            return [(r[0], r[1]) for q in queries for r in session.execute(q)]

    # -- the cells ---------------------------------------------------------------------
    def counts(
        self,
        period: Period,
        months: Sequence[Period],
        by: Sequence[str],
        places: Places,
        *,
        mentions: bool = False,
        referrals: bool = False,
    ) -> dict[Row, tuple[int, int]]:
        """(count, contributors) per group of *by*: consultations, or (consultation,
        theme) pairs when *mentions*, or (consultation, orientation) pairs when
        *referrals*."""
        source, groups = _grouping(
            by, months, places, themes=mentions, orientations=referrals, acts=self.acts
        )
        contributors = func.count(func.distinct(C.c.household_id)) + func.count(
            func.distinct(case((C.c.household_id.is_(None), C.c.id)))
        )
        query = (
            select(*groups, func.count(C.c.id), contributors)
            .select_from(source)
            .where(self.in_scope(period))
            .group_by(*groups)
        )
        with self.db.read() as session:
            return {
                tuple(r[: len(by)]): (int(r[len(by)]), int(r[len(by) + 1]))
                for r in session.execute(query)
            }

    def savings(
        self, period: Period, months: Sequence[Period], by: Sequence[str], places: Places
    ) -> dict[Row, dict[str, float]]:
        """Per group of *by*, the measures recommended in the period: ``measures``, each
        sum, ``contributors``, and per sum ``largest_<sum>`` / ``absolute_<sum>`` (the
        largest contributor's and everyone's absolute amounts, for the dominance rule)."""
        source, groups = _grouping(by, months, places, measures=True, acts=self.acts)
        contributor = case((C.c.household_id.is_(None), -C.c.id), else_=C.c.household_id)
        labelled = [g.label(f"g{i}") for i, g in enumerate(groups)]
        inner = (
            select(
                *labelled,
                func.count(M.c.id).label("n"),
                *[func.coalesce(func.sum(c), 0).label(s) for s, c in _SUM_COLUMNS.items()],
            )
            .select_from(source)
            .where(self.in_scope(period))
            .group_by(*groups, contributor)
            .subquery()
        )
        keys = [inner.c[f"g{i}"] for i in range(len(groups))]
        columns = [func.sum(inner.c.n).label("measures"), func.count().label("contributors")]
        for name in SUMS:
            columns += [
                func.sum(inner.c[name]).label(name),
                func.max(func.abs(inner.c[name])).label(f"largest_{name}"),
                func.sum(func.abs(inner.c[name])).label(f"absolute_{name}"),
            ]
        query = select(*keys, *columns).group_by(*keys)
        with self.db.read() as session:
            return {
                tuple(r[: len(by)]): {
                    c.name: float(value or 0)
                    for c, value in zip(columns, r[len(keys) :], strict=True)
                }
                for r in session.execute(query)
            }


def _month_column(months: Sequence[Period]) -> ColumnElement[Any]:
    return case(
        *[(C.c.occurred_at < m.ends_before, literal(f"{m.start:%Y-%m}")) for m in months],
        else_=literal(None),
    )


def _grouping(
    by: Sequence[str],
    months: Sequence[Period],
    places: Places,
    *,
    themes: bool = False,
    orientations: bool = False,
    measures: bool = False,
    acts: CentreActs | None = None,
) -> tuple[FromClause, list[ColumnElement[Any]]]:
    """The joined source and the group columns of *by*."""
    sources = {DIMENSIONS[d].source for d in by if d in DIMENSIONS}
    source: FromClause = C
    if HOUSEHOLD in sources:
        source = source.outerjoin(H, H.c.id == C.c.household_id)
    if THEME in sources or themes:
        source = source.join(T, T.c.consultation_id == C.c.id)
    if ORIENTATION in sources or orientations:
        source = source.join(R, R.c.consultation_id == C.c.id)
    if measures:
        source = source.join(M, M.c.consultation_id == C.c.id)
    groups: list[ColumnElement[Any]] = []
    for code in by:
        if code == MONTH:
            groups.append(_month_column(months))
        elif code == MEASURE:
            groups.append(M.c.measure_code)
        elif code == PLACE:
            source, place = _place_join(source, places)
            groups.append(place)
        elif code == "act" and acts is not None:
            groups.append(network_act(acts))
        else:
            groups.append(_column(code))
    return source, groups


def _place_join(source: FromClause, places: Places) -> tuple[FromClause, ColumnElement[Any]]:
    if not places.mapping:
        return source, literal(places.default)
    listed = values(
        column("commune", String),
        column("postal_code", String),
        column("place", String),
        name="export_places",
    ).data([(c or "", p or "", place) for (c, p), place in places.mapping.items()])
    table = listed.cte()  # a CTE has column names: SQLite lacks "AS t(columns)" for VALUES
    joined = source.outerjoin(
        table,
        and_(
            func.coalesce(C.c.commune, "") == table.c.commune,
            func.coalesce(C.c.postal_code, "") == table.c.postal_code,
        ),
    )
    return joined, func.coalesce(table.c.place, literal(places.default))
