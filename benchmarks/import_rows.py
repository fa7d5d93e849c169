"""Import benchmark: a 50 000-row spreadsheet of a centre's history, dry run and import.

Usage: ``.venv/bin/python benchmarks/import_rows.py [--rows 50000] [--country FR] [--out DIR]``

The sheet is the app's own demo data exported the way a centre's sheet looks: one row
per consultation, French headers, names split, national phone numbers with spaces,
dd/mm/yyyy dates, French labels for modes and themes ("Téléphone", "Isolation, Aides
financières"), decimal commas, ";" as delimiter, UTF-8 with a BOM. It is then imported
into a new database of the same country: reading, dry run, import (backup included) and
a second dry run (which must find nothing new) are timed. Target: import ≤ 30 s.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, select

from siec_desk.core.i18n import language_override
from siec_desk.domain.validation import format_phone
from siec_desk.importing.mapping import ImportMapping
from siec_desk.services.app import AppContext, open_app
from siec_desk.services.centre import CentreService
from siec_desk.services.demo import DemoOptions, generate_demo
from siec_desk.services.importer import ImportService
from siec_desk.storage.database import open_database
from siec_desk.storage.models import Consultation, ConsultationTheme, Household
from siec_desk.texts.labels import CONTACT_MODES, TENURES, THEMES, label

HEADERS = (
    "Nom",
    "Prénom",
    "Téléphone",
    "Courriel",
    "Commune",
    "CP",
    "Date du RDV",
    "Heure",
    "Mode",
    "Thème",
    "Durée",
    "Statut d'occupation",
    "Surface",
)


def new_context(path: Path, country: str) -> AppContext:
    db = open_database(path)
    CentreService(db).set_up("Benchmark centre", country, "fr", "Advisor")
    db.close()
    return open_app(path)


def _phone(e164: str | None, country: str) -> str:
    """The national form; the demo draws random digits, some of which no operator uses:
    those are left out, as a centre's sheet would not hold them."""
    import phonenumbers

    if not e164:
        return ""
    if not phonenumbers.is_valid_number(phonenumbers.parse(e164, None)):
        return ""
    return format_phone(e164, country)


def export_sheet(ctx: AppContext, out: Path, rows: int) -> int:
    """Write the demo history as a centre's CSV (one row per consultation)."""
    country = ctx.centre.country
    with ctx.db.read() as session:
        themes: dict[int, list[str]] = {}
        for cid, theme in session.execute(
            select(ConsultationTheme.consultation_id, ConsultationTheme.theme)
        ):
            themes.setdefault(cid, []).append(theme)
        query = (
            select(Consultation, Household)
            .outerjoin(Household, Household.id == Consultation.household_id)
            .order_by(Consultation.occurred_at)
            .limit(rows)
        )
        written = 0
        with language_override("fr"), out.open("w", encoding="utf-8-sig", newline="") as fh:
            sheet = csv.writer(fh, delimiter=";")
            sheet.writerow(HEADERS)
            for c, h in session.execute(query):
                surface = f"{h.surface_m2:.1f}".replace(".", ",") if h and h.surface_m2 else ""
                sheet.writerow(
                    (
                        (h.last_name or "") if h else "",
                        (h.first_name or "") if h else "",
                        _phone(h.phone, country) if h else "",
                        (h.email or "") if h else "",
                        c.commune or "",
                        c.postal_code or "",
                        c.occurred_at.strftime("%d/%m/%Y"),
                        c.occurred_at.strftime("%H:%M"),
                        label(CONTACT_MODES, c.mode),
                        ", ".join(label(THEMES, t) for t in themes.get(c.id, [])),
                        c.duration_min,
                        label(TENURES, h.tenure) if h else "",
                        surface,
                    )
                )
                written += 1
    return written


def save_as_xlsx(sheet: Path, book: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet("Historique")
    with sheet.open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.reader(fh, delimiter=";"):
            worksheet.append(row)
    workbook.save(book)


def count(ctx: AppContext) -> tuple[int, int]:
    with ctx.db.read() as session:
        households = session.scalar(select(func.count(Household.id))) or 0
        consultations = session.scalar(select(func.count(Consultation.id))) or 0
    return int(households), int(consultations)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--country", default="FR", choices=("FR", "MA", "TN"))
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument(
        "--xlsx", action="store_true", help="also time reading the sheet saved as .xlsx"
    )
    args = parser.parse_args()
    folder = args.out or Path(tempfile.mkdtemp(prefix="siec-import-bench-"))
    folder.mkdir(parents=True, exist_ok=True)

    source = new_context(folder / "source.sqlite3", args.country)
    started = time.perf_counter()
    generate_demo(source, DemoOptions(households=args.rows // 3 + 1, consultations=args.rows))
    sheet = folder / "history.csv"
    written = export_sheet(source, sheet, args.rows)
    source.close()
    print(
        f"sheet: {written} rows, {sheet.stat().st_size / 1e6:.1f} MB "
        f"(made in {time.perf_counter() - started:.1f} s) → {sheet}"
    )

    target = new_context(folder / "target.sqlite3", args.country)
    service = ImportService(target)
    mapping = ImportMapping()

    t0 = time.perf_counter()
    table = service.read(sheet, mapping)
    t1 = time.perf_counter()
    report = service.dry_run(table, mapping)
    t2 = time.perf_counter()
    done = service.run(table, mapping)
    t3 = time.perf_counter()
    again = service.dry_run(table, mapping)
    t4 = time.perf_counter()
    households, consultations = count(target)
    target.close()

    print(
        f"read (detect encoding, delimiter):  {t1 - t0:6.2f} s  ({table.encoding}, "
        f"{table.delimiter!r})"
    )
    print(
        f"dry run:                            {t2 - t1:6.2f} s  "
        f"({report.households_new} households, {report.consultations_new} consultations new, "
        f"{len(report.rejected_lines)} rows rejected)"
    )
    print(
        f"import (backup + one transaction):  {t3 - t2:6.2f} s  → database holds "
        f"{households} households, {consultations} consultations"
    )
    print(
        f"second dry run of the same file:    {t4 - t3:6.2f} s  "
        f"({again.households_new} new households, {again.consultations_new} new "
        f"consultations, {again.consultations_existing} already recorded)"
    )
    if args.xlsx:
        book = folder / "history.xlsx"
        save_as_xlsx(sheet, book)
        t5 = time.perf_counter()
        xlsx_table = ImportService(new_context(folder / "x.sqlite3", args.country)).read(book)
        print(
            f"read the same sheet as .xlsx:       {time.perf_counter() - t5:6.2f} s  "
            f"({len(xlsx_table.rows)} rows)"
        )
    print(f"rows per second (import):           {report.rows / (t3 - t2):8.0f}")
    if done.rejected:
        print("first rejected rows:", [p.as_json() for p in done.rejected[:5]])
    ok = (t3 - t2) <= 30 and again.households_new == 0 and again.consultations_new == 0
    print("target (import ≤ 30 s, re-import adds nothing):", "met" if ok else "NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
