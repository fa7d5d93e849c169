"""``db copy --to URL [--force]``: move a centre's database between SQLite and PostgreSQL."""

from __future__ import annotations

import argparse
import sys

from siec_desk.cli.arg_types import add_json_flag
from siec_desk.cli.context import database_target
from siec_desk.cli.output import print_json, print_line, print_table
from siec_desk.core.i18n import _
from siec_desk.core.settings import chosen_backup_folder, load_preferences


def register_copy(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    copy = actions.add_parser(
        "copy",
        help=_("copy the whole database to another one (SQLite ⇄ PostgreSQL), verified"),
    )
    copy.add_argument(
        "--to",
        required=True,
        metavar=_("URL"),
        help=_("the target: a SQLite file, or postgresql+psycopg://user@host/database"),
    )
    copy.add_argument(
        "--force", action="store_true", help=_("replace the rows of a target that is not empty")
    )
    add_json_flag(copy)
    copy.set_defaults(handler=_copy)


def _copy(args: argparse.Namespace) -> int:
    from siec_desk.services.maintenance import copy_to

    target, _default = database_target(args)

    def progress(table: str, done: int, total: int) -> None:
        if not args.json and sys.stderr.isatty():
            print(f"\r{table}: {done}/{total}", end="", file=sys.stderr, flush=True)

    try:
        report = copy_to(
            target,
            args.to,
            backup_dir=chosen_backup_folder(load_preferences()),
            force=args.force,
            progress=progress,
        )
    finally:
        if not args.json and sys.stderr.isatty():
            print(file=sys.stderr)
    if args.json:
        print_json(
            {
                "source": report.source,
                "target": report.target,
                "ok": report.ok,
                "rows": report.rows,
                "seconds": round(report.seconds, 3),
                "tables": [
                    {"name": t.name, "rows": t.target_rows, "checksum": t.target_checksum}
                    for t in report.tables
                ],
            }
        )
        return 0
    print_table(
        [_("Table"), _("Rows"), _("Checksum")],
        [(t.name, t.target_rows, t.target_checksum[:16]) for t in report.tables],
    )
    print_line(
        _("Copied {rows} rows from {source} to {target}; every table verified.").format(
            rows=report.rows, source=report.source, target=report.target
        )
    )
    return 0
