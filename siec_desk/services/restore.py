"""Restoring a backup from the GUI, and what start-up says about a damaged file.

A restore replaces the file under every service and cached page, so the app does not try
to patch itself up afterwards: it restarts, like a language change, and the new process
opens (and if needed migrates) the restored database through the usual start-up path.
The current file is always backed up first (``pre-restore``), by the storage layer, and
the erasures recorded in it are applied again to the restored one (services/maintenance.py).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path

from siec_desk.core.errors import DatabaseBusyError, DatabaseError, NewerSchemaError, SiecError
from siec_desk.core.formatting import format_datetime, locale_for, ltr
from siec_desk.core.i18n import _, ngettext
from siec_desk.services.backups import (
    BackupInfo,
    backup_policy,
    latest_good_backup,
    quick_check,
)
from siec_desk.services.maintenance import MaintenanceService, RestoreResult, restore_backup
from siec_desk.storage.engine import database_url
from siec_desk.texts.privacy import files_left_text
from siec_desk.ui.kit.context import UiContext, error_text
from siec_desk.ui.kit.dialogs import Dialogs

log = logging.getLogger(__name__)


def relaunch_command() -> tuple[str, list[str]]:
    """How to start this same SIEC Desk again, with the same arguments."""
    if getattr(sys, "frozen", False):
        return sys.executable, sys.argv[1:]
    return sys.executable, ["-m", "siec_desk", *sys.argv[1:]]


def backup_date(backup: BackupInfo, country: str) -> str:
    return format_datetime(backup.taken_at, locale_for(None, country))


def restore_and_restart(
    ui: UiContext,
    backup: BackupInfo,
    *,
    can_leave: Callable[[], bool],
    restart: Callable[[], None],
    ask: bool = True,
    finished: Callable[[bool], None] | None = None,
) -> bool:
    """Confirm, restore on the DB thread (current file backed up first), then restart.

    Returns whether the restore was started; *finished* then hears whether it succeeded
    (before the restart), so a dialog can close itself or re-enable its buttons.
    """
    if not can_leave():  # unsaved work: the pages asked, the user kept it
        return False
    when = backup_date(backup, ui.app.centre.country)
    if ask and not ui.dialogs.confirm(
        _("Restore a backup"),
        _(
            "Replace the database with the backup of {date}?\n\nThe current database is "
            "backed up first, then SIEC Desk restarts to open the restored one. Households "
            "erased since {date} are erased again at once: an erased person never comes back "
            "from a backup."
        ).format(date=when),
        _("&Restore"),
    ):
        return False
    db = ui.app.db

    def done(result: RestoreResult) -> None:
        ui.dialogs.info(
            _("Restore a backup"),
            _(
                "The backup of {date} was restored. The database as it was before is kept "
                "in {path}.\n\nSIEC Desk now restarts."
            ).format(date=when, path=ltr(str(result.safety)))
            + reapplied_text(result),
        )
        if finished is not None:
            finished(True)
        restart()

    def failed(exc: Exception) -> None:
        ui.show_error(exc)
        if finished is not None:
            finished(False)

    audit = ui.app.audit
    ui.runner.run(lambda: MaintenanceService(db, audit).restore(backup.path), done, failed)
    return True


def reapplied_text(result: RestoreResult) -> str:
    """What the restore erased again, as extra paragraphs ("" when nothing)."""
    text = ""
    if result.reapplied:
        n = len(result.reapplied)
        text += "\n\n" + ngettext(
            "{n} household erased since this backup was taken was erased again.",
            "{n} households erased since this backup was taken were erased again.",
            n,
        ).format(n=n)
    if result.files_left:
        text += "\n\n" + files_left_text(result.files_left)
    return text


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


def recover_unopenable(target: str, exc: SiecError, dialogs: Dialogs, country: str) -> bool:
    """The database would not open at start-up: if the file is damaged and a good backup
    exists, offer to restore it. True when restored (the caller opens it again)."""
    if not isinstance(exc, DatabaseError) or isinstance(exc, NewerSchemaError | DatabaseBusyError):
        return False
    url = database_url(target)
    path = Path(url.database) if url.get_backend_name() == "sqlite" and url.database else None
    if path is None or not path.is_file():
        return False
    try:
        problems = quick_check(path)
        good = latest_good_backup(path, backup_policy()) if problems else None
    except DatabaseError:
        return False
    if good is None:
        return False
    if not dialogs.confirm(
        _("Damaged database"),
        damaged_text(path, problems, good, country),
        _("&Restore the backup"),
    ):
        return False
    try:
        result = restore_backup(good.path, path, backup_policy().folder)
    except SiecError as error:
        dialogs.error(_("Damaged database"), error_text(error))
        return False
    log.warning("restored %s over damaged %s; damaged copy in %s", good.path, path, result.safety)
    dialogs.info(
        _("Restore a backup"),
        _(
            "The backup of {date} was restored. The database as it was before is kept in {path}."
        ).format(date=backup_date(good, country), path=ltr(str(result.safety)))
        + reapplied_text(result),
    )
    return True
