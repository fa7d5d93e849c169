"""Importing messy spreadsheets: encodings, layouts, bad rows, duplicates, re-imports.

Every file is built here, the way centres' sheets come: a title line above the header,
blank lines, the header pasted again half-way, French decimal commas, Arabic headers,
numbers where text was meant (phones, postal codes), dates as text and as Excel serials.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select
from testkit.cli import Cli

from siec_desk.domain.consultation_records import ConsultationInput
from siec_desk.domain.household_records import HouseholdInput
from siec_desk.importing.mapping import ColumnRule, ImportMapping, load_mapping, save_mapping
from siec_desk.importing.problems import ImportCancelledError, ImportFileError
from siec_desk.services.app import AppContext
from siec_desk.services.importer import ImportService
from siec_desk.storage import bulk_import as apply
from siec_desk.storage.models import AuditEvent, Consultation, ConsultationTheme, Household

NOW = datetime(2025, 6, 30, 17, 0)

FRENCH_SHEET = [
    "Suivi des contacts 2025;;;;;;;;",
    "Nom;Prénom;Tél.;Ville;Date du RDV;Mode;Thème;Surface;Remarque",
    "DUPONT;Jean;06 12 34 56 78;Lyon;12/03/2025;Tél.;Isolation des combles;85,5;rappeler",
    ";;;;;;;;",
    "Martin;Éloïse;;Lyon;31/02/2025;Accueil;Chauffage;;",
    ";;;Lyon;14/03/2025;Accueil;Chauffage, aides;;question € aides",
    "Nom;Prénom;Tél.;Ville;Date du RDV;Mode;Thème;Surface;Remarque",
    "Dupont;Jean;+33 6 12 34 56 78;Lyon;2025-03-20;Visio;Isolation;;",
    "Leroy;Œlie;0612;Vienne;21/03/2025;Tél.;Fenêtres;;",
    "Petit;Zoé;0698765432;Bron;22/03/2025;Pigeon voyageur;Chauffage;;",
    ";;;;;;;;",
]


def write_csv(path: Path, lines: list[str], encoding: str) -> Path:
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def service(ctx: AppContext) -> ImportService:
    return ImportService(ctx, clock=lambda: NOW)


def counts(ctx: AppContext) -> tuple[int, int, int]:
    with ctx.db.read() as session:
        return (
            int(session.scalar(select(func.count(Household.id))) or 0),
            int(session.scalar(select(func.count(Consultation.id))) or 0),
            int(session.scalar(select(func.count()).select_from(ConsultationTheme)) or 0),
        )


def import_file(
    ctx: AppContext, path: Path, mapping: ImportMapping | None = None, *, dry_run: bool = False
) -> Any:
    svc = service(ctx)
    mapping = mapping or ImportMapping()
    table = svc.read(path, mapping)
    return svc.dry_run(table, mapping) if dry_run else svc.run(table, mapping)


def rejected(report: Any) -> dict[int, list[tuple[str | None, str]]]:
    found: dict[int, list[tuple[str | None, str]]] = {}
    for problem in report.rejected:
        found.setdefault(problem.line, []).append((problem.field, problem.message))
    return found


# -- a French CSV in Windows-1252 --------------------------------------------------------
def test_cp1252_csv_dry_run_lists_every_bad_row_with_its_line(
    ctx: AppContext, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "contacts.csv", FRENCH_SHEET, "cp1252")
    svc = service(ctx)
    table = svc.read(path)
    assert (table.encoding, table.delimiter) == ("cp1252", ";")
    assert svc.header_line(table) == 2  # the title line above is not the header

    report = svc.dry_run(table, ImportMapping())

    assert report.rows == 6  # 2 blank lines and the repeated header are not rows
    assert (report.blank_rows, report.repeated_headers) == (2, 1)
    bad = rejected(report)
    assert sorted(bad) == [5, 9, 10]
    assert bad[5] == [("date", "“31/02/2025” is not a valid date.")]
    assert bad[9] == [("phone", "“0612” is not a valid phone number.")]
    assert bad[10][0][0] == "mode" and "Pigeon voyageur" in bad[10][0][1]
    assert [(u.field, u.value, u.count, u.first_line) for u in report.unknown_values] == [
        ("mode", "Pigeon voyageur", 1, 10)
    ]
    # Dupont twice (same phone written two ways) is one household; the anonymous row none
    assert (report.households_new, report.consultations_new) == (1, 3)
    assert report.warnings == [
        "Notes on 1 row without a name, phone or e-mail are not kept: anonymous "
        "first-level information keeps no notes."
    ]
    assert counts(ctx) == (0, 0, 0)  # a dry run writes nothing


@pytest.mark.both_backends
def test_cp1252_csv_import_stores_clean_values_found_by_search(
    ctx: AppContext, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "contacts.csv", FRENCH_SHEET, "cp1252")
    report = import_file(ctx, path)

    assert not report.dry_run
    assert counts(ctx) == (1, 3, 4)
    [found] = ctx.households.search("dupon")  # the search index knows imported people
    household = ctx.households.get(found.id)
    assert (household.summary.first_name, household.summary.last_name) == ("Jean", "DUPONT")
    assert household.summary.phone == "+33612345678"
    assert household.surface_m2 == 85.5  # "85,5"
    assert household.notes is None  # the remark went to the consultation
    first, second = sorted(ctx.consultations.for_household(found.id), key=lambda c: c.id)
    assert first.occurred_at == datetime(2025, 3, 12, 12, 0)  # a date alone: noon
    assert (first.mode, first.themes, first.act) == ("phone", ("insulation",), "advice")
    assert ctx.consultations.get(first.id).notes == "rappeler"
    assert (second.mode, second.themes) == ("video", ("insulation",))
    [anonymous] = [c for c in ctx.consultations.between() if c.household_id is None]
    assert (anonymous.mode, anonymous.act, anonymous.commune) == ("walk_in", "info", "Lyon")
    assert anonymous.themes == ("financial_aid", "heating")
    assert ctx.consultations.get(anonymous.id).notes is None
    # Ordinary saves go on after the ids the import gave (PostgreSQL sequences too)
    later = ctx.households.create(HouseholdInput(last_name="Après", commune="Lyon"))
    assert later > found.id
    ctx.consultations.add(ConsultationInput(mode="phone", themes=("heating",), household_id=later))


@pytest.mark.both_backends
def test_importing_the_same_file_again_adds_nothing(ctx: AppContext, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "contacts.csv", FRENCH_SHEET, "cp1252")
    import_file(ctx, path)
    before = counts(ctx)

    again = import_file(ctx, path)

    assert counts(ctx) == before
    assert (again.households_new, again.consultations_new) == (0, 0)
    assert again.consultations_existing == 3
    assert {(m.line, m.by) for m in again.matches} == {(3, "phone"), (8, "phone")}


def test_fixed_rows_come_in_on_the_next_import_and_nothing_else(
    ctx: AppContext, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "contacts.csv", FRENCH_SHEET, "cp1252")
    import_file(ctx, path)
    fixed = [line.replace("31/02/2025", "28/02/2025") for line in FRENCH_SHEET]
    report = import_file(ctx, write_csv(tmp_path / "fixed.csv", fixed, "cp1252"))
    assert (report.households_new, report.consultations_new) == (1, 1)
    assert sorted(rejected(report)) == [9, 10]


# -- a UTF-8 CSV with a BOM and Arabic headers (a Moroccan centre) -----------------------
ARABIC_SHEET = [
    "الاسم,النسب,رقم الهاتف,المدينة,التاريخ,طريقة الاتصال,الموضوع,المدة",
    "محمد,البقالي,0661234567,شفشاون,05/02/2025,هاتف,سخان شمسي,20",
    "فاطمة,العلوي,+212 6 61 23 45 68,تطوان,06/02/2025,استقبال,إنارة,1h",
    ",,,شفشاون,07/02/2025,استقبال,غاز البوطان,",
    "أحمد,الريفي,0661234569,طنجة,2025-13-01,هاتف,إنارة,",
]


def test_utf8_bom_csv_with_arabic_headers(ctx_ma: AppContext, tmp_path: Path) -> None:
    path = tmp_path / "زيارات.csv"
    path.write_bytes(b"\xef\xbb\xbf" + "\n".join(ARABIC_SHEET).encode("utf-8"))
    svc = service(ctx_ma)
    table = svc.read(path)
    assert (table.encoding, table.delimiter) == ("utf-8-sig", ",")
    columns = [c.field for c in svc.columns(table, svc.header_line(table))]
    assert columns == [
        "first_name",
        "last_name",
        "phone",
        "commune",
        "date",
        "mode",
        "themes",
        "duration_min",
    ]

    report = svc.run(table, ImportMapping())

    assert rejected(report) == {5: [("date", "“2025-13-01” is not a valid date.")]}
    assert counts(ctx_ma)[:2] == (2, 3)
    [found] = ctx_ma.households.search("محمد البقالي")
    assert ctx_ma.households.get(found.id).summary.phone == "+212661234567"
    themes = {c.themes for c in ctx_ma.consultations.between()}
    assert themes == {("solar_thermal",), ("lighting",), ("butane_safety",)}
    durations = sorted(c.duration_min for c in ctx_ma.consultations.between())
    assert durations == [10, 20, 60]  # "1h"; the anonymous call: the default for info


# -- an XLSX workbook with two sheets ----------------------------------------------------
def make_workbook(path: Path) -> Path:
    book = Workbook()
    summary = book.active
    summary.title = "Synthèse"
    summary.append(["Total", 3])
    sheet = book.create_sheet("Contacts 2025")
    sheet.append(["Permanences info énergie"])
    sheet.append([])
    sheet.append(["NOM Prénom", "Portable", "Code postal", "Commune", "Date", "Heure", "Canal"])
    sheet.append(
        [
            "DURAND Paul",
            612345678,
            1000,
            "Bourg-en-Bresse",
            datetime(2025, 1, 8, 10, 30),
            None,
            "RDV",
        ]
    )
    sheet.append(["Claire Fabre", "0698765432", "13001", "Marseille", 45667, time(14, 15), "Tél."])
    sheet.append([None, None, None, None, None, None, None])
    sheet.append(["Inconnu", None, None, "Marseille", "le 3 janvier", None, "Tél."])
    book.save(path)
    return path


def test_xlsx_chosen_sheet_dates_serials_and_numbers(ctx: AppContext, tmp_path: Path) -> None:
    path = make_workbook(tmp_path / "suivi.xlsx")
    svc = service(ctx)
    assert svc.sheets(path) == ["Synthèse", "Contacts 2025"]
    assert svc.read(path).sheet == "Synthèse"  # the first sheet unless one is chosen
    mapping = ImportMapping(sheet="Contacts 2025", defaults={"themes": "other"})
    table = svc.read(path, mapping)
    assert svc.header_line(table, mapping) == 3

    report = svc.run(table, mapping)

    assert rejected(report) == {7: [("date", "“le 3 janvier” is not a valid date.")]}
    assert (report.households_new, report.consultations_new) == (2, 2)
    durand = ctx.households.get(ctx.households.search("durand")[0].id).summary
    assert (durand.first_name, durand.last_name) == ("Paul", "DURAND")
    assert (durand.phone, durand.postal_code) == ("+33612345678", "01000")
    occurred = sorted(c.occurred_at for c in ctx.consultations.between())
    assert occurred == [datetime(2025, 1, 8, 10, 30), datetime(2025, 1, 10, 14, 15)]
    assert {c.themes for c in ctx.consultations.between()} == {("other",)}
    assert {c.mode for c in ctx.consultations.between()} == {"walk_in", "phone"}


def test_a_missing_sheet_and_unreadable_files_are_clear_errors(
    ctx: AppContext, tmp_path: Path
) -> None:
    path = make_workbook(tmp_path / "suivi.xlsx")
    with pytest.raises(ImportFileError, match="no sheet “Contacts 2024”"):
        service(ctx).read(path, ImportMapping(sheet="Contacts 2024"))
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(ImportFileError, match=r"not a readable \.xlsx"):
        service(ctx).read(broken)
    old = tmp_path / "old.ods"
    old.write_bytes(b"x")
    with pytest.raises(ImportFileError, match=r"Save it as \.xlsx or \.csv"):
        service(ctx).read(old)


# -- duplicates --------------------------------------------------------------------------
@pytest.mark.both_backends
def test_people_already_recorded_are_found_by_phone_or_name_and_commune(
    ctx: AppContext, tmp_path: Path
) -> None:
    by_phone = ctx.households.create(
        HouseholdInput(first_name="Jean", last_name="Dupont", phone="0612345678", commune="Lyon")
    )
    by_name = ctx.households.create(
        HouseholdInput(first_name="Éloïse", last_name="MARTIN", commune="Lyon")
    )
    namesake = ctx.households.create(
        HouseholdInput(last_name="Petit", first_name="Zoé", phone="0611111111", commune="Bron")
    )
    lines = [
        "Nom;Prénom;Téléphone;Commune;Date",
        "DUPONT;J.;06.12.34.56.78;Villeurbanne;10/03/2025",  # same phone, other spelling
        "martin;eloise;;LYON;11/03/2025",  # same folded names and commune
        "Martin;Éloïse;;Lyon;12/03/2025",
        "Petit;Zoé;0622222222;Bron;13/03/2025",  # same name, another phone: someone else
        "Petit;Zoé;0622222222;Bron;14/03/2025",  # ... met again in the file
    ]
    defaults = ImportMapping(defaults={"mode": "phone", "themes": "heating"})
    report = import_file(ctx, write_csv(tmp_path / "d.csv", lines, "utf-8"), defaults)

    assert report.rejected == []
    assert [(m.line, m.household_id, m.by) for m in report.matches] == [
        (2, by_phone, "phone"),
        (3, by_name, "name"),
        (4, by_name, "name"),
    ]
    assert report.households_new == 1
    petits = [h for h in ctx.households.search("petit zoe") if h.id != namesake]
    assert len(petits) == 1
    assert len(ctx.consultations.for_household(petits[0].id)) == 2
    assert len(ctx.consultations.for_household(by_name)) == 2


def test_a_consultation_logged_at_the_desk_is_not_imported_twice(
    ctx: AppContext, tmp_path: Path
) -> None:
    household = ctx.households.create(
        HouseholdInput(first_name="Jean", last_name="Dupont", phone="0612345678", commune="Lyon")
    )
    ctx.consultations.add(
        ConsultationInput(
            mode="phone",
            themes=("heating",),
            household_id=household,
            occurred_at=datetime(2025, 3, 10, 15, 42),
        )
    )
    lines = [
        "Nom;Téléphone;Date;Mode;Thème",
        "Dupont;0612345678;10/03/2025;Téléphone;Chauffage",  # no time: that day's call
        "Dupont;0612345678;10/03/2025;Téléphone;Chauffage",  # a second call that day
    ]
    report = import_file(ctx, write_csv(tmp_path / "d.csv", lines, "utf-8"))
    assert (report.consultations_existing, report.consultations_new) == (1, 1)
    assert len(ctx.consultations.for_household(household)) == 2


def test_identical_anonymous_rows_are_distinct_calls_and_stay_so(
    ctx: AppContext, tmp_path: Path
) -> None:
    lines = ["Date;Mode;Thème;Commune"] + ["10/03/2025;Tél.;Chauffage;Lyon"] * 3
    path = write_csv(tmp_path / "tally.csv", lines, "utf-8")
    assert import_file(ctx, path).consultations_new == 3
    assert import_file(ctx, path).consultations_new == 0
    assert counts(ctx)[1] == 3


# -- the same rules as the services ------------------------------------------------------
def test_imported_consultations_are_stored_as_the_service_stores_them(
    ctx: AppContext, tmp_path: Path
) -> None:
    lines = [
        "Nom;Prénom;Commune;Date;Heure;Mode;Acte;Thème;Durée;Origine;À faire;Date de relance",
        "Durand;Paul;Lyon;10/03/2025;09:30;Accueil;Audit;DPE;;Mairie;Rappeler;20/03/2025",
    ]
    import_file(ctx, write_csv(tmp_path / "c.csv", lines, "utf-8"))
    [imported] = ctx.consultations.between()
    household = ctx.households.search("durand")[0].id
    by_hand = ctx.consultations.add(
        ConsultationInput(
            mode="walk_in",
            act="audit",
            themes=("audit",),
            household_id=household,
            occurred_at=datetime(2025, 3, 10, 9, 30),
            origin="town_hall",
            follow_up_action="Rappeler",
            follow_up_due=date(2025, 3, 20),
        )
    )
    columns = [
        c
        for c in Consultation.__table__.columns.keys()  # noqa: SIM118 - names, not columns
        if c not in ("id", "created_at", "updated_at")
    ]
    with ctx.db.read() as session:
        rows = {
            r.id: {c: getattr(r, c) for c in columns} for r in session.scalars(select(Consultation))
        }
    assert rows[imported.id] == rows[by_hand]


def test_rows_the_services_would_refuse_are_rejected(ctx: AppContext, tmp_path: Path) -> None:
    lines = [
        "Date;Mode;Acte;Thème;Durée;Courriel;Nom",
        "10/03/2025;Tél.;Conseil;Chauffage;;;",  # personalised advice needs a household
        "10/03/2099;Tél.;;Chauffage;;;",  # in the future
        "10/03/2025;Tél.;;;;;Durand",  # no theme
        "10/03/2025;Tél.;;Chauffage;900;;Durand",  # 15 hours
        "10/03/2025;Tél.;;Chauffage;;pas-un-mail;Durand",
    ]
    report = import_file(ctx, write_csv(tmp_path / "r.csv", lines, "utf-8"), dry_run=True)
    assert rejected(report) == {
        2: [("household_id", "This kind of act needs a household.")],
        3: [("occurred_at", "The date cannot be in the future.")],
        4: [("themes", "Choose at least one theme.")],
        5: [("duration_min", "Must be between 1 and 600.")],
        6: [("email", "“pas-un-mail” is not a valid e-mail address.")],
    }
    assert [p.value for p in report.rejected] == ["Conseil", "10/03/2099", "", "900", "pas-un-mail"]


# -- all or nothing, backup, audit -------------------------------------------------------
@pytest.mark.both_backends
def test_a_failure_during_the_write_leaves_the_database_untouched(
    ctx: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_csv(tmp_path / "contacts.csv", FRENCH_SHEET, "cp1252")
    monkeypatch.setattr(apply, "CHUNK", 1)
    written: list[int] = []

    def progress(done: int, total: int, phase: str) -> None:
        if phase == "write":
            written.append(done)
            if done == 2:  # a household and a consultation are already inserted
                raise OSError("disk full")

    svc = service(ctx)
    table = svc.read(path)
    with pytest.raises(OSError, match="disk full"):
        svc.run(table, ImportMapping(), progress=progress)
    assert written == [1, 2]
    assert counts(ctx) == (0, 0, 0)
    with ctx.db.read() as session:
        assert (
            session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action == "import"))
            == 0
        )
    assert ctx.households.search("dupont") == []


def test_cancelling_rolls_back_everything(ctx: AppContext, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(apply, "CHUNK", 1)
    path = write_csv(tmp_path / "contacts.csv", FRENCH_SHEET, "cp1252")
    svc = service(ctx)
    steps: list[str] = []

    def progress(done: int, total: int, phase: str) -> None:
        steps.append(phase)

    with pytest.raises(ImportCancelledError, match="nothing was written"):
        svc.run(svc.read(path), ImportMapping(), progress, cancelled=lambda: "write" in steps)
    assert counts(ctx) == (0, 0, 0)


def test_the_import_is_backed_up_first_and_audited_without_personal_data(
    ctx: AppContext, tmp_path: Path, db_path: Path
) -> None:
    path = write_csv(tmp_path / "contacts.csv", FRENCH_SHEET, "cp1252")
    report = import_file(ctx, path)

    backup = Path(report.backup)
    assert backup.is_file() and backup.parent == db_path.parent / "backups"
    [event] = ctx.audit.events(action="import")
    assert event.object_type == "database"
    assert event.details["created_households"] == 1
    assert event.details["created_consultations"] == 3
    assert event.details["rows"] == 6
    assert event.details["rejected_rows"] == 3
    assert len(event.details["file_sha256"]) == 64
    assert not {"Dupont", "DUPONT", "Lyon", "contacts.csv"} & set(map(str, event.details.values()))


def test_a_sheet_with_no_useful_column_is_refused(ctx: AppContext, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "x.csv", ["Couleur;Taille", "bleu;3"], "utf-8")
    with pytest.raises(Exception, match="Nothing to import"):
        import_file(ctx, path, dry_run=True)


# -- mapping files -----------------------------------------------------------------------
def test_a_saved_mapping_imports_next_months_sheet(ctx: AppContext, tmp_path: Path) -> None:
    mapping = ImportMapping(
        columns=[
            ColumnRule("Qui", "full_name"),
            ColumnRule("Quand", "date"),
            ColumnRule("Comment", "mode"),
            ColumnRule("Pourquoi", "themes"),
            ColumnRule("Commentaire interne", None),
        ],
        values={"mode": {"Perm.": "walk_in"}, "themes": {"Truc": "other"}},
    )
    save_mapping(mapping, tmp_path / "map.json")
    loaded = load_mapping(tmp_path / "map.json")
    assert loaded == mapping
    # Columns moved, a header written in capitals, a new column (guessed: commune)
    lines = [
        "Registre d'avril;;;;;",
        "Commentaire interne;QUAND;Qui;Pourquoi;Comment;Ville",
        "ne pas importer;03/04/2025;DURAND Paul;Truc;Perm.;Lyon",
    ]
    report = import_file(ctx, write_csv(tmp_path / "avril.csv", lines, "utf-8"), loaded)
    assert report.rejected == []
    [c] = ctx.consultations.between()
    assert (c.mode, c.themes, c.commune) == ("walk_in", ("other",), "Lyon")
    assert ctx.consultations.get(c.id).notes is None


# -- the command line --------------------------------------------------------------------
def test_cli_dry_run_json_then_import(db_path: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    cli = Cli(db_path, capsys)
    path = write_csv(tmp_path / "contacts.csv", FRENCH_SHEET, "cp1252")
    data = cli.json("import", str(path), "--dry-run")
    assert data["dry_run"] is True
    assert data["source"]["encoding"] == "cp1252"
    assert data["source"]["header_row"] == 2
    assert [r["line"] for r in data["rejected"]] == [5, 9, 10]
    assert data["households"]["new"] == 1

    code, out, err = cli("import", str(path))
    assert (code, err) == (0, "")
    assert "Imported — households: 1, consultations: 3." in out
    assert "31/02/2025" in out

    again = cli.json("import", str(path))
    assert again["consultations"] == {"new": 0, "already_recorded": 3}


def test_cli_saves_a_mapping_that_can_be_edited_and_reused(
    db_path: Path, tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    cli = Cli(db_path, capsys)
    path = write_csv(tmp_path / "contacts.csv", FRENCH_SHEET, "cp1252")
    saved = tmp_path / "map.json"
    code, _out, _err = cli("import", str(path), "--dry-run", "--save-mapping", str(saved))
    assert code == 0
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["header_row"] == 2
    assert {"header": "Tél.", "field": "phone"} in data["columns"]
    data["values"]["mode"] = {"Pigeon voyageur": "letter"}
    saved.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    report = cli.json("import", str(path), "--mapping", str(saved), "--dry-run")
    assert [r["line"] for r in report["rejected"]] == [5, 9]


def test_cli_errors_are_one_line(db_path: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    cli = Cli(db_path, capsys)
    code, out, err = cli("import", str(tmp_path / "absent.csv"))
    assert (code, out) == (1, "")
    assert err.count("\n") == 1 and "does not exist" in err
    bad = tmp_path / "map.json"
    bad.write_text("{not json", encoding="utf-8")
    path = write_csv(tmp_path / "c.csv", FRENCH_SHEET, "cp1252")
    code, _out, err = cli("import", str(path), "--mapping", str(bad))
    assert code == 1 and "not a mapping file" in err and "Traceback" not in err
    code, _out, _err = cli("import")
    assert code == 2


def test_history_brings_no_six_month_reminders_already_past(
    ctx: AppContext, tmp_path: Path
) -> None:
    """An advice given in 2023 has no outcome to ask for in mid-2025; one given in May 2025
    has (its outcome falls due 183 days later, in November)."""
    lines = [
        "Nom;Prénom;Commune;Date;Mode;Acte;Thème",
        "Durand;Paul;Lyon;10/03/2023;Accueil;Conseil;Isolation",
        "Martin;Léa;Lyon;12/05/2025;Accueil;Conseil;Isolation",
    ]
    import_file(ctx, write_csv(tmp_path / "h.csv", lines, "utf-8"))
    with ctx.db.read() as session:
        due = {c.occurred_at.year: c.outcome_due for c in session.scalars(select(Consultation))}
    assert due == {2023: None, 2025: date(2025, 11, 11)}  # 183 days after 12 May


# -- big and mixed files (redteam MEDIUM-11, LOW-7) --------------------------------------
MIXED = [
    "Nom;Téléphone;Date;Mode;Thème",
    "Dupont Hélène;0612345678;01/10/2024;Tél.;Chauffage",
    "Béatrice Lefèvre;0612345679;02/10/2024;Tél.;Chauffage",
]


def mixed_csv(path: Path, legacy: str, main: str = "utf-8", copies: int = 1) -> Path:
    """MIXED in *main* (its lines repeated *copies* times), then *legacy* in cp1252."""
    body = "\n".join(MIXED[:1] + MIXED[1:] * copies) + "\n"
    path.write_bytes(body.encode(main) + (legacy + "\n").encode("cp1252"))
    return path


def names(ctx: AppContext) -> set[str]:
    with ctx.db.read() as session:
        rows = session.execute(select(Household.first_name, Household.last_name))
        return {f"{first} {last}" for first, last in rows}


def test_a_mostly_utf8_csv_keeps_every_name_and_names_the_other_line(
    ctx: AppContext, tmp_path: Path
) -> None:
    path = mixed_csv(tmp_path / "mixed.csv", "Martin Gérard;0612345670;03/10/2024;Tél.;Chauffage")
    svc = service(ctx)
    table = svc.read(path)
    assert (table.encoding, table.other_encoding, table.other_lines) == ("utf-8", "cp1252", (4,))

    report = svc.dry_run(table, ImportMapping())
    assert report.warnings == [
        "Line 4 is not in the file's encoding (UTF-8): it was read as Windows-1252. "
        "Check the names on it."
    ]
    svc.run(table, ImportMapping())
    assert names(ctx) == {"Dupont Hélène", "Béatrice Lefèvre", "Martin Gérard"}


def test_a_mostly_cp1252_csv_reads_its_utf8_lines_as_utf8(ctx: AppContext, tmp_path: Path) -> None:
    path = tmp_path / "legacy.csv"
    legacy = "\n".join([*MIXED, "Éloïse Dufour;0612345671;04/10/2024;Tél.;Chauffage"]) + "\n"
    path.write_bytes(
        legacy.encode("cp1252") + "Zoé Noël;0612345672;05/10/2024;Tél.;Chauffage\n".encode()
    )
    table = service(ctx).read(path)
    assert (table.encoding, table.other_encoding, table.other_lines) == ("cp1252", "utf-8", (5,))
    import_file(ctx, path)
    assert {"Éloïse Dufour", "Zoé Noël", "Dupont Hélène"} <= names(ctx)


def test_the_dry_run_of_the_command_shows_the_mixed_lines(
    db_path: Path, tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    path = mixed_csv(
        tmp_path / "m.csv", "Martin Gérard;0612345670;03/10/2024;Tél.;Chauffage", copies=12
    )
    code, out, err = Cli(db_path, capsys)("import", str(path), "--dry-run")
    assert (code, err) == (0, "")
    assert "Line 26 is not in the file's encoding (UTF-8): it was read as Windows-1252." in out


def test_many_other_lines_are_counted_and_the_first_listed(ctx: AppContext, tmp_path: Path) -> None:
    path = tmp_path / "many.csv"
    good = "\n".join(MIXED * 20) + "\n"
    bad = "".join(f"Gérard {i};06123456{i:02d};03/10/2024;Tél.;Chauffage\n" for i in range(12))
    path.write_bytes(good.encode() + bad.encode("cp1252"))
    table = service(ctx).read(path)
    assert table.other_count == 12 and table.other_lines == tuple(range(61, 71))
    [warning] = service(ctx).dry_run(table, ImportMapping()).warnings
    assert warning.startswith("Lines 61, 62, 63, 64, 65, 66, 67, 68, 69, 70 and 2 more are not")


def test_rows_are_read_from_the_file_not_kept(ctx: AppContext, tmp_path: Path) -> None:
    """Only the first rows stay in memory; every walk reads the file again, streamed."""
    lines = ["Nom;Prénom;Commune;Date;Mode;Thème"] + [
        f"Durand;Paul{i};Lyon;10/03/2024;Accueil;Isolation" for i in range(2_000)
    ]
    path = write_csv(tmp_path / "long.csv", lines, "utf-8")
    table = service(ctx).read(path)
    assert len(table.rows) == 2_001 and len(table.rows.head) < 300
    assert table.rows[-1] == (
        2_001,
        ["Durand", "Paul1999", "Lyon", "10/03/2024", "Accueil", "Isolation"],
    )
    assert table.rows[1500][0] == 1_501
    assert [line for line, _cells in table.rows[1998:2001]] == [1_999, 2_000, 2_001]
    assert import_file(ctx, path).households_new == 2_000


def test_a_file_changed_after_the_dry_run_is_refused_and_nothing_is_written(
    ctx: AppContext, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "c.csv", FRENCH_SHEET, "cp1252")
    svc = service(ctx)
    table = svc.read(path)
    svc.dry_run(table, ImportMapping())
    write_csv(
        path, [*FRENCH_SHEET, "Autre;Jeanne;0611223344;Lyon;15/03/2025;Tél.;Chauffage;;"], "cp1252"
    )
    with pytest.raises(ImportFileError, match="changed since it was read"):
        svc.run(table, ImportMapping())
    assert counts(ctx) == (0, 0, 0)


def test_the_real_row_limit_refuses_before_anything_is_checked(
    ctx: AppContext, tmp_path: Path
) -> None:
    from siec_desk.importing import limits

    path = tmp_path / "rows.csv"
    path.write_bytes(b"Nom\n" + b"x\n" * limits.MAX_ROWS)  # the header makes one too many
    with pytest.raises(ImportFileError, match=r"rows\.csv has more than 300,000 rows"):
        service(ctx).read(path)


def test_a_workbook_declaring_entities_is_refused_before_openpyxl_parses_it(
    ctx: AppContext, tmp_path: Path
) -> None:
    from testkit.hostile_files import LAUGHS, XXE, declare, with_part, zip_bomb

    for name, data in (
        ("xxe.xlsx", with_part("xl/workbook.xml", declare(XXE))),
        ("lol.xlsx", with_part("xl/styles.xml", declare(LAUGHS))),
        ("u16.xlsx", with_part("xl/worksheets/sheet1.xml", declare(XXE, utf16=True))),
    ):
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(ImportFileError, match="declares a document type or entities"):
            service(ctx).read(path)
        with pytest.raises(ImportFileError, match="declares a document type"):
            service(ctx).sheets(path)
    bomb = tmp_path / "bomb.xlsx"
    bomb.write_bytes(zip_bomb(50))
    assert bomb.stat().st_size < 200_000
    with pytest.raises(ImportFileError, match="zip bomb"):
        service(ctx).read(bomb)


def test_comments_and_cdata_in_a_workbook_are_not_declarations(
    ctx: AppContext, tmp_path: Path
) -> None:
    from testkit.hostile_files import with_part

    from siec_desk.importing import workbook_check as wc

    path = tmp_path / "ok.xlsx"
    path.write_bytes(
        with_part(
            "xl/worksheets/sheet1.xml",
            lambda data: data.replace(b"<sheetData>", b"<!-- made by hand --><sheetData>"),
        )
    )
    assert service(ctx).read(path).sheet == "Sheet"
    # split anywhere, across the pieces the parts are read in
    xml = b"<a><![CDATA[x]]><!-- c --><b/></a>"
    for cut in range(len(xml)):
        assert not wc._search(wc._DECLARATION, [xml[:cut], xml[cut:]])
        assert wc._search(wc._DECLARATION, [b"<a>" + xml[:cut], xml[cut:] + b"<!ENTITY x>"])
