"""Whether a received file's bytes show, before its strings are searched one by one, that
none of them can hold a control or text-direction character (network.export.safe_text).

A string of the parsed file can only hold one if its UTF-8 text holds it raw or writes it
with an escape. Raw, such a character is refused by the parser outside strings (JSON
allows only space, tab, line feed and carriage return between tokens) and, for the C0
controls, inside them too; so a file without a backslash and without a forbidden
character other than that whitespace is clean. UTF-8 never uses a lead byte inside
another character, so the forbidden characters are found on the bytes themselves: a
byte-level filter first (a few bytes may start one), then their exact encodings.
``tests/integration/test_network_import_fast.py`` holds both to ``FORBIDDEN`` over every
code point.
"""

from __future__ import annotations

import re

#: Bytes that may start a forbidden character: the C0 controls but JSON's whitespace,
#: DEL, and the lead bytes of U+0080–U+00BF (0xC2) and U+2000–U+2FFF (0xE2).
_MAY_START = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0xC2, 0xE2])
_CANNOT_START = bytes(b for b in range(256) if b not in _MAY_START)
#: The UTF-8 encodings of FORBIDDEN's characters but tab, line feed and carriage return.
RAW_FORBIDDEN = re.compile(
    rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\x8e\x8f\xaa-\xae]"
    rb"|\xe2\x81[\xa6-\xa9]"
)


def clean_bytes(data: bytes) -> bool:
    """True when no key or string of the JSON in *data* (valid UTF-8 that parsed) can
    hold a forbidden character; False says nothing (search every string)."""
    if b"\\" in data:
        return False
    if not data.translate(None, _CANNOT_START):
        return True
    return RAW_FORBIDDEN.search(data) is None
