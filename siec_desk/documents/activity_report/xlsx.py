"""The monthly report as an Excel workbook (openpyxl): a summary sheet, the 12-month trend
and one sheet per breakdown. Laid out by :mod:`siec_desk.documents.engine.xlsx`: numbers stored
as numbers, months and the day it was made as dates, one currency with its unit in the
header, headers frozen and repeated on printed pages, right-to-left sheets for Arabic."""

from __future__ import annotations

from decimal import Decimal

from siec_desk.core.formatting import currency_digits
from siec_desk.core.i18n import _, language_override, pgettext
from siec_desk.documents.activity_report.content import Figure, ReportContent
from siec_desk.documents.activity_report.events import EventsReport
from siec_desk.documents.activity_report.loans import loan_rows
from siec_desk.documents.engine.xlsx import (
    COUNT,
    DECIMAL_1,
    SHARE,
    Book,
    Month,
    Sheet,
    money_format,
)


def report_workbook(report: ReportContent) -> bytes:
    with language_override(report.language):
        return _build(report)


def _figure_format(figure: Figure, currency: str) -> str:
    if figure.unit == "share":
        return SHARE
    if figure.unit == "kwh":
        return f'{COUNT}" kWh"'
    if figure.unit == "co2":
        return f'{COUNT}" kg"'
    if figure.unit == "money":
        return f'{COUNT}" {currency}"'
    values = (figure.current, figure.previous, figure.year_before)
    if figure.unit == "hours" or any(v is not None and v != int(v) for v in values):
        return DECIMAL_1
    return COUNT


def _figure_value(figure: Figure, value: float | None, minor: Decimal) -> float | int | None:
    if value is None:
        return None
    if figure.unit == "money":
        return round(float(Decimal(value) / minor))
    if figure.unit == "share":
        return round(value, 4)
    if float(value).is_integer():
        return int(value)
    return round(value, 1)


def _build(report: ReportContent) -> bytes:
    digits = currency_digits(report.currency)
    minor = Decimal(10) ** digits
    book = Book(rtl=report.direction == "rtl", locale=report.locale)
    titles = [_("Summary"), _("Last 12 months"), *(b.title for b in report.breakdowns)]
    sheets = book.sheets([*titles, report.events.title] if report.events else titles)
    summary, trend, *breakdowns = sheets[: len(titles)]
    summary.header(
        [_("Indicator"), report.period_label, _("Previous period"), _("Same period last year")]
    )
    for figure in report.figures:
        values = (figure.current, figure.previous, figure.year_before)
        fmt = _figure_format(figure, report.currency)
        summary.row(
            [figure.label, *(_figure_value(figure, v, minor) for v in values)], [None, *[fmt] * 3]
        )
    loan_rows(summary, report.loans)  # schema 0017
    summary.blank()
    summary.row([report.centre_name])
    summary.row([_("Produced on"), report.generated or report.generated_on])
    summary.finish(first=52)

    trend.header([_("Month"), _("Consultations"), _("Households")])
    for month in report.trend:
        when = Month(month.first_day) if month.first_day else month.label
        trend.row([when, month.consultations, month.households])
    trend.finish()

    money = money_format(digits)
    for sheet, breakdown in zip(breakdowns, report.breakdowns, strict=True):
        sheet.header(
            [
                breakdown.title,
                _("Consultations"),
                _("Households"),
                _("Hours"),
                _("kWh/year recommended"),
                _("Money/year recommended ({currency})").format(currency=report.currency),
                _("CO₂ kg/year recommended"),
            ]
        )
        for row in breakdown.rows:
            sheet.row(
                [
                    row.label,
                    row.consultations,
                    row.households,
                    round(row.duration_min / 60, 1),
                    round(row.kwh),
                    float(Decimal(row.money_minor) / minor),
                    round(row.co2_kg),
                ],
                [None, COUNT, COUNT, DECIMAL_1, COUNT, money, COUNT],
            )
        sheet.finish()
    if report.events is not None:
        _events_sheet(sheets[-1], report.events)
    return book.save(title=f"{report.title} — {report.period_label}", creator=report.centre_name)


def _events_sheet(sheet: Sheet, events: EventsReport) -> None:
    """Events and people reached (schema 0016): the summary, then by type and audience."""
    sheet.header([events.title, pgettext("quantity", "Number")])
    for line in events.summary:
        sheet.row([line.label, line.value], [None, COUNT])
    for title, lines in ((events.by_type_title, events.by_type),
                         (events.by_audience_title, events.by_audience)):  # fmt: skip
        sheet.blank()
        sheet.row([title])
        for line in lines:
            sheet.row([line.label, line.value], [None, COUNT])
    sheet.blank()
    sheet.row([events.note])
    sheet.finish()
