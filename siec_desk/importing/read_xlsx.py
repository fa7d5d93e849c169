"""XLSX workbooks through openpyxl in read-only mode (streamed, ~10× faster on big sheets).

Cells keep their type: dates formatted as dates arrive as ``datetime``, numbers as
``int``/``float`` (a phone typed as a number lost its leading 0; ``values`` puts it back
through the national numbering plan). Formulas give their last computed value.

Before openpyxl opens a file, ``workbook_check`` reads its zip directory and XML (sizes,
compression ratio, DTD declarations); the sheet is then scanned once for the row and
column limits, and each walk over its rows opens the workbook again, streamed.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from siec_desk.core.i18n import _
from siec_desk.importing import limits
from siec_desk.importing.problems import ImportFileError
from siec_desk.importing.source import Cell, FileState, Row, SourceTable, scan
from siec_desk.importing.workbook_check import check_workbook, unreadable

#: What openpyxl raises on a damaged workbook (after ``check_workbook`` passed).
_DAMAGED = (OSError, zipfile.BadZipFile, KeyError, ValueError, TypeError, IndexError, ParseError)


def _open(path: Path) -> Any:
    from openpyxl import load_workbook

    try:
        return load_workbook(path, read_only=True, data_only=True)
    except _DAMAGED as exc:
        raise unreadable(path, exc) from exc


def _checked(path: Path) -> None:
    limits.check_file_size(path)
    check_workbook(path)


def sheet_names(path: Path) -> list[str]:
    _checked(path)
    workbook = _open(path)
    try:
        return [ws.title for ws in workbook.worksheets]
    finally:
        workbook.close()


def _sheet_rows(path: Path, title: str, state: FileState | None) -> Iterator[Row]:
    """Every row of the sheet *title*, trailing empty cells dropped; streamed."""
    if state is not None:
        state.check()
    workbook = _open(path)
    try:
        worksheet = workbook[title]
        worksheet.reset_dimensions()  # some writers declare a wrong size; read what is there
        for number, values in enumerate(worksheet.iter_rows(min_row=1, values_only=True), 1):
            cells: list[Cell] = list(values)
            while cells and cells[-1] is None:
                cells.pop()
            yield number, cells
    except _DAMAGED as exc:
        raise unreadable(path, exc) from exc
    finally:
        workbook.close()
    if state is not None:
        state.check_content()


def read_xlsx(path: Path, sheet: str | None = None) -> SourceTable:
    """The first worksheet, or the one named *sheet*, scanned (limits, first rows)."""
    _checked(path)
    state = FileState.of(path)
    workbook = _open(path)
    try:
        names = [ws.title for ws in workbook.worksheets]
        if not names:
            raise ImportFileError(_("{name} has no worksheet.").format(name=path.name))
        if sheet is not None and sheet not in names:
            raise ImportFileError(
                _("{name} has no sheet “{sheet}” (sheets: {sheets}).").format(
                    name=path.name, sheet=sheet, sheets=", ".join(names)
                )
            )
        title = sheet if sheet is not None else names[0]
        epoch = workbook.epoch.date()
    finally:
        workbook.close()
    rows = scan(path, lambda: _sheet_rows(path, title, state))
    return SourceTable(
        path=path,
        kind="xlsx",
        rows=rows,
        sha256=state.sha256,
        sheet=title,
        sheets=names,
        epoch=epoch,
    )
