"""The anonymised network export: build it from the statistics engine, render it as JSON,
CSV or Excel, write it whole or not at all, and log each file in the audit trail.

:meth:`NetworkExportService.build` is what the GUI previews and what is then written:
the document is built once and rendered from the same object, so the file holds exactly
the tables the manager saw. See docs/network-export.md for the rules.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from siec_desk.errors import FieldError, SiecError, ValidationError
from siec_desk.i18n import _
from siec_desk.network.export_format import (
    ExportMeta,
    NetworkExport,
    json_bytes,
    schema_errors,
    to_json,
)
from siec_desk.network.generalise import RawPlace, assign_places, commune_areas
from siec_desk.network.suppression import Key, key
from siec_desk.network.tables import (
    MEASURES,
    SAVINGS,
    SUMS,
    TABLES,
    THEME_MENTIONS,
    Facts,
    TableSpec,
    build_tables,
)
from siec_desk.services.audit import AuditService
from siec_desk.services.stats.cells import CellCounts, Places, Row
from siec_desk.services.stats.period import Period, month
from siec_desk.storage.database import Database
from siec_desk.storage.models import Centre

DEFAULT_THRESHOLD = 11
MIN_THRESHOLD, MAX_THRESHOLD = 3, 100
MAX_MONTHS = 60
FORMATS = ("json", "csv", "xlsx")
WORKERS = 2
#: A commune is named when it has this many times k consultations (and k a month).
NAMED_FACTOR = 10
UNKNOWN = "unknown"

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class ExportCancelledError(SiecError):
    """The user cancelled the preview: nothing was built or written."""


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
        elif len(options.months()) > MAX_MONTHS:
            errors.append(
                FieldError(
                    "to",
                    _("Export at most {count} months at a time.").format(count=MAX_MONTHS),
                )
            )
        if options.last_month.replace(day=1) > self.today().replace(day=1):
            errors.append(FieldError("to", _("The period cannot end after the current month.")))
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
        known = commune_areas(country, self.cells.known_postal_codes())
        raw = [RawPlace(*r) for r in self.cells.raw_places(period)]
        places = Places(assign_places(country, raw, known, named_min), country)
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
        )
        return NetworkExport(meta, tuple(tables))

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
            from siec_desk.network.render_csv import csv_bytes

            return csv_bytes(document)
        if fmt == "xlsx":
            from siec_desk.network.render_xlsx import xlsx_bytes

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
