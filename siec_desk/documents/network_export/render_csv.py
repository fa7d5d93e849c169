"""The export as CSV in long format: one line per table, cell (or margin) and measure.

Every line carries the centre and the period, so files from several centres can simply
be concatenated. UTF-8 with a byte-order mark (Excel then reads accents and Arabic
correctly); a suppressed value is empty with ``suppressed`` = ``true``. The before/after
table (format version 3) follows, one line per kind and figure (``dimension_1`` =
``kind``, no second dimension; an empty value that is not suppressed has no figure: no
household, or amounts not known for every household). Text is written
through :mod:`siec_desk.documents.engine.safe_cells`, so a commune never becomes a formula.
"""

from __future__ import annotations

import csv
import io

from siec_desk.documents.engine.safe_cells import csv_row
from siec_desk.network.export.before_after import MEASURES as BEFORE_AFTER
from siec_desk.network.export.before_after import TABLE_ID
from siec_desk.network.export.export_format import NetworkExport

HEADER = (
    "network_code",
    "country",
    "currency",
    "period_from",
    "period_to",
    "table",
    "dimension_1",
    "value_1",
    "dimension_2",
    "value_2",
    "measure",
    "value",
    "suppressed",
)


def csv_bytes(document: NetworkExport) -> bytes:
    meta = document.meta
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    head = (meta.network_code, meta.country, meta.currency, meta.months[0], meta.months[-1])
    for table in document.tables:
        spec = table.spec
        for (row, column), values in table.cells.items():
            for measure in table.measures:
                writer.writerow(
                    csv_row(
                        (
                            *head,
                            spec.id,
                            spec.rows,
                            row,
                            spec.columns,
                            column,
                            measure,
                            "" if values is None else values[measure],
                            "true" if values is None else "false",
                        )
                    )
                )
    for r in document.before_after:
        figures = r.values()
        for measure in BEFORE_AFTER:
            value = figures[measure]
            writer.writerow(
                csv_row(
                    (
                        *head,
                        TABLE_ID,
                        "kind",
                        r.kind,
                        "",
                        "",
                        measure,
                        "" if value is None else value,
                        "true" if r.suppressed else "false",
                    )
                )
            )
    return out.getvalue().encode("utf-8-sig")
