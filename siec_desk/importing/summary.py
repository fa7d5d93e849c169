"""The report of an import in a few translated lines (shared by the wizard and the CLI);
the rejected rows as a file are a document (``documents.import_report``)."""

from __future__ import annotations

from collections.abc import Callable

from siec_desk.core.i18n import N_, LazyText, _, label, ngettext
from siec_desk.importing.plan_records import ImportReport

#: How a row's household was found in the database (``HouseholdMatch.by``).
FOUND_BY: dict[str, LazyText] = {
    "phone": N_("same phone"),
    "name": N_("same name and commune"),
    "email": N_("same e-mail"),
}


def found_by(code: str) -> str:
    return label(FOUND_BY, code)


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
