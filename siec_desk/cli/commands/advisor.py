"""``advisor list``, ``advisor add NAME [--title GENDER]``, ``advisor title NAME|ID GENDER``,
``advisor rename NAME|ID NEW_NAME``: the centre's advisors, the name they sign with and
the grammatical gender of their title in letters."""

from __future__ import annotations

import argparse

from siec_desk.cli.arg_types import add_json_flag, command_group
from siec_desk.cli.context import app_context
from siec_desk.cli.output import print_json, print_line, print_table
from siec_desk.core.i18n import _
from siec_desk.core.json_fields import to_json
from siec_desk.services.centre import TITLE_GENDERS as GENDER_CODES
from siec_desk.services.centre import AdvisorInfo
from siec_desk.texts.labels import TITLE_GENDERS, label


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    actions = command_group(commands, "advisor", _("the centre's advisors and their title"))
    listing = actions.add_parser("list", help=_("list the advisors"))
    add_json_flag(listing)
    listing.set_defaults(handler=_list)
    add = actions.add_parser("add", help=_("add an advisor"))
    add.add_argument("name", metavar=_("NAME"))
    add.add_argument("--title", choices=GENDER_CODES, help=_("their title in letters"))
    add_json_flag(add)
    add.set_defaults(handler=_add)
    title = actions.add_parser(
        "title",
        help=_("set the title an advisor signs letters with (feminine, masculine, neutral)"),
    )
    title.add_argument("advisor", metavar=_("NAME|ID"))
    title.add_argument("gender", choices=GENDER_CODES)
    add_json_flag(title)
    title.set_defaults(handler=_title)
    rename = actions.add_parser(
        "rename",
        help=_("change the name an advisor signs letters with (letters given keep theirs)"),
    )
    rename.add_argument("advisor", metavar=_("NAME|ID"))
    rename.add_argument("new_name", metavar=_("NEW_NAME"))
    add_json_flag(rename)
    rename.set_defaults(handler=_rename)


def _title_label(a: AdvisorInfo) -> str:
    return label(TITLE_GENDERS, a.title_gender or "neutral")


def _list(args: argparse.Namespace) -> int:
    with app_context(args) as ctx:
        advisors = ctx.centres.advisors()
    if args.json:
        print_json([to_json(a) for a in advisors])
    else:
        print_table(
            [_("Number"), _("Advisor"), _("Title in letters")],
            [(str(a.id), a.display_name, _title_label(a)) for a in advisors],
        )
    return 0


def _add(args: argparse.Namespace) -> int:
    with app_context(args) as ctx:
        advisor = ctx.centres.add_advisor(args.name, args.title)
    if args.json:
        print_json(to_json(advisor))
    else:
        print_line(
            _("Advisor {id} added: {name}.").format(id=advisor.id, name=advisor.display_name)
        )
    return 0


def _title(args: argparse.Namespace) -> int:
    with app_context(args) as ctx:
        advisor = ctx.centres.set_advisor_title(
            ctx.centres.find_advisor(args.advisor).id, args.gender
        )
    if args.json:
        print_json(to_json(advisor))
    else:
        print_line(
            _("{name} now signs letters as: {title}.").format(
                name=advisor.display_name, title=_title_label(advisor)
            )
        )
    return 0


def _rename(args: argparse.Namespace) -> int:
    with app_context(args) as ctx:
        before = ctx.centres.find_advisor(args.advisor)
        advisor = ctx.centres.rename_advisor(before.id, args.new_name)
    if args.json:
        print_json(to_json(advisor))
    else:
        print_line(
            _("Advisor {id} renamed: {old} is now {new}.").format(
                id=advisor.id, old=before.display_name, new=advisor.display_name
            )
        )
    return 0
