"""An XLSX file checked before openpyxl opens it: its zip directory and its XML.

A workbook is a zip archive of XML parts. Before anything is parsed:

* the end of the zip directory gives the number of parts (a directory of millions of
  entries would take gigabytes just to list);
* each part's declared size (the zip reader never gives more than it) is checked: all of
  them together, each one but the worksheets (openpyxl loads those parts whole; it
  streams worksheets), and their compression ratio (a "zip bomb" stores gigabytes of
  repeated bytes in a few kilobytes);
* every XML part is read (streamed) for a document type declaration: ``<!DOCTYPE``,
  ``<!ENTITY`` or anything else after ``<!`` but a comment or CDATA. Workbooks never
  declare one; external entities (XXE) and entity expansion ("billion laughs") need one.
  Python's expat already refuses to resolve external entities and stops entity
  amplification, but with a parse error; this check turns them into one clear line,
  before any parsing. It is a few lines of scanning, so no ``defusedxml`` dependency:
  that library would still raise from inside openpyxl, after part of the file was read.

Limits: ``importing.limits``.
"""

from __future__ import annotations

import codecs
import itertools
import re
import struct
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, AnyStr

from siec_desk.core.i18n import _
from siec_desk.importing import limits
from siec_desk.importing.problems import ImportFileError

#: "<!" that starts neither a comment nor a CDATA section: a DTD declaration.
_DECLARATION = re.compile(rb"<!(?!--|\[CDATA\[)")
_DECLARATION_TEXT = re.compile(r"<!(?!--|\[CDATA\[)")
_KEEP = 9  # bytes kept between chunks: "<![CDATA[" must be seen whole
_CHUNK = 1 << 20
_END_OF_DIRECTORY = b"PK\x05\x06"
_ZIP64_LOCATOR = b"PK\x06\x07"
_ZIP64_END = b"PK\x06\x06"
#: Bytes of zip directory per part beyond which the directory is not a workbook's.
_DIRECTORY_PER_PART = 1024


def unreadable(path: Path, reason: object) -> ImportFileError:
    return ImportFileError(
        _("{name} is not a readable .xlsx workbook ({reason}).").format(
            name=path.name, reason=reason
        )
    )


def _shown(part: str) -> str:
    """A part name as printed in one line: printable characters only, at most 80."""
    text = "".join(c if c.isprintable() and not 0x202A <= ord(c) <= 0x2069 else "?" for c in part)
    return text[:80]


def _too_many_parts(path: Path) -> ImportFileError:
    return ImportFileError(
        _("{name} is not a normal workbook: it holds more than {limit} parts.").format(
            name=path.name, limit=limits.count_text(limits.MAX_PARTS)
        )
    )


def _directory(fh: IO[bytes], size: int) -> tuple[int, int] | None:
    """(parts, directory bytes) from the end of the zip directory, None if not found."""
    tail = min(size, 0xFFFF + 22)
    fh.seek(size - tail)
    data = fh.read(tail)
    at = data.rfind(_END_OF_DIRECTORY)
    if at < 0 or len(data) - at < 22:
        return None
    parts, directory = struct.unpack("<HI", data[at + 10 : at + 16])
    if parts != 0xFFFF and directory != 0xFFFFFFFF:
        return parts, directory
    locator = at - 20  # zip64: the real counts are in the zip64 end record
    if locator < 0 or data[locator : locator + 4] != _ZIP64_LOCATOR:
        return parts, directory
    (offset,) = struct.unpack("<Q", data[locator + 8 : locator + 16])
    fh.seek(offset)
    record = fh.read(56)
    if len(record) < 56 or not record.startswith(_ZIP64_END):
        return None
    parts64, directory64 = struct.unpack("<QQ", record[32:48])
    return parts64, directory64


def _chunks(stream: IO[bytes]) -> Iterator[bytes]:
    yield from iter(lambda: stream.read(_CHUNK), b"")


def _search(pattern: re.Pattern[AnyStr], pieces: Iterable[AnyStr]) -> bool:
    """*pattern* found in the concatenated *pieces*, read one at a time; a match among the
    last bytes of a piece waits for the next one (its look-ahead needs them)."""
    buffer: AnyStr | None = None
    for piece in pieces:
        buffer = piece if buffer is None else buffer[-_KEEP:] + piece
        found = pattern.search(buffer)
        if found is not None and found.start() < len(buffer) - _KEEP:
            return True
    return buffer is not None and pattern.search(buffer) is not None


def _has_declaration(stream: IO[bytes]) -> bool:
    """True when this part is XML with a DTD declaration; False for other content."""
    first = stream.read(_CHUNK)
    start = first.lstrip(b"\xef\xbb\xbf \t\r\n")
    utf16 = None
    if first.startswith(codecs.BOM_UTF16_LE) or start.startswith(b"<\x00"):
        utf16 = "utf-16-le"
    elif first.startswith(codecs.BOM_UTF16_BE) or start.startswith(b"\x00<"):
        utf16 = "utf-16-be"
    elif not start.startswith(b"<"):
        return False  # not XML (an image, a binary part)
    pieces = itertools.chain((first,), _chunks(stream))
    if utf16 is None:
        return _search(_DECLARATION, pieces)
    decoder = codecs.getincrementaldecoder(utf16)(errors="replace")
    text = (decoder.decode(piece) for piece in itertools.chain(pieces, (b"",)))
    return _search(_DECLARATION_TEXT, text)


def check_workbook(path: Path) -> None:
    """Refuse *path* (one translated line) if its zip directory or XML is not a workbook's."""
    try:
        with path.open("rb") as fh:
            size = fh.seek(0, 2)
            found = _directory(fh, size)
    except OSError as exc:
        raise ImportFileError(
            _("{name} cannot be read: {reason}").format(name=path.name, reason=exc.strerror)
        ) from exc
    if found is not None:
        parts, directory = found
        if parts > limits.MAX_PARTS or directory > limits.MAX_PARTS * _DIRECTORY_PER_PART:
            raise _too_many_parts(path)
    try:
        with zipfile.ZipFile(path) as book:
            infos = book.infolist()
            if len(infos) > limits.MAX_PARTS:
                raise _too_many_parts(path)
            _check_sizes(path, infos)
            for info in infos:
                if info.is_dir():
                    continue
                with book.open(info) as stream:
                    if _has_declaration(stream):
                        raise ImportFileError(
                            _(
                                "{name} is not a normal workbook: its part {part} declares a "
                                "document type or entities, which workbooks never do."
                            ).format(name=path.name, part=_shown(info.filename))
                        )
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError) as exc:
        raise unreadable(path, exc) from exc
    except (OSError, ValueError, RuntimeError) as exc:  # encrypted, damaged, unsupported
        raise unreadable(path, exc) from exc


def _check_sizes(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    total = 0
    for info in infos:
        total += info.file_size
        streamed = info.filename.startswith("xl/worksheets/")
        if info.file_size > limits.MAX_PART_BYTES and not streamed:
            raise ImportFileError(
                _(
                    "{name}: its part {part} takes {size} MB once unzipped (the limit is "
                    "{limit} MB): it cannot be imported."
                ).format(
                    name=path.name,
                    part=_shown(info.filename),
                    size=limits.megabytes(info.file_size),
                    limit=limits.megabytes(limits.MAX_PART_BYTES),
                )
            )
        if info.file_size > limits.MB and info.file_size > limits.MAX_RATIO * max(
            info.compress_size, 1
        ):
            raise ImportFileError(
                _(
                    "{name} is not a normal workbook: its part {part} unzips to {ratio} times "
                    "its stored size (a “zip bomb”)."
                ).format(
                    name=path.name,
                    part=_shown(info.filename),
                    ratio=info.file_size // max(info.compress_size, 1),
                )
            )
    if total > limits.MAX_UNZIPPED_BYTES:
        raise ImportFileError(
            _(
                "{name} would take {size} MB once unzipped (the limit is {limit} MB): it "
                "cannot be imported."
            ).format(
                name=path.name,
                size=limits.megabytes(total),
                limit=limits.megabytes(limits.MAX_UNZIPPED_BYTES),
            )
        )
