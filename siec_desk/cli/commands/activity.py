"""``stats report --month YYYY-MM [--lang fr|ar] --out FILE.pdf|.xlsx`` (the manager's
monthly report) and ``stats export --from YYYY-MM --to YYYY-MM [--threshold K] --out
FILE.json|.csv|.xlsx`` (the anonymised network export, docs/network-export.md)."""

from __future__ import annotations

import argparse
from pathlib import Path

from siec_desk.cli.arg_types import add_json_flag, add_report_language, command_group
from siec_desk.cli.commands.letters import _write
from siec_desk.cli.context import app_context
from siec_desk.cli.output import print_json, print_line
from siec_desk.core import i18n
from siec_desk.core.errors import SiecError, ValidationError
from siec_desk.core.i18n import _
from siec_desk.documents.activity_report.compose import REPORT_LANGUAGES
from siec_desk.domain.activity_period import Period, parse_period
from siec_desk.services.network.export import DEFAULT_THRESHOLD, ExportOptions, format_of
from siec_desk.texts.act_names import left_out_text


def _month(value: str) -> Period:
    try:
        period = parse_period(value)
    except ValidationError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc
    if period.kind != "month":
        raise argparse.ArgumentTypeError(_("expected a month as YYYY-MM, e.g. 2025-03"))
    return period


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    actions = command_group(commands, "stats", _("activity statistics and reports"))
    report = actions.add_parser("report", help=_("the monthly activity report, PDF or Excel"))
    report.add_argument("--month", required=True, type=_month, metavar="YYYY-MM")
    add_report_language(report, _("language of the report (default: the centre's language)"))
    report.add_argument("--out", required=True, type=Path, metavar="FILE.pdf|FILE.xlsx")
    report.set_defaults(handler=_report)

    export = actions.add_parser(
        "export", help=_("the anonymised statistics for the network, JSON, CSV or Excel")
    )
    export.add_argument("--from", dest="first", required=True, type=_month, metavar="YYYY-MM")
    export.add_argument("--to", dest="last", required=True, type=_month, metavar="YYYY-MM")
    export.add_argument(
        "--threshold",
        type=int,
        default=DEFAULT_THRESHOLD,
        metavar="K",
        help=_("hide figures with fewer than K households (default: {k})").format(
            k=DEFAULT_THRESHOLD
        ),
    )
    export.add_argument("--out", required=True, type=Path, metavar="FILE.json|.csv|.xlsx")
    add_json_flag(export)
    export.set_defaults(handler=_export)


def _report(args: argparse.Namespace) -> int:
    suffix = args.out.suffix.lower()
    if suffix not in (".pdf", ".xlsx"):
        raise SiecError(_("The report must be a .pdf or .xlsx file."))
    with app_context(args) as ctx:
        language = args.report_lang or _centre_language(ctx.centres.require().locale)
        content = ctx.reports.monthly(args.month, language)
    if suffix == ".pdf":
        from siec_desk.documents.activity_report.pdf import render_report_pdf

        data = render_report_pdf(content).pdf
    else:
        from siec_desk.documents.activity_report.xlsx import report_workbook

        data = report_workbook(content)
    _write(args.out, data)
    print_line(_("Report written to {path}").format(path=args.out))
    return 0


def _centre_language(locale: str) -> str:
    """The language of the centre's locale ("fr_MA" → "fr"), the report's default: a
    report is for the centre's people, whatever the language of the terminal."""
    language = locale.replace("-", "_").split("_")[0]
    return language if language in REPORT_LANGUAGES else i18n.current_language()


def _export(args: argparse.Namespace) -> int:
    format_of(args.out)  # refuse an unknown file type before opening anything
    options = ExportOptions(args.first.start, args.last.start, args.threshold)
    with app_context(args) as ctx:
        service = ctx.network_export
        service.check(options)
        service.check_not_exported(options)  # refused before counting anything
        document = service.build(options)
        record = service.write(document, args.out)
        left_out = service.left_out(options)  # the centre's own unmapped acts: never in the file
    published, suppressed = document.counts()
    if args.json:
        print_json(
            {
                "out": str(record.path),
                "format": record.format,
                "sha256": record.sha256,
                "size": record.size,
                "from": document.meta.months[0],
                "to": document.meta.months[-1],
                "threshold": document.meta.threshold,
                "published": published,
                "suppressed": suppressed,
                "left_out_own_acts": left_out,
            }
        )
    else:
        print_line(
            _("Network export written to {path} ({published} figures, {suppressed} hidden)").format(
                path=record.path, published=published, suppressed=suppressed
            )
        )
        print_line(f"SHA-256 {record.sha256}")
        if left_out:
            print_line(left_out_text(left_out))
    return 0
