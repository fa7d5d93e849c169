"""The facts of a network export, counted by the statistics engine: the published place
of each commune (no place with fewer than k households is ever named) and every cell,
margin and total of the export tables, the independent queries on two connections at once.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed

from siec_desk.core.i18n import _
from siec_desk.domain.activity_period import Period
from siec_desk.network.export.generalise import (
    COMMUNE_SEPARATOR,
    RawPlace,
    assign_places,
    commune_areas,
)
from siec_desk.network.export.suppression import Key, key
from siec_desk.network.export.tables import (
    MEASURES,
    ORIENTATION_MENTIONS,
    REGISTER_GROUPS,
    SAVINGS,
    SUMS,
    TABLES,
    THEME_MENTIONS,
    Facts,
    TableSpec,
)
from siec_desk.services.activity.cells import CellCounts, Places, Row
from siec_desk.services.network.export_options import (
    UNKNOWN,
    WORKERS,
    Cancelled,
    ExportCancelledError,
    Progress,
)
from siec_desk.storage.database import Database


class ExportFacts:
    """The statistics engine's counts for one export (``cells``: ``CellCounts``)."""

    def __init__(self, db: Database, cells: CellCounts) -> None:
        self.db = db
        self.cells = cells

    def places(
        self, country: str, period: Period, months: list[Period], k: int, named_min: int
    ) -> Places:
        """The published place of each stored commune: no place with fewer than k
        households over the period is ever named. An area with fewer than k households is
        published as the country ("other areas or area not known"); a commune is named
        only with at least k households and when the rest of its area keeps k or none."""
        known = commune_areas(country, self.cells.known_postal_codes())
        raw = [RawPlace(*r) for r in self.cells.raw_places(period)]

        def households(mapping: dict[tuple[str | None, str | None], str]) -> dict[str, int]:
            found = self.cells.counts(period, months, ("place",), Places(mapping, country))
            return {str(row[0]): contributors for row, (_n, contributors) in found.items()}

        areas = households(assign_places(country, raw, known, sys.maxsize))
        rare = {area for area, count in areas.items() if count < k and area != country}
        unnamed: set[str] = set()
        while True:
            mapping = assign_places(country, raw, known, named_min, rare, unnamed)
            found = households(mapping)
            small = {p for p, n in found.items() if COMMUNE_SEPARATOR in p and n < k}
            for area in {p.split(COMMUNE_SEPARATOR)[0] for p in found if COMMUNE_SEPARATOR in p}:
                if 0 < found.get(area, 0) < k:  # the area's other communes: too few left
                    small |= {p for p in found if p.startswith(area + COMMUNE_SEPARATOR)}
            if not small - unnamed:
                return Places(mapping, country)
            unnamed |= small

    def all_facts(
        self,
        period: Period,
        months: list[Period],
        places: Places,
        progress: Progress | None,
        cancelled: Cancelled | None,
    ) -> dict[Key, Facts]:
        """Every cell, margin and total, the independent queries on two connections at once
        (as the Activity dashboard does); *cancelled* is checked between queries."""

        def stop() -> bool:
            return cancelled is not None and cancelled()

        def run(group: str, dims: tuple[str, ...]) -> list[tuple[Key, Facts]]:
            if stop():
                return []
            return list(self._facts(group, dims, period, months, places))

        queries = _queries(TABLES)
        workers = WORKERS
        if self.db.engine.dialect.name == "sqlite" and self.db.path is None:
            workers = 1  # an in-memory database is one connection
        facts: dict[Key, Facts] = {}
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="export") as pool:
            futures = [pool.submit(run, group, dims) for group, dims in queries]
            for done, future in enumerate(as_completed(futures), start=1):
                facts.update(future.result())
                if stop():
                    for pending in futures:
                        pending.cancel()
                    raise ExportCancelledError(_("Export cancelled."))
                if progress is not None:
                    progress(done, len(queries))
        return facts

    def _facts(
        self,
        group: str,
        dims: tuple[str, ...],
        period: Period,
        months: list[Period],
        places: Places,
    ) -> Iterator[tuple[Key, Facts]]:
        merged: dict[Key, Facts] = {}
        if group == SAVINGS:
            for row, found in self.cells.savings(period, months, dims, places).items():
                entry = _entry(group, dims, row)
                merged[entry] = _merge(merged.get(entry), _savings_facts(found))
        else:
            measure = MEASURES[group][0]
            counts = self.cells.counts(
                period,
                months,
                dims,
                places,
                mentions=group == THEME_MENTIONS,
                referrals=group == ORIENTATION_MENTIONS,
            )
            for row, (count, contributors) in counts.items():
                entry = _entry(group, dims, row)
                merged[entry] = _merge(merged.get(entry), Facts({measure: count}, contributors))
        yield from merged.items()


def _queries(specs: tuple[TableSpec, ...]) -> list[tuple[str, tuple[str, ...]]]:
    """Each (group, dimensions) to count once: cells, margins and totals of every table."""
    needed: list[tuple[str, tuple[str, ...]]] = []
    for spec in specs:
        if spec.group in REGISTER_GROUPS:  # counted from the register: export_events
            continue
        for dims in ((spec.rows, spec.columns), (spec.rows,), (spec.columns,), ()):
            if (spec.group, dims) not in needed:
                needed.append((spec.group, dims))
    return needed


def _code(value: object) -> str:
    return UNKNOWN if value is None or value == "" else str(value)


def _entry(group: str, dims: tuple[str, ...], row: Row) -> Key:
    return key(group, **{d: _code(v) for d, v in zip(dims, row, strict=True)})


def _savings_facts(found: dict[str, float]) -> Facts:
    return Facts(
        values={m: found[m] for m in MEASURES[SAVINGS]},
        contributors=int(found["contributors"]),
        largest={s: (found[f"largest_{s}"], found[f"absolute_{s}"]) for s in SUMS},
    )


def _merge(old: Facts | None, new: Facts) -> Facts:
    """Two stored values published as one code (NULL and "unknown"): disjoint groups."""
    if old is None:
        return new
    return Facts(
        values={m: old.values.get(m, 0) + v for m, v in new.values.items()},
        contributors=old.contributors + new.contributors,
        largest={
            s: (max(old.largest[s][0], v[0]), old.largest[s][1] + v[1])
            for s, v in new.largest.items()
        },
    )
