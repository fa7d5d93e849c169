"""Importing an events sheet (issue 19 point 4): a French CSV with semicolons and a BOM,
an XLSX with Arabic headers, bad rows refused with their line and nothing of them
written, the dry run writes nothing, importing again skips what is already recorded,
every imported event is audited as an added one plus one import event; the command
line's text and JSON."""

from __future__ import annotations

import json
from datetime import date, time
from pathlib import Path

import pytest
from openpyxl import Workbook
from testkit.cli import Cli
from testkit.databases import Databases, query

from siec_desk.importing.events_sheet import read_event_sheet
from siec_desk.importing.problems import ImportFileError
from siec_desk.services.app import AppContext
from siec_desk.services.event_import import EventImportService

pytestmark = pytest.mark.both_backends

FRENCH = (
    "Bilan des animations 2025;;;;;;;;;\n"
    "Date;Heure;Type d'action;Commune;Lieu;Intitulé;Élèves;Grand public;Thèmes;Durée\n"
    "12/03/2025;14h30;Atelier;Lyon;Salle des fêtes;Atelier isolation;;25;Isolation, aides;1h30\n"
    "15/03/2025;;Visite scolaire;Villeurbanne;École Jaurès;Classe de CM2;28;;isolation;90\n"
    "20/03/2025;;Karaoké;Lyon;;Soirée;;10;;\n"
    "32/03/2025;;Stand;Lyon;;Foire;;10;;\n"
    "22/03/2025;;Stand;Lyon;;Foire de printemps;;;;\n"
    "\n"
    "12/03/2025;14h30;Atelier;LYON;Salle des fêtes;Atelier Isolation;;25;Isolation;1h30\n"
)


def _french(tmp_path: Path) -> Path:
    path = tmp_path / "animations.csv"
    path.write_bytes(b"\xef\xbb\xbf" + FRENCH.encode("utf-8"))
    return path


def _arabic(tmp_path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["التاريخ", "نوع النشاط", "الجماعة", "العنوان", "الجمهور", "عدد المشاركين"])
    sheet.append([date(2025, 4, 2), "مكتب متنقل", "شفشاون", "سوق الأحد", "عموم الجمهور", 30])
    sheet.append(["05/04/2025", "ورشة", "تطوان", "ورشة الطاقة الشمسية", "الجمعيات", "12"])
    sheet.append(["06/04/2025", "ورشة", "تطوان", "بدون جمهور", "الجمعيات", None])
    path = tmp_path / "أنشطة.xlsx"
    book.save(path)
    return path


def _events(ctx: AppContext) -> list[tuple[object, ...]]:
    return sorted(
        (
            e.occurred_on,
            e.event_type,
            e.commune,
            e.title,
            tuple(e.audiences.items()),
            tuple(sorted(e.themes)),
        )
        for e in ctx.events.list()
    )


def test_a_french_csv_imports_its_valid_rows_and_lists_the_others(
    ctx: AppContext, tmp_path: Path
) -> None:
    sheet = read_event_sheet(_french(tmp_path))
    assert sheet.table.encoding is not None and sheet.table.delimiter == ";"
    assert sheet.header_line == 2  # the title line above is skipped
    assert sheet.columns == ("date", "time", "type", "commune", "place", "title",
                             "audience:pupils_students", "audience:general_public",
                             "themes", "duration")  # fmt: skip
    first = ("12/03/2025", "14h30", "Atelier", "Lyon", "Salle des fêtes", "Atelier isolation",
             "", "25", "Isolation, aides", "1h30")  # fmt: skip
    assert sheet.preview[0] == (3, first)
    report = EventImportService(ctx).run(sheet)
    assert (report.rows, report.new, len(report.event_ids)) == (6, 2, 2)
    refused = {r.line: r.reason for r in report.rejected}
    assert set(refused) == {5, 6, 7}
    assert "Karaoké" in refused[5] and "32/03/2025" in refused[6]
    assert "participants" in refused[7]
    assert [(d.line, d.first_line) for d in report.duplicates] == [(9, 3)]  # case and folding
    assert _events(ctx) == [
        (date(2025, 3, 12), "workshop", "Lyon", "Atelier isolation",
         (("general_public", 25),), ("financial_aid", "insulation")),
        (date(2025, 3, 15), "school_visit", "Villeurbanne", "Classe de CM2",
         (("pupils_students", 28),), ("insulation",)),
    ]  # fmt: skip
    workshop = ctx.events.get(report.event_ids[0])
    assert (workshop.starts_at, workshop.duration_min) == (time(14, 30), 90)
    assert workshop.place == "Salle des fêtes"


def test_an_xlsx_with_arabic_headers_and_audience_participants_columns(
    ctx: AppContext, tmp_path: Path
) -> None:
    sheet = read_event_sheet(_arabic(tmp_path))
    assert sheet.columns == ("date", "type", "commune", "title", "audience", "participants")
    report = EventImportService(ctx).run(sheet)
    assert report.new == 2
    assert [r.line for r in report.rejected] == [4]
    assert _events(ctx) == [
        (date(2025, 4, 2), "mobile_desk", "شفشاون", "سوق الأحد", (("general_public", 30),), ()),
        (date(2025, 4, 5), "workshop", "تطوان", "ورشة الطاقة الشمسية", (("associations", 12),), ()),
    ]  # fmt: skip


def test_the_dry_run_writes_nothing_and_reimporting_skips_every_event(
    ctx: AppContext, tmp_path: Path
) -> None:
    service = EventImportService(ctx)
    sheet = read_event_sheet(_french(tmp_path))
    dry = service.check(sheet)
    assert dry.dry_run and dry.new == 2 and ctx.events.list() == []
    assert ctx.audit.events(object_type="event") == []
    service.run(sheet)
    again = service.run(read_event_sheet(_french(tmp_path)))
    assert again.new == 0 and again.event_ids == ()
    assert sorted(d.line for d in again.duplicates) == [3, 4, 9]
    assert all(d.event_id is not None for d in again.duplicates if d.line != 9)
    assert len(ctx.events.list()) == 2


def test_every_imported_event_is_audited_and_the_import_once(
    ctx: AppContext, tmp_path: Path
) -> None:
    report = EventImportService(ctx).run(read_event_sheet(_french(tmp_path)))
    audit = ctx.audit.events(object_type="event")
    created = sorted(e.object_id for e in audit if e.action == "create")
    assert created == sorted(report.event_ids)
    imports = [e for e in audit if e.action == "import"]
    assert len(imports) == 1
    details = imports[0].details
    assert details["file_name"] == "animations.csv"
    assert (details["created_events"], details["rejected_rows"], details["duplicates"]) == (2, 3, 1)


def test_a_sheet_without_dates_or_types_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text("Nom;Téléphone\nDupont;0612345678\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match=r"contacts\.csv"):
        read_event_sheet(path)


@pytest.fixture
def cli(new_db: Databases, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(new_db("cli"), capsys)


def test_the_command_dry_run_then_import_then_again(cli: Cli, tmp_path: Path) -> None:
    path = str(_french(tmp_path))
    code, out, _err = cli("event", "import", path, "--dry-run")
    assert code == 0 and "2 events would be imported" in out
    assert "Line 5: refused: Event type: “Karaoké”" in out
    assert query(cli.db, "SELECT count(*) FROM events") == [(0,)]
    data = cli.json("event", "import", path)
    assert isinstance(data, dict) and data["new"] == 2 and data["rejected_rows"] == 3
    assert query(cli.db, "SELECT count(*) FROM events") == [(2,)]
    code, out, _err = cli("event", "import", path)
    assert code == 0 and "0 events imported, 3 already recorded (skipped)" in out
    assert "Line 3: skipped: event " in out
    code, _out, err = cli("event", "import", str(tmp_path / "missing.csv"))
    assert code == 1 and "missing.csv" in err and len(err.strip().splitlines()) == 1
    assert json.loads(json.dumps(data))["source"]["header_row"] == 2
