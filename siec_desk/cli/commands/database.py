"""``db upgrade|check|backup|restore``."""

from __future__ import annotations

import argparse
from pathlib import Path

from siec_desk.cli.context import app_context, database_target, open_context
from siec_desk.cli.output import print_json, print_line
from siec_desk.errors import DatabaseError
from siec_desk.i18n import _
from siec_desk.services.maintenance import MaintenanceService


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    db = commands.add_parser("db", help=_("database upgrade, check, backup and restore"))
    actions = db.add_subparsers(title=_("actions"), metavar=_("ACTION"), required=True)

    upgrade = actions.add_parser("upgrade", help=_("migrate the database to this version"))
    upgrade.set_defaults(handler=_upgrade)

    check = actions.add_parser("check", help=_("check integrity and foreign keys"))
    check.add_argument("--json", action="store_true", help=_("print JSON"))
    check.set_defaults(handler=_check)

    backup = actions.add_parser("backup", help=_("write a backup of the database"))
    backup.add_argument("--out", type=Path, metavar=_("FILE"), help=_("backup file to write"))
    backup.set_defaults(handler=_backup)

    restore = actions.add_parser(
        "restore", help=_("replace the database with a backup (the current one is backed up)")
    )
    restore.add_argument("file", type=Path, metavar=_("FILE"))
    restore.set_defaults(handler=_restore)


def _upgrade(args: argparse.Namespace) -> int:
    with app_context(args) as ctx:
        print_line(_("The database {location} is up to date.").format(location=ctx.db.location))
        if ctx.db.last_migration_backup:
            print_line(
                _("Backup made before migrating: {path}").format(path=ctx.db.last_migration_backup)
            )
    return 0


def _check(args: argparse.Namespace) -> int:
    with app_context(args) as ctx:
        report = MaintenanceService(ctx.db).check()
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
            _("The database has problems: {details}").format(details=report.describe())
        )
    return 0


def _backup(args: argparse.Namespace) -> int:
    with app_context(args) as ctx:
        path = MaintenanceService(ctx.db).backup(args.out)
    print_line(_("Backup written: {path}").format(path=path))
    return 0


def _restore(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    service = MaintenanceService(ctx.db)
    ctx.close()
    safety = service.restore(args.file)
    target, _default = database_target(args)
    ctx = open_context(args)  # migrates a restored older database
    ctx.close()
    print_line(_("Restored {file} into {target}.").format(file=args.file, target=target))
    print_line(_("The previous database was saved as {path}").format(path=safety))
    return 0
