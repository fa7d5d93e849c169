"""The anonymised network export: build it from the statistics engine, render it as JSON,
CSV or Excel, write it whole or not at all, and log each file in the audit trail.

:meth:`NetworkExportService.build` is what the GUI previews and what is then written:
the document is built once and rendered from the same object, so the file holds exactly
the tables the manager saw. See docs/network-export.md for the rules. The options, limits
and log entries are in ``export_options``; the counting (places, cells) in ``export_facts``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from siec_desk.core.errors import FieldError, SiecError, ValidationError
from siec_desk.core.files import write_whole
from siec_desk.core.i18n import _
from siec_desk.domain.activity_period import Period
from siec_desk.network.export.export_format import (
    ExportMeta,
    NetworkExport,
    json_bytes,
    schema_errors,
    to_json,
)
from siec_desk.network.export.tables import build_tables
from siec_desk.services.act_types import centre_acts
from siec_desk.services.activity.cells import CellCounts, network_scope
from siec_desk.services.activity.engine import C, in_period
from siec_desk.services.audit import AuditService
from siec_desk.services.network.export_before_after import before_after_table
from siec_desk.services.network.export_events import register_facts
from siec_desk.services.network.export_facts import ExportFacts
from siec_desk.services.network.export_options import (
    DEFAULT_THRESHOLD,
    FORMATS,
    LOG_LIMIT,
    MAX_MONTHS,
    MAX_THRESHOLD,
    MIN_THRESHOLD,
    NAMED_FACTOR,
    Cancelled,
    ExportCancelledError,
    ExportLogEntry,
    ExportOptions,
    ExportOverlapError,
    ExportRecord,
    Progress,
    figures_digest,
    format_of,
)
from siec_desk.storage.database import Database
from siec_desk.storage.models import Centre

__all__ = [
    "DEFAULT_THRESHOLD",
    "FORMATS",
    "MAX_MONTHS",
    "MAX_THRESHOLD",
    "MIN_THRESHOLD",
    "ExportCancelledError",
    "ExportLogEntry",
    "ExportOptions",
    "ExportOverlapError",
    "ExportRecord",
    "NetworkExportService",
    "figures_digest",
    "format_of",
]


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
        self.facts = ExportFacts(db, self.cells)
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
        with self.db.read() as session:  # own act types: folded into their act, or left out
            self.cells.acts = centre_acts(session)
        network_code, country, currency = self.centre()
        months = options.months()
        period = options.period()
        k = options.threshold
        named_min = max(NAMED_FACTOR * k, k * len(months))
        places = self.facts.places(country, period, months, k, named_min)
        facts = self.facts.all_facts(period, months, places, progress, cancelled)
        codes = [f"{m.start:%Y-%m}" for m in months]
        facts.update(register_facts(self.db, period, codes, self.today()))
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
        before_after = before_after_table(self.db, period, k, currency)
        return NetworkExport(meta, tuple(tables), before_after)

    def left_out(self, options: ExportOptions) -> int:
        """Consultations of the period left out of every table because their act is one
        of the centre's own types counting as no shared act (shown to the centre only,
        never written into the export)."""
        with self.db.read() as session:
            acts = centre_acts(session)
            return int(
                session.scalar(
                    select(func.count(C.c.id)).where(
                        in_period(options.period()), ~network_scope(acts)
                    )
                )
                or 0
            )

    def _co2_conventions(self, period: Period) -> tuple[tuple[str, int], ...]:
        """The CO2 conventions of the parameter sets behind the period's measures."""
        from siec_desk.services.parameters import conventions_used

        used = conventions_used(self.db, period.starts_at, period.ends_before)
        return tuple((c.code, c.year) for c in used)

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
        write_whole(path, data)
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
