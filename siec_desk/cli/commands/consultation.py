"""``consultation add|list|show``."""

from __future__ import annotations

import argparse
from datetime import date, datetime

from siec_desk.cli.arg_types import (
    add_date_range,
    add_json_flag,
    command_group,
    iso_date,
    record_id,
    time_of_day,
)
from siec_desk.cli.commands.attestation import register_attestation
from siec_desk.cli.context import app_context
from siec_desk.cli.output import print_json, print_line, print_table
from siec_desk.core.formatting import (
    format_co2_kg,
    format_datetime,
    format_kwh,
    format_money,
    locale_for,
)
from siec_desk.core.i18n import _, current_language
from siec_desk.domain.codes import (
    ActLevel,
    ContactMode,
    FollowUpKind,
    Orientation,
    ProjectType,
    Theme,
)
from siec_desk.domain.consultation_records import ConsultationInput, MeasureChoice
from siec_desk.domain.savings_summary import END_USE_LABELS, measure_note, summarise
from siec_desk.services.measures import from_minor
from siec_desk.texts.labels import ACT_LEVELS, CONTACT_MODES, THEMES, label
from siec_desk.texts.readings import change_text
from siec_desk.texts.savings_assumptions import assumptions_text


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    actions = command_group(commands, "consultation", _("consultations: add, list, show"))

    add = actions.add_parser(
        "add", help=_("log a consultation (without household: anonymous first-level information)")
    )
    add.add_argument("--household", type=record_id, metavar="ID")
    add.add_argument("--mode", required=True, choices=[m.value for m in ContactMode])
    add.add_argument(
        "--theme", required=True, action="append", dest="themes", choices=[t.value for t in Theme]
    )
    add.add_argument(
        "--act",
        metavar="ACT",
        help=_("{acts}, or one of the centre's own act types (centre acts list)").format(
            acts=", ".join(a.value for a in ActLevel)
        ),
    )
    add.add_argument(
        "--project-type",
        choices=[p.value for p in ProjectType],
        help=_("the project a France Rénov' appointment prepares (--act mpr_appointment)"),
    )
    add.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD")
    add.add_argument("--duration", type=int, metavar=_("MIN"))
    add.add_argument("--commune", metavar=_("COMMUNE"))
    add.add_argument("--notes", metavar=_("TEXT"))
    _follow_up_options(add)
    add.add_argument("--measure", action="append", dest="measures", default=[], metavar=_("CODE"))
    _orientation_option(add)
    add.add_argument(
        "--advisor",
        metavar=_("NAME|ID"),
        help=_("the advisor who held it (signs its letters): name or number"),
    )
    _event_option(add)
    add_json_flag(add)
    add.set_defaults(handler=_add)

    update = actions.add_parser(
        "update",
        help=_("change where a consultation referred the household, or plan its follow-up"),
    )
    update.add_argument("id", type=record_id, metavar="ID")
    update.add_argument(
        "--act", metavar="ACT", help=_("a new act (checked first: if refused, nothing changes)")
    )
    _follow_up_options(update)
    _orientation_option(update)
    update.add_argument(
        "--no-orientation",
        action="store_true",
        help=_("remove every orientation of the consultation"),
    )
    _event_option(update)
    update.add_argument(
        "--no-event", action="store_true", help=_("the household was not met at an event")
    )
    add_json_flag(update)
    update.set_defaults(handler=_update, update_parser=update)

    listing = actions.add_parser("list", help=_("list consultations, newest first"))
    add_date_range(listing, required=False)
    add_json_flag(listing)
    listing.set_defaults(handler=_list)

    show = actions.add_parser(
        "show", help=_("show one consultation with its measures' combined savings")
    )
    show.add_argument("id", type=record_id, metavar="ID")
    add_json_flag(show)
    show.set_defaults(handler=_show)
    register_attestation(actions)


def _follow_up_options(parser: argparse.ArgumentParser) -> None:
    """The follow-up: its day, time of day, kind and planned action (an action needs a day)."""
    parser.add_argument("--follow-up-due", type=iso_date, metavar="YYYY-MM-DD")
    parser.add_argument("--follow-up-time", type=time_of_day, metavar="HH:MM")
    parser.add_argument(
        "--follow-up-kind",
        choices=[k.value for k in FollowUpKind],
        help=_("call_back (default), appointment, visit or other"),
    )
    parser.add_argument("--follow-up-action", metavar=_("TEXT"), help=_("what is to be done"))


def _orientation_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--orientation",
        action="append",
        dest="orientations",
        default=[],
        choices=[o.value for o in Orientation],
        help=_("where the household was referred (repeat for several)"),
    )


def _event_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--event",
        type=record_id,
        metavar="ID",
        help=_("the event where the household was met (event list)"),
    )


def _update(args: argparse.Namespace) -> int:
    follow_up = (args.follow_up_time, args.follow_up_kind, args.follow_up_action)
    if args.follow_up_due is None and any(v is not None for v in follow_up):
        args.update_parser.error(_("give --follow-up-due with the follow-up's other options"))
    orientations_given = bool(args.orientations) or args.no_orientation
    event_given = args.event is not None or args.no_event
    if (args.orientations and args.no_orientation) or not (
        orientations_given or args.follow_up_due or event_given or args.act
    ):
        args.update_parser.error(
            _("give --orientation CODE (repeatable), --no-orientation or --follow-up-due DATE")
        )
    if args.event is not None and args.no_event:
        args.update_parser.error(_("give --event ID or --no-event, not both"))
    with app_context(args) as ctx:
        if args.act is not None:  # the centre's own act types too; hidden ones refused
            ctx.consultations.set_act(args.id, args.act)
        if event_given:
            ctx.events.link(args.id, args.event)
        if orientations_given:
            ctx.consultations.set_orientations(args.id, tuple(args.orientations))
        if args.follow_up_due is not None:
            ctx.agenda.plan(args.id, args.follow_up_due, *follow_up)
        summary = ctx.consultations.get(args.id).summary
    if args.json:
        print_json(
            {
                "id": args.id,
                "act": summary.act,
                "orientations": list(summary.orientations),
                "follow_up_due": summary.as_json()["follow_up_due"],
                "follow_up_time": summary.as_json()["follow_up_time"],
            }
        )
    else:
        print_line(_("Consultation {id} updated.").format(id=args.id))
    return 0


def _occurred_at(day: date | None) -> datetime | None:
    """Today keeps the current time; another day is logged at noon."""
    if day is None:
        return None
    now = datetime.now()
    if day == now.date():
        return now.replace(microsecond=0)
    return datetime(day.year, day.month, day.day, 12, 0)


def _add(args: argparse.Namespace) -> int:
    with app_context(args) as ctx:
        advisor_id = ctx.centres.find_advisor(args.advisor).id if args.advisor else None
        consultation_id = ctx.consultations.add(
            ConsultationInput(
                mode=args.mode,
                themes=tuple(args.themes),
                act=args.act,
                project_type=args.project_type,
                household_id=args.household,
                occurred_at=_occurred_at(args.date),
                duration_min=args.duration,
                commune=args.commune,
                notes=args.notes,
                follow_up_due=args.follow_up_due,
                follow_up_time=args.follow_up_time,
                follow_up_kind=args.follow_up_kind,
                follow_up_action=args.follow_up_action,
                measures=tuple(MeasureChoice(code) for code in args.measures),
                advisor_id=advisor_id,
                orientations=tuple(args.orientations),
                event_id=args.event,
            )
        )
    if args.json:
        print_json({"id": consultation_id})
    else:
        print_line(_("Consultation {id} logged.").format(id=consultation_id))
    return 0


def _list(args: argparse.Namespace) -> int:
    with app_context(args) as ctx:
        rows = ctx.consultations.between(args.start, args.end)
    if args.json:
        print_json([r.as_json() for r in rows])
        return 0
    if not rows:
        print_line(_("No consultation found."))
        return 0
    locale = locale_for(None, ctx.centre.country)
    print_table(
        [_("ID"), _("Date"), _("Mode"), _("Act"), _("Themes"), _("Household"), _("Measures")],
        [
            (
                r.id,
                format_datetime(r.occurred_at, locale),
                label(CONTACT_MODES, r.mode),
                label(ACT_LEVELS, r.act),
                ", ".join(label(THEMES, t) for t in r.themes),
                r.household_name or _("anonymous"),
                len(r.measures),
            )
            for r in rows
        ],
    )
    return 0


def _show(args: argparse.Namespace) -> int:
    with app_context(args) as ctx:
        detail = ctx.consultations.get(args.id)
        status = ctx.parameters.status()

        def name(code: str) -> str:
            return ctx.reference.measure(code).name(current_language())

        measures = sorted(detail.measures, key=lambda m: m.priority)
        total = summarise(measures, name)
        locale = locale_for(None, ctx.centre.country)
        assumptions = assumptions_text(measures, locale)
        warnings = [w for w in (status.warning(), *total.notes) if w]
        household_id = detail.summary.household_id
        changes = (
            ctx.readings.before_after(household_id, detail.summary.occurred_at.date())
            if household_id is not None
            else []
        )
    if args.json:
        data = detail.as_json()
        data["consumption_before_after"] = [c.as_json() for c in changes]
        data["savings"] = {
            "measures": [
                {
                    "code": m.code,
                    "name": name(m.code),
                    "counted": m.counted,
                    "alternative_to": m.alternative_to,
                    "not_applicable": m.not_applicable,
                    "kwh_per_year": m.kwh_per_year,
                    "money_per_year_minor": m.money_per_year_minor,
                    "co2_kg_per_year": m.co2_kg_per_year,
                    "cost_minor": m.cost_minor,
                    "payback_years": m.payback_years,
                    "by_use": (m.combination or {}).get("by_use", {}),
                    "alone": (m.combination or {}).get("alone"),
                }
                for m in measures
            ],
            **total.as_json(),
            "parameter_set_in_use": status.version,
            "assumptions": assumptions,
            "warnings": warnings,
        }
        print_json(data)
        return 0
    s = detail.summary
    print_line(
        _("Consultation {id}, {date}: {household}").format(
            id=s.id,
            date=format_datetime(s.occurred_at, locale),
            household=s.household_name or _("anonymous"),
        )
    )
    if measures:
        print_table(
            [_("Measure"), _("kWh/year"), _("Money/year"), _("CO₂"), _("Note")],
            [
                (
                    name(m.code),
                    format_kwh(m.kwh_per_year, locale),
                    format_money(
                        from_minor(m.money_per_year_minor, m.currency), m.currency, locale
                    ),
                    format_co2_kg(m.co2_kg_per_year, locale),
                    measure_note(m, name),
                )
                for m in measures
            ],
        )
        for use in total.by_use:
            print_line(
                _("{use}: {kwh} saved of {load}").format(
                    use=str(END_USE_LABELS.get(use.use, use.use)),
                    kwh=format_kwh(use.kwh, locale),
                    load=format_kwh(use.load_kwh or 0, locale),
                )
            )
        print_line(
            _("Combined total: {kwh}, {co2}").format(
                kwh=format_kwh(total.kwh_per_year, locale),
                co2=format_co2_kg(total.co2_kg_per_year, locale),
            )
        )
    if assumptions:
        print_line(assumptions)
    for change in changes:
        print_line(change_text(change, ctx.centre.currency, locale))
    for warning in warnings:
        print_line(warning)
    return 0
