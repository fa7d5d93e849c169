"""Text folding for search and duplicate detection, in French and Arabic.

``fold`` makes "Éloïse", "eloise" and "ELOISE" equal, and "أحمد", "احمد" and "أَحْمَد"
too: Latin diacritics are removed (NFKD), case is folded, Arabic tashkeel and tatweel
are stripped and letter variants that people type interchangeably are unified
(أ إ آ ٱ → ا, ى → ي, ة → ه, ؤ → و, ئ → ي). Punctuation becomes a space so that
"jean-pierre" and "jean pierre" index the same words.
"""

from __future__ import annotations

import re
import unicodedata

_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_FOLD = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي", "ء": ""}
)
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
    text = _ARABIC_MARKS.sub("", text)
    text = text.translate(_ARABIC_FOLD)
    text = _strip_latin_marks(text).casefold()
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
    data = word.encode()
    if len(data) <= MAX_WORD_BYTES:
        return word
    return data[:MAX_WORD_BYTES].decode("utf-8", errors="ignore")


def search_text(
    first_name: str | None,
    last_name: str | None,
    phone: str | None,
    email: str | None,
    commune: str | None,
) -> str:
    """The folded words the search index stores for one household.

    Names come first (ranking prefers early hits). An e-mail's domain is kept as one
    word ("orange.fr" → "orangefr") so that short queries such as "ma" or "fr" do not
    match every address ending in .ma or .fr.
    """
    local, _at, domain = (email or "").partition("@")
    parts = [
        fold(first_name),
        fold(last_name),
        fold(local),
        fold(domain).replace(" ", ""),
        fold(commune),
    ]
    parts.extend(phone_search_tokens(phone))
    return " ".join(cap_word(word) for p in parts for word in p.split())


def name_key(first_name: str | None, last_name: str | None, commune: str | None) -> str:
    """Key for duplicate detection: folded names (order-insensitive) + folded commune."""
    names = sorted(fold(f"{first_name or ''} {last_name or ''}").split())
    return " ".join(names) + "|" + fold(commune)
