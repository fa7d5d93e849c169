"""The export as an Excel workbook for people: an "About" sheet (centre, period, rules,
legend), then one sheet per table with one grid per measure, totals in bold. Laid out by
:mod:`siec_desk.documents.engine.xlsx`: labels in the current language, right-to-left sheets in
Arabic, counts and amounts are numbers (money in the centre's currency, named in the grid's
title), months are dates, and a suppressed entry is an **empty grey cell** with a note, so
that ``SUM()`` and formulas skip it (docs/network-export.md). Format version 3 adds a last
sheet: the before/after table by energy."""

from __future__ import annotations

from siec_desk.core.formatting import currency_digits, locale_for
from siec_desk.core.i18n import _, current_language, is_rtl
from siec_desk.documents.engine.xlsx import (
    BOLD,
    COUNT,
    DECIMAL_1,
    Book,
    Hidden,
    Month,
    Sheet,
    money_format,
)
from siec_desk.network.export import before_after_display as ba
from siec_desk.network.export.display import (
    GROUP_NOTES,
    MeasureName,
    blocks,
    legend,
    month_label,
    suppressed_mark,
)
from siec_desk.network.export.export_format import FORMAT_NAME, FORMAT_VERSION, NetworkExport
from siec_desk.network.export.suppression import TOTAL
from siec_desk.network.export.tables import PublishedTable
from siec_desk.texts.labels import COUNTRIES, label


def hidden_cells_note() -> str:
    """How the workbook shows a suppressed entry."""
    return _(
        "In this workbook a figure not published is an empty grey cell (its note reads "
        "“{mark}”), so that sums and formulas skip it."
    ).format(mark=suppressed_mark())


def _about(sheet: Sheet, document: NetworkExport, locale: str) -> None:
    meta = document.meta
    first, last = (month_label(m, locale) for m in (meta.months[0], meta.months[-1]))
    published, suppressed = document.counts()
    sheet.title(_("Anonymised statistics for the network"))
    rows: list[tuple[str, object]] = [
        (_("Format"), f"{FORMAT_NAME} {FORMAT_VERSION}"),
        (_("Software version"), meta.software_version),
        (_("Network code"), meta.network_code),
        (_("Country"), label(COUNTRIES, meta.country)),
        (_("Currency"), meta.currency),
        (_("Period"), _("{first} to {last}").format(first=first, last=last)),
        (_("Threshold (households)"), meta.threshold),
        (_("Dominance rule"), _("a sum is hidden when one household holds over 85 %")),
        (_("Communes named from"), meta.named_commune_min),
        (_("Produced on"), meta.generated_on),
        (_("Figures published"), published),
        (_("Figures suppressed"), suppressed),
    ]
    for name, value in rows:
        row = sheet.row([name, value])
        sheet.ws.cell(row, 1).font = BOLD
    sheet.blank()
    for text in (
        legend(meta.threshold),
        hidden_cells_note(),
        _(
            "Never in this file: names, addresses, phone numbers, e-mails, notes or other "
            "free text, exact dates, household or consultation numbers. Communes appear "
            "only when large enough; otherwise their area (département, province, "
            "governorate)."
        ),
    ):
        sheet.paragraph(text, span=3)
    sheet.finish({1: 34, 2: 26, 3: 26}, first=34)


def _table(
    sheet: Sheet, table: PublishedTable, document: NetworkExport, measure_name: MeasureName
) -> None:
    meta = document.meta
    title = str(table.spec.title)
    sheet.title(title)
    note = GROUP_NOTES.get(table.spec.group)
    if note:
        sheet.row([str(note)])
    hidden = Hidden(legend(meta.threshold))
    money = money_format(currency_digits(meta.currency))
    codes = (*table.rows, TOTAL)
    for block in blocks(table, sheet.locale, meta.currency, measure_name):
        sheet.blank()
        sheet.row([block.title], bold=True)
        sheet.header([block.corner, *block.columns])
        fmt = money if block.measure == "money_per_year_minor" else COUNT
        for code, (row_label, entries) in zip(codes, block.rows, strict=True):
            name: object = row_label
            if table.spec.rows == "month" and code != TOTAL:
                name = Month.of(code)
            values = [hidden if e.value is None else e.value for e in entries]
            row = sheet.row([name, *values], [None, *[fmt] * len(values)])
            if code == TOTAL:
                sheet.ws.cell(row, 1).font = BOLD
            for column, entry in enumerate(entries, start=2):
                if entry.total:
                    sheet.ws.cell(row, column).font = BOLD
    sheet.blank()
    sheet.paragraph(legend(meta.threshold), span=6)
    sheet.paragraph(hidden_cells_note(), span=6)
    sheet.finish(first=34)


def _before_after(sheet: Sheet, document: NetworkExport) -> None:
    meta = document.meta
    sheet.title(str(ba.TITLE))
    sheet.paragraph(ba.note(meta.threshold), span=7)
    sheet.blank()
    sheet.header([_("Energy"), *ba.headers(meta.currency)])
    hidden = Hidden(legend(meta.threshold))
    money = money_format(currency_digits(meta.currency))
    formats = [None, COUNT, DECIMAL_1, DECIMAL_1, DECIMAL_1, money, money]
    for line in ba.centre_lines(document.before_after, meta.country, meta.currency):
        values = [hidden] * len(line.values) if line.suppressed else list(line.values)
        sheet.row([line.label, *values], formats)
    sheet.blank()
    sheet.paragraph(legend(meta.threshold), span=7)
    sheet.paragraph(hidden_cells_note(), span=7)
    sheet.finish(first=30)


def xlsx_bytes(document: NetworkExport, measure_name: MeasureName) -> bytes:
    meta = document.meta
    locale = locale_for(current_language(), meta.country)
    book = Book(rtl=is_rtl(), locale=locale)
    about, *sheets = book.sheets(
        [
            _("About"),
            *((f"{n:02d}", str(t.spec.title)) for n, t in enumerate(document.tables, start=1)),
            *(
                [(f"{len(document.tables) + 1:02d}", str(ba.TITLE))]
                if document.before_after
                else []
            ),
        ]
    )
    _about(about, document, locale)
    for sheet, table in zip(sheets, document.tables, strict=False):
        _table(sheet, table, document, measure_name)
    if document.before_after:
        _before_after(sheets[-1], document)
    return book.save(title=_("Anonymised statistics for the network"), creator=meta.network_code)
