"""Argument types and shared options of the commands: numbers the database can hold
(redteam LOW-5), ISO dates, ``--json``, ``--from/--to``, a report's ``--lang`` and a
command made of actions.

``99999999999999999999`` as an id or a limit is a usage error naming the range, not an
``OverflowError`` from the driver: ids and limits are bounded by the smallest integer
column of the two back-ends (PostgreSQL ``integer``, 2³¹−1).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date, time

from siec_desk.core.i18n import _

#: The largest id either back-end stores (PostgreSQL ``integer``; SQLite allows more).
MAX_ID = 2**31 - 1
#: The most rendering processes a letter batch may start.
MAX_WORKERS = 64


def bounded_int(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number from *low* to *high*, else one clear line."""

    def parse(value: str) -> int:
        text = value.strip()
        try:
            number = int(text) if len(text) <= 40 else None
        except ValueError:
            number = None
        if number is None or not low <= number <= high:
            raise argparse.ArgumentTypeError(
                _("must be a whole number from {low} to {high}").format(low=low, high=high)
            )
        return number

    parse.__name__ = "number"
    return parse


#: A record id (household, consultation).
record_id = bounded_int(1, MAX_ID)
#: How many rows a list or a search shows.
row_limit = bounded_int(1, MAX_ID)
#: Rendering processes of a letter batch.
workers = bounded_int(1, MAX_WORKERS)


def iso_date(value: str) -> date:
    """An argparse type: a day as YYYY-MM-DD, else one clear line."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("“{value}” is not a date (expected YYYY-MM-DD).").format(value=value)
        ) from None


def time_of_day(value: str) -> time:
    """An argparse type: a time of day as HH:MM (a follow-up's), else one clear line."""
    from siec_desk.domain.consultation_rules import parse_clock

    try:
        return parse_clock(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_json_flag(parser: argparse.ArgumentParser) -> None:
    """``--json``: the command prints its result as JSON (``args.json``)."""
    parser.add_argument("--json", action="store_true", help=_("print JSON"))


def add_date_range(parser: argparse.ArgumentParser, *, required: bool) -> None:
    """``--from DATE --to DATE``, as ``args.start`` and ``args.end`` (None when left out)."""
    parser.add_argument("--from", dest="start", required=required, type=iso_date, metavar="DATE")
    parser.add_argument("--to", dest="end", required=required, type=iso_date, metavar="DATE")


def add_report_language(parser: argparse.ArgumentParser, help_text: str) -> None:
    """``--lang fr|ar|en``: the language of a report (``args.report_lang``)."""
    from siec_desk.documents.activity_report.compose import REPORT_LANGUAGES

    parser.add_argument("--lang", dest="report_lang", choices=REPORT_LANGUAGES, help=help_text)


def command_group(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], name: str, help_text: str
) -> argparse._SubParsersAction[argparse.ArgumentParser]:
    """``siec-desk NAME ACTION …``: a command made of actions; the actions it returns."""
    group = commands.add_parser(name, help=help_text)
    return group.add_subparsers(title=_("actions"), metavar=_("ACTION"), required=True)
