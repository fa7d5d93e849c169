"""The coordinator's side of the network export: import many centres' files into a
network database of its own, and merge them into network tables by centre, country and
month (docs/network-export.md, "Coordinator"). No Qt: the CLI and the network window
call the same methods.

**Replacing, never double counting.** A centre's months are held by one import each
(the primary key of ``import_months``; network codes compared without case). A new file
of a centre replaces every earlier file of that centre whose months all lie within the
new period; an earlier file with months both inside and outside it would be counted twice
or lost in part, so the new file is refused. A file that would replace different figures
is only imported once the coordinator confirms it (anyone can write any network code in a
file): otherwise its outcome lists the files it would replace and nothing is stored.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from siec_desk.core.errors import SiecError
from siec_desk.core.files import os_reason
from siec_desk.core.i18n import _
from siec_desk.core.paths import resource_path
from siec_desk.domain.catalogue import CatalogueMeasure, load_catalogue
from siec_desk.network.coordinator.database import NetworkDatabase
from siec_desk.network.coordinator.merge import EMPTY, Fact, Figure, merge
from siec_desk.network.coordinator.models import (
    Cell,
    Import,
    ImportConvention,
    ImportMonth,
    ImportTable,
)
from siec_desk.network.coordinator.reading import (
    MAX_BYTES,
    ImportRefusedError,
    ParsedExport,
    parse_export,
    too_large,
)
from siec_desk.network.export.suppression import TOTAL
from siec_desk.network.export.tables import MEASURES, TABLES
from siec_desk.texts.labels import COUNTRIES, label

if TYPE_CHECKING:
    from siec_desk.documents.engine.pdf import RenderedPdf
    from siec_desk.documents.engine.worker import DocumentJob
    from siec_desk.documents.network_report.content import NetworkReportContent

_log = logging.getLogger(__name__)
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
)
MONTHLY_TABLE = "consultations_by_month_mode"
COUNTS = ("consultations", "theme_mentions", "measures")


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
class ImportOutcome:
    """One file's result: *error* is one translated line when it was refused. When it
    would replace other figures of its centre without the coordinator's confirmation,
    *unconfirmed* lists the earlier files (and *code* is the centre to confirm)."""

    path: Path
    info: ImportInfo | None = None
    replaced: int = 0
    error: str | None = None
    unconfirmed: tuple[ImportInfo, ...] = ()
    code: str = ""

    @property
    def ok(self) -> bool:
        return self.error is None


class ReplacementUnconfirmedError(ImportRefusedError):
    """The file would replace a centre's different figures; nothing was stored."""

    def __init__(self, message: str, code: str, earlier: tuple[ImportInfo, ...]) -> None:
        super().__init__(message)
        self.code = code
        self.earlier = earlier


#: Confirmed replacements: the network codes (upper case) whose earlier files may be
#: replaced, or True for every centre.
Confirmed = Collection[str] | bool


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


def report_job(content: NetworkReportContent) -> DocumentJob:
    """The network report's PDF as a job for the document worker."""
    from siec_desk.documents.engine.worker import DocumentJob

    return DocumentJob("network", content)


def _info(row: Import, conventions: tuple[tuple[str, int], ...] = ()) -> ImportInfo:
    return ImportInfo(
        id=row.id,
        network_code=row.network_code,
        country=row.country,
        currency=row.currency,
        first_month=row.first_month,
        last_month=row.last_month,
        month_count=row.month_count,
        threshold=row.threshold,
        software_version=row.software_version,
        generated_on=row.generated_on,
        file_name=row.file_name,
        sha256=row.sha256,
        imported_at=row.imported_at,
        co2_conventions=conventions,
    )


def _order(dimension: str, values: Iterable[str]) -> list[str]:
    return sorted(set(values) - {TOTAL})


class NetworkCoordinator:
    def __init__(
        self, db: NetworkDatabase, now: Callable[[], datetime] = lambda: datetime.now(UTC)
    ) -> None:
        self.db = db
        self.now = now

    # -- importing ---------------------------------------------------------------------
    def import_files(
        self,
        paths: Sequence[Path],
        progress: Callable[[int, int], None] | None = None,
        replace: Confirmed = (),
    ) -> list[ImportOutcome]:
        """Each file in its own transaction: one refused file, whatever went wrong with
        it, leaves the others imported. *replace*: see :meth:`import_file`."""
        outcomes = []
        for done, path in enumerate(paths, start=1):
            try:
                outcomes.append(self.import_file(path, replace))
            except ReplacementUnconfirmedError as exc:
                outcomes.append(
                    ImportOutcome(path, error=str(exc), unconfirmed=exc.earlier, code=exc.code)
                )
            except SiecError as exc:
                outcomes.append(ImportOutcome(path, error=str(exc)))
            except Exception as exc:
                _log.warning("network import of a file failed (%s)", type(exc).__name__)
                outcomes.append(
                    ImportOutcome(
                        path,
                        error=_(
                            "{file}: cannot be imported ({error}); nothing of it was stored."
                        ).format(file=path.name, error=type(exc).__name__),
                    )
                )
            if progress is not None:
                progress(done, len(paths))
        return outcomes

    def import_file(self, path: Path, replace: Confirmed = ()) -> ImportOutcome:
        """Import one file. Replacing a centre's earlier files whose figures differ needs
        its code in *replace* (or *replace* True); the very same file again does not."""
        try:
            size = path.stat().st_size
            if size > MAX_BYTES:  # refused before a byte is read
                raise ImportRefusedError(
                    _("{file}: {reason}").format(file=path.name, reason=too_large())
                )
            data = path.read_bytes()
        except OSError as exc:
            raise ImportRefusedError(
                _("{file}: cannot be read: {reason}").format(file=path.name, reason=os_reason(exc))
            ) from exc
        parsed = parse_export(path, data)
        digest = hashlib.sha256(data).hexdigest()
        with self.db.write() as session:
            replaced = self._make_room(session, path, parsed, digest, replace)
            row = Import(
                network_code=parsed.network_code,
                country=parsed.country,
                currency=parsed.currency,
                first_month=parsed.months[0],
                last_month=parsed.months[-1],
                month_count=len(parsed.months),
                format_version=parsed.format_version,
                software_version=parsed.software_version,
                threshold=parsed.threshold,
                generated_on=parsed.generated_on,
                file_name=path.name[:255],
                sha256=digest,
                imported_at=self.now(),
            )
            session.add(row)
            session.flush()
            self._store(session, row.id, parsed)
            info = _info(row, parsed.co2_conventions)
        return ImportOutcome(path, info, replaced)

    def _make_room(
        self,
        session: Session,
        path: Path,
        parsed: ParsedExport,
        digest: str,
        replace: Confirmed,
    ) -> int:
        """Delete the centre's earlier imports that the new file covers; refuse when one
        only partly overlaps it, when the code belongs to another country, or when the
        replaced figures differ and the coordinator did not confirm it."""
        code = parsed.network_code
        same_code = func.upper(Import.network_code) == code
        other = session.execute(
            select(Import.country).where(same_code, Import.country != parsed.country)
        ).first()
        if other is not None:
            raise ImportRefusedError(
                _(
                    "{file}: the network code {code} is already used by a centre in another "
                    "country ({country}). Check the code with the centre."
                ).format(file=path.name, code=code, country=other[0])
            )
        overlapping = set(
            session.scalars(
                select(ImportMonth.import_id).where(
                    func.upper(ImportMonth.network_code) == code,
                    ImportMonth.month.in_(parsed.months),
                )
            )
        )
        if not overlapping:
            return 0
        months = set(parsed.months)
        earlier_rows = list(
            session.scalars(select(Import).where(Import.id.in_(overlapping)).order_by(Import.id))
        )
        for earlier in earlier_rows:
            covered = set(
                session.scalars(
                    select(ImportMonth.month).where(ImportMonth.import_id == earlier.id)
                )
            )
            if not covered <= months:
                raise ImportRefusedError(
                    _(
                        "{file}: centre {code} already has a file for {first} to {last}, "
                        "which only partly overlaps this one ({new_first} to {new_last}). "
                        "Import files of the same periods, or one whose period contains "
                        "the earlier one."
                    ).format(
                        file=path.name,
                        code=code,
                        first=earlier.first_month,
                        last=earlier.last_month,
                        new_first=parsed.months[0],
                        new_last=parsed.months[-1],
                    )
                )
        confirmed = replace is True or (
            not isinstance(replace, bool) and code in {c.upper() for c in replace}
        )
        same_file = all(e.sha256 == digest for e in earlier_rows)
        if not confirmed and not same_file:
            replaced = tuple(_info(e) for e in earlier_rows)
            first = replaced[0]
            raise ReplacementUnconfirmedError(
                _(
                    "{file}: would replace the figures of centre {code} ({country}) from "
                    "{earlier_file} ({first} to {last}, imported on {date}); nothing was "
                    "imported until the replacement is confirmed."
                ).format(
                    file=path.name,
                    code=code,
                    country=label(COUNTRIES, first.country),
                    earlier_file=first.file_name,
                    first=first.first_month,
                    last=replaced[-1].last_month,
                    date=first.imported_at.date().isoformat(),
                ),
                code,
                replaced,
            )
        session.execute(delete(Import).where(Import.id.in_(overlapping)))
        return len(overlapping)

    @staticmethod
    def _store(session: Session, import_id: int, parsed: ParsedExport) -> None:
        if parsed.co2_conventions:
            session.execute(
                insert(ImportConvention),
                [
                    {"import_id": import_id, "code": code, "year": year}
                    for code, year in parsed.co2_conventions
                ],
            )
        session.execute(
            insert(ImportMonth),
            [
                {"network_code": parsed.network_code, "month": m, "import_id": import_id}
                for m in parsed.months
            ],
        )
        session.execute(
            insert(ImportTable),
            [
                {
                    "import_id": import_id,
                    "table_id": t.id,
                    "group": t.group,
                    "row_dimension": t.row_dimension,
                    "column_dimension": t.column_dimension,
                }
                for t in parsed.tables
            ],
        )
        rows = [
            {
                "import_id": import_id,
                "table_id": t.id,
                "row_key": c.row,
                "column_key": c.column,
                "measure": c.measure,
                "value": c.value,
                "suppressed": c.value is None,
            }
            for t in parsed.tables
            for c in t.cells
        ]
        if rows:
            session.execute(insert(Cell), rows)

    # -- reading -----------------------------------------------------------------------
    @staticmethod
    def measure_name(code: str, language: str) -> str:
        """A catalogue measure's name (the network database holds codes only)."""
        found = _catalogue().get(code)
        return found.name(language) if found else code

    def report_content(self, language: str, today: date | None = None) -> NetworkReportContent:
        """The network report's content in *language* (composed here, on the DB thread)."""
        from siec_desk.documents.network_report.content import compose_report

        summary = self.summary()
        if summary.empty:
            raise SiecError(_("The network database holds no centre file yet: import some first."))
        return compose_report(
            summary, self.tables(), language, self.measure_name, today or date.today()
        )

    def report(
        self,
        fmt: str,
        language: str,
        today: date | None = None,
        render: Callable[[DocumentJob], RenderedPdf] | None = None,
    ) -> bytes:
        """The network report as ``xlsx`` or ``pdf`` bytes, in *language*; the PDF is
        rendered by *render* (the document worker's ``render_here`` by default: the
        command line; the GUI renders :func:`report_job` in a process of its own)."""
        content = self.report_content(language, today)
        if fmt == "xlsx":
            from siec_desk.documents.network_report.xlsx import network_workbook

            return network_workbook(content)
        from siec_desk.documents.engine.worker import render_here

        return (render or render_here)(report_job(content)).pdf

    def imports(self) -> list[ImportInfo]:
        with self.db.read() as session:
            rows = session.scalars(
                select(Import).order_by(Import.country, Import.network_code, Import.first_month)
            ).all()
            conventions: dict[int, list[tuple[str, int]]] = {}
            for import_id, code, year in session.execute(
                select(ImportConvention.import_id, ImportConvention.code, ImportConvention.year)
            ):
                conventions.setdefault(import_id, []).append((code, year))
            return [_info(r, tuple(sorted(conventions.get(r.id, [])))) for r in rows]

    def _facts(
        self,
        session: Session,
        table_id: str,
        measures: Sequence[str],
        row: str | None = None,
        column: str | None = None,
    ) -> list[Fact]:
        query = (
            select(
                Import.network_code,
                Import.country,
                Import.currency,
                Cell.row_key,
                Cell.column_key,
                Cell.measure,
                Cell.value,
                Cell.suppressed,
            )
            .join(Import, Import.id == Cell.import_id)
            .where(Cell.table_id == table_id, Cell.measure.in_(measures))
        )
        if row is not None:
            query = query.where(Cell.row_key == row)
        if column is not None:
            query = query.where(Cell.column_key == column)
        return [
            Fact(code, country, currency, r, c, m, None if hidden else v)
            for code, country, currency, r, c, m, v, hidden in session.execute(query)
        ]

    def summary(self) -> NetworkSummary:
        """Centres imported; headline figures by centre and country; consultations by
        month and country."""
        imports = self.imports()
        with self.db.read() as session:
            totals: list[Fact] = []
            for table_id, measure in INDICATORS:
                totals += self._facts(session, table_id, [measure], TOTAL, TOTAL)
            monthly = self._facts(session, MONTHLY_TABLE, ["consultations"], column=TOTAL)
            coverage = session.execute(select(ImportMonth.month, ImportMonth.network_code)).all()
        centres = {(i.network_code, i.country, i.currency) for i in imports}
        by_centre_key = merge(totals, lambda f: (f.network_code, f.measure))
        by_centre = [
            Line(code, country, currency, _figures(by_centre_key, code))
            for code, country, currency in sorted(centres, key=lambda c: (c[1], c[0]))
        ]
        countries = sorted({c for _code, c, _cur in centres})
        by_country_key = merge(totals, lambda f: (f.country, f.measure))
        by_country = [
            Line(
                country,
                country,
                next(cur for _code, c, cur in centres if c == country),
                _figures(by_country_key, country),
                centres=sum(1 for _code, c, _cur in centres if c == country),
            )
            for country in countries
        ]
        by_month_key = merge((f for f in monthly if f.row != TOTAL), lambda f: (f.row, f.country))
        covering: dict[str, int] = {}
        for month, _code in coverage:
            covering[month] = covering.get(month, 0) + 1
        by_month = []
        for month in sorted(covering):
            cells = {c: by_month_key.get((month, c), EMPTY) for c in countries}
            month_total = sum(cells.values(), EMPTY)
            by_month.append(MonthLine(month, cells, month_total, covering[month]))
        network = merge(totals, lambda f: f.measure)
        total = {m: network.get(m, EMPTY) for _t, m in INDICATORS if m != MONEY}
        return NetworkSummary(imports, by_centre, by_country, by_month, countries, total)

    def tables(self) -> list[MergedTable]:
        """Every export table summed over the network (money only with one currency)."""
        with self.db.read() as session:
            present = set(session.scalars(select(ImportTable.table_id).distinct()))
            currencies = set(session.scalars(select(Import.currency).distinct()))
            result = []
            for spec in TABLES:
                if spec.id not in present:
                    continue
                measures = list(MEASURES[spec.group])
                left_out = [MONEY] if MONEY in measures and len(currencies) > 1 else []
                measures = [m for m in measures if m not in left_out]
                facts = self._facts(session, spec.id, measures)
                cells: dict[tuple[str, str], dict[str, Figure]] = {}
                for (r, c, m), figure in merge(
                    facts, lambda f: (f.row, f.column, f.measure)
                ).items():
                    cells.setdefault((r, c), {})[m] = figure
                result.append(
                    MergedTable(
                        id=spec.id,
                        group=spec.group,
                        row_dimension=spec.rows,
                        column_dimension=spec.columns,
                        rows=_order(spec.rows, (f.row for f in facts)),
                        columns=_order(spec.columns, (f.column for f in facts)),
                        measures=measures,
                        cells=cells,
                        left_out=left_out,
                    )
                )
        return result


@lru_cache(maxsize=1)
def _catalogue() -> dict[str, CatalogueMeasure]:
    return {m.code: m for m in load_catalogue(resource_path("catalogue", "measures.json"))}


def _figures(merged: dict[tuple[str, str], Figure], key: str) -> dict[str, Figure]:
    return {m: merged.get((key, m), EMPTY) for _t, m in INDICATORS}
