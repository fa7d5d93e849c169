"""``import FILE [--mapping MAP.json] [--sheet NAME] [--dry-run] [--save-mapping OUT.json]
[--json]``: households and consultations from a CSV or XLSX sheet (cli.md, Import).

Without a mapping file, columns and values are guessed from the headers and the labels
(see docs/import.md). ``--save-mapping`` writes the mapping used, to adjust by hand and
pass back with ``--mapping``. Rejected rows are listed; the valid ones are imported.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from siec_desk.cli.arg_types import add_json_flag
from siec_desk.cli.context import app_context
from siec_desk.cli.output import print_json, print_line, print_table
from siec_desk.core.i18n import _
from siec_desk.importing import encodings
from siec_desk.importing.codes import GUESSED
from siec_desk.importing.fields import label as field_label
from siec_desk.importing.mapping import (
    ImportMapping,
    load_mapping,
    mapping_from_columns,
    save_mapping,
)
from siec_desk.importing.plan_records import ImportReport
from siec_desk.importing.source import SourceTable
from siec_desk.importing.summary import found_by, summary_lines
from siec_desk.services.importer import ColumnInfo, ImportService

#: Matches listed in the text output (all of them are in --json).
SHOWN_MATCHES = 50


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    command = commands.add_parser(
        "import", help=_("import households and consultations from a CSV or XLSX sheet")
    )
    command.add_argument("file", type=Path, metavar=_("FILE"))
    command.add_argument(
        "--mapping", type=Path, metavar="MAP.json", help=_("columns and values to use")
    )
    command.add_argument("--sheet", metavar=_("NAME"), help=_("the sheet to read (XLSX)"))
    command.add_argument(
        "--dry-run", action="store_true", help=_("only report what would be imported")
    )
    command.add_argument(
        "--save-mapping",
        type=Path,
        metavar="OUT.json",
        help=_("write the mapping used (guessed or given) to a file"),
    )
    add_json_flag(command)
    command.set_defaults(handler=_import)


def _mapping(args: argparse.Namespace) -> ImportMapping:
    mapping = load_mapping(args.mapping) if args.mapping else ImportMapping()
    if args.sheet:
        mapping.sheet = args.sheet
    return mapping


def _complete(
    service: ImportService, table: SourceTable, header: int, mapping: ImportMapping
) -> ImportMapping:
    """The mapping with every column named and the guessed values written out."""
    columns = service.columns(table, header, mapping)
    full = mapping_from_columns([c.header for c in columns], [c.field for c in columns], mapping)
    full.header_row = header
    full.sheet = table.sheet
    for value in service.values(table, header, full):
        if value.how == GUESSED and len(value.codes) == 1:
            full.values.setdefault(value.field, {})[value.value] = value.codes[0]
    return full


def _import(args: argparse.Namespace) -> int:
    mapping = _mapping(args)
    with app_context(args) as ctx:
        service = ImportService(ctx)
        table = service.read(args.file, mapping)
        header = service.header_line(table, mapping)
        columns = service.columns(table, header, mapping)
        if args.save_mapping:
            save_mapping(_complete(service, table, header, mapping), args.save_mapping)
        report = service.dry_run(table, mapping) if args.dry_run else service.run(table, mapping)
    if args.json:
        data = report.as_json()
        data["source"] = {
            "file": str(args.file),
            "format": table.kind,
            "sheet": table.sheet,
            "encoding": table.encoding,
            "delimiter": table.delimiter,
            "header_row": header,
            "columns": [{"header": c.header, "field": c.field} for c in columns],
        }
        print_json(data)
        return 0
    _print_source(args.file, table, header, columns)
    _print_report(report)
    return 0


def _print_source(path: Path, table: SourceTable, header: int, columns: list[ColumnInfo]) -> None:
    if table.kind == "csv":
        print_line(
            _("{file}: CSV, {encoding}, delimiter “{delimiter}”, header on line {line}.").format(
                file=path.name,
                encoding=encodings.display_name(table.encoding or ""),
                delimiter="TAB" if table.delimiter == "\t" else table.delimiter,
                line=header,
            )
        )
    else:
        print_line(
            _("{file}: sheet “{sheet}”, header on row {line}.").format(
                file=path.name, sheet=table.sheet, line=header
            )
        )
    print_table(
        [_("Column"), _("Imported as")],
        [(c.header or "—", field_label(c.field) or _("(not imported)")) for c in columns],
    )
    print_line()


def _print_report(report: ImportReport) -> None:
    for line in summary_lines(report)[: -1 if report.dry_run else None]:
        print_line(line)
    lines = report.rejected_lines
    if lines:
        print_line()
        print_line(_("Rejected rows:"))
        print_table(
            [_("Line"), _("Field"), _("Value"), _("Reason")],
            [(p.line, field_label(p.field), p.value, p.message) for p in report.rejected],
        )
    if report.unknown_values:
        print_line()
        print_line(_("Values without a code (map them in a mapping file, “values”):"))
        print_table(
            [_("Field"), _("Value"), _("Rows"), _("First line")],
            [(field_label(u.field), u.value, u.count, u.first_line) for u in report.unknown_values],
        )
    if report.matches:
        print_line()
        print_line(_("Rows of households already in the database:"))
        print_table(
            [_("Line"), _("Household"), _("Found by")],
            [(m.line, m.household_id, found_by(m.by)) for m in report.matches[:SHOWN_MATCHES]],
        )
        if len(report.matches) > SHOWN_MATCHES:
            print_line(
                _("… and {n} more (see --json).").format(n=len(report.matches) - SHOWN_MATCHES)
            )
    if report.dry_run:
        print_line()
        print_line(summary_lines(report)[-1])
