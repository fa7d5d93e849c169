"""``network import FILE… --network-db PATH`` · ``network summary --network-db PATH
[--json]`` · ``network report --network-db PATH --out FILE.xlsx|.pdf``: the coordinator's
side of the network export (docs/network-export.md, "Coordinator"). These commands open
the network database only, never a centre's."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from siec_desk.cli.arg_types import add_json_flag, add_report_language, command_group
from siec_desk.cli.output import print_json, print_line, print_table
from siec_desk.core import i18n
from siec_desk.core.errors import SiecError
from siec_desk.core.i18n import _
from siec_desk.domain.network_results import INDICATORS, NetworkSummary
from siec_desk.services.network.coordinator import ImportOutcome
from siec_desk.services.network.opening import open_coordinator
from siec_desk.texts.labels import COUNTRIES, label

if TYPE_CHECKING:
    from collections.abc import Sequence

    from siec_desk.network.export.before_after import MergedBeforeAfter


def _network_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--network-db",
        required=True,
        type=Path,
        metavar="PATH",
        help=_("the network database (a file of its own, never a centre's database)"),
    )


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    actions = command_group(
        commands, "network", _("the coordinator's side: merge the centres' network exports")
    )
    importing = actions.add_parser("import", help=_("import centres' export files (.json)"))
    importing.add_argument("files", nargs="+", type=Path, metavar="FILE")
    _network_db(importing)
    importing.add_argument(
        "--replace-centre",
        action="append",
        default=[],
        metavar="CODE",
        help=_(
            "confirm that the files of centre CODE replace its earlier, different figures "
            "(repeat for several centres)"
        ),
    )
    importing.add_argument(
        "--replace-all",
        action="store_true",
        help=_("confirm every replacement of a centre's earlier, different figures"),
    )
    add_json_flag(importing)
    importing.set_defaults(handler=_import)

    summary = actions.add_parser("summary", help=_("the centres imported and the network totals"))
    _network_db(summary)
    add_json_flag(summary)
    summary.set_defaults(handler=_summary)

    report = actions.add_parser("report", help=_("the network report, Excel or PDF"))
    _network_db(report)
    report.add_argument("--out", required=True, type=Path, metavar="FILE.xlsx|FILE.pdf")
    add_report_language(report, _("language of the report (default: the language of messages)"))
    report.set_defaults(handler=_report)


def _outcome_line(outcome: ImportOutcome) -> str:
    info = outcome.info
    assert info is not None
    text = _("{file}: centre {code} ({country}), {first} to {last}, imported").format(
        file=outcome.path.name,
        code=info.network_code,
        country=label(COUNTRIES, info.country),
        first=info.first_month,
        last=info.last_month,
    )
    if outcome.replaced:
        text += " " + i18n.ngettext(
            "(replaces {count} earlier file)", "(replaces {count} earlier files)", outcome.replaced
        ).format(count=outcome.replaced)
    return text


def _import(args: argparse.Namespace) -> int:
    replace = True if args.replace_all else tuple(args.replace_centre)
    with open_coordinator(args.network_db) as coordinator:
        outcomes = coordinator.import_files(args.files, replace=replace)
    if args.json:
        print_json(
            [
                {
                    "file": str(o.path),
                    "ok": o.ok,
                    "error": o.error,
                    "replaced": o.replaced,
                    **({"import": o.info.as_json()} if o.info else {}),
                    **(
                        {
                            "needs_confirmation": o.code,
                            "would_replace": [e.as_json() for e in o.unconfirmed],
                        }
                        if o.unconfirmed
                        else {}
                    ),
                }
                for o in outcomes
            ]
        )
    for outcome in outcomes:
        if outcome.ok and not args.json:
            print_line(_outcome_line(outcome))
        elif not outcome.ok:
            line = str(outcome.error)
            if outcome.unconfirmed:
                line += " " + _(
                    "If the centre sent it, import it again with --replace-centre {code}."
                ).format(code=outcome.code)
            sys.stderr.write(f"siec-desk: {line}\n")
    refused = sum(1 for o in outcomes if not o.ok)
    if not args.json:
        print_line(
            i18n.ngettext(
                "{count} file: {imported} imported, {refused} refused.",
                "{count} files: {imported} imported, {refused} refused.",
                len(outcomes),
            ).format(count=len(outcomes), imported=len(outcomes) - refused, refused=refused)
        )
    return 0 if refused == 0 else 1


def _summary_json(
    summary: NetworkSummary, before_after: Sequence[MergedBeforeAfter] = ()
) -> dict[str, object]:
    return {
        "imports": [i.as_json() for i in summary.imports],
        "by_centre": [
            {
                "network_code": line.key,
                "country": line.country,
                "currency": line.currency,
                **{m: line.figures[m].as_json() for _t, m in INDICATORS},
            }
            for line in summary.by_centre
        ],
        "by_country": [
            {
                "country": line.key,
                "currency": line.currency,
                "centres": line.centres,
                **{m: line.figures[m].as_json() for _t, m in INDICATORS},
            }
            for line in summary.by_country
        ],
        "by_month": [
            {
                "month": line.month,
                "centres": line.centres,
                "consultations": line.total.as_json(),
                "by_country": {c: f.as_json() for c, f in line.by_country.items()},
            }
            for line in summary.by_month
        ],
        "total": {m: f.as_json() for m, f in summary.total.items()},
        "co2_conventions": summary.co2_conventions(),
        "co2_mixed": summary.co2_mixed,
        "before_after": [row.as_json() for row in before_after],
    }


def _summary(args: argparse.Namespace) -> int:
    from siec_desk.documents.network_report.content import compose_report

    with open_coordinator(args.network_db, must_exist=True) as coordinator:
        summary = coordinator.summary()
        before_after = coordinator.before_after()
    if args.json:
        print_json(_summary_json(summary, before_after))
        return 0
    if summary.empty:
        print_line(_("No centre file imported yet."))
        return 0
    report = compose_report(
        summary, [], i18n.current_language(), lambda code, _lang: code, date.today(), before_after
    )
    grids = [report.imports, report.by_country, report.by_centre, report.by_month]
    extra = [g for g in (report.reach, report.before_after) if g is not None]
    for grid in (*grids, *extra):
        print_line(grid.title)
        print_table(grid.headers, [[name, *(e.text for e in row)] for name, row in grid.rows])
        print_line()
    for label_text, value in report.facts:
        if label_text == i18n._("CO₂ conventions"):
            print_line(f"{label_text}: {value}")
    return 0


def _report(args: argparse.Namespace) -> int:
    suffix = args.out.suffix.lower()
    if suffix not in (".pdf", ".xlsx"):
        raise SiecError(_("The report must be a .pdf or .xlsx file."))
    language = args.report_lang or i18n.current_language()
    with open_coordinator(args.network_db, must_exist=True) as coordinator:
        data = coordinator.report(suffix.lstrip("."), language)
    from siec_desk.core.files import write_private

    write_private(args.out, data)
    print_line(_("Report written to {path}").format(path=args.out))
    return 0
