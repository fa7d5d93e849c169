"""Excel sheet titles for the workbooks SIEC Desk writes: whole and unique within 31
characters.

A long title is cut between words and ends with "…"; titles that would read alike keep
the words that tell them apart; never two titles equal (Excel compares them ignoring
case, and reserves "History"); the characters Excel refuses become spaces ("/" a
division slash).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

MAX_TITLE = 31  # Excel's limit for a sheet name

_BAD_TITLE_CHARS = re.compile(r"[\[\]:*?\\]")
_SPACES = re.compile(r"\s+")
_ELLIPSIS = "…"


def _clean_title(text: str) -> str:
    text = text.replace("/", "\u2215")  # "kWh/an": a division slash is allowed, "/" is not
    text = _SPACES.sub(" ", _BAD_TITLE_CHARS.sub(" ", text)).strip()
    return text.strip("'").strip()  # Excel refuses an apostrophe at either end


def _fit(text: str, budget: int) -> str:
    """*text* within *budget* characters, cut between words and ended with "…"."""
    if len(text) <= budget:
        return text
    head = text[: budget - 1]
    if text[budget - 1] != " " and " " in head:
        head = head[: head.rindex(" ")]
    return head.rstrip(" ,;:—–-") + _ELLIPSIS


def _telling_apart(text: str, common: int, budget: int) -> str:
    """*text*, whose first *common* words it shares with look-alikes, shortened so that
    the words after the shared ones stay: "Entretiens par mois… origine"; the shared words
    are dropped from their end, then all of them ("…statut d'occupation")."""
    words = text.split(" ")
    tail = " ".join(words[common:])
    for keep in range(common - 1, 0, -1):
        candidate = " ".join(words[:keep]).rstrip(" ,;:—–-") + _ELLIPSIS + " " + tail
        if len(candidate) <= budget:
            return candidate
    return _fit(_ELLIPSIS + tail, budget)


def _common_words(texts: Sequence[str]) -> int:
    split = [t.split(" ") for t in texts]
    count = 0
    for column in zip(*split, strict=False):
        if len({w.casefold() for w in column}) != 1:
            break
        count += 1
    return count


def sheet_titles(items: Sequence[str | tuple[str, str]]) -> list[str]:
    """Excel sheet titles for *items* (a text, or a (prefix, text) pair such as
    ("03", "Consultations by month and area")): each whole or cut between words, all
    different, the prefix kept."""
    pairs = [(("", item) if isinstance(item, str) else item) for item in items]
    prefixes = [f"{prefix} " if prefix else "" for prefix, _t in pairs]
    texts = [_clean_title(text) or "—" for _p, text in pairs]
    budgets = [MAX_TITLE - len(prefix) for prefix in prefixes]
    fitted = [_fit(text, budget) for text, budget in zip(texts, budgets, strict=True)]
    groups: dict[str, list[int]] = {}
    for index, title in enumerate(fitted):
        groups.setdefault(title.casefold(), []).append(index)
    for members in groups.values():
        distinct = {texts[i].casefold() for i in members}
        if len(members) < 2 or len(distinct) < 2:
            continue
        common = _common_words([texts[i] for i in members])
        for i in members:
            if len(texts[i]) > budgets[i]:
                fitted[i] = _telling_apart(texts[i], common, budgets[i])
    result: list[str] = []
    used: set[str] = set()
    for index, title in enumerate(fitted):
        candidate, n = prefixes[index] + title, 2
        while candidate.casefold() in used or candidate.casefold() == "history":
            suffix = f" ({n})"
            candidate = prefixes[index] + _fit(texts[index], budgets[index] - len(suffix)) + suffix
            n += 1
        used.add(candidate.casefold())
        result.append(candidate)
    return result
