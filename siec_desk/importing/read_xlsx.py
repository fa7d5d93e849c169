"""XLSX workbooks through openpyxl in read-only mode (streamed, ~10× faster on big sheets).

Cells keep their type: dates formatted as dates arrive as ``datetime``, numbers as
``int``/``float`` (a phone typed as a number lost its leading 0; ``values`` puts it back
through the national numbering plan). Formulas give their last computed value.
"""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path
from typing import Any

from siec_desk.i18n import _
from siec_desk.importing.problems import ImportFileError
from siec_desk.importing.source import Cell, SourceTable


def _open(path: Path) -> Any:
    from openpyxl import load_workbook

    try:
        return load_workbook(path, read_only=True, data_only=True)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ImportFileError(
            _("{name} is not a readable .xlsx workbook ({reason}).").format(
                name=path.name, reason=exc
            )
        ) from exc


def sheet_names(path: Path) -> list[str]:
    workbook = _open(path)
    try:
        return [ws.title for ws in workbook.worksheets]
    finally:
        workbook.close()


def read_xlsx(path: Path, sheet: str | None = None) -> SourceTable:
    """The first worksheet, or the one named *sheet*."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
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
        worksheet = workbook[sheet] if sheet is not None else workbook.worksheets[0]
        worksheet.reset_dimensions()  # some writers declare a wrong size; read what is there
        rows: list[tuple[int, list[Cell]]] = []
        for number, values in enumerate(worksheet.iter_rows(min_row=1, values_only=True), 1):
            cells: list[Cell] = list(values)
            while cells and cells[-1] is None:
                cells.pop()
            rows.append((number, cells))
        epoch = workbook.epoch.date()
        title = worksheet.title
    finally:
        workbook.close()
    return SourceTable(
        path=path,
        kind="xlsx",
        rows=rows,
        sha256=digest,
        sheet=title,
        sheets=names,
        epoch=epoch,
    )
