"""The dry run: every row read, validated and matched, nothing written.

Pass 1 reads each row and validates it with the services' rules (:class:`Rules`); a row
with any bad value is rejected whole, with its line number and the reason. Pass 2 finds
each row's household — already in the database, met on an earlier row, or new — and
whether its consultation is already recorded. The result, an :class:`ImportPlan`, is
both the report the user reads and the rows ``apply`` writes.

Re-importing the same file adds nothing: its people are found again by phone or by name
and commune, and each consultation by its key (household or, anonymous, commune; day;
mode; themes; and the time when the sheet gives one). A key present *n* times in the
database matches its first *n* rows in the file, so two identical anonymous calls on
one day are two consultations, and importing them again adds none.

Rows are streamed from the file (``source.Rows``); each household is matched as soon as
its row is valid (the database's households are loaded first), and only what the import
writes is kept, packed (pickled tuples): the plan of a 50 MB sheet fits in 400 MB
(``benchmarks/import_memory.py``). The consultations already recorded are loaded for the
file's days once every row is read, and matched then.

This module runs the two passes; the report and plan records are ``plan_records``, a
row's validation ``row_checks`` and the matching ``plan_matching``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from siec_desk.core.i18n import _
from siec_desk.importing.fields import IDENTITY
from siec_desk.importing.mapping import ImportMapping
from siec_desk.importing.matching import ExistingIndex
from siec_desk.importing.plan_matching import HouseholdMatcher, match_rows
from siec_desk.importing.plan_records import (
    Cancelled,
    ImportPlan,
    ImportReport,
    NewConsultation,
    Packer,
    Progress,
)
from siec_desk.importing.problems import ImportCancelledError, ImportMappingError
from siec_desk.importing.row_checks import Rules, validated, warnings_of
from siec_desk.importing.rows import RowProblem, RowReader
from siec_desk.importing.source import RowCounts, SourceTable, data_rows

_STEP = 500
_PLACE = ("commune", "postal_code")


def validate_rows(
    reader: RowReader,
    rows: Iterable[tuple[int, list[Any]]],
    rules: Rules,
    total: int,
    progress: Progress,
    cancelled: Cancelled,
    matcher: HouseholdMatcher,
    packer: Packer,
) -> tuple[list[NewConsultation], list[RowProblem], int]:
    """Pass 1 (streamed): (consultations of the valid rows, their households matched;
    problems; rows read). A valid row without a date adds or finds its household only."""
    valid: list[NewConsultation] = []
    problems: list[RowProblem] = []
    count = 0
    for count, (line, cells) in enumerate(rows, 1):
        if count % _STEP == 0:
            if cancelled():
                raise ImportCancelledError(_("Import cancelled: nothing was written."))
            progress(count, total, "check")
        read = reader.read(line, cells)
        if isinstance(read, list):
            problems.extend(read)
            continue
        if not read.identified and read.day is None:
            problems.append(
                RowProblem(
                    line,
                    None,
                    "",
                    _("Nothing to import: no name, phone or e-mail, and no date.")
                    if reader.has_date
                    else _("Nothing to import: no name, phone or e-mail."),
                )
            )
            continue
        checked = validated(read, rules, problems)
        if checked is None:
            continue
        household, consultation = checked
        found, new_index = matcher.find(line, household) if household is not None else (None, None)
        if consultation is None or read.day is None:
            continue
        valid.append(
            NewConsultation(
                line,
                packer.pack(consultation),
                packer.share(tuple(consultation["themes"])),
                found,
                new_index,
                packer.share(consultation["commune"]),
                packer.share(consultation["postal_code"]),
                packer.share(consultation["mode"]),
                read.day,
                read.clock,
            )
        )
    progress(count, count, "check")
    return valid, problems, count


def build_plan(
    table: SourceTable,
    header_line: int,
    columns: list[str | None],
    mapping: ImportMapping,
    rules: Rules,
    load_households: Callable[[], ExistingIndex],
    load_consultations: Callable[[ExistingIndex, date, date], None],
    *,
    country: str,
    today: date,
    progress: Progress,
    cancelled: Cancelled,
) -> ImportPlan:
    """Read, validate and match every data row of *table*, streamed (nothing is written)."""
    mapped = {c for c in columns if c}
    if not mapped.intersection((*IDENTITY, "date")):
        raise ImportMappingError(
            _("Nothing to import: choose the column of a name, a phone, an e-mail or a date.")
        )
    counts = RowCounts()
    reader = RowReader(columns, mapping.values, mapping.defaults, country, table.epoch, today)
    report = ImportReport(file_sha256=table.sha256)
    matcher = HouseholdMatcher(load_households(), report)
    packer = Packer(("themes", *_PLACE))
    valid, problems, read = validate_rows(
        reader,
        data_rows(table, header_line, counts),
        rules,
        len(table.rows),
        progress,
        cancelled,
        matcher,
        packer,
    )
    progress(0, 0, "match")
    if valid:
        days = [row.day for row in valid]
        load_consultations(matcher.existing, min(days), max(days))
        del days
    if cancelled():
        raise ImportCancelledError(_("Import cancelled: nothing was written."))
    report.rows = read
    report.blank_rows = counts.blank
    report.repeated_headers = counts.repeated_headers
    report.rejected = sorted(problems, key=lambda p: p.line)
    report.unknown_values = sorted(
        reader.tally.unknown.values(), key=lambda u: (u.field, -u.count, u.first_line)
    )
    report.warnings = [*table.notes(), *warnings_of(reader.tally)]
    return match_rows(valid, matcher, packer, report)
