"""``parameters list`` and ``parameters import``: the dated sets of prices and factors."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from siec_desk.cli.arg_types import add_json_flag, command_group
from siec_desk.cli.context import app_context
from siec_desk.cli.output import print_json, print_line, print_table
from siec_desk.core.i18n import _, current_language, ngettext
from siec_desk.domain.codes import Country


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    actions = command_group(
        commands, "parameters", _("the dated prices, CO₂ factors and defaults of estimates")
    )
    listing = actions.add_parser(
        "list", help=_("list the parameter sets with their dates, sources and unconfirmed values")
    )
    listing.add_argument("--country", choices=[c.value for c in Country])
    add_json_flag(listing)
    listing.set_defaults(handler=_list)
    importing = actions.add_parser(
        "import", help=_("import a parameter set signed off by your coordinator (JSON)")
    )
    importing.add_argument("file", metavar=_("FILE"), type=Path)
    importing.set_defaults(handler=_import)


def _list(args: argparse.Namespace) -> int:
    with app_context(args) as ctx:
        status = ctx.parameters.status()
        sets = ctx.parameters.sets(args.country, language=current_language())
    if args.json:
        print_json(
            {
                "country": args.country or status.country,
                "today": status.today.isoformat(),
                "in_use": status.version,
                "out_of_date": status.out_of_date,
                "warning": status.warning() or None,
                "sets": [s.as_json() for s in sets],
            }
        )
        return 0
    yes = _("yes")
    print_table(
        [
            _("Version"),
            _("Valid from"),
            _("Origin"),
            _("In use"),
            _("Unconfirmed"),
            _("CO₂ convention"),
        ],
        [
            (
                s.version,
                s.valid_from.isoformat(),
                _("imported") if s.imported else _("shipped"),
                yes if s.in_use else "",
                str(len(s.unconfirmed)) if s.format >= 2 else _("not dated (format 1)"),
                s.co2_convention,
            )
            for s in sets
        ],
    )
    for info in sets:
        if info.in_use and info.unconfirmed:
            print_line()
            print_line(
                ngettext(
                    "Unconfirmed in {version} ({n} value, carried over or to be checked):",
                    "Unconfirmed in {version} ({n} values, carried over or to be checked):",
                    len(info.unconfirmed),
                ).format(version=info.version, n=len(info.unconfirmed))
            )
            for key in info.unconfirmed:
                as_of = info.as_of.get(key)
                print_line(f"  {key} ({as_of.isoformat() if as_of else '—'}): {info.sources[key]}")
    warning = status.warning()
    if warning:
        print_line()
        print_line(warning)
        sys.stderr.write(f"siec-desk: {warning}\n")
    return 0


def _import(args: argparse.Namespace) -> int:
    with app_context(args) as ctx:
        outcome = ctx.parameters.import_file(args.file)
        status = ctx.parameters.status()
    if outcome.already_present:
        print_line(
            _("The parameter set {version} is already in this database; nothing changed.").format(
                version=outcome.version
            )
        )
        return 0
    print_line(
        _("Imported the parameter set {version} ({country}, from {date}).").format(
            version=outcome.version, country=outcome.country, date=outcome.valid_from.isoformat()
        )
    )
    if outcome.unconfirmed:
        print_line(
            ngettext(
                "{n} value of this set is not confirmed: see “parameters list”.",
                "{n} values of this set are not confirmed: see “parameters list”.",
                outcome.unconfirmed,
            ).format(n=outcome.unconfirmed)
        )
    warning = status.warning()
    if warning:
        print_line(warning)
    return 0
