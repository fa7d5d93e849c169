"""``household add|list|show|search|export|erase``."""

from __future__ import annotations

import argparse
from pathlib import Path

from siec_desk.cli.context import app_context
from siec_desk.cli.output import print_json, print_line, print_table
from siec_desk.domain.codes import Tenure
from siec_desk.errors import SiecError
from siec_desk.i18n import _
from siec_desk.labels import LANGUAGES, TENURES, label
from siec_desk.privacy_text import erase_done
from siec_desk.services.household_types import HouseholdInput, HouseholdSummary
from siec_desk.services.validation import format_phone


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = commands.add_parser(
        "household", help=_("households: add, list, show, search, export, erase")
    )
    actions = group.add_subparsers(title=_("actions"), metavar=_("ACTION"), required=True)

    add = actions.add_parser("add", help=_("create a household"))
    add.add_argument("--first-name", metavar=_("NAME"))
    add.add_argument("--last-name", metavar=_("NAME"))
    add.add_argument("--phone", metavar=_("PHONE"))
    add.add_argument("--email", metavar=_("EMAIL"))
    add.add_argument("--commune", metavar=_("COMMUNE"))
    add.add_argument("--postal-code", metavar=_("CODE"))
    add.add_argument("--tenure", choices=[t.value for t in Tenure])
    add.add_argument("--letter-lang", choices=["fr", "ar"])
    add.add_argument("--json", action="store_true", help=_("print JSON"))
    add.set_defaults(handler=_add)

    listing = actions.add_parser("list", help=_("list households"))
    listing.add_argument("--limit", type=int, default=1000, metavar="N")
    listing.add_argument("--json", action="store_true", help=_("print JSON"))
    listing.set_defaults(handler=_list)

    show = actions.add_parser("show", help=_("show one household"))
    show.add_argument("id", type=int, metavar="ID")
    show.add_argument("--json", action="store_true", help=_("print JSON"))
    show.set_defaults(handler=_show)

    search = actions.add_parser("search", help=_("search by name, phone, e-mail or commune"))
    search.add_argument("query", metavar=_("QUERY"))
    search.add_argument("--limit", type=int, default=20, metavar="N")
    search.add_argument("--json", action="store_true", help=_("print JSON"))
    search.set_defaults(handler=_search)

    export = actions.add_parser(
        "export", help=_("everything stored about one household, as JSON or a readable PDF")
    )
    export.add_argument("id", type=int, metavar="ID")
    export.add_argument("--out", required=True, type=Path, metavar="FILE.json|FILE.pdf")
    export.set_defaults(handler=_export)

    erase = actions.add_parser(
        "erase", help=_("erase one household with its consultations, letters and files")
    )
    erase.add_argument("id", type=int, metavar="ID")
    erase.add_argument("--yes", action="store_true", help=_("confirm: this cannot be undone"))
    erase.set_defaults(handler=_erase)


def _add(args: argparse.Namespace) -> int:
    with app_context(args) as ctx:
        household_id = ctx.households.create(
            HouseholdInput(
                first_name=args.first_name,
                last_name=args.last_name,
                phone=args.phone,
                email=args.email,
                commune=args.commune,
                postal_code=args.postal_code,
                tenure=args.tenure,
                letter_language=args.letter_lang,
            )
        )
    if args.json:
        print_json({"id": household_id})
    else:
        print_line(_("Household {id} created.").format(id=household_id))
    return 0


def _print_summaries(rows: list[HouseholdSummary], country: str, as_json: bool) -> None:
    if as_json:
        print_json([r.as_json() for r in rows])
        return
    if not rows:
        print_line(_("No household found."))
        return
    print_table(
        [_("ID"), _("Name"), _("Phone"), _("E-mail"), _("Commune")],
        [(r.id, r.display_name, format_phone(r.phone, country), r.email, r.commune) for r in rows],
    )


def _list(args: argparse.Namespace) -> int:
    with app_context(args) as ctx:
        rows = ctx.households.page(0, args.limit)
    _print_summaries(rows, ctx.centre.country, args.json)
    return 0


def _search(args: argparse.Namespace) -> int:
    with app_context(args) as ctx:
        rows = ctx.households.search(args.query, limit=max(1, args.limit))
    _print_summaries(rows, ctx.centre.country, args.json)
    return 0


def _show(args: argparse.Namespace) -> int:
    with app_context(args) as ctx:
        detail = ctx.households.get(args.id)
    if args.json:
        print_json(detail.as_json())
        return 0
    s = detail.summary
    rows = [
        (_("ID"), s.id),
        (_("Name"), s.display_name),
        (_("Phone"), format_phone(s.phone, ctx.centre.country)),
        (_("E-mail"), s.email),
        (_("Address"), detail.address),
        (_("Commune"), " ".join(p for p in (s.postal_code, s.commune) if p)),
        (_("Tenure"), label(TENURES, detail.tenure)),
        (_("Letter language"), label(LANGUAGES, detail.letter_language)),
        (_("Consultations"), ", ".join(str(i) for i in detail.consultation_ids)),
    ]
    for name, value in rows:
        print_line(f"{name}: {'' if value is None else value}")
    return 0


def _export(args: argparse.Namespace) -> int:
    with app_context(args) as ctx:
        result = ctx.rights.export(args.id, args.out)
    print_line(
        _("The data of household {id} was written to {path}").format(
            id=result.household_id, path=result.path
        )
    )
    return 0


def _erase(args: argparse.Namespace) -> int:
    if not args.yes:
        raise SiecError(
            _(
                "Erasing household {id} removes it with its consultations, letters and "
                "files, and cannot be undone: add --yes to confirm."
            ).format(id=args.id)
        )
    with app_context(args) as ctx:
        result = ctx.rights.erase(args.id)
    print_line(erase_done(result))
    return 0
