"""The report of an import in a few translated lines (shared by the wizard and the CLI)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

from siec_desk.core.files import write_private
from siec_desk.core.i18n import N_, LazyText, _, ngettext
from siec_desk.documents.engine.safe_cells import csv_row
from siec_desk.importing.fields import label as field_label
from siec_desk.importing.plan import ImportReport

#: How a row's household was found in the database (``HouseholdMatch.by``).
FOUND_BY: dict[str, LazyText] = {
    "phone": N_("same phone"),
    "name": N_("same name and commune"),
    "email": N_("same e-mail"),
}


def found_by(code: str) -> str:
    text = FOUND_BY.get(code)
    return str(text) if text is not None else code


def summary_lines(
    report: ImportReport,
    number: Callable[[int], str] = str,
    path: Callable[[str], str] = str,
) -> list[str]:
    """Counts first, then the warnings, then what was done (or not, in a dry run).

    *number* formats counts for the locale, *path* isolates a file path in Arabic text.
    """
    lines = [_("Rows read: {n}.").format(n=number(report.rows))]
    if report.blank_rows:
        lines.append(
            ngettext("{n} blank row skipped.", "{n} blank rows skipped.", report.blank_rows).format(
                n=number(report.blank_rows)
            )
        )
    if report.repeated_headers:
        lines.append(
            ngettext(
                "{n} row repeating the header skipped.",
                "{n} rows repeating the header skipped.",
                report.repeated_headers,
            ).format(n=number(report.repeated_headers))
        )
    lines.append(
        _("Households: {new} new, {known} already in the database.").format(
            new=number(report.households_new), known=number(report.households_matched)
        )
    )
    lines.append(
        _("Consultations: {new} new, {known} already recorded.").format(
            new=number(report.consultations_new), known=number(report.consultations_existing)
        )
    )
    rejected = len(report.rejected_lines)
    if rejected:
        lines.append(
            ngettext(
                "{n} row rejected: it is not imported.",
                "{n} rows rejected: they are not imported.",
                rejected,
            ).format(n=number(rejected))
        )
    lines.extend(report.warnings)
    if report.dry_run:
        lines.append(_("Nothing was changed (dry run)."))
    else:
        lines.append(
            _("Imported — households: {households}, consultations: {consultations}.").format(
                households=number(report.households_new),
                consultations=number(report.consultations_new),
            )
        )
        if report.backup:
            lines.append(
                _("The database was backed up first to {path}.").format(path=path(report.backup))
            )
    return lines


def rejected_csv(report: ImportReport) -> bytes:
    """The rejected rows as a CSV the spreadsheet programs open (UTF-8 with BOM, ";");
    a value such as ``=HYPERLINK(…)`` or ``+33 6…`` is written as text, never a formula."""
    out = io.StringIO()
    sheet = csv.writer(out, delimiter=";")
    sheet.writerow(csv_row([_("Line"), _("Field"), _("Value"), _("Reason")]))
    for problem in report.rejected:
        sheet.writerow(
            csv_row([problem.line, field_label(problem.field), problem.value, problem.message])
        )
    return out.getvalue().encode("utf-8-sig")


def write_rejected(report: ImportReport, path: Path) -> Path:
    """Write :func:`rejected_csv` to *path* whole and private (it holds personal data:
    names, phones, e-mails), or raise :class:`~siec_desk.core.errors.SiecError`."""
    return write_private(path, rejected_csv(report))
