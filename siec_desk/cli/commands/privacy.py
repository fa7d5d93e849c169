"""``privacy purge [--dry-run] [--delete] [--json]``: retention (cli.md, Reliability).

Households whose last contact is older than the centre's retention period are anonymised
(statistics keep their counts), or deleted with ``--delete``. The output names no one:
ids, dates and counts only.
"""

from __future__ import annotations

import argparse

from siec_desk.cli.arg_types import add_json_flag, command_group
from siec_desk.cli.context import app_context
from siec_desk.cli.output import print_json, print_line, print_table
from siec_desk.core.formatting import format_date, locale_for
from siec_desk.core.i18n import _, ngettext
from siec_desk.services.retention import ANONYMISE, DELETE
from siec_desk.texts.privacy import purge_done


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    actions = command_group(commands, "privacy", _("retention of personal data"))
    purge = actions.add_parser(
        "purge",
        help=_("anonymise (or delete) households past the retention period"),
    )
    purge.add_argument(
        "--dry-run", action="store_true", help=_("only list the households due; change nothing")
    )
    purge.add_argument(
        "--delete",
        action="store_true",
        help=_("delete the households due instead of anonymising them"),
    )
    add_json_flag(purge)
    purge.set_defaults(handler=_purge)


def _purge(args: argparse.Namespace) -> int:
    mode = DELETE if args.delete else ANONYMISE
    with app_context(args) as ctx:
        due = ctx.retention.due() if args.dry_run else []
        result = ctx.retention.purge(mode, dry_run=args.dry_run)
        locale = locale_for(None, ctx.centre.country)
    if args.json:
        data = result.as_json()
        if args.dry_run:
            data["due"] = [
                {
                    "id": h.id,
                    "last_contact": h.last_contact.isoformat(),
                    "consultations": h.consultations,
                }
                for h in due
            ]
        print_json(data)
        return 0
    n = result.households
    period = ngettext("{n} year", "{n} years", result.retention_years).format(
        n=result.retention_years
    )
    cutoff = format_date(result.cutoff, locale)
    if args.dry_run:
        print_line(
            ngettext(
                "{n} household is past the retention period ({period}: last contact "
                "before {date}).",
                "{n} households are past the retention period ({period}: last contact "
                "before {date}).",
                n,
            ).format(n=n, period=period, date=cutoff)
        )
        if due:
            print_table(
                [_("ID"), _("Last contact"), _("Consultations")],
                [(h.id, format_date(h.last_contact, locale), h.consultations) for h in due],
            )
        print_line(_("Nothing was changed (dry run)."))
    else:
        print_line(purge_done(result))
    return 0
