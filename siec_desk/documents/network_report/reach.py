"""The network report's "Events and people reached" grid (files of format version 3):
events, participants (people, not households), households met at events and items lent,
per centre, per country and for the network, read from the grand totals of the events
tables (``domain.network_results.REACH``). A figure some centre hid reads "≥ n"; a
centre whose files predate the events tables has none ("—")."""

from __future__ import annotations

from siec_desk.core.i18n import _
from siec_desk.documents.network_report.content import Grid, Shown, shown
from siec_desk.domain.network_figures import EMPTY
from siec_desk.domain.network_results import REACH, NetworkSummary
from siec_desk.network.export.display import measure_title
from siec_desk.texts.labels import COUNTRIES, label


def reach_grid(summary: NetworkSummary, locale: str) -> Grid | None:
    """The grid, or None when no imported file has the events tables."""
    lines = [*summary.by_centre, *summary.by_country]
    if all(line.figures.get(m, EMPTY).value is None for line in lines for m in REACH) and not any(
        line.figures.get(m, EMPTY).incomplete for line in lines for m in REACH
    ):
        return None
    headers = [_("Centre"), _("Country"), *(measure_title(m, "") for m in REACH)]
    rows: list[tuple[str, list[Shown]]] = []
    for line in summary.by_centre:
        country = Shown(None, label(COUNTRIES, line.country))
        figures = [shown(line.figures.get(m, EMPTY), m, locale) for m in REACH]
        rows.append((line.key, [country, *figures]))
    for line in summary.by_country:
        figures = [shown(line.figures.get(m, EMPTY), m, locale, total=True) for m in REACH]
        rows.append((_("All centres"), [Shown(None, label(COUNTRIES, line.key)), *figures]))
    network = [shown(summary.total.get(m, EMPTY), m, locale, total=True) for m in REACH]
    rows.append((_("Network"), [Shown(None, ""), *network]))
    note = _(
        "Participants are people, not households. Events of the period that had taken "
        "place; a figure a centre hid (too few events or households behind it) makes the "
        "sum incomplete."
    )
    return Grid(_("Events and people reached"), headers, rows, note)
