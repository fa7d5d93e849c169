"""``demo --households N [--consultations M] [--country FR|MA|TN] [--seed S] [--years Y]``."""

from __future__ import annotations

import argparse
import sys

from siec_desk.cli.arg_types import add_json_flag
from siec_desk.cli.context import app_context, database_target
from siec_desk.cli.output import print_json, print_line
from siec_desk.core.errors import SiecError
from siec_desk.core.i18n import _, current_language
from siec_desk.domain.codes import Country
from siec_desk.texts.labels import COUNTRIES, label


def _positive(value: str) -> int:
    number = int(value)
    if number < 0:
        raise argparse.ArgumentTypeError(_("must be zero or more"))
    return number


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    demo = commands.add_parser("demo", help=_("fill the database with realistic demo data"))
    demo.add_argument("--households", type=_positive, required=True, metavar="N")
    demo.add_argument(
        "--consultations",
        type=_positive,
        metavar="M",
        help=_("number of consultations (default: 3 per household)"),
    )
    demo.add_argument(
        "--country",
        choices=[c.value for c in Country],
        help=_("country of a new demo centre (default: the centre's, else FR)"),
    )
    demo.add_argument("--seed", type=int, default=1, metavar="S")
    demo.add_argument(
        "--years",
        type=int,
        default=2,
        choices=range(1, 11),
        metavar="Y",
        help=_("years of history, 1 to 10 (default 2)"),
    )
    add_json_flag(demo)
    demo.set_defaults(handler=_demo)


def _prepare_centre(args: argparse.Namespace) -> None:
    """A new database gets a demo centre of the requested country and its advisors."""
    from siec_desk.services.app import CentreSetup, ensure_centre
    from siec_desk.services.demo.samples import ADVISORS, CENTRE_NAMES

    country = args.country or "FR"
    # a network code too, so that `stats export` works straight after the demo
    demo_centre = CentreSetup(
        CENTRE_NAMES[country],
        country,
        current_language(),
        ADVISORS[country][0],
        network_code=f"DEMO-{country}",
    )
    target, is_default = database_target(args)
    centre = ensure_centre(target, lambda: demo_centre, create_parent=is_default)
    assert centre is not None  # the demo never cancels
    if args.country and args.country != centre.country:
        raise SiecError(
            _(
                "This database's centre is in {centre}; demo data for {asked} cannot be "
                "added to it."
            ).format(centre=label(COUNTRIES, centre.country), asked=label(COUNTRIES, args.country))
        )


def _demo(args: argparse.Namespace) -> int:
    # Imported here: every command (and the GUI) builds this parser, few run the demo.
    from siec_desk.services.demo import DemoOptions, generate_demo

    _prepare_centre(args)
    interactive = sys.stderr.isatty() and not args.json

    def progress(done: int, total: int, what: str) -> None:
        if interactive:
            sys.stderr.write(f"\r{what}: {min(done, total)}/{total}   ")

    options = DemoOptions(
        households=args.households,
        consultations=args.consultations,
        seed=args.seed,
        years=args.years,
    )
    with app_context(args) as ctx:
        report = generate_demo(ctx, options, progress)
    if interactive:
        sys.stderr.write("\n")
    if args.json:
        print_json(
            {
                "households": report.households,
                "consultations": report.consultations,
                "measures": report.measures,
                "seconds": round(report.seconds, 2),
            }
        )
    else:
        print_line(
            _(
                "Demo data added: {h} households, {c} consultations, {m} recommended "
                "measures in {s:.1f} s."
            ).format(
                h=report.households, c=report.consultations, m=report.measures, s=report.seconds
            )
        )
    return 0
