"""Importing households and consultations from a centre's own CSV or XLSX sheets.

The GUI wizard and ``siec-desk import`` share these steps: read the file, find its header
row, guess (or take from a mapping file) each column's field and each coded value, then a
dry run that reports what would be created, what is already there and every rejected
row; the import itself backs the database up, then writes everything in one transaction
(all or nothing; cancelling rolls back) and records one audit event without personal
data. Files are never held whole in memory: they are scanned once (size limits) and
streamed by each step. See ``docs/import.md``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Connection

from siec_desk.domain.normalise import fold
from siec_desk.importing import values as val
from siec_desk.importing.codes import CodeReader
from siec_desk.importing.fields import TARGETS, Kind
from siec_desk.importing.headers import guess_targets
from siec_desk.importing.mapping import ImportMapping, resolve_columns
from siec_desk.importing.matching import ExistingIndex
from siec_desk.importing.plan import build_plan
from siec_desk.importing.plan_records import Cancelled, ImportPlan, ImportReport, Progress
from siec_desk.importing.source import (
    SourceTable,
    candidate_header_lines,
    cell_text,
    data_rows,
    header_texts,
    read_source,
)
from siec_desk.services import audit as a
from siec_desk.services.app import AppContext
from siec_desk.services.import_rules import ImportRules
from siec_desk.services.maintenance import MaintenanceService
from siec_desk.storage import planner_stats
from siec_desk.storage.bulk_import import write_plan
from siec_desk.storage.import_matching import load_consultations, load_households

SAMPLES = 3  # example values shown beside each column


@dataclass(frozen=True)
class ColumnInfo:
    index: int
    header: str
    samples: tuple[str, ...]
    field: str | None


@dataclass(frozen=True)
class ValueInfo:
    """One distinct value of a coded column and what it maps to now."""

    field: str
    value: str
    rows: int
    codes: tuple[str, ...]
    how: str  # codes.MAPPED, EXACT, GUESSED, IGNORED or UNKNOWN


def _no_progress(_done: int, _total: int, _phase: str) -> None:
    return None


def _never() -> bool:
    return False


class ImportService:
    def __init__(self, ctx: AppContext, clock: Callable[[], datetime] = datetime.now) -> None:
        self.ctx = ctx
        self.clock = clock

    # -- reading ---------------------------------------------------------------------
    def read(self, path: Path, mapping: ImportMapping | None = None) -> SourceTable:
        """The sheet, scanned (the mapping's sheet, encoding and delimiter when it has them).

        A file over the limits of ``importing.limits`` is refused here, before its rows are
        read; the rows are then read from the file, streamed, by each later step."""
        mapping = mapping or ImportMapping()
        return read_source(
            path, sheet=mapping.sheet, encoding=mapping.encoding, delimiter=mapping.delimiter
        )

    def sheets(self, path: Path) -> list[str]:
        """Worksheet names of an XLSX file (none for CSV)."""
        if path.suffix.lower() not in (".xlsx", ".xlsm"):
            return []
        from siec_desk.importing.read_xlsx import sheet_names

        return sheet_names(path)

    def header_line(self, table: SourceTable, mapping: ImportMapping | None = None) -> int:
        """The mapping's header row when the sheet has it, else the row naming most fields."""
        lines = candidate_header_lines(table)
        if not lines:
            return 1
        if mapping is not None and mapping.header_row in lines:
            return mapping.header_row

        known = {fold(rule.header) for rule in mapping.columns} - {""} if mapping else set()

        def recognised(line: int) -> int:
            """Cells naming a field, or a column of the mapping (numbers never do)."""
            texts = [h if not val.looks_numeric(h) else "" for h in header_texts(table, line)]
            guessed = guess_targets(texts)
            return sum(1 for t, g in zip(texts, guessed, strict=True) if g or fold(t) in known)

        best = max(lines, key=lambda line: (recognised(line), -line))
        return best if recognised(best) else lines[0]

    def columns(
        self, table: SourceTable, header_line: int, mapping: ImportMapping | None = None
    ) -> list[ColumnInfo]:
        headers = header_texts(table, header_line)
        fields = resolve_columns(mapping, headers)
        samples: list[list[str]] = [[] for _h in headers]
        for _line, cells in data_rows(table, header_line):
            for i, cell in enumerate(cells[: len(headers)]):
                text = cell_text(cell)
                if text and len(samples[i]) < SAMPLES and text not in samples[i]:
                    samples[i].append(text)
            if all(len(s) >= SAMPLES for s in samples):
                break
        return [ColumnInfo(i, h, tuple(samples[i]), fields[i]) for i, h in enumerate(headers)]

    def values(
        self, table: SourceTable, header_line: int, mapping: ImportMapping
    ) -> list[ValueInfo]:
        """Distinct values of the coded columns: unknown ones first, then by field."""
        fields = resolve_columns(mapping, header_texts(table, header_line))
        coded = [(i, f) for i, f in enumerate(fields) if f and TARGETS[f].codes is not None]
        readers = {f: CodeReader(f, mapping.values.get(f)) for _i, f in coded}
        counts: Counter[tuple[str, str]] = Counter()
        shown: dict[tuple[str, str], str] = {}
        for _line, cells in data_rows(table, header_line):
            for i, target in coded:
                text = cell_text(cells[i]) if i < len(cells) else ""
                if not text:
                    continue
                parts = val.split_codes(text) if TARGETS[target].kind == Kind.CODES else [text]
                for part in parts:
                    key = (target, fold(part))
                    counts[key] += 1
                    shown.setdefault(key, part.strip())
        infos = []
        for (target, folded), n in counts.items():
            value = shown[(target, folded)]
            resolution = readers[target].resolve(value)
            infos.append(ValueInfo(target, value, n, resolution.codes, resolution.how))
        order = list(TARGETS)
        infos.sort(key=lambda i: (i.how != "unknown", order.index(i.field), -i.rows, i.value))
        return infos

    # -- dry run and import ----------------------------------------------------------
    def _plan(
        self,
        connection: Connection,
        table: SourceTable,
        mapping: ImportMapping,
        progress: Progress,
        cancelled: Cancelled,
    ) -> ImportPlan:
        header_line = self.header_line(table, mapping)
        columns = resolve_columns(mapping, header_texts(table, header_line))
        now = self.clock()

        def existing_consultations(index: ExistingIndex, first: date, last: date) -> None:
            load_consultations(connection, index, first, last)

        return build_plan(
            table,
            header_line,
            columns,
            mapping,
            ImportRules(self.ctx.households, now, self.ctx.act_types.install()),
            lambda: load_households(connection),
            existing_consultations,
            country=self.ctx.centre.country,
            today=now.date(),
            progress=progress,
            cancelled=cancelled,
        )

    def dry_run(
        self,
        table: SourceTable,
        mapping: ImportMapping,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> ImportReport:
        """What the import would do; nothing is written."""
        with self.ctx.db.read() as session:
            plan = self._plan(
                session.connection(), table, mapping, progress or _no_progress, cancelled or _never
            )
        return plan.report

    def run(
        self,
        table: SourceTable,
        mapping: ImportMapping,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> ImportReport:
        """Back up, then import in one transaction: all rows that pass, or nothing."""
        progress = progress or _no_progress
        cancelled = cancelled or _never
        backup = None
        if self.ctx.db.path is not None:  # a server database is backed up with its own tools
            progress(0, 0, "backup")
            backup = str(MaintenanceService(self.ctx.db, self.ctx.audit).backup())
        with self.ctx.db.write() as session:
            connection = session.connection()
            plan = self._plan(connection, table, mapping, progress, cancelled)
            households, consultations = write_plan(connection, plan, progress, cancelled)
            report = plan.report
            self.ctx.audit.record_in(
                session,
                a.IMPORT,
                a.DATABASE,
                None,
                rows=report.rows,
                created_households=households,
                created_consultations=consultations,
                matched_households=report.households_matched,
                rejected_rows=len(report.rejected_lines),
                file_format=table.kind,
                file_sha256=table.sha256,
            )
        planner_stats.refresh(self.ctx.db.engine)
        return replace(report, dry_run=False, backup=backup)
