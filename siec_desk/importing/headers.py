"""Guessing each column's field from its header, in French, Arabic or English.

A header matches a phrase exactly (best), or contains it as whole words (the longer the
phrase, the surer: "Date de relance" is the follow-up date, not the consultation's).
Each field takes one column, except phones and themes, which may take several. A bare
"Nom" / "Name" / "الاسم" is the last name beside a first-name column, the first name
beside a family-name column (Arabic forms), and the full name when it stands alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache

from siec_desk.core.i18n import LANGUAGES, LazyText, translations_for
from siec_desk.domain.normalise import fold
from siec_desk.importing.fields import TARGETS
from siec_desk.importing.synonyms import load_synonyms

_EXACT = 1000
_NAME = "?name"


def translations_of(text: LazyText) -> set[str]:
    """The folded label in every language the app speaks."""
    found = set()
    for language in LANGUAGES:
        catalogue = translations_for(language)
        if text.context is not None:
            found.add(fold(catalogue.pgettext(text.context, text.message)))
        else:
            found.add(fold(catalogue.gettext(text.message)))
    return {f for f in found if f}


@lru_cache(maxsize=1)
def _phrases() -> dict[str, str]:
    """Folded phrase → target id (labels first, then the hand-made synonyms win)."""
    phrases: dict[str, str] = {}
    for target in TARGETS.values():
        for text in translations_of(target.label):
            phrases.setdefault(text, target.id)
        phrases.setdefault(fold(target.id), target.id)
    synonyms = load_synonyms()
    for target_id, words in synonyms.headers.items():
        for word in words:
            phrases[fold(word)] = target_id
    for word in synonyms.ambiguous_name:
        phrases[fold(word)] = _NAME
    return phrases


@lru_cache(maxsize=1)
def _by_first_word() -> dict[str, list[tuple[str, str]]]:
    """Phrases grouped by their first word: a header is compared with the few that may fit."""
    grouped: dict[str, list[tuple[str, str]]] = {}
    for phrase, target in _phrases().items():
        grouped.setdefault(phrase.split()[0], []).append((phrase, target))
    return grouped


def _candidates(header: str) -> list[tuple[int, str]]:
    """(points, target) for every field *header* may name, best first."""
    folded = fold(header)
    groups = _by_first_word()
    inside = (  # "nom" alone only: "Nom du conseiller" is no one's name
        (phrase, target)
        for word in set(folded.split())
        for phrase, target in groups.get(word, ())
        if target != _NAME
    )
    return scored_targets(folded, _phrases(), inside)


def scored_targets(
    folded: str, phrases: Mapping[str, str], inside: Iterable[tuple[str, str]]
) -> list[tuple[int, str]]:
    """(points, target) for a folded header, best first: a whole phrase of *phrases* scores
    above any part; else each target scores its longest phrase among *inside* (``(phrase,
    target)`` pairs that may be words of the header) that the header contains."""
    if not folded:
        return []
    best: dict[str, int] = {}
    exact = phrases.get(folded)
    if exact is not None:
        best[exact] = _EXACT + len(folded)
    padded = f" {folded} "
    for phrase, target in inside:
        if phrase != folded and f" {phrase} " in padded and len(phrase) > best.get(target, 0):
            best[target] = len(phrase)
    return sorted(((p, t) for t, p in best.items()), reverse=True)


def guess_targets(headers: Sequence[str]) -> list[str | None]:
    """A field id (or None) for each header, each single field used at most once."""
    chosen, used = assign_columns(
        headers, _candidates, lambda target: TARGETS[target].multiple, skipped={_NAME}
    )
    for column, header in enumerate(headers):
        if chosen[column] is None and any(t == _NAME for _p, t in _candidates(header)):
            name = _resolve_name(used)
            if name is not None:
                chosen[column] = name
                used.add(name)
    return chosen


def assign_columns(
    headers: Sequence[str],
    candidates: Callable[[str], list[tuple[int, str]]],
    multiple: Callable[[str], bool],
    skipped: frozenset[str] | set[str] = frozenset(),
) -> tuple[list[str | None], set[str]]:
    """Each header's best-scored target (or None), best scores first, each target used
    once unless *multiple*; the targets used. The household and the events sheets share it."""
    chosen: list[str | None] = [None] * len(headers)
    scored = sorted(
        (
            (points, -column, target)
            for column, header in enumerate(headers)
            for points, target in candidates(header)
        ),
        reverse=True,
    )
    used: set[str] = set()
    for _points, negative_column, target in scored:
        column = -negative_column
        if chosen[column] is not None or target in skipped:
            continue
        if target in used and not multiple(target):
            continue
        chosen[column] = target
        used.add(target)
    return chosen, used


def _resolve_name(used: set[str]) -> str | None:
    if "first_name" in used and "last_name" not in used:
        return "last_name"
    if "last_name" in used and "first_name" not in used:
        return "first_name"
    if not used.intersection({"full_name", "first_name", "last_name"}):
        return "full_name"
    return None
