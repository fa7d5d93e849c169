"""The export's tables as people read them, shared by the Excel file and the GUI preview,
so that the preview shows exactly what the workbook holds: translated labels, one grid
per measure with its totals, and the same mark for every suppressed entry.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from babel import dates as babel_dates

from siec_desk.core.formatting import currency_digits, isolate, ltr
from siec_desk.core.i18n import N_, LazyText, _, lazy_pgettext, pgettext
from siec_desk.domain.activity_dimensions import DIMENSIONS
from siec_desk.network.export.generalise import COMMUNE_SEPARATOR, area_name, commune_name
from siec_desk.network.export.suppression import TOTAL
from siec_desk.network.export.tables import (
    EVENTS,
    HOUSEHOLDS_MET,
    LOANS,
    ORIENTATION_MENTIONS,
    PARTICIPANTS,
    SAVINGS,
    THEME_MENTIONS,
    PublishedTable,
)
from siec_desk.texts.labels import ALL_LABELS, COUNTRIES, label

MeasureName = Callable[[str, str], str]

DIMENSION_NAMES: dict[str, LazyText] = {
    "month": N_("Month"),
    "place": lazy_pgettext("network place", "Area"),
    "measure": N_("Measure"),
    "event_type": N_("Event type"),
    "audience": N_("Audience"),
    "item_type": N_("Item type"),
}
#: The label tables of the events-register and loans dimensions (not Activity dimensions).
REGISTER_LABELS = {
    "event_type": "event_type",
    "audience": "audience",
    "item_type": "loan_item_type",
}
MEASURE_NAMES: dict[str, LazyText] = {
    "consultations": N_("Consultations"),
    "theme_mentions": N_("Theme mentions"),
    "orientation_mentions": N_("Orientations"),
    "measures": N_("Measures recommended"),
    "kwh_per_year": N_("Estimated savings, kWh/year"),
    "money_per_year_minor": N_("Estimated savings, {currency}/year"),
    "co2_kg_per_year": N_("Estimated CO₂ avoided, kg/year"),
    "events": N_("Events"),
    "participants": N_("Participants (people)"),
    "households_met": N_("Households met at events"),
    "lent": N_("Loans: items lent"),
    "returned": N_("Loans: items returned"),
    "overdue": N_("Loans: overdue at month end"),
}
GROUP_NOTES: dict[str, LazyText] = {
    THEME_MENTIONS: N_("A consultation counts once in each of its themes."),
    ORIENTATION_MENTIONS: N_(
        "A consultation counts once in each place it referred the household to; one that "
        "referred it nowhere is not counted."
    ),
    SAVINGS: N_("Measures recommended in consultations of the period, as estimated then."),
    EVENTS: N_(
        "Past events of the period; participants are people, not households. An entry is "
        "published only when at least as many events as the threshold are behind it and no "
        "single event holds most of its participants."
    ),
    PARTICIPANTS: N_(
        "People who took part in events, by audience (not households); protected by the "
        "number of events behind each figure."
    ),
    HOUSEHOLDS_MET: N_(
        "Households whose consultation records that they were met at an event: a household "
        "met at two events counts at each."
    ),
    LOANS: N_(
        "Loans of equipment to households: lent and returned in the month, and still out "
        "past their due date on its last day."
    ),
}


def suppressed_mark() -> str:
    """What a suppressed entry shows instead of a number (the French "secret" mark)."""
    return pgettext("suppressed cell", "s")


def legend(threshold: int) -> str:
    return _(
        "{mark}: not published, to protect households: fewer than {k} households behind "
        "the figure, one household making most of a sum, or a figure that would let one "
        "of those be worked out from the totals."
    ).format(mark=suppressed_mark(), k=threshold)


def dimension_name(code: str) -> str:
    if code in DIMENSION_NAMES:
        return str(DIMENSION_NAMES[code])
    return str(DIMENSIONS[code].label)


def measure_title(measure: str, currency: str) -> str:
    return str(MEASURE_NAMES[measure]).format(currency=currency)


def month_label(code: str, locale: str) -> str:
    year, number = (int(part) for part in code.split("-"))
    return babel_dates.format_skeleton("yMMM", date(year, number, 1), locale=locale)


def language_of(locale: str) -> str:
    """The language of a Babel locale id ("ar_MA" → "ar"): the document's language, which
    may differ from the interface's (``i18n.current_language``)."""
    return locale.replace("-", "_").split("_")[0]


def place_label(code: str, named_within: bool = False, language: str = "fr") -> str:
    """ "Bouches-du-Rhône (FR-13)", "Chefchaouen (MA-CHE)", "Marseille (FR-13)", with the
    area's and commune's names in *language* where known (Arabic); *named_within*: some
    communes of this area are listed on their own, so the area's row holds the other
    ones. In Arabic the code is isolated (LRI … PDI) so "MA-TNG" keeps its order."""
    area, _sep, commune = code.partition(COMMUNE_SEPARATOR)
    rtl = language == "ar"
    shown_code = ltr(area) if rtl else area
    if commune:
        name = commune_name(area, commune, language)
        return f"{isolate(name) if rtl else name} ({shown_code})"
    if "-" not in area:
        text = _("{country}, area not known").format(country=label(COUNTRIES, area))
    else:
        name = area_name(area, language) or ""
        if rtl and name:
            name = isolate(name)
        text = f"{name} ({shown_code})" if name else shown_code
    return _("{area} — other communes").format(area=text) if named_within else text


def value_label(
    dimension: str,
    code: str,
    locale: str,
    measure_name: MeasureName,
    others: Collection[str] = (),
) -> str:
    """The label of *code* in the language of *locale* (measure names from the catalogue,
    place names from ``areas.json``); *others*: the values beside it (to word areas with
    named communes as "other communes")."""
    if code == TOTAL:
        return _("Total")
    if dimension == "month":
        return month_label(code, locale)
    if dimension == "place":
        prefix = code + COMMUNE_SEPARATOR
        return place_label(code, any(o.startswith(prefix) for o in others), language_of(locale))
    if dimension == "measure":
        return measure_name(code, language_of(locale))
    table = REGISTER_LABELS.get(dimension) or DIMENSIONS[dimension].label_table
    labels = ALL_LABELS.get(table or "", {})
    if code == "unknown" and code not in labels:
        return _("Not stated")
    return label(labels, code) if labels else code


@dataclass(frozen=True)
class Shown:
    """One displayed entry: *value* in display units (money in major units), or None."""

    value: float | int | None
    total: bool


@dataclass(frozen=True)
class Block:
    """One measure of a table as a grid: header, then rows (label, entries)."""

    measure: str
    title: str
    corner: str
    columns: list[str]
    rows: list[tuple[str, list[Shown]]]


def blocks(
    table: PublishedTable, locale: str, currency: str, measure_name: MeasureName
) -> list[Block]:
    spec = table.spec
    scale = Decimal(10) ** currency_digits(currency)
    columns = [*table.columns, TOTAL]
    header = [value_label(spec.columns, c, locale, measure_name, columns) for c in columns]
    corner = f"{dimension_name(spec.rows)} \\ {dimension_name(spec.columns)}"
    result = []
    for measure in table.measures:
        rows = []
        for row in (*table.rows, TOTAL):
            shown = []
            for column in columns:
                values = table.cells[(row, column)]
                value: float | int | None = None if values is None else values[measure]
                if value is not None and measure == "money_per_year_minor":
                    value = float(Decimal(value) / scale)
                shown.append(Shown(value, TOTAL in (row, column)))
            name = value_label(spec.rows, row, locale, measure_name, table.rows)
            rows.append((name, shown))
        result.append(Block(measure, measure_title(measure, currency), corner, header, rows))
    return result
