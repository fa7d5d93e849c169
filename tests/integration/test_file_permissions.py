"""Files that hold personal data are readable by the user only (POSIX).

A shared office PC has other accounts: the database (and SQLite's ``-wal`` and ``-shm``,
which take the main file's mode), backups, archived letters and rights exports are
created 0600 and the folders SIEC Desk creates for them 0700, even under a umask that
would let everyone read them.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from testkit.cli import Cli
from testkit.contexts import make_ctx
from testkit.letters import LATIN, consultation

from siec_desk.documents.engine.pdf import RenderedPdf
from siec_desk.services.app import AppContext, letter_archive_dir, open_app
from siec_desk.services.letter_types import LetterRequest
from siec_desk.services.maintenance import MaintenanceService

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")

PRIVATE_FILE, PRIVATE_FOLDER = 0o600, 0o700


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def open_umask() -> Iterator[None]:
    """Files would be created readable and writable by everyone (0666, folders 0777)."""
    previous = os.umask(0)
    yield
    os.umask(previous)


@pytest.fixture
def centre(tmp_path: Path) -> Iterator[AppContext]:
    (tmp_path / "data").mkdir()
    ctx = make_ctx(tmp_path / "data" / "centre.sqlite3", "MA")
    yield ctx
    ctx.close()


def test_a_new_database_and_its_folders_are_private(tmp_path: Path) -> None:
    db = tmp_path / "user" / "data" / "centre.sqlite3"
    ctx = open_app(db, create_parent=True)  # the default database's folder is created
    try:
        ctx.households.create(LATIN)  # a write: the -wal and -shm files exist while open
        assert mode(db.parent) == PRIVATE_FOLDER and mode(db.parent.parent) == PRIVATE_FOLDER
        for name in ("centre.sqlite3", "centre.sqlite3-wal", "centre.sqlite3-shm"):
            assert mode(db.parent / name) == PRIVATE_FILE, name
    finally:
        ctx.close()


def test_backups_and_their_folder_are_private(
    centre: AppContext, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    consultation(centre, LATIN)
    daily = MaintenanceService(centre.db).backup()
    chosen = MaintenanceService(centre.db).backup(tmp_path / "copy.sqlite3")
    assert mode(daily.parent) == PRIVATE_FOLDER
    assert mode(daily) == PRIVATE_FILE and mode(chosen) == PRIVATE_FILE
    centre.close()
    cli = Cli(tmp_path / "data" / "centre.sqlite3", capsys)
    code, out, err = cli("db", "restore", str(chosen))
    assert code == 0, err
    safety = Path(out.strip().splitlines()[-1].split()[-1])  # the pre-restore copy
    assert "pre-restore" in safety.name and mode(safety) == PRIVATE_FILE


def test_a_damaged_database_kept_before_a_restore_is_private(
    centre: AppContext, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "data" / "centre.sqlite3"
    consultation(centre, LATIN)
    good = MaintenanceService(centre.db).backup(tmp_path / "good.sqlite3")
    centre.close()
    with db.open("r+b") as fh:  # the header: SQLite cannot read the file at all
        fh.write(b"\x00" * 100)
    code, _out, err = Cli(db, capsys)("db", "restore", str(good))
    assert code == 0, err
    kept = list((db.parent / "backups").glob("*pre-restore*"))
    assert kept and all(mode(p) == PRIVATE_FILE for p in kept)
    assert mode(db) == PRIVATE_FILE, "the file put in place of the damaged one"


def test_archived_letters_and_their_folders_are_private(centre: AppContext) -> None:
    consultation(centre, LATIN)
    consultation_id = centre.letters.consultations_for_batch(date(2000, 1, 1), date.today())[0]
    request = LetterRequest(consultation_id)
    content = centre.letters.compose(request)
    record = centre.letters.record(request, content, RenderedPdf(b"%PDF-1.7\n", 1))
    archive = letter_archive_dir(centre.db)
    assert mode(record.path) == PRIVATE_FILE
    assert mode(archive) == PRIVATE_FOLDER and mode(record.path.parent) == PRIVATE_FOLDER


def test_a_letter_written_by_the_command_line_is_private(
    centre: AppContext, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    consultation_id = consultation(centre, LATIN)
    out = tmp_path / "lettre.pdf"
    code, _out, err = Cli(tmp_path / "data" / "centre.sqlite3", capsys)(
        "letter", str(consultation_id), "--out", str(out)
    )
    assert code == 0, err
    assert mode(out) == PRIVATE_FILE
    assert all(mode(p) == PRIVATE_FILE for p in letter_archive_dir(centre.db).rglob("*.pdf"))


def test_a_rights_export_is_private(centre: AppContext, tmp_path: Path) -> None:
    consultation(centre, LATIN)
    household_id = centre.households.page(0, 1)[0].id
    result = centre.rights.export(household_id, tmp_path / "export.json")
    assert mode(result.path) == PRIVATE_FILE
