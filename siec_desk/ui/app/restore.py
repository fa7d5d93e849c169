"""Restoring a backup from the GUI: the confirmations and messages around the restore flow
of ``services/restore.py`` (File ▸ Backups…, the start-up check, a file that will not open).

A restore replaces the file under every service and cached page, so the app restarts
afterwards, like a language change.
"""

from __future__ import annotations

from collections.abc import Callable

from siec_desk.core.errors import SiecError
from siec_desk.core.formatting import ltr
from siec_desk.core.i18n import _
from siec_desk.services.backups import BackupInfo
from siec_desk.services.maintenance import RestoreResult
from siec_desk.services.restore import (
    backup_date,
    damaged_database,
    damaged_text,
    reapplied_text,
    restore_damaged,
)
from siec_desk.ui.kit.context import UiContext, error_text
from siec_desk.ui.kit.dialogs import Dialogs


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

    maintenance = ui.app.maintenance
    ui.runner.run(lambda: maintenance.restore(backup.path), done, failed)
    return True


def recover_unopenable(target: str, exc: SiecError, dialogs: Dialogs, country: str) -> bool:
    """The database would not open at start-up: if the file is damaged and a good backup
    exists, offer to restore it. True when restored (the caller opens it again)."""
    damaged = damaged_database(target, exc)
    if damaged is None:
        return False
    if not dialogs.confirm(
        _("Damaged database"),
        damaged_text(damaged.path, damaged.problems, damaged.good, country),
        _("&Restore the backup"),
    ):
        return False
    try:
        result = restore_damaged(damaged)
    except SiecError as error:
        dialogs.error(_("Damaged database"), error_text(error))
        return False
    dialogs.info(
        _("Restore a backup"),
        _(
            "The backup of {date} was restored. The database as it was before is kept in {path}."
        ).format(date=backup_date(damaged.good, country), path=ltr(str(result.safety)))
        + reapplied_text(result),
    )
    return True
