"""The "CO₂ conventions" fact of the network report, short form: per convention its number
of centres by country ("ember-grid-average: 179 centres (Morocco 104, Tunisia 75)"), for
the PDF of a large network, where the list of every centre's code would fill half a
page (issue 22); the workbook keeps the full list (``content.co2_conventions_text``)."""

from __future__ import annotations

from siec_desk.core.formatting import format_number, ltr
from siec_desk.core.i18n import _, ngettext, pgettext
from siec_desk.domain.network_results import NetworkSummary
from siec_desk.texts.labels import COUNTRIES, label


def convention_counts(summary: NetworkSummary) -> dict[str, dict[str, int]]:
    """Each convention code (``""``: not stated) and its number of centres per country
    code, countries in the summary's order; a centre counts once per convention."""
    country_of = {info.network_code: info.country for info in summary.imports}
    counts: dict[str, dict[str, int]] = {}
    for code, centres in summary.co2_conventions().items():
        per_country = {c: 0 for c in summary.countries}
        for centre in centres:
            country = country_of[centre]
            per_country[country] = per_country.get(country, 0) + 1
        counts[code] = {c: n for c, n in per_country.items() if n}
    return counts


def co2_counts_text(summary: NetworkSummary, locale: str, rtl: bool = False) -> str:
    """The conventions with their number of centres by country, in the current language
    (the note on mixed conventions is the caller's); *rtl*: for an Arabic document
    (Arabic separators, codes and numbers isolated)."""
    code_text = ltr if rtl else str
    comma, semicolon = ("، ", "؛ ") if rtl else (", ", "; ")

    def number(n: int) -> str:
        return code_text(format_number(n, locale))

    parts = []
    for code, per_country in convention_counts(summary).items():
        total = sum(per_country.values())
        countries = comma.join(
            pgettext("centres of one country", "{country} {n}").format(
                country=label(COUNTRIES, country), n=number(n)
            )
            for country, n in per_country.items()
        )
        parts.append(
            ngettext(
                "{convention}: {n} centre ({countries})",
                "{convention}: {n} centres ({countries})",
                total,
            ).format(
                convention=code_text(code) if code else _("not stated (earlier version)"),
                n=number(total),
                countries=countries,
            )
        )
    return semicolon.join(parts) or "—"
