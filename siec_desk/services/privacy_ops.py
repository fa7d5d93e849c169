"""Anonymise or delete households inside a caller's transaction (retention and rights).

Bulk statements, a chunk of households at a time, so a purge of thousands stays quick.
The PDF files of deleted letters are only *collected* here: the caller removes them
after its transaction commits (:func:`remove_files`), so a rollback never loses a file
whose row is still there.

What anonymising keeps (domain.md §9–§10): the consultation facts that statistics count —
dates, durations, modes, acts, themes, measures and their estimates, follow-up and outcome
codes and amounts, the consultation's commune and postal code (statistics by commune) —
and the household's coded situation (tenure, income category, dwelling, country, commune).
What it drops: identity, phone, e-mail, address, reference income, consent, notes, every
free text, the search words, and the letters (they name the household) with their files.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import CursorResult, Executable, delete, func, select, update
from sqlalchemy.orm import Session

from siec_desk.storage.models import Consultation, Household, Letter

log = logging.getLogger(__name__)

CHUNK = 500
#: Household columns emptied by anonymisation.
HOUSEHOLD_CLEARED = {
    "first_name": None,
    "last_name": None,
    "phone": None,
    "email": None,
    "address": None,
    "reference_income": None,
    "consent_recontact_on": None,
    "consent_wording": None,
    "notes": None,
    "search_text": "",
}
#: Consultation free texts emptied by anonymisation.
CONSULTATION_CLEARED = {
    "notes": None,
    "follow_up_action": None,
    "outcome_abandon_reason": None,
}

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
        counts.consultations += _rows(
            session,
            update(Consultation)
            .where(Consultation.household_id.in_(todo))
            .values(**CONSULTATION_CLEARED, version=Consultation.version + 1)
            .execution_options(synchronize_session=False),
        )
        counts.households += _rows(
            session,
            update(Household)
            .where(Household.id.in_(todo))
            .values(**HOUSEHOLD_CLEARED, anonymised_at=stamp, version=Household.version + 1)
            .execution_options(synchronize_session=False),
        )
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


def remove_files(paths: Sequence[Path]) -> int:
    """Delete archived files (after the commit); a missing file is not an error."""
    removed = 0
    for path in paths:
        try:
            path.unlink()
            removed += 1
        except FileNotFoundError:
            continue
        except OSError:
            log.warning("could not delete archived letter %s", path, exc_info=True)
    return removed
