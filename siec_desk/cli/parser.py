"""The argument parser, built after the language is chosen so help is translated."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib import import_module

from siec_desk.core import i18n
from siec_desk.core.i18n import N_, LazyText, _

#: Every command, in the order ``--help`` lists them: (name, module of
#: ``siec_desk.cli.commands`` that registers it, its one-line help as the module gives it).
#: A command's module (and the services, SQLAlchemy and documents it needs) is imported
#: only when that command is run or asked for its own help, so ``--help`` and
#: ``--version`` answer at once. ``tests/unit/test_cli_parser.py`` checks this table
#: against what the modules register.
COMMANDS: tuple[tuple[str, str, LazyText], ...] = (
    ("demo", "demo", N_("fill the database with realistic demo data")),
    ("db", "database", N_("database upgrade, check, backup and restore")),
    ("household", "household", N_("households: add, list, show, search, export, erase")),
    ("consultation", "consultation", N_("consultations: add, list, show")),
    ("followup", "followup", N_("follow-ups: list, mark done, postpone, cancel")),
    ("event", "event", N_("the events register: add, list, show")),
    ("loan", "loan", N_("equipment loans: inventory, lend, return")),
    ("centre", "centre", N_("the centre's settings: show and change them")),
    ("advisor", "advisor", N_("the centre's advisors and their title")),
    ("measures", "measures", N_("the measure catalogue")),
    ("letter", "letters", N_("write the recommendation letter of a consultation")),
    (
        "letters",
        "letters",
        N_("write the letters of every consultation with a household in a period"),
    ),
    ("stats", "activity", N_("activity statistics and reports")),
    ("network", "network", N_("the coordinator's side: merge the centres' network exports")),
    ("parameters", "parameters", N_("the dated prices, CO₂ factors and defaults of estimates")),
    ("privacy", "privacy", N_("retention of personal data")),
    ("import", "importing", N_("import households and consultations from a CSV or XLSX sheet")),
    ("screenshot", "screenshot", N_("render one view offscreen to a PNG file")),
)
#: Every command (``build_parser(ALL)``): what the tests walk.
ALL = "*"


def _bundled() -> None:
    """Never called: names every command module for bundlers, which follow ``import``
    statements but not :func:`import_module` (PyInstaller, packaging/pyinstaller)."""
    from siec_desk.cli.commands import (  # noqa: F401
        activity,
        advisor,
        centre,
        consultation,
        database,
        demo,
        event,
        followup,
        household,
        importing,
        letters,
        loan,
        measures,
        network,
        parameters,
        privacy,
        screenshot,
    )


class _ShowVersion(argparse.Action):
    """``--version``: reads the package metadata only when asked (it costs ~50 ms)."""

    def __call__(self, parser: argparse.ArgumentParser, *_args: object, **_kw: object) -> None:
        import siec_desk

        sys.stdout.write(f"siec-desk {siec_desk.__version__}\n")
        parser.exit()


def global_options(argv: Sequence[str]) -> list[str]:
    """The arguments before the command: ``letter 5 --lang ar`` is the letter's language,
    ``--lang ar letter 5`` the language of messages."""
    taking_value = {"--db", "--lang"}
    head: list[str] = []
    expect_value = False
    for arg in argv:
        if expect_value:
            head.append(arg)
            expect_value = False
        elif arg.startswith("-"):
            head.append(arg)
            expect_value = arg in taking_value
        else:
            break
    return head


def pre_parse(argv: Sequence[str]) -> argparse.Namespace:
    """Read only --lang (before the command), before anything else is parsed or printed."""
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--lang", choices=i18n.LANGUAGES)
    known, _rest = early.parse_known_args(global_options(argv))
    return known


def build_parser(load: str | None = ALL) -> argparse.ArgumentParser:
    """The whole parser. *load* names the one command whose module is imported and
    registered in full (``ALL``: every command); the others are light stand-ins that
    only carry their name and help, enough for ``--help`` and for choosing a command."""
    parser = _top_parser()
    commands = parser.add_subparsers(title=_("commands"), metavar=_("COMMAND"))
    wanted = {module for name, module, _help in COMMANDS if load in (ALL, name)}
    registered: set[str] = set()
    for name, module_name, help_text in COMMANDS:
        if module_name not in wanted:
            stand_in = commands.add_parser(name, help=str(help_text), add_help=False)
            stand_in.set_defaults(_command=name)
        elif module_name not in registered:  # "letters" registers "letter" and "letters"
            registered.add(module_name)
            import_module(f"siec_desk.cli.commands.{module_name}").register(commands)
    return parser


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    """Parse *argv*, importing only the module of the command it names.

    First with stand-ins for every command (this alone answers ``--help`` and
    ``--version``, and finds which command is meant), then again with that command's
    module loaded, so its options, errors and help are the real ones."""
    light = build_parser(load=None)
    known, extras = light.parse_known_args(argv)
    command: str | None = getattr(known, "_command", None)
    if command is None:  # no command: the window opens, unless an argument is wrong
        if extras:
            light.parse_args(argv)  # exits with argparse's usage error
        return known
    return build_parser(load=command).parse_args(argv)


def _top_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="siec-desk",
        description=_(
            "SIEC Desk: consultations, letters and statistics of an energy advice "
            "centre. Without a command, the application window opens."
        ),
    )
    parser.add_argument(
        "--version", action=_ShowVersion, nargs=0, help=_("show the version and exit")
    )
    parser.add_argument(
        "--db",
        metavar=_("PATH_OR_URL"),
        help=_(
            "database file or SQLAlchemy URL (default: $SIEC_DESK_DB, else "
            "siec-desk.sqlite3 in the user data folder)"
        ),
    )
    parser.add_argument(
        "--lang",
        choices=i18n.LANGUAGES,
        help=_("language of messages (default: saved preference, else system language)"),
    )
    parser.set_defaults(handler=None)
    return parser
