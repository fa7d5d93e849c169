"""``loan item add|update|list`` · ``loan out|return|list`` · ``loan slip``: equipment
loans (schema 0017; docs/cli.md).

A wrong value is one translated line and exit 1 (the rules: a due date before the day
out, an item already lent, lost or retired…) or 2 (the option's shape), nothing saved.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from siec_desk.cli.arg_types import add_json_flag, command_group, iso_date, record_id
from siec_desk.cli.commands.household_readings import _amount
from siec_desk.cli.context import app_context
from siec_desk.cli.output import print_json, print_line, print_table
from siec_desk.core.i18n import _
from siec_desk.domain.codes import ItemState, LoanItemType
from siec_desk.domain.loan_records import ItemInput, ItemRecord, LendInput, ReturnInput
from siec_desk.texts.loan_text import item_cells, loan_cells

_TYPES = [t.value for t in LoanItemType]
_STATES = [s.value for s in ItemState]


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    actions = command_group(commands, "loan", _("equipment loans: inventory, lend, return"))

    items = actions.add_parser("item", help=_("the inventory of lendable items"))
    item_actions = items.add_subparsers(title=_("actions"), metavar=_("ACTION"), required=True)
    add = item_actions.add_parser("add", help=_("add an item to the inventory"))
    _item_options(add, adding=True)
    add.set_defaults(handler=_item_add)
    update = item_actions.add_parser("update", help=_("change an item (options given replace)"))
    update.add_argument("id", type=record_id, metavar="ID")
    _item_options(update, adding=False)
    update.set_defaults(handler=_item_update)
    listing = item_actions.add_parser("list", help=_("the inventory, with who has each item"))
    add_json_flag(listing)
    listing.set_defaults(handler=_item_list)

    out = actions.add_parser("out", help=_("lend an item to a household"))
    out.add_argument("item_id", type=record_id, metavar="ITEM_ID")
    out.add_argument("--household", type=record_id, metavar="ID", required=True)
    out.add_argument("--due", type=iso_date, metavar="YYYY-MM-DD", required=True)
    out.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD", help=_("default: today"))
    out.add_argument("--deposit", type=_amount, metavar=_("AMOUNT"))
    out.add_argument("--notes", metavar=_("TEXT"))
    add_json_flag(out)
    out.set_defaults(handler=_out)

    back = actions.add_parser("return", help=_("record that a lent item came back"))
    back.add_argument("loan_id", type=record_id, metavar="LOAN_ID")
    back.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD", help=_("default: today"))
    back.add_argument("--state", choices=_STATES, help=_("the state it came back in"))
    back.add_argument("--notes", metavar=_("TEXT"))
    add_json_flag(back)
    back.set_defaults(handler=_return)

    loans = actions.add_parser("list", help=_("loans, newest first"))
    loans.add_argument("--overdue", action="store_true", help=_("only overdue loans"))
    loans.add_argument("--open", action="store_true", help=_("only items not yet returned"))
    loans.add_argument("--household", type=record_id, metavar="ID")
    loans.add_argument("--item", type=record_id, metavar="ID", help=_("one item's history"))
    add_json_flag(loans)
    loans.set_defaults(handler=_list)

    slip = actions.add_parser("slip", help=_("write the loan slip the household signs"))
    slip.add_argument("loan_id", type=record_id, metavar="LOAN_ID")
    slip.add_argument("--lang", dest="slip_lang", choices=["fr", "ar"])
    slip.add_argument("--out", type=Path, metavar="FILE.pdf", required=True)
    slip.set_defaults(handler=_slip)


def _item_options(parser: argparse.ArgumentParser, *, adding: bool) -> None:
    parser.add_argument("--name", metavar=_("TEXT"), required=adding)
    parser.add_argument("--type", dest="item_type", choices=_TYPES, required=adding)
    parser.add_argument("--label", metavar=_("TEXT"), help=_("label or serial number"))
    parser.add_argument("--state", choices=_STATES)
    parser.add_argument("--location", metavar=_("TEXT"))
    parser.add_argument("--notes", metavar=_("TEXT"))
    add_json_flag(parser)


def _item_input(args: argparse.Namespace, old: ItemRecord | None) -> ItemInput:
    """The item from the options; on an update, what is not given stays as it was."""
    keep = old or ItemRecord(0, "", "", None, "good", None, None, 1, 0, None, True)
    return ItemInput(
        item_name=args.name if args.name is not None else (keep.item_name or None),
        item_type=args.item_type or (keep.item_type or None),
        label=args.label if args.label is not None else keep.label,
        state=args.state or keep.state,
        location=args.location if args.location is not None else keep.location,
        notes=args.notes if args.notes is not None else keep.notes,
    )


def _item_add(args: argparse.Namespace) -> int:
    with app_context(args) as ctx:
        item_id = ctx.loans.add_item(_item_input(args, None))
    if args.json:
        print_json({"id": item_id})
    else:
        print_line(_("Item {id} added to the inventory.").format(id=item_id))
    return 0


def _item_update(args: argparse.Namespace) -> int:
    with app_context(args) as ctx:
        old = ctx.loans.item(args.id)
        ctx.loans.update_item(args.id, _item_input(args, old), old.version)
    if args.json:
        print_json({"id": args.id})
    else:
        print_line(_("Item {id} updated.").format(id=args.id))
    return 0


def _item_list(args: argparse.Namespace) -> int:
    with app_context(args) as ctx:
        rows = ctx.loans.items()
        locale = ctx.centre.locale
    if args.json:
        print_json([r.as_json() for r in rows])
        return 0
    if not rows:
        print_line(_("No item in the inventory."))
        return 0
    headers = [_("ID"), _("Item"), _("Item type"), _("Label"), _("State"), _("Where")]
    print_table(headers, [(r.id, *item_cells(r, locale)) for r in rows])
    return 0


def _out(args: argparse.Namespace) -> int:
    data = LendInput(
        item_id=args.item_id,
        household_id=args.household,
        due_on=args.due,
        out_on=args.date,
        deposit=args.deposit,
        notes=args.notes,
    )
    with app_context(args) as ctx:
        loan_id = ctx.loans.lend(data)
    if args.json:
        print_json({"id": loan_id})
    else:
        print_line(_("Loan {id} recorded.").format(id=loan_id))
    return 0


def _return(args: argparse.Namespace) -> int:
    with app_context(args) as ctx:
        ctx.loans.return_loan(args.loan_id, ReturnInput(args.date, args.state, args.notes))
        loan = ctx.loans.loan(args.loan_id)
    if args.json:
        print_json(loan.as_json())
    else:
        print_line(_("Loan {id}: the item is back.").format(id=args.loan_id))
    return 0


def _list(args: argparse.Namespace) -> int:
    with app_context(args) as ctx:
        rows = ctx.loans.loans(
            open_only=args.open,
            overdue=args.overdue,
            household_id=args.household,
            item_id=args.item,
        )
        locale = ctx.centre.locale
    if args.json:
        print_json([r.as_json() for r in rows])
        return 0
    if not rows:
        print_line(_("No loan."))
        return 0
    headers = [_("ID"), _("Item"), _("Household"), _("Lent on"), _("Due back on"),
               _("Returned on"), _("Deposit"), _("Status")]  # fmt: skip
    print_table(headers, [(r.id, *loan_cells(r, locale)) for r in rows])
    return 0


def _slip(args: argparse.Namespace) -> int:
    with app_context(args) as ctx:
        written = ctx.loan_slips.write(args.loan_id, args.out, args.slip_lang)
    print_line(_("Loan slip written: {path}").format(path=written))
    return 0
