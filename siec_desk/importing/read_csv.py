"""CSV files: any delimiter, any of the encodings spreadsheets save in.

The delimiter is what ``csv.Sniffer`` finds among , ; tab and |, checked against the
first lines (it must split them into a steady number of fields); when the sniffer gives
up or its answer does not hold, the candidate splitting the most lines into the same,
largest number of fields wins. French exports use ";" because "," is the decimal mark.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections import Counter
from pathlib import Path

from siec_desk.i18n import _
from siec_desk.importing import encodings
from siec_desk.importing.problems import ImportFileError
from siec_desk.importing.source import Cell, SourceTable

DELIMITERS = (",", ";", "\t", "|")
_SAMPLE_LINES = 50
_SAMPLE_CHARS = 64 * 1024


def _fields_per_line(sample: str, delimiter: str) -> list[int]:
    reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
    try:
        counts = [len(row) for _i, row in zip(range(_SAMPLE_LINES), reader, strict=False) if row]
    except csv.Error:
        return []
    return counts[:-1] if len(counts) > 1 else counts  # the last line may be cut short


def _steadiness(sample: str, delimiter: str) -> tuple[float, int]:
    """(share of lines with the usual field count, that count); higher is better."""
    counts = _fields_per_line(sample, delimiter)
    if not counts:
        return 0.0, 0
    usual, times = Counter(counts).most_common(1)[0]
    if usual < 2:
        return 0.0, usual
    return times / len(counts), usual


def detect_delimiter(text: str) -> str:
    sample = text[:_SAMPLE_CHARS]
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        sniffed = None
    scores = {d: _steadiness(sample, d) for d in DELIMITERS}
    if sniffed in scores and scores[sniffed][0] >= 0.9:
        return sniffed
    best = max(DELIMITERS, key=lambda d: scores[d])
    return best if scores[best][1] >= 2 else ","


def read_csv(
    path: Path, *, encoding: str | None = None, delimiter: str | None = None
) -> SourceTable:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFileError(
            _("{name} cannot be read: {reason}").format(name=path.name, reason=exc.strerror)
        ) from exc
    text, used = encodings.decode(data, encoding)
    text = text.replace("\x00", "")
    chosen = delimiter or detect_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=chosen)
    rows: list[tuple[int, list[Cell]]] = []
    start = 1
    try:
        for record in reader:
            rows.append((start, list(record)))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ImportFileError(
            _("{name}, line {line}: {reason}").format(name=path.name, line=start, reason=exc)
        ) from exc
    return SourceTable(
        path=path,
        kind="csv",
        rows=rows,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=used,
        delimiter=chosen,
    )
