"""How big a spreadsheet the import accepts (docs/import.md, "Limits").

A file over a limit is refused with one line naming it, before its rows are read: the
file size before opening it, the XLSX zip directory (declared sizes, compression ratio,
number of parts) before openpyxl sees it, the rows and columns while the sheet is
scanned once (streamed, nothing kept but the first rows). Below these limits an import
is streamed: a 50 MB CSV imports within 400 MB of memory (``benchmarks/import_memory.py``).
"""

from __future__ import annotations

from pathlib import Path

from siec_desk.core.formatting import format_number
from siec_desk.core.i18n import _, current_language
from siec_desk.importing.problems import ImportFileError

MB = 1_000_000

#: The file itself (CSV or XLSX), as stored on disk.
MAX_FILE_BYTES = 64 * MB
#: Rows of the sheet (lines of a CSV file; blank lines count).
MAX_ROWS = 300_000
#: Columns of the sheet (cells of its widest row).
MAX_COLUMNS = 1_000
#: One line of a CSV file: no spreadsheet writes a longer one.
MAX_LINE_BYTES = 1 * MB
#: XLSX: all its parts unzipped together.
MAX_UNZIPPED_BYTES = 400 * MB
#: XLSX: one part other than a worksheet (shared strings, styles…: openpyxl loads them whole).
MAX_PART_BYTES = 64 * MB
#: XLSX: how much smaller than its unzipped size a part of more than 1 MB may be stored.
MAX_RATIO = 200
#: XLSX: parts in the zip directory (a workbook has a few dozen).
MAX_PARTS = 10_000


def megabytes(size: int) -> int:
    """*size* in whole megabytes, rounded up (a file just over the limit shows as over)."""
    return -(-size // MB)


def count_text(n: int) -> str:
    """*n* written for the current language (thousands separated)."""
    return format_number(n, current_language())


def check_file_size(path: Path) -> int:
    """The size of *path*; a translated refusal when it is over :data:`MAX_FILE_BYTES`."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ImportFileError(
            _("{name} cannot be read: {reason}").format(name=path.name, reason=exc.strerror)
        ) from exc
    if size > MAX_FILE_BYTES:
        raise ImportFileError(
            _(
                "{name} is too large to import ({size} MB; the limit is {limit} MB): "
                "split it into smaller files."
            ).format(name=path.name, size=megabytes(size), limit=megabytes(MAX_FILE_BYTES))
        )
    return size


def too_many_rows(path: Path) -> ImportFileError:
    return ImportFileError(
        _("{name} has more than {limit} rows: split it into smaller files.").format(
            name=path.name, limit=count_text(MAX_ROWS)
        )
    )


def too_many_columns(path: Path, line: int) -> ImportFileError:
    return ImportFileError(
        _(
            "{name}, line {line}: more than {limit} columns. Keep only the columns to import."
        ).format(name=path.name, line=line, limit=count_text(MAX_COLUMNS))
    )
