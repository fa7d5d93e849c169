"""The coordinator's merged network figures as plain data: the files imported, the
summary by centre, country and month, and each export table summed over the centres
(computed by ``services.network``; shown by the network report and window)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from siec_desk.domain.network_figures import EMPTY, Figure

MONEY = "money_per_year_minor"
#: The headline figures of a centre, a country or the network: (table, measure), read
#: from the table's grand total.
INDICATORS: tuple[tuple[str, str], ...] = (
    ("consultations_by_month_mode", "consultations"),
    ("theme_mentions_by_month_theme", "theme_mentions"),
    ("savings_by_month_measure", "measures"),
    ("savings_by_month_measure", "kwh_per_year"),
    ("savings_by_month_measure", MONEY),
    ("savings_by_month_measure", "co2_kg_per_year"),
    # Events and people reached (format version 3; files of earlier versions: no data).
    ("events_by_month_event_type", "events"),
    ("events_by_month_event_type", "participants"),
    ("households_met_by_month_event_type", "households_met"),
    ("loans_by_month_item_type", "lent"),
)
#: The indicators of "Events and people reached" (the others are the headline figures).
REACH = ("events", "participants", "households_met", "lent")
MONTHLY_TABLE = "consultations_by_month_mode"
COUNTS = ("consultations", "theme_mentions", "measures", *REACH)


@dataclass(frozen=True)
class ImportInfo:
    id: int
    network_code: str
    country: str
    currency: str
    first_month: str
    last_month: str
    month_count: int
    threshold: int
    software_version: str
    generated_on: date
    file_name: str
    sha256: str
    imported_at: datetime
    #: (code, year) of the CO2 conventions of the file; empty when it does not say.
    co2_conventions: tuple[tuple[str, int], ...] = ()

    def as_json(self) -> dict[str, object]:
        # Hand-written (not ``to_json``): the time to the second, conventions as objects.
        return {
            "network_code": self.network_code,
            "country": self.country,
            "currency": self.currency,
            "from": self.first_month,
            "to": self.last_month,
            "months": self.month_count,
            "threshold": self.threshold,
            "software_version": self.software_version,
            "generated_on": self.generated_on.isoformat(),
            "file": self.file_name,
            "sha256": self.sha256,
            "imported_at": self.imported_at.isoformat(timespec="seconds"),
            "co2_conventions": [{"code": c, "year": y} for c, y in self.co2_conventions],
        }


@dataclass(frozen=True)
class Line:
    """One row of a summary table: a centre, a country or a month, its figures by
    indicator (money in *currency*'s minor units)."""

    key: str
    country: str
    currency: str
    figures: dict[str, Figure]
    centres: int = 1


@dataclass(frozen=True)
class MonthLine:
    month: str
    by_country: dict[str, Figure]
    total: Figure
    centres: int  # centres whose files cover the month


@dataclass(frozen=True)
class NetworkSummary:
    imports: list[ImportInfo]
    by_centre: list[Line]
    by_country: list[Line]
    by_month: list[MonthLine]
    countries: list[str]
    #: Network-wide totals of the count indicators (money is per currency: by country).
    total: dict[str, Figure] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not self.imports

    def co2_conventions(self) -> dict[str, list[str]]:
        """Each CO2 convention code and the centres whose figures use it; centres whose
        files do not say are under ``""``."""
        found: dict[str, set[str]] = {}
        for info in self.imports:
            for code in {c for c, _year in info.co2_conventions} or {""}:
                found.setdefault(code, set()).add(info.network_code)
        return {code: sorted(centres) for code, centres in sorted(found.items())}

    @property
    def co2_mixed(self) -> bool:
        """The network's kg CO2 add up figures of different (or unstated) conventions."""
        return len(self.co2_conventions()) > 1


@dataclass(frozen=True)
class MergedTable:
    """One export table summed over every centre: ``cells[(row, column)][measure]``."""

    id: str
    group: str
    row_dimension: str
    column_dimension: str
    rows: list[str]
    columns: list[str]
    measures: list[str]
    cells: dict[tuple[str, str], dict[str, Figure]]
    #: Measures left out because the centres use several currencies.
    left_out: list[str] = field(default_factory=list)

    def figure(self, row: str, column: str, measure: str) -> Figure:
        return self.cells.get((row, column), {}).get(measure, EMPTY)
