"""The columns of an events sheet: what each can be imported as, guessed from its header
in French, Arabic or English, and the codes of its values (event type, audience, themes).

A column is one of :data:`EVENT_TARGETS`: the event's date (which may carry a time),
time, duration, type, commune, place, partners, title, notes, themes (several columns
allowed, several themes per cell), one column per audience holding its participants
(``audience:pupils_students``…), or a pair of columns audience / participants. Headers
are compared folded with the labels of the fields and codes in every language and with
the words of ``resources/import/event_synonyms.json``: an exact match wins, else the
longest phrase found inside the header as whole words. Pure: no database, no Qt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from siec_desk.core.i18n import N_, LazyText
from siec_desk.core.paths import resource_path
from siec_desk.domain.codes import Audience
from siec_desk.domain.fields import EVENT as F
from siec_desk.domain.normalise import fold
from siec_desk.importing.codes import CodeReader, _inside
from siec_desk.importing.headers import assign_columns, scored_targets, translations_of
from siec_desk.importing.synonyms import Synonyms, read_synonyms
from siec_desk.texts.labels import AUDIENCES, EVENT_TYPES

AUDIENCE_PREFIX = "audience:"


@dataclass(frozen=True)
class EventTarget:
    id: str
    label: LazyText
    multiple: bool = False  # several columns may feed it (themes)


EVENT_TARGETS: dict[str, EventTarget] = {
    t.id: t
    for t in (
        EventTarget("date", F["occurred_on"].label),
        EventTarget("time", F["starts_at"].label),
        EventTarget("duration", F["duration_min"].label),
        EventTarget("type", F["event_type"].label),
        EventTarget("title", F["title"].label),
        EventTarget("commune", F["commune"].label),
        EventTarget("place", F["place"].label),
        EventTarget("partners", F["partners"].label),
        EventTarget("notes", F["notes"].label),
        EventTarget("themes", F["themes"].label, multiple=True),
        EventTarget("audience", N_("Audience")),
        EventTarget("participants", N_("Number of participants")),
        *(EventTarget(AUDIENCE_PREFIX + a.value, AUDIENCES[a.value]) for a in Audience),
    )
}


def target_label(target_id: str | None) -> str:
    """The column's field in words ("" when it is not imported)."""
    target = EVENT_TARGETS.get(target_id or "")
    return str(target.label) if target else ""


@cache
def event_synonyms() -> Synonyms:
    """The shipped words of events sheets, read and checked once."""
    found = read_synonyms(resource_path("import", "event_synonyms.json"))
    unknown = set(found.headers) - set(EVENT_TARGETS)
    if unknown:
        raise ValueError(f"event_synonyms.json: unknown columns {sorted(unknown)}")
    return found


@cache
def _phrases() -> dict[str, str]:
    """Folded phrase → target id: the labels in every language, then the synonyms."""
    phrases: dict[str, str] = {}
    for target in EVENT_TARGETS.values():
        for text in translations_of(target.label):
            phrases.setdefault(text, target.id)
    for target_id, words in event_synonyms().headers.items():
        for word in words:
            phrases[fold(word)] = target_id
    return phrases


def _candidates(header: str) -> list[tuple[int, str]]:
    phrases = _phrases()
    return scored_targets(fold(header), phrases, phrases.items())


def guess_event_columns(headers: Sequence[str]) -> list[str | None]:
    """A target id (or None) for each header; each target used once, except themes."""
    chosen, _used = assign_columns(
        headers, _candidates, lambda target: EVENT_TARGETS[target].multiple
    )
    return chosen


def recognised(headers: Sequence[str]) -> int:
    """How many of *headers* name a column (the header row is the one naming most)."""
    return sum(target is not None for target in guess_event_columns(headers))


class EventCodes:
    """The code of a value of a single-code column (``event_type`` or ``audience``):
    a code, its label in any language or a synonym, word for word; else the one code
    whose phrases the value holds as whole words; else None."""

    def __init__(self, kind: str) -> None:
        table = EVENT_TYPES if kind == "event_type" else AUDIENCES
        known: dict[str, str] = {}
        for code, text in table.items():
            known[fold(code)] = code
            for translated in translations_of(text):
                known.setdefault(translated, code)
        for code, words in event_synonyms().values.get(kind, {}).items():
            for word in words:
                known.setdefault(fold(word), code)
        self.known = known

    def code(self, raw: str) -> str | None:
        folded = fold(raw)
        if folded in self.known:
            return self.known[folded]
        inside = _inside(folded, self.known)
        return inside[0] if len(inside) == 1 else None


def theme_reader() -> CodeReader:
    """The themes of an event are the consultations' themes: the same words."""
    return CodeReader("themes")
