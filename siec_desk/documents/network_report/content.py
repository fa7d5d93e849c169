"""The network report's content, translated and formatted in one language: the grids the
workbook, the PDF and the network window show. A merged figure is a number, or the
suppressed mark when every centre hid it, or a number marked incomplete when some did.
The merged figures come in as plain data (``domain.network_results``): no query here."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache

from babel.lists import format_list

from siec_desk.core.formatting import currency_digits, format_date, format_number, locale_for, ltr
from siec_desk.core.i18n import _, language_override, pgettext, text_direction
from siec_desk.domain.network_figures import EMPTY, Figure
from siec_desk.domain.network_results import (
    COUNTS,
    INDICATORS,
    MONEY,
    REACH,
    MergedTable,
    NetworkSummary,
)
from siec_desk.network.export.before_after import MergedBeforeAfter
from siec_desk.network.export.display import (
    GROUP_NOTES,
    dimension_name,
    measure_title,
    month_label,
    suppressed_mark,
    value_label,
)
from siec_desk.network.export.safe_text import FORBIDDEN
from siec_desk.network.export.suppression import TOTAL
from siec_desk.network.export.tables import TABLES
from siec_desk.texts.labels import COUNTRIES, label

MeasureName = Callable[[str, str], str]


def _clean(text: str) -> str:
    """Without control and text-direction characters: a network database written by an
    older version may hold them (they are refused at import since), and a file name may."""
    return FORBIDDEN.sub("", text)


TITLES = {spec.id: spec.title for spec in TABLES}
#: The headline figures of the "By centre" and "By country" grids (reach: its own grid).
HEADLINE = tuple(i for i in INDICATORS if i[1] not in REACH)


@dataclass(frozen=True)
class Shown:
    """One entry as shown: *number* in display units (None: nothing to show as a number),
    *text* formatted, *incomplete* when some centres hid their part."""

    number: float | int | None
    text: str
    incomplete: bool = False
    total: bool = False
    #: "at_least" (an incomplete count) or "partial" (an incomplete sum).
    bound: str = ""
    #: The currency of an amount of money (Excel gives each currency its own column).
    unit: str = ""
    #: The day a text entry shows, for Excel (a date cell).
    day: date | None = None


@dataclass(frozen=True)
class Grid:
    title: str
    headers: list[str]
    rows: list[tuple[str, list[Shown]]]
    note: str = ""
    #: Share of the largest value per row, for bar charts (first numeric column).
    chart_column: int | None = None
    #: Each row's month (YYYY-MM; "" for a row that is not a month), for Excel (dates).
    row_months: tuple[str, ...] = ()


@dataclass(frozen=True)
class NetworkReportContent:
    language: str
    direction: str
    locale: str
    title: str
    generated_on: str
    facts: list[tuple[str, str]]  # (label, value) lines of the summary
    imports: Grid
    by_centre: Grid
    by_country: Grid
    by_month: Grid
    details: list[Grid]
    legend: list[str]
    generated: date | None = None  # the day it was made, for Excel (a date)
    #: The merged before/after table (files of format version 3), or None.
    before_after: Grid | None = None
    #: Events and people reached by centre, country and network (``reach``).
    reach: Grid | None = None
    #: The "CO₂ conventions" fact in short (centres counted by country: ``conventions``).
    co2_counts: str = ""


def _scale(measure: str, currency: str) -> Decimal:
    return Decimal(10) ** currency_digits(currency) if measure == MONEY else Decimal(1)


def shown(
    figure: Figure, measure: str, locale: str, currency: str = "EUR", total: bool = False
) -> Shown:
    """A merged figure as displayed: counts incomplete read "≥ n"; sums "n + ?"."""
    value = figure.value
    if value is None:
        text = suppressed_mark() if figure.incomplete else "—"
        return Shown(None, text, figure.incomplete, total)
    digits = currency_digits(currency) if measure == MONEY else 0
    number: float | int = float(Decimal(value) / _scale(measure, currency)) if digits else value
    text = _number_text(number, locale, digits)
    bound = ""
    if figure.incomplete:
        bound = "at_least" if measure in COUNTS else "partial"
        if measure in COUNTS:
            text = pgettext("incomplete count", "≥ {value}").format(value=text)
        else:
            text = pgettext("incomplete sum", "{value} + ?").format(value=text)
    return Shown(number, text, figure.incomplete, total, bound)


@lru_cache(maxsize=8192, typed=True)
def _number_text(number: float | int, locale: str, digits: int) -> str:
    """``format_number``, remembered: a network's tables repeat the same small counts
    thousands of times (Babel takes about 0.1 ms a number)."""
    return format_number(number, locale, digits)


def legend() -> list[str]:
    return [
        _(
            "≥ n: at least n. Some centres did not publish this figure (too few "
            "households behind it); n is the sum of the centres that did."
        ),
        _(
            "n + ?: the sum of the published parts; the hidden parts of some centres "
            "are unknown (a savings estimate may be negative)."
        ),
        _("{mark}: every centre concerned hid this figure.").format(mark=suppressed_mark()),
        _("—: no centre has data for it."),
        _("Money is summed per currency only: see the figures by centre and by country."),
    ]


def _indicator_headers() -> list[str]:
    return [
        (
            _("Estimated savings per year (currency of the country)")
            if m == MONEY
            else measure_title(m, "")
        )
        for _t, m in HEADLINE
    ]


def _figures_row(figures: dict[str, Figure], locale: str, currency: str) -> list[Shown]:
    row = []
    for _t, m in HEADLINE:
        entry = shown(figures.get(m, EMPTY), m, locale, currency)
        if m == MONEY and entry.number is not None:
            entry = Shown(
                entry.number,
                f"{entry.text} {currency}",
                entry.incomplete,
                bound=entry.bound,
                unit=currency,
            )
        row.append(entry)
    return row


def _imports_grid(summary: NetworkSummary, locale: str) -> Grid:
    headers = [
        _("Network code"),
        _("Country"),
        _("Period"),
        _("Months"),
        _("Threshold (households)"),
        _("Software version"),
        _("Imported on"),
        _("File"),
    ]
    rows = []
    for info in summary.imports:
        period = _("{first} to {last}").format(
            first=month_label(info.first_month, locale), last=month_label(info.last_month, locale)
        )
        cells = [
            Shown(None, label(COUNTRIES, info.country)),
            Shown(None, period),
            Shown(info.month_count, str(info.month_count)),
            Shown(info.threshold, str(info.threshold)),
            Shown(None, _clean(info.software_version)),
            # The long form: "07/12/2026" prints as 2026/12/07 in Arabic (CLDR's marks).
            Shown(
                None,
                format_date(info.imported_at.date(), locale, "long"),
                day=info.imported_at.date(),
            ),
            Shown(None, _clean(info.file_name)),
        ]
        rows.append((_clean(info.network_code), cells))
    return Grid(_("Centre files imported"), headers, rows)


def _centre_grid(summary: NetworkSummary, locale: str) -> Grid:
    headers = [_("Centre"), _("Country"), *_indicator_headers()]
    rows = []
    for line in summary.by_centre:
        values = _figures_row(line.figures, locale, line.currency)
        rows.append((line.key, [Shown(None, label(COUNTRIES, line.country)), *values]))
    note = _("Savings in money are in each centre's currency.")
    if summary.co2_mixed:
        note += " " + co2_mixed_note()
    return Grid(_("By centre"), headers, rows, note, chart_column=1)


def co2_mixed_note() -> str:
    return _(
        "CO₂ figures rest on different conventions (see “CO₂ conventions”): the network "
        "total adds up figures that are not comparable."
    )


def co2_conventions_text(summary: NetworkSummary, rtl: bool = False) -> str:
    """Each convention code with its centres, e.g. "fr-dpe-2021: FR-PAR; …"; *rtl*: for an
    Arabic document (Arabic separators, each code isolated so it keeps its order)."""
    code_text = ltr if rtl else str
    comma, semicolon = ("، ", "؛ ") if rtl else (", ", "; ")
    parts = [
        _("{convention}: {centres}").format(
            convention=code_text(code) if code else _("not stated (earlier version)"),
            centres=comma.join(code_text(c) for c in centres),
        )
        for code, centres in summary.co2_conventions().items()
    ]
    return _with_mixed_note(semicolon.join(parts) or "—", summary)


def _with_mixed_note(text: str, summary: NetworkSummary) -> str:
    return f"{text}. {co2_mixed_note()}" if summary.co2_mixed else text


def _country_grid(summary: NetworkSummary, locale: str) -> Grid:
    headers = [_("Country"), _("Centres"), *_indicator_headers()]
    rows = []
    for line in summary.by_country:
        values = _figures_row(line.figures, locale, line.currency)
        rows.append((label(COUNTRIES, line.key), [Shown(line.centres, str(line.centres)), *values]))
    total = [shown(summary.total.get(m, EMPTY), m, locale, total=True) for _t, m in HEADLINE]
    money = HEADLINE.index(("savings_by_month_measure", MONEY))
    total[money] = Shown(None, "")
    count = len(summary.by_centre)
    rows.append((_("Network"), [Shown(count, str(count), total=True), *total]))
    return Grid(_("By country"), headers, rows, chart_column=1)


def _month_grid(summary: NetworkSummary, locale: str) -> Grid:
    headers = [
        _("Month"),
        *(label(COUNTRIES, c) for c in summary.countries),
        _("Network"),
        _("Centres covered"),
    ]
    rows = []
    for line in summary.by_month:
        cells = [shown(line.by_country[c], "consultations", locale) for c in summary.countries]
        cells.append(shown(line.total, "consultations", locale, total=True))
        cells.append(Shown(line.centres, str(line.centres)))
        rows.append((month_label(line.month, locale), cells))
    return Grid(
        _("Consultations by month"),
        headers,
        rows,
        _("A month counts the centres whose files cover it."),
        chart_column=len(summary.countries) + 1,
        row_months=tuple(line.month for line in summary.by_month),
    )


def _detail_grids(
    table: MergedTable, locale: str, currency: str, measure_name: MeasureName
) -> list[Grid]:
    columns = [*table.columns, TOTAL]

    def name(dimension: str, code: str, others: list[str]) -> str:
        return _clean(value_label(dimension, code, locale, measure_name, others))

    corner = f"{dimension_name(table.row_dimension)} \\ {dimension_name(table.column_dimension)}"
    header = [corner, *(name(table.column_dimension, c, columns) for c in columns)]
    note = str(GROUP_NOTES.get(table.group, ""))
    if table.left_out:
        note = " ".join(
            part
            for part in (note, _("Money is left out: the centres use several currencies."))
            if part
        )
    grids = []
    for measure in table.measures:
        rows = []
        for row in (*table.rows, TOTAL):
            cells = [
                shown(
                    table.figure(row, column, measure),
                    measure,
                    locale,
                    currency,
                    total=TOTAL in (row, column),
                )
                for column in columns
            ]
            rows.append((name(table.row_dimension, row, table.rows), cells))
        title = str(TITLES.get(table.id, table.id))
        if len(table.measures) > 1:
            title = f"{title} — {measure_title(measure, currency)}"
        months = (
            tuple("" if r == TOTAL else r for r in (*table.rows, TOTAL))
            if table.row_dimension == "month"
            else ()
        )
        grids.append(Grid(title, header, rows, note, row_months=months))
    return grids


def compose_report(
    summary: NetworkSummary,
    tables: list[MergedTable],
    language: str,
    measure_name: MeasureName,
    today: date,
    before_after: Sequence[MergedBeforeAfter] = (),
) -> NetworkReportContent:
    from siec_desk.documents.network_report.before_after import before_after_grid
    from siec_desk.documents.network_report.conventions import co2_counts_text
    from siec_desk.documents.network_report.reach import reach_grid

    with language_override(language):
        locale = locale_for(language, "MA" if language == "ar" else "FR")
        rtl = language == "ar"
        currencies = sorted({i.currency for i in summary.imports})
        currency = currencies[0] if len(currencies) == 1 else "EUR"
        months = sorted({m.month for m in summary.by_month})
        period = (
            _("{first} to {last}").format(
                first=month_label(months[0], locale), last=month_label(months[-1], locale)
            )
            if months
            else "—"
        )
        facts = [
            (_("Centres"), str(len(summary.by_centre))),
            (
                _("Countries"),
                format_list([label(COUNTRIES, c) for c in summary.countries], locale=locale),
            ),
            (_("Files imported"), str(len(summary.imports))),
            (_("Months covered"), period),
            (_("CO₂ conventions"), co2_conventions_text(summary, rtl)),
        ]
        details = [
            grid
            for table in tables
            for grid in _detail_grids(table, locale, currency, measure_name)
        ]
        return NetworkReportContent(
            language=language,
            direction=text_direction(language),
            locale=locale,
            title=_("Network statistics"),
            generated_on=format_date(today, locale, "long"),
            generated=today,
            facts=facts,
            imports=_imports_grid(summary, locale),
            by_centre=_centre_grid(summary, locale),
            by_country=_country_grid(summary, locale),
            by_month=_month_grid(summary, locale),
            details=details,
            legend=legend(),
            before_after=before_after_grid(before_after, locale),
            reach=reach_grid(summary, locale),
            co2_counts=_with_mixed_note(co2_counts_text(summary, locale, rtl), summary),
        )
