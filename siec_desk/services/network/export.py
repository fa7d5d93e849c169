"""The anonymised network export: build it from the statistics engine, render it as JSON,
CSV or Excel, write it whole or not at all, and log each file in the audit trail.

:meth:`NetworkExportService.build` is what the GUI previews and what is then written:
the document is built once and rendered from the same object, so the file holds exactly
the tables the manager saw. See docs/network-export.md for the rules.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from siec_desk.core.errors import FieldError, SiecError, ValidationError
from siec_desk.core.i18n import _
from siec_desk.network.export.export_format import (
    ExportMeta,
    NetworkExport,
    json_bytes,
    schema_errors,
    to_json,
)
from siec_desk.network.export.generalise import (
    COMMUNE_SEPARATOR,
    RawPlace,
    assign_places,
    commune_areas,
)
from siec_desk.network.export.suppression import Key, key
from siec_desk.network.export.tables import (
    MEASURES,
    SAVINGS,
    SUMS,
    TABLES,
    THEME_MENTIONS,
    Facts,
    TableSpec,
    build_tables,
)
from siec_desk.services.activity.cells import CellCounts, Places, Row
from siec_desk.services.activity.period import Period, month
from siec_desk.services.audit import AuditService
from siec_desk.storage.database import Database
from siec_desk.storage.models import Centre

DEFAULT_THRESHOLD = 11
MIN_THRESHOLD, MAX_THRESHOLD = 3, 100
#: How far back the dialog offers periods (months).
MAX_MONTHS = 60
#: The lengths of the fixed calendar periods an export may cover, and the month each
#: starts in: a month, a quarter (January, April, July, October) or a year (January).
QUARTER_STARTS = (1, 4, 7, 10)
#: Every export logged: enough to refuse a later one that overlaps it.
LOG_LIMIT = 1_000_000
FORMATS = ("json", "csv", "xlsx")
WORKERS = 2
#: A commune is named when it has this many times k consultations (and k a month).
NAMED_FACTOR = 10
UNKNOWN = "unknown"

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class ExportCancelledError(SiecError):
    """The user cancelled the preview: nothing was built or written."""


class ExportOverlapError(SiecError):
    """The export would overlap one already written: nothing was written."""


@dataclass(frozen=True)
class ExportOptions:
    first_month: date  # any day of the first month
    last_month: date  # any day of the last month
    threshold: int = DEFAULT_THRESHOLD

    def months(self) -> list[Period]:
        found = [month(self.first_month)]
        while found[-1].end < self.last_month.replace(day=1):
            found.append(month(found[-1].end + timedelta(days=1)))
        return found

    def period(self) -> Period:
        months = self.months()
        return Period(months[0].start, months[-1].end)

    def is_calendar_period(self) -> bool:
        """A whole calendar month, quarter or year (the only periods exported)."""
        count, first = len(self.months()), self.first_month.month
        return (
            count == 1 or (count == 3 and first in QUARTER_STARTS) or (count == 12 and first == 1)
        )


@dataclass(frozen=True)
class ExportRecord:
    path: Path
    format: str
    sha256: str
    size: int


@dataclass(frozen=True)
class ExportLogEntry:
    occurred_at: datetime
    actor: str
    period_from: str
    period_to: str
    threshold: int
    format: str
    sha256: str
    file_name: str
    #: SHA-256 of the published figures (the file without its date and software
    #: version): the same figures give the same digest in every format. "" before 0.5.
    figures: str = ""

    def months(self) -> set[str]:
        if not self.period_from or not self.period_to:
            return set()
        first = date.fromisoformat(self.period_from + "-01")
        last = date.fromisoformat(self.period_to + "-01")
        return {f"{m.start:%Y-%m}" for m in ExportOptions(first, last).months()}


def figures_digest(document: NetworkExport) -> str:
    """SHA-256 of what an export publishes: period, threshold, places and tables (not the
    day it was made, nor the software version)."""
    data = to_json(document)
    for volatile in ("generated_on", "software"):
        data.pop(volatile, None)
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def format_of(path: Path) -> str:
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise ValidationError(
            [FieldError("out", _("The export must be a .json, .csv or .xlsx file."))]
        )
    return suffix


class NetworkExportService:
    def __init__(
        self,
        db: Database,
        audit: AuditService,
        measure_name: Callable[[str, str], str] | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        self.db = db
        self.audit = audit
        self.cells = CellCounts(db)
        self.measure_name = measure_name or (lambda code, _language: code)
        self.today = today

    # -- checking ----------------------------------------------------------------------
    def check(self, options: ExportOptions) -> None:
        errors = []
        if options.last_month.replace(day=1) < options.first_month.replace(day=1):
            errors.append(FieldError("to", _("The last month is before the first month.")))
        elif not options.is_calendar_period():
            errors.append(
                FieldError(
                    "from",
                    _(
                        "Export a whole calendar month, quarter or year (for example "
                        "2025-04 to 2025-06): other periods could be subtracted from one "
                        "another."
                    ),
                )
            )
        if options.last_month.replace(day=1) >= self.today().replace(day=1):
            errors.append(
                FieldError(
                    "to",
                    _(
                        "The period is not over yet: export a month, quarter or year once "
                        "it has ended."
                    ),
                )
            )
        if not MIN_THRESHOLD <= options.threshold <= MAX_THRESHOLD:
            errors.append(
                FieldError(
                    "threshold",
                    _("The threshold must be between {low} and {high}.").format(
                        low=MIN_THRESHOLD, high=MAX_THRESHOLD
                    ),
                )
            )
        if errors:
            raise ValidationError(errors)

    def overlap_problem(
        self, months: list[str], threshold: int, figures: str | None = None
    ) -> str | None:
        """Why an export of *months* at *threshold* may not be written, or None.

        An export may not overlap one already written from this database (the export
        log), unless it is that very export again: same months, same threshold and, once
        built, the same figures (*figures*: :func:`figures_digest`; None = not built yet).
        Two different exports of overlapping months could be subtracted from one another
        to recover hidden figures (docs/network-export.md, "Differencing").
        """
        wanted = set(months)
        for entry in self.log(LOG_LIMIT):
            if not entry.months() & wanted:
                continue
            same = (entry.period_from, entry.period_to) == (months[0], months[-1])
            if same and entry.threshold == threshold and figures in (None, entry.figures):
                continue
            when = entry.occurred_at.date().isoformat()
            if same:
                return _(
                    "{first} to {last} was already exported on {date} with other figures or "
                    "another threshold; a second version could be subtracted from the first "
                    "to reveal hidden figures. Only the same export can be written again."
                ).format(first=months[0], last=months[-1], date=when)
            return _(
                "{first} to {last} overlaps the export of {earlier_first} to {earlier_last} "
                "written on {date}; overlapping exports could be subtracted from one another "
                "to reveal hidden figures. Export only months, quarters or years not yet "
                "exported."
            ).format(
                first=months[0],
                last=months[-1],
                earlier_first=entry.period_from,
                earlier_last=entry.period_to,
                date=when,
            )
        return None

    def check_not_exported(self, options: ExportOptions) -> None:
        """Refuse early (before building) a period that overlaps another export."""
        months = [f"{m.start:%Y-%m}" for m in options.months()]
        problem = self.overlap_problem(months, options.threshold)
        if problem:
            raise ExportOverlapError(problem)

    def document_problem(self, document: NetworkExport) -> str | None:
        """Why this built document may not be written (see :meth:`overlap_problem`)."""
        meta = document.meta
        return self.overlap_problem(list(meta.months), meta.threshold, figures_digest(document))

    def centre(self) -> tuple[str, str, str]:
        """(network code, country, currency); a clear message if the code is not set."""
        with self.db.read() as session:
            row = session.execute(
                select(Centre.network_code, Centre.country, Centre.currency)
                .order_by(Centre.id)
                .limit(1)
            ).one()
        if not row[0]:
            raise ValidationError(
                [
                    FieldError(
                        "network_code",
                        _(
                            "The centre has no network code yet: enter the code the "
                            "network gave you in Centre ▸ Letter settings, then export again."
                        ),
                    )
                ]
            )
        return str(row[0]), str(row[1]), str(row[2])

    # -- building ----------------------------------------------------------------------
    def build(
        self,
        options: ExportOptions,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> NetworkExport:
        """The protected tables of the period (the preview is this very document)."""
        self.check(options)
        network_code, country, currency = self.centre()
        months = options.months()
        period = options.period()
        k = options.threshold
        named_min = max(NAMED_FACTOR * k, k * len(months))
        places = self._places(country, period, months, k, named_min)
        facts = self._all_facts(period, months, places, progress, cancelled)
        codes = [f"{m.start:%Y-%m}" for m in months]
        tables = build_tables(codes, facts, k)
        from siec_desk import __version__

        meta = ExportMeta(
            software_version=__version__,
            network_code=network_code,
            country=country,
            currency=currency,
            months=tuple(codes),
            threshold=k,
            named_commune_min=named_min,
            generated_on=self.today(),
            co2_conventions=self._co2_conventions(period),
        )
        return NetworkExport(meta, tuple(tables))

    def _places(
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

    def _co2_conventions(self, period: Period) -> tuple[tuple[str, int], ...]:
        """The CO2 conventions of the parameter sets behind the period's measures."""
        from siec_desk.services.parameters import conventions_used

        used = conventions_used(self.db, period.starts_at, period.ends_before)
        return tuple((c.code, c.year) for c in used)

    def _all_facts(
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
                period, months, dims, places, mentions=group == THEME_MENTIONS
            )
            for row, (count, contributors) in counts.items():
                entry = _entry(group, dims, row)
                merged[entry] = _merge(merged.get(entry), Facts({measure: count}, contributors))
        yield from merged.items()

    # -- rendering and writing ---------------------------------------------------------
    def render(self, document: NetworkExport, fmt: str) -> bytes:
        if fmt == "json":
            return json_bytes(document)
        if fmt == "csv":
            from siec_desk.documents.network_export.render_csv import csv_bytes

            return csv_bytes(document)
        if fmt == "xlsx":
            from siec_desk.documents.network_export.render_xlsx import xlsx_bytes

            return xlsx_bytes(document, self.measure_name)
        raise ValueError(fmt)

    def write(self, document: NetworkExport, path: Path) -> ExportRecord:
        """Check the document against the schema, write it (whole or not at all) and log
        it: who, which period, which threshold, which format, the file's SHA-256."""
        fmt = format_of(path)
        problems = schema_errors(to_json(document))
        if problems:  # a bug, never the user's doing: refuse to let it leave
            raise SiecError(
                _("The export does not match its format ({problem}); nothing was written.").format(
                    problem=problems[0]
                )
            )
        self.check(
            ExportOptions(
                date.fromisoformat(document.meta.months[0] + "-01"),
                date.fromisoformat(document.meta.months[-1] + "-01"),
                document.meta.threshold,
            )
        )
        problem = self.document_problem(document)
        if problem:
            raise ExportOverlapError(problem)
        data = self.render(document, fmt)
        _write_whole(path, data)
        digest = hashlib.sha256(data).hexdigest()
        meta = document.meta
        self.audit.record(
            "export",
            "statistics",
            None,
            period_from=meta.months[0],
            period_to=meta.months[-1],
            threshold=meta.threshold,
            format=fmt,
            sha256=digest,
            file_name=path.name,
            size=len(data),
            figures=figures_digest(document),
        )
        return ExportRecord(path, fmt, digest, len(data))

    def log(self, limit: int = 100) -> list[ExportLogEntry]:
        """The exports written from this database, newest first."""
        return [
            ExportLogEntry(
                occurred_at=e.occurred_at,
                actor=e.actor,
                period_from=str(e.details.get("period_from", "")),
                period_to=str(e.details.get("period_to", "")),
                threshold=int(e.details.get("threshold", 0)),
                format=str(e.details.get("format", "")),
                sha256=str(e.details.get("sha256", "")),
                file_name=str(e.details.get("file_name", "")),
                figures=str(e.details.get("figures", "")),
            )
            for e in self.audit.events(object_type="statistics", action="export", limit=limit)
        ]


def _queries(specs: tuple[TableSpec, ...]) -> list[tuple[str, tuple[str, ...]]]:
    """Each (group, dimensions) to count once: cells, margins and totals of every table."""
    needed: list[tuple[str, tuple[str, ...]]] = []
    for spec in specs:
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


def _write_whole(path: Path, data: bytes) -> None:
    partial = path.with_name(path.name + ".partial")
    try:
        with partial.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise SiecError(
            _("Cannot write {path}: {reason}").format(path=path, reason=exc.strerror or exc)
        ) from exc
