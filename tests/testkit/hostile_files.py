"""Hostile spreadsheets for the import (redteam MEDIUM-11, LOW-4, LOW-7), built with the
standard library, small and fast: a zip bomb of a few KB that would unzip to hundreds
of MB, workbooks declaring a DTD (XXE, billion laughs, UTF-16), a zip of thousands of
parts, a CSV over the size limit (sparse: no disk used), too many rows or columns, a
line of megabytes, and a mostly-UTF-8 CSV with one Windows-1252 line.

``IMPORT_CASES`` joins the bad-input catalogue (tests/integration/test_bad_inputs.py):
each file goes through ``siec-desk import FILE --dry-run``.
"""

from __future__ import annotations

import io
import sqlite3
import zipfile
from collections.abc import Callable
from typing import Any

from openpyxl import Workbook

from siec_desk.importing import limits
from siec_desk.importing.problems import ImportFileError
from testkit.bad_inputs import Accepted, Case, Env, Refused

XXE = b'<!DOCTYPE workbook [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
LAUGHS = (
    b'<!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
)
#: The review's mixed file: UTF-8 (no BOM), then one line typed on an old Windows machine.
MIXED_CSV = (
    "Nom;Telephone;Date;Mode;Theme\n"
    "Dupont Hélène;0612345678;01/10/2025;phone;heating\n"
    "Béatrice Lefèvre;0612345679;02/10/2025;phone;heating\n"
).encode() + b"Martin G\xe9rard;0612345670;03/10/2025;phone;heating\n"


def workbook_bytes() -> bytes:
    """A small valid workbook (a header and one row, shared strings included)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Nom", "Téléphone", "Date", "Mode", "Thème"])
    sheet.append(["Dupont Jean", "0612345678", "01/10/2025", "phone", "heating"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def with_part(name: str, edit: Callable[[bytes], bytes]) -> bytes:
    """:func:`workbook_bytes` with the part *name* rewritten by *edit*."""
    source = zipfile.ZipFile(io.BytesIO(workbook_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as book:
        for info in source.infolist():
            data = source.read(info)
            book.writestr(info, edit(data) if info.filename == name else data)
    return out.getvalue()


def declare(dtd: bytes, *, utf16: bool = False) -> Callable[[bytes], bytes]:
    """Put *dtd* after the XML declaration (the part re-encoded as UTF-16 if asked)."""

    def edit(data: bytes) -> bytes:
        declaration, _sep, rest = data.partition(b"?>")
        text = declaration + b"?>" + dtd + rest
        if not utf16:
            return text
        return text.decode().replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")

    return edit


def zip_bomb(megabytes: int) -> bytes:
    """A workbook-shaped zip whose sheet unzips to *megabytes* MB (a few KB stored)."""
    out = io.BytesIO()
    block = b"<row/>" * 100_000
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as book:
        book.writestr("[Content_Types].xml", b"<Types/>")
        with book.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(b"<worksheet><sheetData>")
            for _i in range(megabytes * limits.MB // len(block)):
                sheet.write(block)
            sheet.write(b"</sheetData></worksheet>")
    return out.getvalue()


def many_parts(count: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as book:
        for i in range(count):
            book.writestr(f"p{i}", b"")
    return out.getvalue()


# -- actions -----------------------------------------------------------------------------
def dry_run(name: str, content: bytes | Callable[[], bytes]) -> Callable[[Env], Any]:
    """``siec-desk import NAME --dry-run`` on a file written in the case's folder."""

    def action(env: Env) -> Any:
        data = content() if callable(content) else content
        return env.cli("import", str(env.file(name, data)), "--dry-run")

    return action


def over_file_limit(env: Env) -> Any:
    """A CSV one byte over the size limit, sparse: nothing is written to the disk."""
    path = env.folder / "huge.csv"
    with path.open("wb") as fh:
        fh.truncate(limits.MAX_FILE_BYTES + 1)
    return env.cli("import", str(path), "--dry-run")


def limited(name: str, value: int, action: Callable[[Env], Any]) -> Callable[[Env], Any]:
    """*action* with the limit *name* lowered to *value* (the real limits take seconds)."""

    def run(env: Env) -> Any:
        env.monkeypatch.setattr(limits, name, value)
        return action(env)

    return run


def rows_csv(rows: int) -> bytes:
    return b"Nom;Date\n" + b"Dupont;01/10/2025\n" * rows


def mixed_names_imported(env: Env, result: tuple[int, str, str]) -> None:
    """Every name is stored right, and the output names the line read as Windows-1252."""
    code, out, err = result
    assert (code, err) == (0, ""), err
    assert "4" in out and "Windows-1252" in out, out
    con = sqlite3.connect(env.db)
    try:
        names = {
            f"{first} {last}"
            for first, last in con.execute(
                "SELECT first_name, last_name FROM households WHERE phone LIKE '+3361234567%'"
            )
        }
    finally:
        con.close()
    assert names == {"Dupont Hélène", "Béatrice Lefèvre", "Martin Gérard"}, names


def import_file(name: str, content: bytes) -> Callable[[Env], Any]:
    def action(env: Env) -> Any:
        return env.cli("import", str(env.file(name, content)))

    return action


def _refused(name: str) -> Refused:
    return Refused(error=ImportFileError, names=name)


IMPORT_CASES = [
    Case(
        "file-import-xlsx-zip-bomb",
        "file",
        dry_run("bomb.xlsx", lambda: zip_bomb(60)),
        _refused("bomb.xlsx"),
    ),
    Case(
        "file-import-xlsx-xxe",
        "file",
        dry_run("xxe.xlsx", lambda: with_part("xl/workbook.xml", declare(XXE))),
        _refused("xxe.xlsx"),
    ),
    Case(
        "file-import-xlsx-billion-laughs",
        "file",
        dry_run("lol.xlsx", lambda: with_part("xl/styles.xml", declare(LAUGHS))),
        _refused("lol.xlsx"),
    ),
    Case(
        "file-import-xlsx-utf16-doctype",
        "file",
        dry_run(
            "utf16.xlsx", lambda: with_part("xl/worksheets/sheet1.xml", declare(XXE, utf16=True))
        ),
        _refused("utf16.xlsx"),
    ),
    Case(
        "file-import-xlsx-too-many-parts",
        "file",
        dry_run("parts.xlsx", lambda: many_parts(limits.MAX_PARTS + 1)),
        _refused("parts.xlsx"),
    ),
    Case(
        "file-import-xlsx-unzipped-too-big",
        "file",
        limited("MAX_UNZIPPED_BYTES", 2_000, dry_run("big.xlsx", workbook_bytes)),
        _refused("big.xlsx"),
    ),
    Case(
        "file-import-xlsx-part-too-big",
        "file",
        limited("MAX_PART_BYTES", 100, dry_run("part.xlsx", workbook_bytes)),
        _refused("part.xlsx"),
    ),
    Case("file-import-csv-over-size-limit", "file", over_file_limit, _refused("huge.csv")),
    Case(
        "file-import-csv-too-many-rows",
        "file",
        limited("MAX_ROWS", 50, dry_run("rows.csv", rows_csv(50))),
        _refused("rows.csv"),
    ),
    Case(
        "file-import-csv-too-many-columns",
        "file",
        dry_run("wide.csv", b"Nom" + b";x" * limits.MAX_COLUMNS + b"\n"),
        _refused("wide.csv"),
    ),
    Case(
        "file-import-csv-line-of-megabytes",
        "file",
        dry_run("line.csv", b"Nom;Date\n" + b"x" * (limits.MAX_LINE_BYTES + 1) + b"\n"),
        _refused("line.csv"),
    ),
    Case(
        "file-import-csv-mostly-utf8",
        "file",
        import_file("mixed.csv", MIXED_CSV),
        Accepted(mixed_names_imported),
    ),
]
