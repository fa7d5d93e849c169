"""A deleted consultation brought back (Edit ▸ Undo after "Delete consultation").

:func:`take_snapshot` copies every column of the consultation, its themes, orientations
and recommended measures (so columns added by later revisions are kept without a change
here), and the letters and attestations that pointed at it: deleting a consultation
keeps its letters (their ``consultation_id`` becomes NULL, as the foreign key says).
:func:`restore_snapshot` writes it all back in one transaction: the same id when it is
still free (else a new one), the same version and dates, the letters re-linked when they
still exist and point nowhere. The snapshot lives in memory only (the session's undo):
nothing is kept once SIEC Desk closes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, insert, select, update
from sqlalchemy.orm import Session

from siec_desk.storage.models import (
    Consultation,
    ConsultationOrientation,
    ConsultationTheme,
    Event,
    Household,
    Letter,
    RecommendedMeasure,
)


@dataclass(frozen=True)
class ConsultationSnapshot:
    """Everything a deleted consultation was (plain values, column name → value)."""

    id: int
    household_id: int | None
    row: dict[str, Any]
    themes: tuple[str, ...]
    orientations: tuple[str, ...]
    measures: tuple[dict[str, Any], ...]
    letter_ids: tuple[int, ...]


def _row(table: Table, obj: object) -> dict[str, Any]:
    """Every column of *obj*'s table by column name (attribute names are the same)."""
    return {column.name: getattr(obj, column.key) for column in table.columns}


def take_snapshot(session: Session, consultation: Consultation) -> ConsultationSnapshot:
    consultations: Table = Consultation.__table__  # type: ignore[assignment]
    measures: Table = RecommendedMeasure.__table__  # type: ignore[assignment]
    letter_ids = session.scalars(
        select(Letter.id).where(Letter.consultation_id == consultation.id).order_by(Letter.id)
    ).all()
    return ConsultationSnapshot(
        id=consultation.id,
        household_id=consultation.household_id,
        row=_row(consultations, consultation),
        themes=tuple(t.theme for t in consultation.themes),
        orientations=tuple(o.code for o in consultation.orientations),
        measures=tuple(_row(measures, m) for m in consultation.measures),
        letter_ids=tuple(letter_ids),
    )


def restore_snapshot(session: Session, snapshot: ConsultationSnapshot) -> int:
    """Write *snapshot* back; the consultation's id (the old one when free).

    Raises :class:`LookupError` when its household no longer exists (the caller turns
    it into the service's not-found error)."""
    if snapshot.household_id is not None and session.get(Household, snapshot.household_id) is None:
        raise LookupError(snapshot.household_id)
    row = dict(snapshot.row)
    if row.get("event_id") is not None and session.get(Event, row["event_id"]) is None:
        row["event_id"] = None  # the event was deleted since (schema 0016): no link
    free = session.get(Consultation, snapshot.id) is None
    if not free:
        del row["id"]
    consultations: Table = Consultation.__table__  # type: ignore[assignment]
    new_id = session.execute(insert(consultations).values(row).returning(consultations.c.id))
    consultation_id = int(new_id.scalar_one())
    if snapshot.themes:
        session.execute(
            insert(ConsultationTheme),
            [{"consultation_id": consultation_id, "theme": t} for t in snapshot.themes],
        )
    if snapshot.orientations:
        session.execute(
            insert(ConsultationOrientation),
            [{"consultation_id": consultation_id, "code": c} for c in snapshot.orientations],
        )
    measures: Table = RecommendedMeasure.__table__  # type: ignore[assignment]
    for measure in snapshot.measures:
        values = {**measure, "consultation_id": consultation_id}
        if session.get(RecommendedMeasure, measure["id"]) is not None:
            del values["id"]
        session.execute(insert(measures).values(values))
    if snapshot.letter_ids:
        session.execute(
            update(Letter)
            .where(Letter.id.in_(snapshot.letter_ids), Letter.consultation_id.is_(None))
            .values(consultation_id=consultation_id)
        )
    session.expire_all()
    return consultation_id
