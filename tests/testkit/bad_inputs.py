"""The machinery of the bad-input catalogue (tests/integration/test_bad_inputs.py).

A *case* feeds one hostile or broken input to SIEC Desk through one channel (the service
call a GUI form makes, a ``siec-desk`` command, or a file) and states the outcome: refused
with one clear translated line, or accepted and stored sanitised. Every case runs on a
fresh copy of a sample centre; a snapshot of its rows before and after shows that
nothing already stored was lost or changed and nothing was half-written.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from siec_desk.cli import main
from siec_desk.core.errors import SiecError, ValidationError
from siec_desk.documents.engine.pdf import RenderedPdf
from siec_desk.services.app import AppContext, open_app
from siec_desk.services.branding import BrandingInput
from siec_desk.services.demo import DemoOptions, generate_demo
from siec_desk.services.letter_types import LetterRequest
from siec_desk.storage.backup import copy_database
from testkit.contexts import make_ctx
from testkit.crash_verify import ORPHANS

#: Tables whose rows a refused input must leave exactly as they were.
TABLES = (
    "centres",
    "advisors",
    "households",
    "household_search_docsize",  # the search index: one row per indexed household
    "consultations",
    "consultation_themes",
    "consultation_orientations",
    "recommended_measures",
    "letters",
    "consumption_readings",
    "events",  # schema 0016: the events register and its child rows
    "event_audiences",
    "event_themes",
    "event_advisors",
    "audit_events",
)
#: What an accepted input may change besides adding rows (the centre's branding).
MAY_CHANGE = ("centres",)
#: Text that must never reach the user: raw English errors of the OS, SQLite or Python.
LEAKS = (
    "Traceback",
    "Errno",
    "No space left",
    "database or disk is full",
    "disk image is malformed",
    "file is not a database",
    "unable to open",
    "Permission denied",
    "No such file",
    "readonly database",
    "sqlite3.",
    "OperationalError",
    "ValueError",
    "unexpected error",
)

Snapshot = dict[str, dict[int, str]]


# -- the sample centre -------------------------------------------------------------------
def make_sample(folder: Path) -> Path:
    """A French centre with branding, 20 demo households, their consultations and one
    archived letter; closed, its WAL checkpointed, ready to be copied."""
    db = folder / "centre.sqlite3"
    ctx = make_ctx(db, "FR", "Espace Conseil Gardanne")
    try:
        generate_demo(ctx, DemoOptions(households=20, seed=7))
        ctx.branding.update(
            BrandingInput(name="Espace Conseil Gardanne", phone="0442123456", commune="Gardanne")
        )
        consultation_id = letter_consultation(ctx)
        request = LetterRequest(consultation_id)
        ctx.letters.record(request, ctx.letters.compose(request), RenderedPdf(b"%PDF-1.7\n", 1))
    finally:
        ctx.close()
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return db


def letter_consultation(ctx: AppContext) -> int:
    """A consultation of the sample with a household, so it can have a letter."""
    return ctx.letters.consultations_for_batch(date(2000, 1, 1), date.today())[0]


# -- one case's world --------------------------------------------------------------------
@dataclass
class Env:
    """A fresh copy of the sample centre, and the ways a case reaches it."""

    folder: Path
    capsys: pytest.CaptureFixture[str]
    monkeypatch: pytest.MonkeyPatch
    lang: str = "fr"
    protected: bytes = b""  # a file the refusal must not write to
    _ctx: AppContext | None = None

    @property
    def db(self) -> Path:
        return self.folder / "centre.sqlite3"

    @property
    def backups(self) -> Path:
        return self.folder / "backups"

    def ctx(self) -> AppContext:
        """The services a GUI form calls, opened on first use."""
        if self._ctx is None:
            self._ctx = open_app(self.db)
        return self._ctx

    def close(self) -> None:
        if self._ctx is not None:
            self._ctx.close()
            self._ctx = None

    def cli(self, *args: str, db: Path | None = None) -> tuple[int, str, str]:
        """``siec-desk --db … --lang <lang> ARGS``, in-process: (exit code, out, err)."""
        self.capsys.readouterr()
        try:
            code = main(["--db", str(db or self.db), "--lang", self.lang, *args])
        except SystemExit as exc:  # argparse usage errors
            code = int(exc.code or 0)
        out, err = self.capsys.readouterr()
        return code, out, err

    def file(self, name: str, content: bytes) -> Path:
        path = self.folder / name
        path.write_bytes(content)
        return path

    def copy_db(self, name: str) -> Path:
        """Another copy of the centre's database (checkpointed: one file)."""
        return Path(shutil.copy(self.db, self.folder / name))

    def backup(self, name: str) -> Path:
        """A good backup of the centre, written as the app writes them (the SQLite backup
        API), without the audit event of ``db backup``: the case under test starts after."""
        copy_database(Path(self.db), self.folder / name)
        return self.folder / name


# -- expected outcomes -------------------------------------------------------------------
@dataclass(frozen=True)
class Refused:
    """One translated line; nothing stored. ``field``: the form field the message names
    (its translated label); ``names``: text the message must contain (a path, an
    option); ``exit``: the command's status (1 user error, 2 usage error)."""

    field: str | None = None
    error: type[SiecError] = ValidationError
    names: str | Callable[[Env], str] | None = None
    exit: int = 1
    then: Callable[[Env], None] | None = None  # more checks after the refusal


@dataclass(frozen=True)
class Accepted:
    """Stored, sanitised: ``check(env, result)`` looks at what was stored."""

    check: Callable[[Env, Any], None]


@dataclass(frozen=True)
class Case:
    id: str
    channel: str  # "form" (what a GUI form sends to its service), "cli" or "file"
    action: Callable[[Env], Any]
    expect: Refused | Accepted
    marks: tuple[Any, ...] = field(default=())


# -- snapshots ---------------------------------------------------------------------------
def snapshot(db: Path) -> Snapshot:
    """Every row of the centre's tables, by rowid, as a digest of its values."""
    con = sqlite3.connect(db)
    try:
        return {
            table: {
                row[0]: hashlib.sha256(repr(row[1:]).encode()).hexdigest()
                for row in con.execute(f"SELECT rowid, * FROM {table}")
            }
            for table in TABLES
        }
    finally:
        con.close()


def lost_or_changed(before: Snapshot, after: Snapshot, *, skip: tuple[str, ...] = ()) -> list[str]:
    """Rows of *before* missing or different in *after*."""
    return [
        f"{table} row {rowid}"
        for table in TABLES
        if table not in skip
        for rowid, digest in before[table].items()
        if after[table].get(rowid) != digest
    ]


def half_written(folder: Path) -> list[str]:
    """Integrity, foreign keys, orphan rows, and ``.partial`` files left in *folder*."""
    problems = [str(p) for p in folder.rglob("*.partial*")]
    con = sqlite3.connect(folder / "centre.sqlite3")
    try:
        if con.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            problems.append("quick_check")
        problems += [f"foreign key {row}" for row in con.execute("PRAGMA foreign_key_check")]
        problems += [what for what, sql in ORPHANS if con.execute(sql).fetchone()[0]]
    finally:
        con.close()
    return problems


# -- damage and full disks ---------------------------------------------------------------
def damage_table(db: Path, table: str) -> None:
    """Overwrite the first page of *table* with junk, as a failing disk would."""
    con = sqlite3.connect(db)
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    con.close()
    with db.open("r+b") as fh:
        fh.seek(page_size * (root - 1))
        fh.write(b"\xde\xad\xbe\xef" * (page_size // 4))


def damage_middle(db: Path) -> None:
    """Overwrite 4 KiB in the middle of the file with junk."""
    size = db.stat().st_size
    with db.open("r+b") as fh:
        fh.seek(size // 2)
        fh.write(b"\xde\xad\xbe\xef" * 1024)


def set_revision(db: Path, revision: str) -> None:
    con = sqlite3.connect(db)
    con.execute("UPDATE alembic_version SET version_num = ?", (revision,))
    con.commit()
    con.close()


def database_full(ctx: AppContext) -> None:
    """The disk holding the database is full: SQLite may not grow the file by a page
    (``max_page_count``, so SQLite itself answers SQLITE_FULL, as on a full disk)."""

    def no_new_pages(dbapi_connection: Any, _record: Any) -> None:
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

    event.listen(ctx.db.engine, "connect", no_new_pages)
    ctx.db.engine.dispose()  # pooled connections reconnect with the limit


def backups_disk_full(monkeypatch: pytest.MonkeyPatch) -> None:
    """The backup's disk is full: SQLite cannot grow a ``.partial`` backup file."""
    connect = sqlite3.connect

    def limited(database: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        con = connect(database, *args, **kwargs)
        if str(database).endswith(".partial"):
            con.execute("PRAGMA max_page_count=2")
        return con

    monkeypatch.setattr(sqlite3, "connect", limited)


def files_disk_full(monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk is full when a written file is flushed to it (``fsync`` fails with
    ENOSPC, as with delayed allocation); nothing else in the process calls fsync."""

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
