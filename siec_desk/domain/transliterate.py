"""Transliteration keys: one consonant skeleton for a Maghreb name in either script.

"Alaoui" and "العلوي", "Mohamed", "Mohammed", "Mhamed" and "محمد", "Youssef", "Youcef"
and "يوسف" are the same names written by different hands. :func:`name_keys` reduces a
word, Latin or Arabic, to the consonants a reader hears, in one alphabet:

* Arabic letters map to classes (ت ط ث → t, س ص → s, د ض ذ ظ → d, ق ك → k, ح ه → h,
  خ → x, غ → g, ش → c, ج → j…); Latin letters and French/English digraphs map to the
  same classes (ou/w, ch/sh, kh, gh, dj/j, q/k/c, ss/s/ç, ph/f, th, dh…);
* vowels are dropped; a word that starts with a vowel (or with ا or ع) keeps one marker
  ``a`` at the front, so "Ahmed" (ahmd) and "Hamid" (hmd) stay apart;
* the Arabic article and the prepositions attached to it (ال، بال، وال، لل…) and a Latin
  "El"/"Al" (stand-alone, or attached: "Elamrani", "Ettazi") are optional: both forms
  get a key;
* where the writing is ambiguous, a word gets a few keys instead of one: و/ي before a
  vowel letter are a consonant or a long vowel; a final ه may be a ta marbuta or a real
  h ("Taha" طه, "Abdallah" عبد الله); Latin "ou" before a vowel is w ("Zouari") or u
  followed by a ع ("Souad" سعاد).

A Latin word matches an Arabic one when one of their keys is equal. Keys are a search
aid, not a spelling: distinct names can share one ("Said", "Saad" and "Souad" are all
``sd``), which is why the search ranks a hit on the written word first. The test suite
measures recall on name pairs and the share of unrelated names that collide.

Pure and cheap (no I/O, a few microseconds per word); input is folded text
(:func:`siec_desk.domain.normalise.fold`): lower case, no accents, Arabic variants unified.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

#: Keys shorter than this say too little to match on ("a", "l").
MIN_KEY = 2
#: At most this many keys per word (ambiguous spellings multiply).
MAX_KEYS = 16

VOWEL_MARK = "a"  # the key of a word-initial vowel; consonant classes never use it

_AR_CONSONANTS = {
    "ب": "b",
    "پ": "b",
    "ت": "t",
    "ث": "t",
    "ط": "t",
    "ج": "j",
    "چ": "j",
    "ژ": "j",
    "ح": "h",
    "ه": "h",
    "خ": "x",
    "د": "d",
    "ذ": "d",
    "ض": "d",
    "ظ": "d",
    "ر": "r",
    "ز": "z",
    "س": "s",
    "ص": "s",
    "ش": "c",
    "غ": "g",
    "ف": "f",
    "ڤ": "k",  # Algerian and Tunisian hard g ("Ghardaïa", "Gafsa")
    "ق": "k",
    "ك": "k",
    "ک": "k",
    "ڭ": "k",  # Moroccan hard g
    "ݣ": "k",  # the same, as written officially in Morocco
    "گ": "k",
    "ل": "l",
    "م": "m",
    "ن": "n",
}
_AR_VOWELS = frozenset("اعىآأإٱ")
_AR_SEMI = {"و": "w", "ي": "y", "ی": "y"}
_AR_VOWEL_LETTERS = frozenset("اويىیع")  # after و/ي they make it a consonant (or not)
_SUN_LETTERS = frozenset("تثدذرزسشصضطظلن")
#: Prepositions and conjunctions written joined to the article: و ف ب ك ل (and فب, وب…).
_AR_ARTICLES = ("وبال", "فبال", "وكال", "فكال", "وال", "فال", "بال", "كال", "لل", "ال")

_LATIN_VOWELS = frozenset("aeiouy")
#: Latin digraphs (and one trigraph) read as one consonant, longest first.
_LATIN_GROUPS = (
    ("sch", "c"),
    ("tch", "c"),
    ("dj", "j"),
    ("ch", "c"),
    ("sh", "c"),
    ("kh", "x"),
    ("gh", "g"),
    ("th", "t|th"),  # ث, or t then h: Fethi (فتحي)
    ("dh", "d|dh"),
    ("ph", "f"),
    ("ck", "k"),
    ("qu", "k"),
)
_GROUPS = {g: (len(g), tuple(k.split("|"))) for g, k in _LATIN_GROUPS}
_LATIN_CONSONANTS = {
    "b": "b",
    "p": "b",
    "d": "d",
    "f": "f",
    "v": "f",
    "h": "h",
    "j": "j",
    "k": "k",
    "q": "k",
    "l": "l",
    "m": "m",
    "n": "n",
    "r": "r",
    "s": "s",
    "t": "t",
    "z": "z",
    "w": "w",
}
_LATIN_ARTICLES = frozenset({"el", "al"})

# A parsed word is a list of slots; each slot is a tuple of alternatives: a consonant
# class, "" for a vowel, or "-" for nothing at all (a silent letter).
_Slot = tuple[str, ...]
_VOWEL: _Slot = ("",)
_SILENT: _Slot = ("-",)


def is_arabic(word: str) -> bool:
    return any("\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f" for c in word)


def strip_article(word: str) -> str:
    """*word* without a leading Arabic article and the prepositions attached to it
    (بالعمراني, والعمراني, العمراني → عمراني); unchanged if what is left would be shorter
    than two letters (والي stays والي)."""
    for article in _AR_ARTICLES:
        if word.startswith(article) and len(word) - len(article) >= 2:
            return word[len(article) :]
    return word


def _arabic_slots(word: str) -> list[_Slot]:
    if any(char.isdigit() for char in word):
        return []  # not a name
    article_l = _arabic_article_l(word)
    slots: list[_Slot] = []
    for i in range(len(word)):
        slot = _arabic_slot(word, i, article_l)
        if slot is not None:  # anything else (a stray mark) is silent
            slots.append(slot)
    return slots


def _arabic_article_l(word: str) -> int:
    """Where the ل of *word*'s article is; -1 without an article."""
    for article in _AR_ARTICLES:
        if word.startswith(article) and len(word) > len(article):
            return len(article) - 1
    return -1


def _arabic_slot(word: str, i: int, article_l: int) -> _Slot | None:
    """The slot of the letter at *i*; None for a letter that is not read."""
    char = word[i]
    after = word[i + 1] if i + 1 < len(word) else ""
    if char == "ا" and i == 0 and after not in _AR_VOWEL_LETTERS:
        return ("", "-")  # often not written in Latin: Brahim, Driss, Hmed
    if char in _AR_VOWELS:
        return _VOWEL
    if char in _AR_SEMI:
        consonant = _AR_SEMI[char]
        if i == 0 or (char == "و" and after == "ي" and i + 2 == len(word)):
            return (consonant,)  # Youssef, Ouali; -awi (العلوي, الشاوي)
        return (consonant, "") if after in _AR_VOWEL_LETTERS else _VOWEL
    if i == article_l and after in _SUN_LETTERS:
        return ("l", "-")  # ad-dine, ar-rahman: the l is not heard
    if char in ("ه", "ح") and not after and i > 0:
        # ه: a ta marbuta (silent, or t: Najat) or a real h (Taha); ح: h
        return ("h", "-", "t") if char == "ه" else ("h",)
    if char in _AR_CONSONANTS:
        return (_AR_CONSONANTS[char],)
    return None


def _latin_slots(word: str) -> list[_Slot]:
    slots: list[_Slot] = []
    i = 0
    while i < len(word):
        read = _latin_read(word, i)
        if read is None:
            return []  # a digit: not a name
        found, length = read
        slots.extend(found)
        i += length
    return slots


def _latin_read(word: str, i: int) -> tuple[list[_Slot], int] | None:
    """The slots of the letters read at *i* and how many letters they take; None for a
    digit."""
    char, rest = word[i], word[i:]
    group = _GROUPS.get(word[i : i + 3]) or _GROUPS.get(word[i : i + 2])
    if group is not None:
        return [group[1]], group[0]
    if rest.startswith("ou") or char in "uw":
        length = 2 if rest.startswith("ou") else 1
        return [_latin_w(word, i, length)], length
    if char in "iy":
        return [_latin_y(word, i)], 1
    if char == "g" and rest[1:2] == "u" and rest[2:3] and rest[2] in _LATIN_VOWELS:
        return [("k",)], 2  # Guerrouj's gu
    if char.isdigit():
        return None
    return _latin_letter(word, i), 1


def _latin_w(word: str, i: int, length: int) -> _Slot:
    """The letters ou, u or w (*length* of them at *i*): a consonant w or a vowel."""
    char = word[i]
    after = word[i + length] if i + length < len(word) else ""
    final_i = after in ("i", "y") and i + length == len(word) - 1
    if (i == 0 and after in _LATIN_VOWELS) or final_i:
        return ("w",)  # Wafa, Ouali; Alaoui, Chaoui (-wi)
    if char == "w" and after in _LATIN_VOWELS:
        return ("w",)  # Marwan, Radwan
    if char == "w":
        return ("w", "")  # Tawfiq (توفيق), Fawzi (فوزي)
    if after in _LATIN_VOWELS:
        return ("w", "")  # Zouari (w) or Souad (u, then a ع)
    return _VOWEL


def _latin_y(word: str, i: int) -> _Slot:
    """The letter i or y at *i*: a consonant y or a vowel."""
    after = word[i + 1] if i + 1 < len(word) else ""
    if i == 0 and after in _LATIN_VOWELS:
        return ("y",)  # Youssef, Yamina, Iasmine
    if word[i] == "y" and after in _LATIN_VOWELS:  # Ayoub, Ayari (i: Ziani, Meriem)
        return ("y", "")
    return _VOWEL


def _latin_letter(word: str, i: int) -> list[_Slot]:
    """Any other letter at *i*."""
    char = word[i]
    after = word[i + 1] if i + 1 < len(word) else ""
    if char in _LATIN_VOWELS:
        return [_VOWEL]
    if char == "c":
        return [("s",) if after in ("e", "i", "y") else ("k",)]
    if char == "g":
        # soft g is ج; a hard g is ق/ڭ (Guerrouj) or غ (Gannouchi)
        return [("j",) if after in ("e", "i", "y") else ("k", "g")]
    if char == "x":
        return [("k",), ("s",)]
    if char == "h" and i == len(word) - 1 and i > 0:
        return [("h", "-")]  # Salah (صالح) or Abdallah (الله)
    if char in _LATIN_CONSONANTS:
        return [(_LATIN_CONSONANTS[char],)]
    return []


def _keys_of_slots(slots: Sequence[_Slot]) -> set[str]:
    """Every reading of a parsed word as a key: vowels and silent letters dropped, an
    initial vowel marked, a consonant written twice merged (Mohammed, Youssef) but not
    one heard twice (Leila: l-l). Readings are followed together, merging equal states."""
    if not slots:
        return set()
    # state: (key so far, the last slot read: a consonant class, "" for a vowel, or None)
    states: set[tuple[str, str | None]] = {("", None)}
    for slot in slots:
        following: set[tuple[str, str | None]] = set()
        for key, previous in states:
            for value in slot:
                if value == "-":
                    following.add((key, previous))
                elif value == "":
                    following.add((key or VOWEL_MARK, ""))
                elif value == previous:
                    following.add((key, value))
                else:
                    following.add((key + value, value))
        states = following
        if len(states) > 4 * MAX_KEYS:
            states = set(sorted(states)[: 4 * MAX_KEYS])  # deterministic, never in practice
    keys = sorted({key for key, _previous in states if len(key) >= MIN_KEY})
    return set(keys[:MAX_KEYS])


@lru_cache(maxsize=8192)
def _readings(word: str) -> tuple[tuple[_Slot, ...], ...]:
    """The parsed forms of one folded word: as written and, for an Arabic word, without
    its article. Cached: names repeat (a centre has thousands of Mohamed)."""
    if not word or any(c.isdigit() for c in word):
        return ()
    if is_arabic(word):
        forms = [word]
        stem = strip_article(word)
        if stem != word:
            forms.append(stem)
        return tuple(tuple(slots) for slots in map(_arabic_slots, forms) if slots)
    if not word.isascii():
        return ()  # another script: no transliteration convention known
    slots = _latin_slots(word)
    return (tuple(slots),) if slots else ()


def _latin_without_article(word: str) -> str | None:
    """A Latin word that may start with an attached article, without it: Elamrani,
    Ettazi, Essaidi, Ennaciri (the sun letters double the consonant)."""
    if len(word) < 5 or not word.isascii():
        return None
    if word[:2] in _LATIN_ARTICLES:
        return word[2:]
    if word[0] in "ae" and word[1] == word[2] and word[1] not in "aeiouy":
        return word[2:]
    return None


@lru_cache(maxsize=8192)
def word_keys(word: str) -> frozenset[str]:
    """The keys of one folded word (none for digits or words mixing letters and digits)."""
    keys: set[str] = set()
    for slots in _readings(word):
        keys |= _keys_of_slots(slots)
    rest = _latin_without_article(word)
    if rest is not None:  # a guess: keep only keys that still say something
        keys |= {k for k in _keys_of_slots(_latin_slots(rest)) if len(k) > MIN_KEY}
    return frozenset(keys)


def name_keys(folded: str) -> set[str]:
    """Keys of a folded name (one or more words): each word's keys, and the keys of the
    words written together ("Ben Salah" ~ "Bensalah", "عبد الرحمن" ~ "Abderrahmane")."""
    words = [w for w in folded.split() if w not in _LATIN_ARTICLES]
    keys: set[str] = set()
    for word in words:
        keys |= word_keys(word)
    if 1 < len(words) <= 4 and len({is_arabic(w) for w in words}) == 1:
        parsed = [_readings(word) for word in words]
        if all(parsed):
            keys |= _keys_of_slots([slot for forms in parsed for slot in forms[0]])
    return keys
