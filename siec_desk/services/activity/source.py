"""What every activity query starts from: the tables, a period's consultations, the
column of a dimension, the joins a grouping or a filter needs, and the filters."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import ColumnElement, FromClause, and_

from siec_desk.domain.activity_dimensions import DIMENSIONS, HOUSEHOLD, ORIENTATION, THEME
from siec_desk.domain.activity_period import Period
from siec_desk.storage.models import (
    Consultation,
    ConsultationOrientation,
    ConsultationTheme,
    Household,
    RecommendedMeasure,
)

C = Consultation.__table__
H = Household.__table__
T = ConsultationTheme.__table__
R = ConsultationOrientation.__table__  # referrals (orientations)
M = RecommendedMeasure.__table__

Key = tuple[Any, ...]
Filters = Mapping[str, Any]


def in_period(period: Period) -> ColumnElement[bool]:
    """Consultations of *period* (the condition every activity query starts from)."""
    return and_(C.c.occurred_at >= period.starts_at, C.c.occurred_at < period.ends_before)


def _column(code: str) -> ColumnElement[Any]:
    dim = DIMENSIONS[code]
    table = {HOUSEHOLD: H, THEME: T, ORIENTATION: R}.get(dim.source, C)
    return table.c[dim.column]


def _source(by: Sequence[str], where: Filters) -> FromClause:
    used = {DIMENSIONS[d].source for d in (*by, *where)}
    source: FromClause = C
    if HOUSEHOLD in used:
        source = source.outerjoin(H, H.c.id == C.c.household_id)
    if THEME in used:
        source = source.join(T, T.c.consultation_id == C.c.id)
    if ORIENTATION in used:
        source = source.join(R, R.c.consultation_id == C.c.id)
    return source


def _filters(where: Filters) -> list[ColumnElement[bool]]:
    return [
        _column(code).is_(None) if value is None else _column(code) == value
        for code, value in where.items()
    ]
