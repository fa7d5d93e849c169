"""Import memory benchmark: the peak memory of importing a big CSV, and the refusals.

Usage: ``.venv/bin/python benchmarks/import_memory.py [--mb 50] [--import] [--out DIR]``

A CSV of about ``--mb`` megabytes is written the way a centre's sheet looks (French
headers, ";" delimiter, UTF-8 with a BOM, dd/mm/yyyy dates, French labels, national
phone numbers; names, phones and communes drawn at random, so most rows are distinct
households). ``siec-desk import --dry-run`` (and with ``--import``, the import itself)
then runs in a child process, whose peak resident memory (``ru_maxrss``) is printed
against the goal: **≤ 400 MB for a 50 MB CSV** (docs/import.md, "Limits"). Two refusals
are timed too: a file over the size limit and an XLSX "zip bomb" (3 MB that would unzip
to 2 GB), both refused before anything is read.
Not a unit test: a 50 MB dry run takes 2–5 minutes on a shared 2-core machine (the
checks of ~265 000 rows); ``--import`` as long again.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from siec_desk.core.i18n import language_override
from siec_desk.importing import limits
from siec_desk.services.centre import CentreService
from siec_desk.services.demo.samples_people import COMMUNES, FRENCH_FIRST, FRENCH_LAST
from siec_desk.storage.database import open_database
from siec_desk.texts.labels import CONTACT_MODES, TENURES, THEMES, label

GOAL_MB = 400
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
    "Remarque",
)
_FR_THEMES = ("heating", "insulation", "financial_aid", "windows", "hot_water", "ventilation")
_TENURES = ("owner_occupier", "private_tenant", "landlord")


def write_sheet(path: Path, megabytes: float, seed: int = 1) -> int:
    """A centre's history of about *megabytes* MB; the number of data rows."""
    rng = random.Random(seed)
    modes = [label(CONTACT_MODES, m) for m in ("phone", "walk_in", "email", "home_visit")]
    tenures = [label(TENURES, t) for t in _TENURES]
    themes = [label(THEMES, t) for t in _FR_THEMES]
    communes = COMMUNES["FR"]
    limit = int(megabytes * 1_000_000)
    rows = 0
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        sheet = csv.writer(fh, delimiter=";")
        sheet.writerow(HEADERS)
        while fh.tell() < limit:
            first, last = rng.choice(FRENCH_FIRST), rng.choice(FRENCH_LAST)
            commune, postal, _weight = rng.choice(communes)
            digits = f"{rng.randrange(10, 100)} {rng.randrange(10, 100)} {rng.randrange(10, 100)}"
            sheet.writerow(
                (
                    last.upper(),
                    first,
                    f"06 {rng.randrange(10, 90)} {digits}",
                    f"{first}.{last}{rows}@example.org".lower().replace(" ", ""),
                    commune,
                    postal,
                    f"{rng.randrange(1, 29):02d}/{rng.randrange(1, 13):02d}/"
                    f"{rng.randrange(2019, 2026)}",
                    f"{rng.randrange(9, 18)}:{rng.choice(('00', '15', '30', '45'))}",
                    rng.choice(modes),
                    ", ".join(rng.sample(themes, rng.randrange(1, 3))),
                    rng.choice((15, 20, 30, 45, 60)),
                    rng.choice(tenures),
                    f"{rng.randrange(20, 200)},{rng.randrange(10)}",
                    rng.choice(("", "", "rappeler en septembre", "devis reçu, à relancer")),
                )
            )
            rows += 1
    return rows


def zip_bomb(path: Path, megabytes: int) -> None:
    """A workbook whose sheet unzips to *megabytes* MB of blank rows (a few KB zipped)."""
    block = b"<row/>" * 100_000
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as book:
        book.writestr("[Content_Types].xml", b"<Types/>")
        with book.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(b"<worksheet><sheetData>")
            for _i in range(megabytes * 1_000_000 // len(block)):
                sheet.write(block)
            sheet.write(b"</sheetData></worksheet>")


def run(folder: Path, db: Path, *args: str) -> tuple[int, float, float, str]:
    """``siec-desk --db DB ARGS`` in a child process: (exit code, seconds, peak MB, stderr)."""
    env = {**os.environ, "SIEC_DESK_HOME": str(folder / "home")}
    command = [sys.executable, "-m", "siec_desk", "--db", str(db), "--lang", "en", *args]
    started = time.perf_counter()
    child = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    _pid, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    err = child.stderr.read() if child.stderr else ""
    code = os.waitstatus_to_exitcode(status)
    child.returncode = code
    return code, seconds, usage.ru_maxrss / 1024, err.strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50.0, help="size of the CSV (MB)")
    parser.add_argument("--import", dest="write", action="store_true", help="also import it")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    folder = args.out or Path(tempfile.mkdtemp(prefix="siec-import-memory-"))
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "centre.sqlite3"
    if not db.exists():
        database = open_database(db)
        CentreService(database).set_up("Benchmark centre", "FR", "fr", "Advisor")
        database.close()

    sheet = folder / "history.csv"
    started = time.perf_counter()
    with language_override("fr"):
        rows = write_sheet(sheet, args.mb)
    size = sheet.stat().st_size / 1e6
    print(f"sheet: {rows} rows, {size:.1f} MB (written in {time.perf_counter() - started:.1f} s)")

    ok = True
    code, seconds, peak, err = run(folder, db, "import", str(sheet), "--dry-run")
    ok &= code == 0 and peak <= GOAL_MB
    print(f"dry run:  exit {code}, {seconds:6.1f} s, peak RSS {peak:6.0f} MB (goal ≤ {GOAL_MB})")
    if err:
        print("  stderr:", err[:300])
    if args.write:
        code, seconds, peak, err = run(folder, db, "import", str(sheet))
        ok &= code == 0 and peak <= GOAL_MB
        print(
            f"import:   exit {code}, {seconds:6.1f} s, peak RSS {peak:6.0f} MB",
            f"(goal ≤ {GOAL_MB})",
        )
        if err:
            print("  stderr:", err[:300])

    big = folder / "too-big.csv"
    with big.open("wb") as fh:  # sparse: no disk written
        fh.truncate(limits.MAX_FILE_BYTES + 1)
    code, seconds, peak, err = run(folder, db, "import", str(big), "--dry-run")
    ok &= code == 1
    print(
        f"file over {limits.MAX_FILE_BYTES // 1_000_000} MB: exit {code}, {seconds:.1f} s, "
        f"peak RSS {peak:.0f} MB: {err}"
    )
    bomb = folder / "bomb.xlsx"
    zip_bomb(bomb, 2_000)
    code, seconds, peak, err = run(folder, db, "import", str(bomb), "--dry-run")
    ok &= code == 1
    print(
        f"zip bomb ({bomb.stat().st_size // 1000} KB → 2 GB unzipped): exit {code}, "
        f"{seconds:.1f} s, peak RSS {peak:.0f} MB: {err}"
    )
    print(
        f"goal (50 MB CSV within {GOAL_MB} MB; oversize files refused):", "met" if ok else "NOT met"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
