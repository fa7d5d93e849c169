"""``followup list|done|postpone|cancel``: the agenda of follow-ups from the command line
(the same service as the GUI's agenda, ``services/agenda.py``)."""

from __future__ import annotations

import argparse

from siec_desk.cli.arg_types import (
    add_date_range,
    add_json_flag,
    command_group,
    iso_date,
    record_id,
    time_of_day,
)
from siec_desk.cli.context import app_context
from siec_desk.cli.output import print_json, print_line, print_table
from siec_desk.core.formatting import format_clock, format_date, locale_for
from siec_desk.core.i18n import _
from siec_desk.domain.agenda import AgendaStatus
from siec_desk.domain.validation import format_phone
from siec_desk.texts.labels import FOLLOW_UP_KINDS, FOLLOW_UP_STATUSES, label


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    actions = command_group(
        commands, "followup", _("follow-ups: list, mark done, postpone, cancel")
    )
    listing = actions.add_parser(
        "list", help=_("list follow-ups by day and time (default: every open one)")
    )
    add_date_range(listing, required=False)
    listing.add_argument("--advisor", metavar=_("NAME|ID"), help=_("only this advisor's"))
    listing.add_argument(
        "--status",
        choices=[s.value for s in AgendaStatus],
        default=AgendaStatus.OPEN.value,
        help=_(
            "open (default), due (today or overdue), upcoming (after today), done, cancelled or all"
        ),
    )
    add_json_flag(listing)
    listing.set_defaults(handler=_list)

    done = actions.add_parser("done", help=_("mark a follow-up done, with the call's result"))
    done.add_argument("id", type=record_id, metavar="ID", help=_("the consultation's number"))
    done.add_argument("--note", metavar=_("TEXT"), help=_("the result of the call"))
    add_json_flag(done)
    done.set_defaults(handler=_done)

    postpone = actions.add_parser("postpone", help=_("put a follow-up off to another day"))
    postpone.add_argument("id", type=record_id, metavar="ID", help=_("the consultation's number"))
    postpone.add_argument("--to", dest="to_day", required=True, type=iso_date, metavar="YYYY-MM-DD")
    postpone.add_argument("--time", type=time_of_day, metavar="HH:MM")
    add_json_flag(postpone)
    postpone.set_defaults(handler=_postpone)

    cancel = actions.add_parser("cancel", help=_("cancel a follow-up, saying why"))
    cancel.add_argument("id", type=record_id, metavar="ID", help=_("the consultation's number"))
    cancel.add_argument("--note", metavar=_("TEXT"), help=_("why it is cancelled"))
    add_json_flag(cancel)
    cancel.set_defaults(handler=_cancel)


def _list(args: argparse.Namespace) -> int:
    with app_context(args) as ctx:
        advisor_id = ctx.centres.find_advisor(args.advisor).id if args.advisor else None
        rows = ctx.agenda.rows(args.start, args.end, status=args.status, advisor_id=advisor_id)
        country = ctx.centre.country
    if args.json:
        print_json([r.as_json() for r in rows])
        return 0
    if not rows:
        print_line(_("No follow-up found."))
        return 0
    locale = locale_for(None, country)
    print_table(
        [
            _("ID"),
            _("Due"),
            _("Time"),
            _("Household"),
            _("Phone"),
            _("Kind"),
            _("Action"),
            _("Status"),
        ],
        [
            (
                r.consultation_id,
                format_date(r.due, locale),
                format_clock(r.at, locale) if r.at else "",
                r.household_name,
                format_phone(r.phone, country) if r.phone else "",
                label(FOLLOW_UP_KINDS, r.kind),
                r.action or "",
                label(FOLLOW_UP_STATUSES, r.status),
            )
            for r in rows
        ],
    )
    return 0


def _finish(args: argparse.Namespace, message: str, version: int) -> int:
    if args.json:
        print_json({"id": args.id, "version": version})
    else:
        print_line(message.format(id=args.id))
    return 0


def _done(args: argparse.Namespace) -> int:
    with app_context(args) as ctx:
        change = ctx.agenda.mark_done(args.id, args.note)
    return _finish(args, _("Follow-up of consultation {id} marked done."), change.version)


def _postpone(args: argparse.Namespace) -> int:
    with app_context(args) as ctx:
        change = ctx.agenda.postpone(args.id, args.to_day, args.time)
    return _finish(args, _("Follow-up of consultation {id} postponed."), change.version)


def _cancel(args: argparse.Namespace) -> int:
    with app_context(args) as ctx:
        change = ctx.agenda.cancel(args.id, args.note)
    return _finish(args, _("Follow-up of consultation {id} cancelled."), change.version)
