"""Text folding for search and duplicate detection, in French and Arabic.

``fold`` makes "Éloïse", "eloise" and "ELOISE" equal, and "أحمد", "احمد" and "أَحْمَد"
too: Latin diacritics are removed (NFKD), case is folded, ligatures and special letters
are spelt out (æ → ae, œ → oe, ß → ss, ı → i, ø → o, ł → l, đ/ð → d, þ → th), Arabic
tashkeel and tatweel are stripped and letter variants that people type interchangeably
are unified (أ إ آ ٱ → ا, ى ی → ي, ة → ه, ؤ → و, ئ → ي, ک ڪ → ك). Invisible format
characters (joiners, direction marks, soft hyphens) are dropped; punctuation becomes a
space so that "jean-pierre" and "jean pierre" index the same words.

:func:`search_text` builds what the search index stores for a household, and
:func:`search_words` is its rule for one word: the Arabic article and the prepositions
attached to it are optional (العمراني, بالعمراني and عمراني all give عمراني), phone
numbers match on any run of four or more digits, and names carry transliteration keys
(:mod:`siec_desk.domain.transliterate`) so that "Alaoui" finds العلوي.
"""

from __future__ import annotations

import re
import unicodedata

from siec_desk.domain import transliterate

_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ی": "ي",  # Persian keyboards
        "ة": "ه",
        "ۀ": "ه",
        "ؤ": "و",
        "ئ": "ي",
        "ء": "",
        "ک": "ك",
        "ڪ": "ك",
    }
)
#: Letters NFKD leaves whole, spelt as a French or English reader types them.
_LATIN_FOLD = str.maketrans(
    {"æ": "ae", "œ": "oe", "ß": "ss", "ı": "i", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th"}
)
#: Zero-width joiners, direction marks and isolates, soft hyphen, BOM: part of no word.
_FORMAT_CHARS = re.compile("[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
_DIGITS = re.compile(r"\d")


def _strip_latin_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    kept = (c for c in decomposed if not unicodedata.combining(c) or "\u0600" <= c <= "\u06ff")
    return unicodedata.normalize("NFC", "".join(kept))


def fold(text: str | None) -> str:
    """Lower-case, accent-free, Arabic-variant-free words separated by single spaces."""
    if not text:
        return ""
    if text.isascii():  # the common case, and the fast one: nothing to unify
        return " ".join(_NON_WORD.sub(" ", text.lower()).replace("_", " ").split())
    text = _FORMAT_CHARS.sub("", text)
    text = _ARABIC_MARKS.sub("", text)
    text = text.translate(_ARABIC_FOLD)
    text = _strip_latin_marks(text).casefold().translate(_LATIN_FOLD)
    return " ".join(_NON_WORD.sub(" ", text).replace("_", " ").split())


def digits(text: str | None) -> str:
    """Only the ASCII digits of *text* (Arabic-Indic digits converted)."""
    if not text:
        return ""
    return "".join(str(unicodedata.digit(c)) for c in text if _DIGITS.match(c))


def phone_search_tokens(e164: str | None, national_prefix: str = "0") -> list[str]:
    """Digit strings a user may type for a phone: +212612…, 212612…, 0612…, 612….

    *e164* is a normalised ``+CCNNN…`` number. The country code is 1 to 3 digits; the
    national significant number is what follows it (FR 33, MA 212, TN 216 and others).
    """
    if not e164 or not e164.startswith("+"):
        return []
    full = e164[1:]
    for cc in ("212", "216", "33"):
        if full.startswith(cc):
            national = full[len(cc) :]
            break
    else:
        return [full]
    tokens = [full, national]
    if cc != "216":  # Tunisian numbers have no trunk prefix
        tokens.append(national_prefix + national)
    return tokens


#: The longest word the search index keeps, in UTF-8 bytes: PostgreSQL's tsquery refuses
#: longer lexemes and its tsvector garbles them, so both back-ends (stored words and
#: query words alike) keep only a word's first 2046 bytes. Names, e-mails and communes
#: are far shorter, unless written in characters that fold into many (㌖ → キロメートル).
MAX_WORD_BYTES = 2046


def cap_word(word: str) -> str:
    """*word*, cut to :data:`MAX_WORD_BYTES` (whole characters)."""
    if len(word) * 4 <= MAX_WORD_BYTES:  # no character takes more than 4 bytes
        return word
    data = word.encode()
    if len(data) <= MAX_WORD_BYTES:
        return word
    return data[:MAX_WORD_BYTES].decode("utf-8", errors="ignore")


#: Marks that start the index's derived words. They are private-use characters, which
#: :func:`fold` never leaves in typed text, so a query can only reach them on purpose.
NAMES_END = "\ue00f"  # ends the household's names (ranking prefers hits on a name)
PHONE_PART = "\ue000"  # a phone from any of its digits: every tail of four or more
LATIN_KEY = "\ue001"  # a transliteration key of a name written in Latin letters
ARABIC_KEY = "\ue002"  # … of a name written in Arabic letters
#: A phone query matches inside the number from this many digits on (before: its start).
PHONE_PART_MIN = 4


def search_words(word: str) -> list[str]:
    """The index words of one folded word: itself and, for an Arabic word with the
    article (and prepositions attached to it), the word without them."""
    stem = transliterate.strip_article(word) if transliterate.is_arabic(word) else word
    return [word] if stem == word else [word, stem]


def query_word(word: str) -> str:
    """What a typed (folded) word is matched as: the article is optional, so it is dropped
    (عمراني finds العمراني, and so do بالعمراني and والعمراني)."""
    return transliterate.strip_article(word) if transliterate.is_arabic(word) else word


def phone_part_tokens(e164: str | None, national_prefix: str = "0") -> list[str]:
    """Marked tails of a phone's digit strings, four digits or longer: a prefix of one
    of them is any run of digits inside the number ("975118" in 07 26 97 51 18)."""
    tokens = phone_search_tokens(e164, national_prefix)
    if not tokens:
        return []
    full = tokens[0]
    tails = {full[i:] for i in range(len(full) - PHONE_PART_MIN + 1)}
    tails.update(t for t in tokens[1:] if len(t) >= PHONE_PART_MIN)  # with the trunk 0
    return [PHONE_PART + tail for tail in sorted(tails, key=len, reverse=True)]


def key_tokens(*folded_names: str) -> list[str]:
    """Marked transliteration keys of the names (see :mod:`.transliterate`), each with
    the script it was computed from."""
    keys: set[str] = set()
    for folded in folded_names:
        words = folded.split()
        arabic = " ".join(w for w in words if transliterate.is_arabic(w))
        latin = " ".join(w for w in words if not transliterate.is_arabic(w))
        keys.update(ARABIC_KEY + k for k in transliterate.name_keys(arabic))
        keys.update(LATIN_KEY + k for k in transliterate.name_keys(latin))
    return sorted(keys)


def search_text(
    first_name: str | None,
    last_name: str | None,
    phone: str | None,
    email: str | None,
    commune: str | None,
) -> str:
    """The folded words the search index stores for one household.

    Names come first, ended by :data:`NAMES_END` (ranking prefers hits on a name). An
    e-mail's domain is kept as one word ("orange.fr" → "orangefr") so that short queries
    such as "ma" or "fr" do not match every address ending in .ma or .fr. Then the
    commune, the phone's digit strings; last the derived words: phone tails and
    transliteration keys, each behind its mark.
    """
    first, last = fold(first_name), fold(last_name)
    local, _at, domain = (email or "").partition("@")
    names = [w for word in f"{first} {last}".split() for w in search_words(word)]
    others = [*fold(local).split(), fold(domain).replace(" ", "")]
    others += [w for word in fold(commune).split() for w in search_words(word)]
    words = [*names, NAMES_END, *others, *phone_search_tokens(phone), *phone_part_tokens(phone)]
    words += key_tokens(first, last)
    return " ".join(cap_word(word) for word in words if word)


#: Bumped whenever :func:`search_text` changes what it stores: a database whose index was
#: built with another format has every household's search text computed again on opening.
SEARCH_FORMAT = 2


def name_key(first_name: str | None, last_name: str | None, commune: str | None) -> str:
    """Key for duplicate detection: folded names (order-insensitive) + folded commune."""
    names = sorted(fold(f"{first_name or ''} {last_name or ''}").split())
    return " ".join(names) + "|" + fold(commune)
