"""The rejected rows of an import as a file: a CSV the spreadsheet programs open, written
through the documents' one formula-safe writer (``documents.engine.safe_cells``) and whole
and private (it holds personal data). The import's summary in words stays with the
import (``importing.summary``)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from siec_desk.core.files import write_private
from siec_desk.core.i18n import _
from siec_desk.documents.engine.safe_cells import csv_row
from siec_desk.importing.fields import label as field_label
from siec_desk.importing.plan_records import ImportReport


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
