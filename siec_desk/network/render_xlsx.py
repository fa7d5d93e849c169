"""The export as an Excel workbook for people: an "About" sheet (centre, period, rules,
legend), then one sheet per table with one grid per measure, totals in bold, suppressed
entries shown as the mark on grey. Labels in the current language; right-to-left sheets
in Arabic. Numbers are stored as numbers."""

from __future__ import annotations

import io
import re

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from siec_desk.documents.safe_cells import append
from siec_desk.formatting import locale_for
from siec_desk.i18n import _, current_language, is_rtl
from siec_desk.labels import COUNTRIES, label
from siec_desk.network.display import (
    GROUP_NOTES,
    MeasureName,
    blocks,
    legend,
    month_label,
    suppressed_mark,
)
from siec_desk.network.export_format import FORMAT_NAME, FORMAT_VERSION, NetworkExport

_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=13)
_HEADER_FILL = PatternFill("solid", fgColor="E8F5E9")
_SUPPRESSED_FILL = PatternFill("solid", fgColor="DDDDDD")
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
_FORMATS = {"money_per_year_minor": "#,##0.00"}


def _sheet_title(number: int, text: str) -> str:
    return f"{number:02d} {_BAD_SHEET_CHARS.sub(' ', text)}"[:31].strip()


def _about(ws: Worksheet, document: NetworkExport, locale: str) -> None:
    meta = document.meta
    first, last = (month_label(m, locale) for m in (meta.months[0], meta.months[-1]))
    published, suppressed = document.counts()
    append(ws, [_("Anonymised statistics for the network")])
    ws["A1"].font = _TITLE
    rows = [
        (_("Format"), f"{FORMAT_NAME} {FORMAT_VERSION}"),
        (_("Software version"), meta.software_version),
        (_("Network code"), meta.network_code),
        (_("Country"), label(COUNTRIES, meta.country)),
        (_("Currency"), meta.currency),
        (_("Period"), _("{first} to {last}").format(first=first, last=last)),
        (_("Threshold (households)"), meta.threshold),
        (_("Dominance rule"), _("a sum is hidden when one household holds over 85 %")),
        (_("Communes named from"), meta.named_commune_min),
        (_("Produced on"), meta.generated_on.isoformat()),
        (_("Figures published"), published),
        (_("Figures suppressed"), suppressed),
    ]
    for name, value in rows:
        append(ws, [name, value])
        ws.cell(ws.max_row, 1).font = _BOLD
    append(ws, [])
    for text in (
        legend(meta.threshold),
        _(
            "Never in this file: names, addresses, phone numbers, e-mails, notes or other "
            "free text, exact dates, household or consultation numbers. Communes appear "
            "only when large enough; otherwise their area (département, province, "
            "governorate)."
        ),
    ):
        append(ws, [text])
        ws.cell(ws.max_row, 1).alignment = Alignment(wrap_text=True, vertical="top")
        ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=4)
        ws.row_dimensions[ws.max_row].height = 60
    ws.column_dimensions["A"].width = 34
    for column in "BCD":
        ws.column_dimensions[column].width = 24


def xlsx_bytes(document: NetworkExport, measure_name: MeasureName) -> bytes:
    meta = document.meta
    locale = locale_for(current_language(), meta.country)
    book = Workbook()
    about = book.active
    assert about is not None
    about.title = _("About")[:31]
    about.sheet_view.rightToLeft = is_rtl()
    _about(about, document, locale)
    mark = suppressed_mark()
    for number, table in enumerate(document.tables, start=1):
        title = str(table.spec.title)
        ws = book.create_sheet(_sheet_title(number, title))
        ws.sheet_view.rightToLeft = is_rtl()
        append(ws, [title])
        ws["A1"].font = _TITLE
        note = GROUP_NOTES.get(table.spec.group)
        if note:
            append(ws, [str(note)])
        widest = 0
        for block in blocks(table, locale, meta.currency, measure_name):
            append(ws, [])
            append(ws, [block.title])
            ws.cell(ws.max_row, 1).font = _BOLD
            append(ws, [block.corner, *block.columns])
            for cell in ws[ws.max_row]:
                cell.font = _BOLD
                cell.fill = _HEADER_FILL
                cell.alignment = Alignment(wrap_text=True, vertical="center")
            for row_label, entries in block.rows:
                append(ws, [row_label, *(mark if e.value is None else e.value for e in entries)])
                line = ws[ws.max_row]
                line[0].font = _BOLD if row_label == _("Total") else Font()
                for cell, entry in zip(line[1:], entries, strict=True):
                    if entry.value is None:
                        cell.fill = _SUPPRESSED_FILL
                        cell.alignment = Alignment(horizontal="center")
                    else:
                        cell.number_format = _FORMATS.get(block.measure, "#,##0")
                    if entry.total:
                        cell.font = _BOLD
            widest = max(widest, len(block.columns))
        append(ws, [])
        append(ws, [legend(meta.threshold)])
        ws.column_dimensions["A"].width = 34
        for index in range(2, widest + 2):
            ws.column_dimensions[get_column_letter(index)].width = 14
    book.properties.title = _("Anonymised statistics for the network")
    book.properties.creator = meta.network_code
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
