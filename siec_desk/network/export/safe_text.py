"""Characters that never travel in a network export: C0 and C1 controls (NUL, tab, line
breaks, DEL…) and the invisible bidi controls (LRM/RLM, the embeddings and overrides
U+202A–U+202E, the isolates U+2066–U+2069). They break spreadsheets and can make a name
read backwards. The centre strips them from the commune names it publishes; the
coordinator refuses a file holding one in any string (docs/network-export.md)."""

from __future__ import annotations

import re

#: One character class, also used (as ``\\uXXXX`` escapes) by the export schema's patterns.
FORBIDDEN_CLASS = r"\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069"
FORBIDDEN = re.compile(f"[{FORBIDDEN_CLASS}]")
#: What a named commune may not hold besides: the place code's separator and margin mark.
_RESERVED = re.compile(r"[/*]")
_SPACES = re.compile(r"\s+")
MAX_COMMUNE = 120


def has_forbidden(text: str) -> bool:
    return FORBIDDEN.search(text) is not None


def commune_label(spelling: str) -> str:
    """A commune spelling made safe for a place code: controls and bidi controls removed,
    ``/`` and ``*`` turned into spaces, spaces collapsed, at most 120 characters
    ("" when nothing readable is left)."""
    text = FORBIDDEN.sub(" ", spelling)
    text = _RESERVED.sub(" ", text)
    return _SPACES.sub(" ", text).strip()[:MAX_COMMUNE].strip()
