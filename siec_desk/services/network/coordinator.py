"""The coordinator's side of the network export: import many centres' files into a
network database of its own, and merge them into network tables by centre, country and
month (docs/network-export.md, "Coordinator"). No Qt: the CLI and the network window
call the same methods. This module imports and stores; the figures are read back by
``services.network.figures`` and the report made by ``services.network.report``.

**Replacing, never double counting.** A centre's months are held by one import each
(the primary key of ``import_months``; network codes compared without case). A new file
of a centre replaces every earlier file of that centre whose months all lie within the
new period; an earlier file with months both inside and outside it would be counted twice
or lost in part, so the new file is refused. A file that would replace different figures
is only imported once the coordinator confirms it (anyone can write any network code in a
file): otherwise its outcome lists the files it would replace and nothing is stored.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Sequence
from contextlib import closing
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Table, delete, func, insert, select
from sqlalchemy.orm import Session

from siec_desk.core.errors import SiecError
from siec_desk.core.i18n import _
from siec_desk.domain.network_results import ImportInfo, MergedTable, NetworkSummary
from siec_desk.network.coordinator.database import NetworkDatabase
from siec_desk.network.coordinator.models import (
    Cell,
    Import,
    ImportBeforeAfter,
    ImportConvention,
    ImportMonth,
    ImportTable,
    NetworkBase,
)
from siec_desk.network.coordinator.read_ahead import ReadResult, read_ahead, read_file
from siec_desk.network.coordinator.reading import ImportRefusedError, ParsedExport
from siec_desk.network.export.before_after import MergedBeforeAfter
from siec_desk.services.network.figures import (
    import_info,
    read_before_after,
    read_imports,
    read_summary,
    read_tables,
)
from siec_desk.services.network.report import (
    measure_name,
    report_bytes,
    report_content,
    report_job,
)
from siec_desk.texts.labels import COUNTRIES, label

if TYPE_CHECKING:
    from siec_desk.documents.engine.pdf import RenderedPdf
    from siec_desk.documents.engine.worker import DocumentJob
    from siec_desk.documents.network_report.content import NetworkReportContent

__all__ = ["ImportOutcome", "NetworkCoordinator", "ReplacementUnconfirmedError", "report_job"]

_log = logging.getLogger(__name__)


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


#: The cells' table itself: thousands of rows per file, some 1,300,000 for 500 centres.
CELLS: Table = Cell.__table__  # type: ignore[assignment]
_CELL_COLUMNS = ("import_id", "table_id", "row_key", "column_key", "measure", "value", "suppressed")
_PLACEHOLDERS = {"qmark": "?", "format": "%s", "pyformat": "%s"}


def _table(model: type[NetworkBase]) -> Table:
    table: Table = model.__table__  # type: ignore[assignment]
    return table


def _cells_insert(paramstyle: str) -> str:
    """The cells' INSERT for the driver's own executemany with plain tuples: building
    SQLAlchemy's parameters for each row took longer than SQLite storing it. The values
    are the very ones Core would bind (a boolean is stored by the driver as 1 or 0, as
    SQLAlchemy's Boolean does on SQLite)."""
    mark = _PLACEHOLDERS[paramstyle]
    names = ", ".join(CELLS.c[name].name for name in _CELL_COLUMNS)
    return f"INSERT INTO {CELLS.name} ({names}) VALUES ({', '.join([mark] * len(_CELL_COLUMNS))})"


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
        it, leaves the others imported. *replace*: see :meth:`import_file`. The files are
        read and checked ahead, in a worker process for a run of several
        (:func:`~siec_desk.network.coordinator.read_ahead.read_ahead`), and stored here
        in their order. The files' commits are made durable together at the end
        (``NetworkDatabase.seal``), before the outcomes are returned."""
        outcomes: list[ImportOutcome] = []
        with closing(read_ahead(paths)) as results:
            for done, result in enumerate(results, start=1):
                outcomes.append(self._import_read(result, replace))
                if progress is not None:
                    progress(done, len(paths))
        if any(o.ok for o in outcomes):
            self.db.seal()
        return outcomes

    def _import_read(self, result: ReadResult, replace: Confirmed) -> ImportOutcome:
        """The outcome of storing a file read (or of its refusal)."""
        path = result.path
        failure = result.failure
        if result.error is not None:
            return ImportOutcome(path, error=result.error)
        if failure is None:
            assert result.parsed is not None
            try:
                return self._store_file(path, result.parsed, result.digest, replace, True)
            except ReplacementUnconfirmedError as exc:
                return ImportOutcome(path, error=str(exc), unconfirmed=exc.earlier, code=exc.code)
            except SiecError as exc:
                return ImportOutcome(path, error=str(exc))
            except Exception as exc:
                failure = type(exc).__name__
        _log.warning("network import of a file failed (%s)", failure)
        return ImportOutcome(
            path,
            error=_("{file}: cannot be imported ({error}); nothing of it was stored.").format(
                file=path.name, error=failure
            ),
        )

    def import_file(
        self, path: Path, replace: Confirmed = (), *, batch: bool = False
    ) -> ImportOutcome:
        """Import one file. Replacing a centre's earlier files whose figures differ needs
        its code in *replace* (or *replace* True); the very same file again does not.
        *batch*: committed as one of a run, made durable by the run's seal."""
        parsed, digest = read_file(path)
        return self._store_file(path, parsed, digest, replace, batch)

    def _store_file(
        self, path: Path, parsed: ParsedExport, digest: str, replace: Confirmed, batch: bool
    ) -> ImportOutcome:
        """A file read (:func:`read_file`) stored in one transaction."""
        with self.db.batch_write() if batch else self.db.write() as session:
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
            info = import_info(row, parsed.co2_conventions)
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
            replaced = tuple(import_info(e) for e in earlier_rows)
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
        """The file's months, tables, conventions, before/after rows and cells, by Core
        on the session's connection (same transaction; the ORM's bulk path cost more
        than storing)."""
        connection = session.connection()
        if parsed.co2_conventions:
            connection.execute(
                insert(_table(ImportConvention)),
                [
                    {"import_id": import_id, "code": code, "year": year}
                    for code, year in parsed.co2_conventions
                ],
            )
        connection.execute(
            insert(_table(ImportMonth)),
            [
                {"network_code": parsed.network_code, "month": m, "import_id": import_id}
                for m in parsed.months
            ],
        )
        connection.execute(
            insert(_table(ImportTable)),
            [
                {
                    "import_id": import_id,
                    "table_id": t.id,
                    "grp": t.group,  # the column's name (the model's attribute is group)
                    "row_dimension": t.row_dimension,
                    "column_dimension": t.column_dimension,
                }
                for t in parsed.tables
            ],
        )
        rows = [
            (import_id, t.id, row, column, measure, value, value is None)
            for t in parsed.tables
            for row, column, measure, value in t.cells
        ]
        if rows:  # the driver's executemany, in the same transaction (see _cells_insert)
            connection.exec_driver_sql(_cells_insert(connection.dialect.paramstyle), rows)
        if parsed.before_after:
            connection.execute(
                insert(_table(ImportBeforeAfter)),
                [{"import_id": import_id, **asdict(r)} for r in parsed.before_after],
            )

    # -- reading and reporting (services.network.figures and .report) -----------------
    def imports(self) -> list[ImportInfo]:
        return read_imports(self.db)

    def summary(self) -> NetworkSummary:
        """Centres imported; headline figures by centre and country; consultations by
        month and country."""
        return read_summary(self.db)

    def tables(self) -> list[MergedTable]:
        """Every export table summed over the network (money only with one currency)."""
        return read_tables(self.db)

    def before_after(self) -> list[MergedBeforeAfter]:
        """The before/after rows merged per country and kind (format 3 files only)."""
        return read_before_after(self.db)

    measure_name = staticmethod(measure_name)

    def report_content(self, language: str, today: date | None = None) -> NetworkReportContent:
        """The network report's content in *language* (composed here, on the DB thread)."""
        return report_content(self.db, language, today)

    def report(
        self,
        fmt: str,
        language: str,
        today: date | None = None,
        render: Callable[[DocumentJob], RenderedPdf] | None = None,
    ) -> bytes:
        """The network report as ``xlsx`` or ``pdf`` bytes (see :func:`report_bytes`)."""
        return report_bytes(self.db, fmt, language, today, render)
