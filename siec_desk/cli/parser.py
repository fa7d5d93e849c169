"""The argument parser, built after the language is chosen so help is translated."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from siec_desk.cli.commands import (
    activity,
    advisor,
    consultation,
    database,
    demo,
    household,
    importing,
    letters,
    measures,
    network,
    parameters,
    privacy,
    screenshot,
)
from siec_desk.core import i18n
from siec_desk.core.i18n import _


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


def build_parser() -> argparse.ArgumentParser:
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
    commands = parser.add_subparsers(title=_("commands"), metavar=_("COMMAND"))
    for module in (
        demo,
        database,
        household,
        consultation,
        advisor,
        measures,
        letters,
        activity,
        network,
        parameters,
        privacy,
        importing,
        screenshot,
    ):
        module.register(commands)
    return parser
