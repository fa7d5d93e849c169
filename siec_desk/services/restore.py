"""Restoring a backup, without Qt: the flow the GUI's dialogs (``ui/app/restore.py``) and
``siec-desk db restore`` share, and the words both use.

A restore replaces the file under every service, so the GUI does not try to patch itself
up afterwards: it restarts, like a language change, and the new process opens (and if
needed migrates) the restored database through the usual start-up path. The current
file is always backed up first (``pre-restore``), by the storage layer, and the erasures
recorded in it are applied again to the restored one (services/maintenance.py).

A database that will not open because its file is damaged is what a restore repairs: it
is restored without being opened (:func:`damaged_database`, :func:`restore_damaged`,
:func:`restore_file`).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from siec_desk.core.errors import DatabaseBusyError, DatabaseError, NewerSchemaError, SiecError
from siec_desk.core.formatting import format_datetime, locale_for, ltr
from siec_desk.core.i18n import _, ngettext
from siec_desk.services.backups import (
    BackupInfo,
    backup_policy,
    latest_good_backup,
    quick_check,
)
from siec_desk.services.maintenance import RestoreResult, restore_backup
from siec_desk.services.targets import sqlite_path
from siec_desk.storage.backup import BackupFileError
from siec_desk.texts.privacy import files_left_text

if TYPE_CHECKING:
    from siec_desk.services.app import AppContext

log = logging.getLogger(__name__)


def relaunch_command() -> tuple[str, list[str]]:
    """How to start this same SIEC Desk again, with the same arguments."""
    if getattr(sys, "frozen", False):
        return sys.executable, sys.argv[1:]
    return sys.executable, ["-m", "siec_desk", *sys.argv[1:]]


def backup_date(backup: BackupInfo, country: str) -> str:
    return format_datetime(backup.taken_at, locale_for(None, country))


def reapplied_lines(result: RestoreResult) -> list[str]:
    """What the restore erased again, one sentence each (none when nothing)."""
    lines = []
    if result.reapplied:
        n = len(result.reapplied)
        lines.append(
            ngettext(
                "{n} household erased since this backup was taken was erased again.",
                "{n} households erased since this backup was taken were erased again.",
                n,
            ).format(n=n)
        )
    if result.files_left:
        lines.append(files_left_text(result.files_left))
    return lines


def reapplied_text(result: RestoreResult) -> str:
    """What the restore erased again, as extra paragraphs ("" when nothing)."""
    return "".join("\n\n" + line for line in reapplied_lines(result))


def damaged_text(path: Path, problems: list[str], good: BackupInfo | None, country: str) -> str:
    """Guidance for a damaged file: what happened, what is safe, what to do."""
    details = "; ".join(problems[:3])
    if good is None:
        return _(
            "The database file {path} is damaged ({details}) and no good backup was found. "
            "Avoid entering new data, keep a copy of the file and ask for help: "
            "“siec-desk db check” gives the details."
        ).format(path=ltr(str(path)), details=details)
    return _(
        "The database file {path} is damaged ({details}). Continuing to work with it may "
        "lose data. "
        "The latest good backup is from {date}: restore it now? The damaged file is kept "
        "as a safety copy first; work saved since {date} is not in the backup."
    ).format(path=ltr(str(path)), details=details, date=backup_date(good, country))


@dataclass(frozen=True)
class DamagedDatabase:
    """A database file that would not open, the problems found, and the backup to offer."""

    path: Path
    problems: list[str]
    good: BackupInfo


def damaged_database(target: str, exc: SiecError) -> DamagedDatabase | None:
    """The database at *target* would not open with *exc*: when its file is damaged and a
    good backup exists, what to offer; None otherwise (locked, newer, a server database,
    a sound file, no good backup)."""
    if not isinstance(exc, DatabaseError) or isinstance(exc, NewerSchemaError | DatabaseBusyError):
        return None
    path = sqlite_path(target)
    if path is None or not path.is_file():
        return None
    try:
        problems = quick_check(path)
        good = latest_good_backup(path, backup_policy()) if problems else None
    except DatabaseError:
        return None
    if good is None:
        return None
    return DamagedDatabase(path, problems, good)


def restore_damaged(damaged: DamagedDatabase) -> RestoreResult:
    """Restore the latest good backup over the damaged file (kept as a safety copy)."""
    result = restore_backup(damaged.good.path, damaged.path, backup_policy().folder)
    log.warning(
        "restored %s over damaged %s; damaged copy in %s",
        damaged.good.path,
        damaged.path,
        result.safety,
    )
    return result


def restore_file(
    backup: Path, target: str, open_context: Callable[[], AppContext]
) -> RestoreResult:
    """``db restore``: restore *backup* over the database at *target* (backed up first,
    erasures re-applied), then open it once so that an older backup is migrated.

    A database that cannot be opened (damaged) is restored without being opened; a file
    refused before anything changed (not a backup, a newer schema) raises an error that
    says nothing was restored.
    """
    path = sqlite_path(target)
    maintenance = None
    try:
        ctx = open_context()
    except (NewerSchemaError, DatabaseBusyError):
        raise
    except DatabaseError as exc:
        # A damaged or unreadable file is what a restore repairs: go on without opening it.
        if path is None or not path.is_file():
            raise
        log.warning("restoring over a database that cannot be opened: %s", exc)
    else:
        maintenance = ctx.maintenance
        ctx.close()
    try:
        if maintenance is not None:
            result = maintenance.restore(backup)
        else:
            assert path is not None
            result = restore_backup(backup, path, backup_policy().folder)
    except (BackupFileError, NewerSchemaError) as exc:  # refused before anything changed
        raise type(exc)(_("{reason} Nothing was restored.").format(reason=exc)) from exc
    open_context().close()  # a restored older database is migrated now
    return result
