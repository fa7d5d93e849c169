"""``stats report --month YYYY-MM [--lang fr|ar] --out FILE.pdf|.xlsx`` (the manager's
monthly report). The network export (``stats export``) comes with the Network issue."""

from __future__ import annotations

import argparse
from pathlib import Path

from siec_desk import i18n
from siec_desk.cli.commands.letters import _write
from siec_desk.cli.context import app_context
from siec_desk.cli.output import print_line
from siec_desk.errors import SiecError, ValidationError
from siec_desk.i18n import _
from siec_desk.reports.compose import REPORT_LANGUAGES
from siec_desk.services.stats.period import Period, parse_period


def _month(value: str) -> Period:
    try:
        period = parse_period(value)
    except ValidationError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc
    if period.kind != "month":
        raise argparse.ArgumentTypeError(_("expected a month as YYYY-MM, e.g. 2025-03"))
    return period


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = commands.add_parser("stats", help=_("activity statistics and reports"))
    actions = group.add_subparsers(title=_("actions"), metavar=_("ACTION"), required=True)
    report = actions.add_parser("report", help=_("the monthly activity report, PDF or Excel"))
    report.add_argument("--month", required=True, type=_month, metavar="YYYY-MM")
    report.add_argument(
        "--lang",
        dest="report_lang",
        choices=REPORT_LANGUAGES,
        help=_("language of the report (default: the language of messages)"),
    )
    report.add_argument("--out", required=True, type=Path, metavar="FILE.pdf|FILE.xlsx")
    report.set_defaults(handler=_report)


def _report(args: argparse.Namespace) -> int:
    suffix = args.out.suffix.lower()
    if suffix not in (".pdf", ".xlsx"):
        raise SiecError(_("The report must be a .pdf or .xlsx file."))
    language = args.report_lang or i18n.current_language()
    with app_context(args) as ctx:
        content = ctx.reports.monthly(args.month, language)
    if suffix == ".pdf":
        from siec_desk.reports.pdf import render_report_pdf

        data = render_report_pdf(content).pdf
    else:
        from siec_desk.reports.xlsx import report_workbook

        data = report_workbook(content)
    _write(args.out, data)
    print_line(_("Report written to {path}").format(path=args.out))
    return 0
