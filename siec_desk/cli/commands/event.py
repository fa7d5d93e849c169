"""``event add|list|show|update|delete|import``: the events register (schema 0016;
docs/cli.md); ``import`` reads a centre's events sheet (``services/event_import.py``).

Participants are given per audience as ``--audience CODE=N`` (people, not households);
a wrong value is one translated line and exit 1 (the rules) or 2 (the option's shape),
with nothing saved.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from siec_desk.cli.arg_types import add_json_flag, iso_date, record_id
from siec_desk.cli.context import app_context
from siec_desk.cli.output import print_json, print_line, print_table
from siec_desk.core.i18n import _
from siec_desk.domain.codes import Audience, EventType, Theme
from siec_desk.domain.event_records import EventInput, EventRecord
from siec_desk.texts.event_text import audiences_text, event_cells, event_type_label

if TYPE_CHECKING:
    from siec_desk.services.app import AppContext


def _audience(value: str) -> tuple[str, int]:
    """An argparse type: ``CODE=N`` (an audience code and its participants)."""
    code, sep, count = value.partition("=")
    code, count = code.strip(), count.strip()
    if not sep or code not in {a.value for a in Audience} or not count.isdigit():
        raise argparse.ArgumentTypeError(
            _("“{value}” is not CODE=N with an audience code and a number of people.").format(
                value=value
            )
        )
    return code, int(count)


def _options(parser: argparse.ArgumentParser, *, adding: bool) -> None:
    from siec_desk.cli.arg_types import time_of_day

    parser.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD", required=adding)
    parser.add_argument(
        "--type", dest="event_type", choices=[t.value for t in EventType], required=adding
    )
    parser.add_argument("--time", type=time_of_day, metavar="HH:MM")
    parser.add_argument("--duration", type=int, metavar=_("MIN"))
    parser.add_argument("--commune", metavar=_("COMMUNE"))
    parser.add_argument("--postal-code", metavar=_("CODE"))
    parser.add_argument("--place", metavar=_("TEXT"), help=_("venue or mobile-desk stop"))
    parser.add_argument(
        "--partner",
        action="append",
        dest="partners",
        metavar=_("TEXT"),
        help=_("a partner organisation (repeat for several)"),
    )
    parser.add_argument(
        "--audience",
        action="append",
        dest="audiences",
        type=_audience,
        metavar="CODE=N",
        help=_("participants of one audience, e.g. pupils_students=45 (repeat)"),
    )
    parser.add_argument("--theme", action="append", dest="themes", choices=[t.value for t in Theme])
    parser.add_argument(
        "--advisor",
        action="append",
        dest="advisors",
        metavar=_("NAME|ID"),
        help=_("an advisor who ran it (repeat for several)"),
    )
    parser.add_argument("--title", metavar=_("TEXT"))
    parser.add_argument("--notes", metavar=_("TEXT"))
    add_json_flag(parser)


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = commands.add_parser("event", help=_("the events register: add, list, show"))
    actions = group.add_subparsers(title=_("actions"), metavar=_("ACTION"), required=True)

    add = actions.add_parser("add", help=_("record an event with its participants by audience"))
    _options(add, adding=True)
    add.set_defaults(handler=_add)

    update = actions.add_parser("update", help=_("change an event (options given replace)"))
    update.add_argument("id", type=record_id, metavar="ID")
    _options(update, adding=False)
    update.set_defaults(handler=_update)

    listing = actions.add_parser("list", help=_("list events, newest first"))
    listing.add_argument("--from", dest="start", type=iso_date, metavar="YYYY-MM-DD")
    listing.add_argument("--to", dest="end", type=iso_date, metavar="YYYY-MM-DD")
    listing.add_argument("--type", dest="event_type", choices=[t.value for t in EventType])
    listing.add_argument("--commune", metavar=_("COMMUNE"))
    add_json_flag(listing)
    listing.set_defaults(handler=_list)

    show = actions.add_parser("show", help=_("show one event"))
    show.add_argument("id", type=record_id, metavar="ID")
    add_json_flag(show)
    show.set_defaults(handler=_show)

    delete = actions.add_parser(
        "delete", help=_("delete an event (its consultations stay, no longer tied to it)")
    )
    delete.add_argument("id", type=record_id, metavar="ID")
    add_json_flag(delete)
    delete.set_defaults(handler=_delete)

    sheet = actions.add_parser("import", help=_("import events from a CSV or XLSX sheet"))
    sheet.add_argument("file", type=Path, metavar=_("FILE"))
    sheet.add_argument("--sheet", metavar=_("NAME"), help=_("the sheet to read (XLSX)"))
    sheet.add_argument(
        "--dry-run", action="store_true", help=_("only report what would be imported")
    )
    add_json_flag(sheet)
    sheet.set_defaults(handler=_import)


#: The fields of an event an update keeps when their option is not given.
_KEPT = (
    "occurred_on", "event_type", "starts_at", "duration_min", "title", "commune",
    "postal_code", "place", "partners", "notes", "audiences", "themes", "advisor_ids",
)  # fmt: skip


def _input(
    args: argparse.Namespace, advisor_ids: tuple[int, ...] | None, old: EventRecord | None
) -> EventInput:
    """The event from the options; on an update, what is not given stays as it was."""
    values: dict[str, Any] = {"occurred_on": None, "event_type": None}
    if old is not None:
        values.update({name: getattr(old, name) for name in _KEPT})
    given: dict[str, Any] = {
        "occurred_on": args.date,
        "event_type": args.event_type,
        "starts_at": args.time,
        "duration_min": args.duration,
        "title": args.title,
        "commune": args.commune,
        "postal_code": args.postal_code,
        "place": args.place,
        "notes": args.notes,
        "partners": "; ".join(args.partners) if args.partners else None,
        "audiences": dict(args.audiences) if args.audiences else None,
        "themes": tuple(args.themes) if args.themes else None,
        "advisor_ids": advisor_ids,
    }
    values.update({name: value for name, value in given.items() if value is not None})
    return EventInput(**values)


def _advisors(ctx: AppContext, args: argparse.Namespace) -> tuple[int, ...] | None:
    if not args.advisors:
        return None
    return tuple(ctx.centres.find_advisor(name).id for name in args.advisors)


def _add(args: argparse.Namespace) -> int:
    with app_context(args) as ctx:
        event_id = ctx.events.add(_input(args, _advisors(ctx, args), None))
    if args.json:
        print_json({"id": event_id})
    else:
        print_line(_("Event {id} recorded.").format(id=event_id))
    return 0


def _update(args: argparse.Namespace) -> int:
    with app_context(args) as ctx:
        old = ctx.events.get(args.id)
        ctx.events.update(args.id, _input(args, _advisors(ctx, args), old), old.version)
    if args.json:
        print_json({"id": args.id})
    else:
        print_line(_("Event {id} updated.").format(id=args.id))
    return 0


def _list(args: argparse.Namespace) -> int:
    with app_context(args) as ctx:
        rows = ctx.events.list(args.start, args.end, args.event_type, args.commune)
        locale = ctx.centre.locale
    if args.json:
        print_json([r.as_json() for r in rows])
        return 0
    if not rows:
        print_line(_("No event recorded."))
        return 0
    headers = [_("ID"), _("Date"), _("Event type"), _("Event"), _("Commune"), _("Participants")]
    print_table(headers, [(r.id, *event_cells(r, locale)) for r in rows])
    return 0


def _show(args: argparse.Namespace) -> int:
    with app_context(args) as ctx:
        event = ctx.events.get(args.id)
        locale = ctx.centre.locale
    if args.json:
        print_json(event.as_json())
        return 0
    cells = event_cells(event, locale)
    print_line(f"{event.id} · {cells[0]} · {event_type_label(event.event_type)} · {cells[2]}")
    if event.place or event.commune:
        print_line(" · ".join(x for x in (event.place, event.commune) if x))
    print_line(_("Participants: {n}").format(n=cells[4]))
    if event.audiences:
        print_line(audiences_text(event.audiences, locale))
    if event.partners:
        print_line(_("Partners: {names}").format(names=event.partners))
    print_line(_("Consultations of households met there: {n}").format(n=event.consultations))
    return 0


def _delete(args: argparse.Namespace) -> int:
    with app_context(args) as ctx:
        ctx.events.delete(args.id)
    if args.json:
        print_json({"id": args.id, "deleted": True})
    else:
        print_line(_("Event {id} deleted.").format(id=args.id))
    return 0


def _import(args: argparse.Namespace) -> int:
    from siec_desk.importing.events_columns import target_label
    from siec_desk.importing.events_report import detail_lines, summary_line
    from siec_desk.importing.events_sheet import read_event_sheet
    from siec_desk.services.event_import import EventImportService

    with app_context(args) as ctx:
        sheet = read_event_sheet(args.file, sheet=args.sheet)
        service = EventImportService(ctx)
        report = service.check(sheet) if args.dry_run else service.run(sheet)
        locale = ctx.centre.locale
    if args.json:
        print_json(report.as_json())
        return 0
    print_line(
        _("{file}: header on line {line}.").format(file=args.file.name, line=sheet.header_line)
    )
    print_table(
        [_("Column"), _("Imported as")],
        [
            (h or "—", target_label(c) or _("(not imported)"))
            for h, c in zip(sheet.headers, sheet.columns, strict=True)
        ],
    )
    print_line(summary_line(report, locale))
    for line in detail_lines(report):
        print_line(line)
    return 0
