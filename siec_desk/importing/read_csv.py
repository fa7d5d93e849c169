"""CSV files: any delimiter, any of the encodings spreadsheets save in.

The delimiter is what ``csv.Sniffer`` finds among , ; tab and |, checked against the
first lines (it must split them into a steady number of fields); when the sniffer gives
up or its answer does not hold, the candidate splitting the most lines into the same,
largest number of fields wins. French exports use ";" because "," is the decimal mark.

The file is never read whole: its lines are decoded one by one (``encodings``) and fed to
``csv.reader``, once to detect, once to scan, then once per walk over its rows.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO, cast

from siec_desk.core.i18n import _
from siec_desk.importing import encodings, limits
from siec_desk.importing.problems import ImportFileError
from siec_desk.importing.source import Cell, FileState, Row, SourceTable, scan

DELIMITERS = (",", ";", "\t", "|")
_SAMPLE_LINES = 50
_SAMPLE_CHARS = 64 * 1024
_CHUNK = 1 << 16
_NEWLINE = re.compile(rb"\r\n|\r|\n")


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


def _too_long(path: Path, line: int) -> ImportFileError:
    return ImportFileError(
        _(
            "{name}, line {line} is longer than {limit} MB: this is not a table saved as CSV."
        ).format(name=path.name, line=line, limit=limits.megabytes(limits.MAX_LINE_BYTES))
    )


def byte_lines(fh: BinaryIO, path: Path) -> Iterator[bytes]:
    """The lines of a binary file with their line breaks (\\n, \\r\\n or a lone \\r, as
    ``newline=""`` splits text); a line over :data:`limits.MAX_LINE_BYTES` is refused."""
    rest = b""
    line = 0
    while True:
        chunk = fh.read(_CHUNK)
        if not chunk:
            if rest:
                yield rest
            return
        data = rest + chunk if rest else chunk
        start = 0
        for match in _NEWLINE.finditer(data):
            end = match.end()
            if end == len(data) and data.endswith(b"\r"):
                break  # a \n may start the next chunk
            line += 1
            yield data[start:end]
            start = end
        rest = data[start:]
        if len(rest) > limits.MAX_LINE_BYTES:
            raise _too_long(path, line + 1)


@dataclass(frozen=True)
class _Reading:
    """How the lines of a CSV file are decoded and split."""

    encoding: str
    other: str | None
    delimiter: str


def _text_lines(path: Path, reading: _Reading) -> Iterator[str]:
    with path.open("rb") as fh:
        if reading.encoding == encodings.UTF16:
            text = io.TextIOWrapper(fh, encoding=reading.encoding, errors="replace", newline="")
            pieces = iter(lambda: text.readline(limits.MAX_LINE_BYTES), "")
            for line, piece in enumerate(pieces, 1):
                if len(piece) == limits.MAX_LINE_BYTES and not piece.endswith(("\n", "\r")):
                    raise _too_long(path, line)
                yield piece.replace("\x00", "") if "\x00" in piece else piece
            return
        decoder = encodings.LineDecoder(reading.encoding, reading.other)
        for raw in byte_lines(fh, path):
            piece = decoder.decode(raw)
            yield piece.replace("\x00", "") if "\x00" in piece else piece


def _records(path: Path, reading: _Reading, state: FileState | None) -> Iterator[Row]:
    """Every record of the file as (its first line, cells); streamed."""
    if state is not None:
        state.check()
    reader = csv.reader(_text_lines(path, reading), delimiter=reading.delimiter)
    start = 1
    try:
        for record in reader:
            yield start, cast(list[Cell], record)
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ImportFileError(
            _("{name}, line {line}: {reason}").format(name=path.name, line=start, reason=exc)
        ) from exc
    except OSError as exc:
        raise ImportFileError(
            _("{name} cannot be read: {reason}").format(name=path.name, reason=exc.strerror)
        ) from exc
    if state is not None:
        state.check_content()


def _detect(path: Path) -> encodings.Detection:
    with path.open("rb") as fh:
        return encodings.detect_lines(byte_lines(fh, path))


def read_csv(
    path: Path, *, encoding: str | None = None, delimiter: str | None = None
) -> SourceTable:
    """Scan *path*: its encoding, delimiter, size (limits) and first rows."""
    state = FileState.of(path)
    try:
        detection = _detect(path)
    except OSError as exc:
        raise ImportFileError(
            _("{name} cannot be read: {reason}").format(name=path.name, reason=exc.strerror)
        ) from exc
    if encodings.same_encoding(encoding, detection.encoding):
        reading = _Reading(detection.encoding, detection.other, delimiter or ",")
    else:
        assert encoding is not None
        reading = _Reading(encoding, None, delimiter or ",")
    if delimiter is None:
        sample: list[str] = []
        size = 0
        for piece in _text_lines(path, reading):
            sample.append(piece)
            size += len(piece)
            if size >= _SAMPLE_CHARS:
                break
        reading = replace(reading, delimiter=detect_delimiter("".join(sample)))
    rows = scan(path, lambda: _records(path, reading, state))
    mixed = reading.other is not None
    return SourceTable(
        path=path,
        kind="csv",
        rows=rows,
        sha256=state.sha256,
        encoding=reading.encoding,
        delimiter=reading.delimiter,
        other_encoding=reading.other,
        other_lines=detection.other_lines if mixed else (),
        other_count=detection.other_count if mixed else 0,
    )
