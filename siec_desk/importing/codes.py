"""Turning a cell of a coded field ("Tél.", "Accueil", "Isolation des combles") into codes.

In order: the user's value mapping; an exact match with a code, its label in English,
French or Arabic, or a synonym; else the phrases found inside the value as whole words,
longest first ("Isolation des combles" holds "isolation"; "Aides pour une PAC" holds
"aides" and "pac": financial aid and heating). A single-code field takes a guess only
when it points to one code. Values left without a code are reported for the user to map.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from siec_desk.domain.codes import is_custom_code
from siec_desk.domain.normalise import fold
from siec_desk.importing.fields import TARGETS, Kind
from siec_desk.importing.headers import translations_of
from siec_desk.importing.synonyms import load_synonyms
from siec_desk.texts import act_names

MAPPED = "mapped"  # the user said so (wizard or mapping file)
EXACT = "exact"  # a code, a label or a synonym, word for word
GUESSED = "guessed"  # phrases found inside the value
IGNORED = "ignored"  # the user mapped the value to nothing
UNKNOWN = "unknown"


@dataclass(frozen=True)
class Resolution:
    codes: tuple[str, ...]
    how: str


@lru_cache(maxsize=32)
def phrases(target_id: str) -> dict[str, str]:
    """Folded phrase → code for a coded field."""
    table = TARGETS[target_id].codes or {}
    found: dict[str, str] = {}
    for code, text in table.items():
        found[fold(code)] = code
        for translated in translations_of(text):
            found.setdefault(translated, code)
    for code, words in load_synonyms().values.get(target_id, {}).items():
        for word in words:
            found.setdefault(fold(word), code)
    return found


def _inside(folded: str, known: dict[str, str]) -> list[str]:
    """Codes of the phrases found in *folded*, longest first, without overlaps."""
    words = folded.split()
    free = [True] * len(words)
    codes: list[str] = []
    for phrase in sorted(known, key=len, reverse=True):
        parts = phrase.split()
        size = len(parts)
        for start in range(len(words) - size + 1):
            if words[start : start + size] == parts and all(free[start : start + size]):
                for i in range(start, start + size):
                    free[i] = False
                if known[phrase] not in codes:
                    codes.append(known[phrase])
    return codes


def _own_act_phrases() -> dict[str, str]:
    """Folded wording (French, Arabic, English) → code of the centre's own act types."""
    found: dict[str, str] = {}
    for code, own in act_names.installed().own.items():
        for text in (own.label_fr, own.label_ar, own.label_en):
            if text:
                found.setdefault(fold(text), code)
    return found


class CodeReader:
    """Resolves the values of one coded field, remembering each distinct value."""

    def __init__(self, target_id: str, user_values: Mapping[str, str | None] | None = None):
        self.target_id = target_id
        self.multiple = TARGETS[target_id].kind == Kind.CODES
        self.user = {fold(raw): code for raw, code in (user_values or {}).items()}
        self.known = phrases(target_id)
        if target_id == "act":  # the centre's own act types, by their wording too
            self.known = {**_own_act_phrases(), **self.known}
        self._cache: dict[str, Resolution] = {}  # by folded value
        self._by_raw: dict[str, Resolution] = {}

    def resolve(self, raw: str) -> Resolution:
        found = self._by_raw.get(raw)
        if found is None:
            folded = fold(raw)
            found = self._cache.get(folded)
            if found is None:
                found = self._cache[folded] = self._resolve(raw.strip(), folded)
            self._by_raw[raw] = found
        return found

    def _resolve(self, raw: str, folded: str) -> Resolution:
        if folded in self.user:
            code = self.user[folded]
            return Resolution((code,), MAPPED) if code else Resolution((), IGNORED)
        if is_custom_code(raw):
            return Resolution((raw,), EXACT)
        if folded in self.known:
            return Resolution((self.known[folded],), EXACT)
        inside = _inside(folded, self.known)
        if inside and (self.multiple or len(inside) == 1):
            return Resolution(tuple(inside), GUESSED)
        return Resolution((), UNKNOWN)
