"""``measures list``."""

from __future__ import annotations

import argparse

from siec_desk.cli.arg_types import add_json_flag, command_group
from siec_desk.cli.context import app_context
from siec_desk.cli.output import print_json, print_table
from siec_desk.core.i18n import _
from siec_desk.domain.codes import Country
from siec_desk.texts.labels import THEMES, label


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    actions = command_group(commands, "measures", _("the measure catalogue"))
    listing = actions.add_parser("list", help=_("list the measures and their codes"))
    listing.add_argument("--country", choices=[c.value for c in Country])
    add_json_flag(listing)
    listing.set_defaults(handler=_list)


def _list(args: argparse.Namespace) -> int:
    with app_context(args) as ctx:
        measures = ctx.measures.catalogue(args.country)
    if args.json:
        print_json([m.as_json() for m in measures])
    else:
        print_table(
            [_("Code"), _("Measure"), _("Theme")],
            [(m.code, m.name, label(THEMES, m.theme)) for m in measures],
        )
    return 0
