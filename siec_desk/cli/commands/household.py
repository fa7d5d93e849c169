"""``household add|update|list|show|search|export|erase``."""

from __future__ import annotations

import argparse
from pathlib import Path

from siec_desk.cli.arg_types import add_json_flag, command_group, record_id, row_limit
from siec_desk.cli.commands.household_fields import add_field_options, given_fields
from siec_desk.cli.context import app_context
from siec_desk.cli.output import print_json, print_line, print_table
from siec_desk.core.errors import SiecError
from siec_desk.core.i18n import _
from siec_desk.domain.household_records import HouseholdDetail, HouseholdInput, HouseholdSummary
from siec_desk.domain.validation import format_phone
from siec_desk.texts.labels import LANGUAGES, TENURES, label
from siec_desk.texts.privacy import backups_still_hold, erase_done


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    actions = command_group(
        commands, "household", _("households: add, list, show, search, export, erase")
    )

    add = actions.add_parser("add", help=_("create a household"))
    add_field_options(add)
    add_json_flag(add)
    add.set_defaults(handler=_add)

    update = actions.add_parser(
        "update",
        help=_("change a household: only the options given; its measures are recomputed"),
    )
    update.add_argument("id", type=record_id, metavar="ID")
    add_field_options(update)
    add_json_flag(update)
    update.set_defaults(handler=_update)

    listing = actions.add_parser("list", help=_("list households"))
    listing.add_argument("--limit", type=row_limit, default=1000, metavar="N")
    add_json_flag(listing)
    listing.set_defaults(handler=_list)

    show = actions.add_parser("show", help=_("show one household"))
    show.add_argument("id", type=record_id, metavar="ID")
    add_json_flag(show)
    show.set_defaults(handler=_show)

    search = actions.add_parser("search", help=_("search by name, phone, e-mail or commune"))
    search.add_argument("query", metavar=_("QUERY"))
    search.add_argument("--limit", type=row_limit, default=20, metavar="N")
    add_json_flag(search)
    search.set_defaults(handler=_search)

    export = actions.add_parser(
        "export", help=_("everything stored about one household, as JSON or a readable PDF")
    )
    export.add_argument("id", type=record_id, metavar="ID")
    export.add_argument("--out", required=True, type=Path, metavar="FILE.json|FILE.pdf")
    export.set_defaults(handler=_export)

    erase = actions.add_parser(
        "erase", help=_("erase one household with its consultations, letters and files")
    )
    erase.add_argument("id", type=record_id, metavar="ID")
    erase.add_argument("--yes", action="store_true", help=_("confirm: this cannot be undone"))
    erase.set_defaults(handler=_erase)

    from siec_desk.cli.commands import household_readings

    household_readings.register(actions)


def _current(h: HouseholdDetail) -> dict[str, object]:
    """A household's editable fields as the service takes them back."""
    return vars(h.as_input()).copy()


def _update(args: argparse.Namespace) -> int:
    with app_context(args) as ctx:
        detail = ctx.households.get(args.id)
        values = {**_current(detail), **given_fields(args)}
        ctx.households.update(args.id, HouseholdInput(**values), expected_version=detail.version)  # type: ignore[arg-type]
    if args.json:
        print_json({"id": args.id})
    else:
        print_line(_("Household {id} updated.").format(id=args.id))
    return 0


def _add(args: argparse.Namespace) -> int:
    with app_context(args) as ctx:
        household_id = ctx.households.create(HouseholdInput(**given_fields(args)))  # type: ignore[arg-type]
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
    print_line(backups_still_hold())
    return 0
