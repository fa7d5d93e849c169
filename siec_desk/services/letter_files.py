"""Removing the PDF files of deleted letters, once the deletion is committed.

An erasure, a retention purge or a restore collects the files of the letters it deletes
(:mod:`siec_desk.services.privacy_ops`); after its transaction commits,
:func:`finish_removal` deletes them. A file that cannot be deleted (open in a viewer on
Windows) is listed in ``pending_file_deletions`` and retried at each start
(:func:`retry_pending_deletions`), never forgotten.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from siec_desk.storage.database import Database
from siec_desk.storage.engine import scrub
from siec_desk.storage.models import PendingFileDeletion

log = logging.getLogger(__name__)


def remove_files(paths: Sequence[Path]) -> list[Path]:
    """Delete archived files (after the commit); return those that could not be deleted.

    A missing file is not an error. The caller records the failures
    (:func:`remember_failed`) and says so: the file names the household.
    """
    failed: list[Path] = []
    for path in paths:
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError:
            log.warning("could not delete archived letter %s", path.name, exc_info=True)
            failed.append(path)
    return failed


def _stored_path(path: Path, archive_dir: Path) -> str:
    try:
        return path.relative_to(archive_dir).as_posix()
    except ValueError:
        return str(path)


def remember_failed(session: Session, failed: Sequence[Path], archive_dir: Path) -> None:
    """Add files that could not be deleted to the list retried later (no duplicates)."""
    for path in failed:
        stored = _stored_path(path, archive_dir)
        row = session.scalars(
            select(PendingFileDeletion).where(PendingFileDeletion.file_path == stored)
        ).first()
        if row is None:
            session.add(PendingFileDeletion(file_path=stored))
        else:
            row.attempts += 1


def pending_deletions(session: Session, archive_dir: Path) -> list[Path]:
    paths = session.scalars(select(PendingFileDeletion.file_path)).all()
    return [p if p.is_absolute() else archive_dir / p for p in map(Path, paths)]


def retry_pending_deletions(session: Session, archive_dir: Path) -> tuple[int, list[Path]]:
    """Try again to delete the files still listed; (deleted now, still there)."""
    rows = session.scalars(select(PendingFileDeletion)).all()
    deleted, remaining = 0, []
    for row in rows:
        stored = Path(row.file_path)
        path = stored if stored.is_absolute() else archive_dir / stored
        if remove_files([path]):
            row.attempts += 1
            remaining.append(path)
        else:
            session.delete(row)
            deleted += 1
    return deleted, remaining


def finish_removal(db: Database, archive_dir: Path, files: Sequence[Path]) -> list[Path]:
    """After an erasure, purge or restore committed: delete the letter files, retry the
    files still listed from earlier, list the failures for later, and scrub the database
    (``-wal`` truncated on SQLite, VACUUM on PostgreSQL).

    Returns every letter file that is still there (to tell the user, by file name).
    """
    failed = remove_files(files)
    with db.write() as session:
        _deleted, remaining = retry_pending_deletions(session, archive_dir)
        remember_failed(session, failed, archive_dir)
    if not scrub(db.engine):
        log.warning("another program is reading the database: its -wal is truncated later")
    return sorted({*failed, *remaining})
