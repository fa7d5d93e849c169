"""Which encoding a CSV file was saved in, decided from its bytes.

Excel and LibreOffice save CSV as UTF-8 (with or without a byte-order mark), as UTF-16
("Unicode text") or in the Windows code page of the machine: Windows-1252 in France,
Windows-1256 on an Arabic Windows. UTF-8 is tried strictly first: text in a legacy code
page almost never decodes as valid UTF-8 once it holds an accented letter. Then:

* Windows-1252 or Latin-1: they agree on every printable character except 0x80–0x9F,
  where Windows-1252 has € ’ œ … and Latin-1 only control codes. Windows-1252 is chosen
  unless a byte there is one that Windows-1252 leaves undefined.
* Windows-1256 (Arabic): decoded as Windows-1252, Arabic words become runs of accented
  capitals ("ÇáÑÈÇØ"), which French text never has; such runs decide for Windows-1256.

No detection library is needed for these few, very different cases (``chardet`` guesses
among dozens and is slower on large files).

The decision is made line by line (:class:`Detector`, streamed over the file): a file
whose lines are partly valid UTF-8 with accents and partly not (a sheet saved as UTF-8,
then one line pasted from an old Windows file) is *mixed*: each line is read in its own
encoding (:class:`LineDecoder`), and the lines in the minority encoding are listed so
the dry run can say which ones to check, instead of garbling every accent of the file.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

UTF8 = "utf-8"
UTF8_BOM = "utf-8-sig"
UTF16 = "utf-16"
CP1252 = "cp1252"
LATIN1 = "latin-1"
CP1256 = "cp1256"

#: What the user may choose instead of the detection (wizard and mapping file).
CHOICES = (UTF8, UTF8_BOM, UTF16, CP1252, LATIN1, CP1256)

_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")
#: Three or more letters in a row from À–ÿ (bytes 0xC0–0xFF): Arabic read as cp1252.
_ACCENTED_RUN = re.compile(rb"[\xc0-\xff]{3,}")
_SAMPLE = 1 << 20


#: Lines of the minority encoding listed in a mixed file's warning (all are counted).
MAX_LISTED = 10


def detect(data: bytes) -> str:
    """The codec name to decode *data* with (the main one, for a mixed file)."""
    return detect_lines(data.splitlines(keepends=True)).encoding


def detect_lines(lines: Iterable[bytes]) -> Detection:
    """The encoding of a file given as its lines of bytes (line 1 first)."""
    detector = Detector()
    for line in lines:
        if not detector.feed(line):
            break
    return detector.result()


@dataclass(frozen=True)
class Detection:
    """A file's encoding; for a mixed file, the other encoding and its lines."""

    encoding: str
    other: str | None = None
    other_lines: tuple[int, ...] = ()  # the first MAX_LISTED of them (1-based)
    other_count: int = 0


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode(UTF8)
    except UnicodeDecodeError:
        return False
    return True


@dataclass
class Detector:
    """Fed the lines of a file one by one (with their line breaks), decides its encoding."""

    line: int = 0
    bom: str | None = None
    utf8_count: int = 0
    legacy_count: int = 0
    utf8_lines: list[int] = field(default_factory=list)
    legacy_lines: list[int] = field(default_factory=list)
    sample: bytearray = field(default_factory=bytearray)

    def feed(self, raw: bytes) -> bool:
        """Look at the next line; False once more lines cannot change the answer."""
        self.line += 1
        if self.line == 1:
            if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                self.bom = UTF16
                return False
            if raw.startswith(codecs.BOM_UTF8):
                self.bom = UTF8_BOM
                raw = raw[len(codecs.BOM_UTF8) :]
        if raw.isascii():
            return True
        if _is_utf8(raw):
            self.utf8_count += 1
            if len(self.utf8_lines) < MAX_LISTED:
                self.utf8_lines.append(self.line)
        else:
            self.legacy_count += 1
            if len(self.legacy_lines) < MAX_LISTED:
                self.legacy_lines.append(self.line)
            if len(self.sample) < _SAMPLE:
                self.sample += raw
        return True

    def _legacy(self) -> str:
        sample = bytes(self.sample[:_SAMPLE])
        if _looks_arabic(sample):
            return CP1256
        if _CP1252_UNDEFINED.intersection(sample):
            return LATIN1
        return CP1252

    def result(self) -> Detection:
        if self.bom == UTF16:
            return Detection(UTF16)
        utf8 = self.bom or UTF8
        if not self.legacy_count:
            return Detection(utf8)
        legacy = self._legacy()
        if not self.utf8_count and self.bom is None:
            return Detection(legacy)
        if self.bom is not None or self.utf8_count >= self.legacy_count:
            return Detection(utf8, legacy, tuple(self.legacy_lines), self.legacy_count)
        return Detection(legacy, UTF8, tuple(self.utf8_lines), self.utf8_count)


class LineDecoder:
    """Decodes a file line by line: in *encoding*, or for a mixed file each line in the
    encoding :class:`Detector` found for it (so both agree on which lines are "other")."""

    def __init__(self, encoding: str, other: str | None = None) -> None:
        self.encoding = encoding
        self.other = other
        self._first = True

    def decode(self, raw: bytes) -> str:
        if self._first:
            self._first = False
            if self.encoding in (UTF8, UTF8_BOM) and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8) :]
        if self.other is None or raw.isascii():
            return raw.decode(self._codec(self.encoding), errors="replace")
        if _is_utf8(raw):
            return raw.decode(UTF8)
        legacy = self.other if self.other not in (UTF8, UTF8_BOM) else self.encoding
        return raw.decode(legacy, errors="replace")

    @staticmethod
    def _codec(encoding: str) -> str:
        return UTF8 if encoding == UTF8_BOM else encoding


def same_encoding(chosen: str | None, detected: str) -> bool:
    """A chosen encoding that is the detected one (UTF-8 with or without its BOM)."""
    if chosen is None:
        return True
    utf8 = (UTF8, UTF8_BOM)
    return chosen == detected or (chosen in utf8 and detected in utf8)


def _looks_arabic(sample: bytes) -> bool:
    """Most non-ASCII bytes sit in runs of three or more high letters."""
    high = sum(1 for b in sample if b >= 0xC0)
    if high < 3:
        return False
    in_runs = sum(len(m.group()) for m in _ACCENTED_RUN.finditer(sample))
    return in_runs >= 0.6 * high


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """(text, encoding used): *encoding* when given, else the detected one."""
    chosen = encoding or detect(data)
    if chosen == UTF8 and data.startswith(codecs.BOM_UTF8):
        chosen = UTF8_BOM
    return data.decode(chosen, errors="replace"), chosen


def display_name(encoding: str) -> str:
    """How the wizard and reports name an encoding."""
    return {
        UTF8: "UTF-8",
        UTF8_BOM: "UTF-8 (BOM)",
        UTF16: "UTF-16",
        CP1252: "Windows-1252",
        LATIN1: "ISO-8859-1 (Latin-1)",
        CP1256: "Windows-1256",
    }.get(encoding, encoding)
