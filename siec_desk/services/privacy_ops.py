"""Anonymise or delete households inside a caller's transaction (retention and rights).

Bulk statements, a chunk of households at a time, so a purge of thousands stays quick.
The PDF files of deleted letters are only *collected* here: the caller removes them
after its transaction commits (:mod:`siec_desk.services.letter_files`), so a rollback
never loses a file whose row is still there.

What anonymising keeps (domain.md §9–§10): the consultation facts that statistics count —
the *day* of each consultation (custom periods are whole days), durations, modes, acts,
themes, orientations, measures and their estimates, follow-up and outcome codes, dates and
amounts, the
consultation's commune and postal code (statistics by commune), the advisor — and the
household's coded situation (tenure, income category, dwelling type, country, commune),
with its surface and size reduced to their classes (:func:`surface_class`,
:func:`size_class`). The link from consultations to their household stays: "households
advised" and "new households" count distinct households.
What it drops: identity, phone, e-mail, address, postal code, reference income, consent,
notes, every free text (follow-up action, abandon reason), the search words, the letters
(they name the household) with their files, the time of day of every consultation and of
its measures, the household's creation and update times (set to the first day of the
anonymisation month), its consumption and bill figures, the measures' input parameters,
and the audit trail's links to the household and its consultations (the events stay,
with their object id emptied).

Every erasure and retention purge also writes an :class:`ErasureRecord` (no personal
data) in the same transaction; a restore re-applies them (:func:`reapply_erasures`), so
an erased person never comes back from a backup. A letter file that cannot be deleted
(open in a viewer on Windows) is kept in ``pending_file_deletions`` and retried
(:func:`siec_desk.services.letter_files.retry_pending_deletions`), never forgotten.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import CursorResult, Executable, case, delete, func, or_, select, update
from sqlalchemy.orm import Session

from siec_desk.domain import fields
from siec_desk.domain.fields import Record
from siec_desk.storage.models import (
    AuditEvent,
    Consultation,
    ConsumptionReading,
    ErasureRecord,
    Household,
    Letter,
    Loan,
    RecommendedMeasure,
)
from siec_desk.storage.models.erasure import (
    ERASED,
    RETENTION_ANONYMISED,
    RETENTION_DELETED,
)

log = logging.getLogger(__name__)

CHUNK = 500
#: Household columns emptied by anonymisation.
HOUSEHOLD_CLEARED: dict[str, object] = {
    **fields.cleared_by_anonymisation(Record.HOUSEHOLD),  # the registry's personal fields
    "search_text": "",
}
#: Surface classes (m²): an anonymised household keeps its class's lower bound.
SURFACE_CLASSES = (0, 25, 50, 75, 100, 150, 200)
#: Household sizes kept as they are up to this; larger ones become this ("5 or more").
LARGEST_SIZE_CLASS = 5
#: Consultation free texts emptied by anonymisation.
CONSULTATION_CLEARED = fields.cleared_by_anonymisation(Record.CONSULTATION)
#: What anonymisation empties in a reading: its notes (quantities and amounts stay).
READING_CLEARED = fields.cleared_by_anonymisation(Record.READING)
#: What anonymisation empties in a loan: its notes (item, dates and deposit stay).
LOAN_CLEARED = fields.cleared_by_anonymisation(Record.LOAN)

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class PurgeCancelledError(Exception):
    """The user cancelled: the transaction rolls back, nothing was changed."""


@dataclass
class PurgeCounts:
    households: int = 0
    consultations: int = 0
    letters: int = 0
    files: list[Path] = field(default_factory=list)


@dataclass(frozen=True)
class Erasure:
    """An erasure record as plain data (carried across a restore)."""

    household_id: int
    kind: str
    occurred_at: datetime
    actor: str


def surface_class(surface: float | None) -> float | None:
    """The lower bound of the surface's class (0–24, 25–49, … 150–199, 200 and over)."""
    if surface is None:
        return None
    return float(max(b for b in SURFACE_CLASSES if b <= max(surface, 0)))


def size_class(size: int | None) -> int | None:
    return None if size is None else min(size, LARGEST_SIZE_CLASS)


def _rows(session: Session, statement: Executable) -> int:
    """Rows changed by a bulk UPDATE or DELETE."""
    result = session.execute(statement)
    return result.rowcount if isinstance(result, CursorResult) else 0


def chunks(ids: Sequence[int], size: int = CHUNK) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield list(ids[start : start + size])


def _step(done: int, total: int, progress: Progress | None, cancelled: Cancelled | None) -> None:
    if cancelled is not None and cancelled():
        raise PurgeCancelledError
    if progress is not None:
        progress(done, total)


def _letters(session: Session, ids: list[int], archive_dir: Path, counts: PurgeCounts) -> None:
    """Delete the letters of these households; remember their files."""
    paths = session.scalars(select(Letter.file_path).where(Letter.household_id.in_(ids))).all()
    counts.files += [p if p.is_absolute() else archive_dir / p for p in map(Path, paths)]
    counts.letters += len(paths)
    session.execute(delete(Letter).where(Letter.household_id.in_(ids)))


def _count_consultations(session: Session, ids: list[int]) -> int:
    return int(
        session.scalar(
            select(func.count(Consultation.id)).where(Consultation.household_id.in_(ids))
        )
        or 0
    )


def _day(session: Session, column: Any) -> Any:
    """*column* (a timestamp) without its time of day, as a timestamp at midnight."""
    if session.get_bind().dialect.name == "postgresql":
        return func.date_trunc("day", column)
    # SQLAlchemy stores SQLite timestamps as text with microseconds, and compares them as
    # text: midnight must be written the same way ("… 00:00:00.000000").
    return func.strftime("%Y-%m-%d 00:00:00.000000", column)


def _surface_class_sql(column: Any) -> Any:
    bands = sorted(SURFACE_CLASSES, reverse=True)
    return case(
        (column.is_(None), None),
        *[(column >= b, float(b)) for b in bands[:-1]],
        else_=float(bands[-1]),
    )


def _unlink_audit(session: Session, household_ids: list[int], consultation_ids: list[int]) -> None:
    """The audit events stay (who did what, when) but no longer point at the household."""
    links = [(AuditEvent.object_type == "household") & AuditEvent.object_id.in_(household_ids)]
    for chunk in chunks(consultation_ids):
        links.append((AuditEvent.object_type == "consultation") & AuditEvent.object_id.in_(chunk))
    session.execute(
        update(AuditEvent)
        .where(or_(*links))
        .values(object_id=None)
        .execution_options(synchronize_session=False)
    )


def _readings(session: Session, household_ids: list[int], *, delete_them: bool) -> None:
    """The households' consumption readings and equipment loans: deleted, or anonymised
    (quantities, amounts and dates kept for statistics; notes, which may be personal,
    dropped; a loan's item stays either way); their audit events no longer point at them
    (their details named the household)."""
    kinds = (
        (ConsumptionReading, "consumption_reading", READING_CLEARED),
        (Loan, "loan", LOAN_CLEARED),
    )
    for model, object_type, cleared in kinds:
        where = model.household_id.in_(household_ids)
        for part in chunks(list(session.scalars(select(model.id).where(where)))):
            session.execute(
                update(AuditEvent)
                .where(AuditEvent.object_type == object_type, AuditEvent.object_id.in_(part))
                .values(object_id=None, details="{}")
                .execution_options(synchronize_session=False)
            )
        statement = (
            delete(model).where(where)
            if delete_them
            else update(model).where(where).values(**cleared)
        )
        session.execute(statement.execution_options(synchronize_session=False))


def anonymise_households(
    session: Session,
    ids: Sequence[int],
    archive_dir: Path,
    *,
    now: datetime | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> PurgeCounts:
    """Anonymise these households (already anonymised ones are left as they are)."""
    stamp = now or datetime.now(UTC)
    month_start = stamp.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    counts = PurgeCounts()
    done = 0
    for chunk in chunks(ids):
        _step(done, len(ids), progress, cancelled)
        done += len(chunk)
        todo = list(
            session.scalars(
                select(Household.id).where(
                    Household.id.in_(chunk), Household.anonymised_at.is_(None)
                )
            )
        )
        if not todo:
            continue
        _letters(session, todo, archive_dir, counts)
        consultation_ids = list(
            session.scalars(select(Consultation.id).where(Consultation.household_id.in_(todo)))
        )
        for part in chunks(consultation_ids):
            session.execute(
                update(RecommendedMeasure)
                .where(RecommendedMeasure.consultation_id.in_(part))
                .values(parameters={}, created_at=_day(session, RecommendedMeasure.created_at))
                .execution_options(synchronize_session=False)
            )
        day = _day(session, Consultation.occurred_at)
        counts.consultations += _rows(
            session,
            update(Consultation)
            .where(Consultation.household_id.in_(todo))
            .values(
                **CONSULTATION_CLEARED,
                occurred_at=day,
                created_at=day,
                updated_at=day,
                version=Consultation.version + 1,
            )
            .execution_options(synchronize_session=False),
        )
        counts.households += _rows(
            session,
            update(Household)
            .where(Household.id.in_(todo))
            .values(
                **HOUSEHOLD_CLEARED,
                surface_m2=_surface_class_sql(Household.surface_m2),
                household_size=case(
                    (Household.household_size > LARGEST_SIZE_CLASS, LARGEST_SIZE_CLASS),
                    else_=Household.household_size,
                ),
                created_at=month_start,
                updated_at=month_start,
                anonymised_at=stamp,
                version=Household.version + 1,
            )
            .execution_options(synchronize_session=False),
        )
        _readings(session, todo, delete_them=False)
        _unlink_audit(session, todo, consultation_ids)
    _step(len(ids), len(ids), progress, cancelled)
    return counts


def delete_households(
    session: Session,
    ids: Sequence[int],
    archive_dir: Path,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> PurgeCounts:
    """Delete these households with their consultations (themes and measures go with them
    by cascade) and letters."""
    counts = PurgeCounts()
    done = 0
    for chunk in chunks(ids):
        _step(done, len(ids), progress, cancelled)
        _letters(session, chunk, archive_dir, counts)
        counts.consultations += _count_consultations(session, chunk)
        _readings(session, list(chunk), delete_them=True)
        session.execute(
            delete(Consultation)
            .where(Consultation.household_id.in_(chunk))
            .execution_options(synchronize_session=False)
        )
        counts.households += _rows(
            session,
            delete(Household)
            .where(Household.id.in_(chunk))
            .execution_options(synchronize_session=False),
        )
        done += len(chunk)
    _step(len(ids), len(ids), progress, cancelled)
    return counts


# -- erasure records -----------------------------------------------------------------------
def record_erasures(
    session: Session, ids: Sequence[int], kind: str, actor: str, now: datetime | None = None
) -> None:
    """Remember these erasures (ids, kind, time, who: no personal data) in *session*."""
    stamp = now or datetime.now(UTC)
    session.add_all(
        ErasureRecord(household_id=i, kind=kind, occurred_at=stamp, actor=actor[:120]) for i in ids
    )


def erasures(session: Session) -> list[Erasure]:
    rows = session.scalars(select(ErasureRecord).order_by(ErasureRecord.id)).all()
    return [Erasure(r.household_id, r.kind, r.occurred_at, r.actor) for r in rows]


def reapply_erasures(
    session: Session, records: Sequence[Erasure], archive_dir: Path
) -> tuple[PurgeCounts, list[int]]:
    """After a restore: add the records the restored database lacks, then erase or
    anonymise again every household they name that the backup brought back.

    A household is the erased one only if it was created before the erasure: SQLite may
    give a later household the id of an erased one, and that one is left alone.
    Returns the counts and the ids erased or anonymised again.
    """
    known = {(e.household_id, e.kind) for e in erasures(session)}
    for e in records:
        if (e.household_id, e.kind) not in known:
            known.add((e.household_id, e.kind))
            session.add(
                ErasureRecord(
                    household_id=e.household_id,
                    kind=e.kind,
                    occurred_at=e.occurred_at,
                    actor=e.actor,
                )
            )
    session.flush()
    to_delete: list[int] = []
    to_anonymise: list[int] = []
    for e in erasures(session):
        household = session.execute(
            select(Household.created_at, Household.anonymised_at).where(
                Household.id == e.household_id
            )
        ).first()
        if household is None or household[0] > e.occurred_at:
            continue
        if e.kind in (ERASED, RETENTION_DELETED):
            to_delete.append(e.household_id)
        elif e.kind == RETENTION_ANONYMISED and household[1] is None:
            to_anonymise.append(e.household_id)
    to_delete = sorted(set(to_delete))
    to_anonymise = sorted(set(to_anonymise) - set(to_delete))
    counts = delete_households(session, to_delete, archive_dir)
    more = anonymise_households(session, to_anonymise, archive_dir)
    counts.households += more.households
    counts.consultations += more.consultations
    counts.letters += more.letters
    counts.files += more.files
    return counts, [*to_delete, *to_anonymise]
