"""``household readings add|list|delete``: a household's consumption readings."""

from __future__ import annotations

import argparse
from decimal import Decimal, InvalidOperation

from siec_desk.cli.arg_types import add_json_flag, iso_date, record_id
from siec_desk.cli.context import app_context
from siec_desk.cli.output import print_json, print_line, print_table
from siec_desk.core.i18n import _
from siec_desk.domain.codes import ReadingKind, ReadingSource
from siec_desk.domain.readings import Reading, ReadingInput
from siec_desk.texts.readings import reading_cells


def _amount(value: str) -> Decimal:
    """An argparse type: an amount such as ``45.20`` (a comma is read as the point)."""
    try:
        amount = Decimal(value.strip().replace(",", "."))
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite():
        raise argparse.ArgumentTypeError(
            _("“{value}” is not an amount (expected e.g. 45.20).").format(value=value)
        )
    return amount


def _quantity(value: str) -> float:
    try:
        return float(Decimal(value.strip().replace(",", ".")))
    except (InvalidOperation, ValueError):
        raise argparse.ArgumentTypeError(
            _("“{value}” is not a number.").format(value=value)
        ) from None


#: The unit options of docs/cli.md, with the kinds each may mean (the first by default).
_UNITS = {
    "--kwh": _("kWh used, or the meter's index in kWh (electricity; gas with --kind gas_kwh)"),
    "--m3": _("m³ used, or the meter's index in m³ (gas; water with --kind water_m3)"),
    "--bottles": _("butane bottles bought"),
}
_KINDS = {
    "kwh": (ReadingKind.ELECTRICITY_KWH, ReadingKind.GAS_KWH),
    "m3": (ReadingKind.GAS_M3, ReadingKind.WATER_M3),
    "bottles": (ReadingKind.BUTANE_BOTTLES,),
}


def _kind_and_quantity(args: argparse.Namespace) -> tuple[str, float]:
    """The kind and quantity from ``--kind --quantity`` or one unit option; a unit that
    cannot mean the kind given is a usage error (exit 2)."""
    if args.quantity is not None:
        if not args.kind:
            args.parser.error(_("--quantity needs --kind."))
        return str(args.kind), float(args.quantity)
    unit = next(u for u in _KINDS if getattr(args, u) is not None)
    allowed = _KINDS[unit]
    kind = args.kind or allowed[0].value
    if kind not in {k.value for k in allowed}:
        args.parser.error(_("--{unit} cannot measure {kind}.").format(unit=unit, kind=kind))
    return str(kind), float(getattr(args, unit))


def register(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = actions.add_parser(
        "readings", help=_("a household's consumption readings: add, list, delete")
    )
    readings = group.add_subparsers(title=_("actions"), metavar=_("ACTION"), required=True)

    add = readings.add_parser("add", help=_("add a bill or a meter reading"))
    add.add_argument("id", type=record_id, metavar="ID")
    add.add_argument(
        "--kind",
        choices=[k.value for k in ReadingKind],
        help=_("what was measured (implied by --kwh: electricity, --m3: gas, --bottles: butane)"),
    )
    add.add_argument(
        "--from", dest="start", type=iso_date, metavar="DATE", help=_("a bill's first day")
    )
    add.add_argument(
        "--to",
        "--date",
        dest="end",
        required=True,
        type=iso_date,
        metavar="DATE",
        help=_("a bill's last day, or the day of a meter reading"),
    )
    amounts = add.add_mutually_exclusive_group(required=True)
    amounts.add_argument(
        "--quantity",
        type=_quantity,
        metavar="N",
        help=_("used over the period (kWh, m³ or bottles), or the meter's index"),
    )
    for option, unit in _UNITS.items():
        amounts.add_argument(option, dest=option[2:], type=_quantity, metavar="N", help=unit)
    add.add_argument("--amount", type=_amount, metavar="AMOUNT", help=_("amount paid, e.g. 45.20"))
    add.add_argument(
        "--source",
        choices=[s.value for s in ReadingSource],
        help=_("bill (default with --from) or meter (default without)"),
    )
    add.add_argument("--notes", metavar="TEXT")
    add_json_flag(add)
    add.set_defaults(handler=_add, parser=add)

    listing = readings.add_parser("list", help=_("list a household's readings, oldest first"))
    listing.add_argument("id", type=record_id, metavar="ID")
    add_json_flag(listing)
    listing.set_defaults(handler=_list)

    delete = readings.add_parser("delete", help=_("delete one reading"))
    delete.add_argument("reading_id", type=record_id, metavar="READING_ID")
    add_json_flag(delete)
    delete.set_defaults(handler=_delete)


def _add(args: argparse.Namespace) -> int:
    kind, quantity = _kind_and_quantity(args)
    source = args.source or (ReadingSource.BILL if args.start else ReadingSource.METER)
    data = ReadingInput(
        kind=kind,
        source=source,
        start_on=args.start,
        end_on=args.end,
        quantity=quantity,
        amount=args.amount,
        notes=args.notes,
    )
    with app_context(args) as ctx:
        reading_id = ctx.readings.add(args.id, data)
    if args.json:
        print_json({"id": reading_id, "household_id": args.id})
    else:
        print_line(_("Reading {id} added.").format(id=reading_id))
    return 0


def _list(args: argparse.Namespace) -> int:
    with app_context(args) as ctx:
        rows = ctx.readings.of_household(args.id)
        locale = ctx.centre.locale
    if args.json:
        print_json([r.as_json() for r in rows])
        return 0
    if not rows:
        print_line(_("No reading recorded."))
        return 0
    print_table(
        [
            _("ID"),
            _("Reading of"),
            _("From"),
            _("To"),
            _("Quantity"),
            _("Amount paid"),
            _("Source"),
        ],
        [_row(r, locale) for r in rows],
    )
    return 0


def _row(r: Reading, locale: str) -> tuple[object, ...]:
    return (r.id, *reading_cells(r, locale))


def _delete(args: argparse.Namespace) -> int:
    with app_context(args) as ctx:
        ctx.readings.delete(args.reading_id)
    if args.json:
        print_json({"id": args.reading_id, "deleted": True})
    else:
        print_line(_("Reading {id} deleted.").format(id=args.reading_id))
    return 0
