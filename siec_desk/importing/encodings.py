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
"""

from __future__ import annotations

import codecs
import re

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


def detect(data: bytes) -> str:
    """The codec name to decode *data* with."""
    if data.startswith(codecs.BOM_UTF8):
        return UTF8_BOM
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return UTF16
    try:
        data.decode(UTF8)
    except UnicodeDecodeError:
        pass
    else:
        return UTF8
    sample = data[:_SAMPLE]
    if _looks_arabic(sample):
        return CP1256
    if _CP1252_UNDEFINED.intersection(sample):
        return LATIN1
    return CP1252


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
