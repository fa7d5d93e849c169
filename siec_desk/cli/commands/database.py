"""``db upgrade|check|backup|restore``."""

from __future__ import annotations

import argparse
from pathlib import Path

from siec_desk.cli.arg_types import add_json_flag, command_group
from siec_desk.cli.commands.db_copy import register_copy
from siec_desk.cli.context import app_context, database_target, open_context
from siec_desk.cli.output import print_json, print_line, print_table
from siec_desk.core.errors import DatabaseBusyError, DatabaseError, NewerSchemaError
from siec_desk.core.formatting import format_datetime, format_file_size, locale_for
from siec_desk.core.i18n import _
from siec_desk.services.targets import sqlite_path

# siec_desk.services.backups and .restore are imported where used: this module loads with
# the parser, on the GUI's start-up path too.


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    actions = command_group(commands, "db", _("database upgrade, check, backup and restore"))

    upgrade = actions.add_parser("upgrade", help=_("migrate the database to this version"))
    upgrade.set_defaults(handler=_upgrade)

    check = actions.add_parser("check", help=_("check integrity and foreign keys"))
    add_json_flag(check)
    check.set_defaults(handler=_check)

    backup = actions.add_parser("backup", help=_("write a backup of the database"))
    what = backup.add_mutually_exclusive_group()
    what.add_argument("--out", type=Path, metavar=_("FILE"), help=_("backup file to write"))
    what.add_argument(
        "--list", action="store_true", help=_("list the backups in the backup folder instead")
    )
    add_json_flag(backup)
    backup.set_defaults(handler=_backup)

    restore = actions.add_parser(
        "restore", help=_("replace the database with a backup (the current one is backed up)")
    )
    restore.add_argument("file", type=Path, metavar=_("FILE"))
    restore.set_defaults(handler=_restore)
    register_copy(actions)


def _upgrade(args: argparse.Namespace) -> int:
    with app_context(args) as ctx:
        print_line(_("The database {location} is up to date.").format(location=ctx.location))
        if ctx.last_migration_backup:
            print_line(
                _("Backup made before migrating: {path}").format(path=ctx.last_migration_backup)
            )
    return 0


def _sqlite_target(args: argparse.Namespace) -> Path | None:
    target, _default = database_target(args)
    return sqlite_path(target)


def _with_backup_hint(message: str, path: Path | None) -> str:
    """Point at the newest backup that passes the integrity check, if there is one."""
    from siec_desk.services.backups import backup_policy, latest_good_backup

    good = latest_good_backup(path, backup_policy()) if path is not None else None
    if good is None:
        return message
    return _(
        "{problem} Latest good backup: {file} (restore it with “siec-desk db restore {file}”)."
    ).format(problem=message, file=good.path)


def _check(args: argparse.Namespace) -> int:
    from siec_desk.services.backups import quick_check

    path = _sqlite_target(args)
    try:
        ctx = open_context(args)
    except (NewerSchemaError, DatabaseBusyError):
        raise
    except DatabaseError as exc:  # unreadable: say whether it is damage, and what to do
        if path is None or not path.is_file() or not quick_check(path):
            raise
        raise DatabaseError(_with_backup_hint(str(exc), path)) from exc
    try:
        report = ctx.maintenance.check()
    finally:
        ctx.close()
    if args.json:
        print_json(
            {
                "ok": report.ok,
                "integrity": report.integrity,
                "foreign_key_violations": report.foreign_key_violations,
            }
        )
    elif report.ok:
        print_line(_("Database OK: integrity and foreign keys checked."))
    if not report.ok:
        raise DatabaseError(
            _with_backup_hint(
                _("The database has problems: {details}").format(details=report.describe()),
                path,
            )
        )
    return 0


def _backup(args: argparse.Namespace) -> int:
    if args.list:
        return _list_backups(args)
    with app_context(args) as ctx:
        path = ctx.maintenance.backup(args.out)
    if args.json:
        print_json({"path": str(path)})
    else:
        print_line(_("Backup written: {path}").format(path=path))
    return 0


def _list_backups(args: argparse.Namespace) -> int:
    from siec_desk.services.backups import backup_policy, kind_label, list_backups

    with app_context(args) as ctx:
        path = ctx.maintenance.sqlite_file()
        backups = list_backups(path, backup_policy())
        locale = locale_for(None, ctx.centre.country)
    if args.json:
        print_json(
            [
                {
                    "path": str(b.path),
                    "kind": b.kind.value,
                    "date": b.taken_at.isoformat(timespec="seconds"),
                    "size": b.size,
                }
                for b in backups
            ]
        )
        return 0
    if not backups:
        print_line(_("No backups yet."))
        return 0
    print_table(
        [_("Date"), _("Kind"), _("Size"), _("File")],
        [
            (
                format_datetime(b.taken_at, locale),
                kind_label(b.kind),
                format_file_size(b.size, locale),
                b.path,
            )
            for b in backups
        ],
    )
    return 0


def _restore(args: argparse.Namespace) -> int:
    from siec_desk.services.restore import reapplied_lines, restore_file

    target, _default = database_target(args)
    result = restore_file(args.file, target, lambda: open_context(args))
    print_line(_("Restored {file} into {target}.").format(file=args.file, target=target))
    print_line(_("The previous database was saved as {path}").format(path=result.safety))
    for line in reapplied_lines(result):
        print_line(line)
    return 0
