"""Dates, numbers, durations and money formatted by Babel for the centre's locale.

One formatter for the UI, the CLI and the PDFs (Qt's QLocale gives different results).
Arabic output keeps Latin digits, as Maghreb practice does; Babel wraps Arabic amounts
and dates in RLM marks, and French groups thousands with U+202F: callers that compare
or export strings should use :func:`plain` to drop those invisible characters.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, time
from decimal import Decimal
from functools import lru_cache

from babel import Locale
from babel import dates as babel_dates
from babel import numbers as babel_numbers

from siec_desk.core.i18n import current_language

#: Formatting locale for (UI or letter language, centre country).
_LOCALES = {
    ("fr", "FR"): "fr_FR",
    ("fr", "MA"): "fr_MA",
    ("fr", "TN"): "fr_TN",
    ("ar", "MA"): "ar_MA",
    ("ar", "TN"): "ar_TN",
    ("ar", "FR"): "ar",
    ("en", "FR"): "en_GB",
    ("en", "MA"): "en_GB",
    ("en", "TN"): "en_GB",
}

_INVISIBLE = str.maketrans(
    {
        "\u200f": None,  # RLM
        "\u200e": None,  # LRM
        "\u061c": None,  # ALM
        "\u2066": None,  # LRI
        "\u2068": None,  # FSI
        "\u2069": None,  # PDI
        "\u202f": " ",  # narrow no-break space
        "\u00a0": " ",  # no-break space
    }
)


def ltr(text: str) -> str:
    """Isolate a left-to-right value (path, phone, e-mail, reference, Latin name) so that
    it reads correctly inside right-to-left text: LRI … PDI (Unicode bidi isolates)."""
    return f"\u2066{text}\u2069" if text else text


# What must read left to right inside right-to-left text: e-mails, web addresses, and runs
# of digits joined by separators (references "2026-008987", law numbers "09-08", dates
# "07/12/2026", times, phone numbers "+212 6 61 23 45 67", amounts "1 234,50", years
# "2022–2025").
_LTR_RUNS = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail
    r"|(?:https?://|www\.)[^\s\u2066-\u2069]+"  # web address
    r"|(?:[A-Z][A-Z0-9]*-)*\+?\d+"  # joined digits, after a code prefix ("CIE-CHEF-")
    r"(?:[ \u00a0\u202f]?[-\u2013/.:,][ \u00a0\u202f]?\d+|[ \u00a0\u202f]\d+)+"
    # a signed number ("-6", "+12 %"): its sign would otherwise print after it
    r"|(?<![\w\u2066\u2069])[-+\u2212]\d+(?:[.,]\d+)?(?:[ \u00a0\u202f]?%)?"
)

_LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
# Latin text in brackets ("(SRM)", "(Mon Accompagnateur Rénov')", "(Anah)"): isolated with
# its brackets, which would otherwise be mirrored apart from the word they enclose.
_LATIN_BRACKETS = re.compile(
    rf"\((?=[^()\u0600-\u06ff\u2066-\u2069]*[{_LATIN}])[^()\u0600-\u06ff\u2066-\u2069]*\)"
)
# A phrase of Latin words ("Mon Accompagnateur Rénov'", "MaPrimeRénov' Parcours accompagné"):
# isolated when a word of it ends in an apostrophe, which Arabic text would move to the
# other end of the brand name ("'France Rénov").
_WORD = rf"[{_LATIN}](?:[{_LATIN}0-9-]|['\u2019](?=[{_LATIN}]))*['\u2019]?"
_LATIN_PHRASE = re.compile(rf"{_WORD}(?:[ \u00a0]{_WORD})*")
_FINAL_APOSTROPHE = re.compile(rf"['\u2019](?![{_LATIN}])")

_ISOLATED = re.compile("([\u2066\u2067\u2068][^\u2069]*\u2069)")


def _isolate_phrase(match: re.Match[str]) -> str:
    phrase = match.group(0)
    return f"\u2066{phrase}\u2069" if _FINAL_APOSTROPHE.search(phrase) else phrase


def _outside_isolates(
    text: str, pattern: re.Pattern[str], repl: str | Callable[[re.Match[str]], str]
) -> str:
    """Replace *pattern* in *text* except inside values isolated already, which are kept
    as they are; a match sees the characters around it (an isolate just before a sign).
    A replacement template's group numbers are those of *pattern*."""
    combined = _skipping_isolates(pattern)
    if isinstance(repl, str):
        template = re.sub(r"\\(\d)", lambda g: f"\\{int(g.group(1)) + 1}", repl)
        return combined.sub(lambda m: m.group(0) if m.group(1) else m.expand(template), text)
    return combined.sub(lambda m: m.group(0) if m.group(1) else repl(m), text)


@lru_cache(maxsize=8)
def _skipping_isolates(pattern: re.Pattern[str]) -> re.Pattern[str]:
    return re.compile(f"{_ISOLATED.pattern}|(?:{pattern.pattern})")


def isolate_ltr_runs(text: str) -> str:
    """Isolate (LRI … PDI) every e-mail, web address, run of digits joined by separators,
    Latin text in brackets and Latin phrase with a word ending in an apostrophe (brand
    names: "France Rénov'") inside *text*, so that they keep their reading order inside
    Arabic (the one helper for free text, notes, country texts, footers, exports and the
    UI); values already isolated are left as they are. Harmless in left-to-right text."""
    if not text:
        return text
    wrap = _wrap_ltr
    text = _outside_isolates(text, _LTR_RUNS, wrap)
    text = _outside_isolates(text, _LATIN_BRACKETS, wrap)
    if "'" in text or "\u2019" in text:
        text = _outside_isolates(text, _LATIN_PHRASE, _isolate_phrase)
    return text


def _wrap_ltr(match: re.Match[str]) -> str:
    return f"\u2066{match.group(0)}\u2069"


def isolate(text: str) -> str:
    """Isolate a value of either script (a person's name, a commune): FSI … PDI lets it
    take the direction of its first letter, so "Jean Dupont" and "محمد البقالي" both read
    in their own order inside text of the other direction."""
    return f"\u2068{text}\u2069" if text else text


def locale_for(language: str | None = None, country: str = "FR") -> str:
    """The Babel locale id for a language and the centre's country (e.g. ``ar_MA``)."""
    lang = language or current_language()
    return _LOCALES.get((lang, country.upper()), lang)


def plain(text: str) -> str:
    """Drop bidi marks and turn narrow/no-break spaces into plain spaces."""
    return text.translate(_INVISIBLE)


def format_date(value: date, locale: str, length: str = "medium") -> str:
    """A date in the locale's pattern; French long dates say "1er janvier" (CLDR: "1")."""
    text = babel_dates.format_date(value, format=length, locale=locale)
    if value.day == 1 and length in ("long", "full") and locale.startswith("fr"):
        text = _FIRST_DAY.sub("1er", text, count=1)
    return text


_FIRST_DAY = re.compile(r"(?<!\d)1(?=[ \u00a0\u202f][^\d\s])")

# Typography of printed documents (letters, rights export).
_SPACES = " \u00a0\u202f"
_UNITS = r"(?:°C|%|‰|kWh|MWh|kW|Wc|W|m²|m³|m2|€|kg|DH|MAD|DT|TND|EUR)"
_NUMBER_UNIT = re.compile(rf"(?<=\d) (?={_UNITS}(?![A-Za-z]))")
_THOUSANDS = re.compile(r"(?<=\d) (?=\d{3}(?!\d))")
_BEFORE_HIGH = re.compile(rf"(?<=[^\s:;!?\u0600-\u06ff])[{_SPACES}]?([;!?])(?=\s|$|[»”)])")
_BEFORE_COLON = re.compile(rf"(?<=[^\s\d:;!?\u0600-\u06ff])[{_SPACES}]?:(?=\s|$)")
_OPEN_QUOTE = re.compile(rf"«[{_SPACES}]*")
_CLOSE_QUOTE = re.compile(rf"[{_SPACES}]*»")
_APOSTROPHE = re.compile(rf"(?<=[{_LATIN}])'")


def typeset(text: str, language: str) -> str:
    """A printed text with its typography: a figure never parted from its unit ("26 °C",
    "70 %") nor its thousands ("30 000"); in French, a no-break space before ``: ; ! ?``
    (narrow before ``; ! ?``), inside « », and curly apostrophes. Values isolated as
    left-to-right (e-mails, web addresses, references) are left as they are, apart from
    their figures."""
    if not text:
        return text
    text = _NUMBER_UNIT.sub("\u00a0", _THOUSANDS.sub("\u202f", text))
    if language != "fr":
        return text
    # quotes first: the space they add is the one a colon before "»" is then followed by
    text = _OPEN_QUOTE.sub("«\u00a0", _CLOSE_QUOTE.sub("\u00a0»", text))
    text = _outside_isolates(text, _BEFORE_HIGH, "\u202f\\1")
    text = _outside_isolates(text, _BEFORE_COLON, "\u00a0:")
    return _outside_isolates(text, _APOSTROPHE, "\u2019")


def format_datetime(value: datetime, locale: str) -> str:
    """Date and 24-hour time: centres in Tunisia get no "PM" clock (Babel's fr_TN default)."""
    clock = babel_dates.format_time(value, "HH:mm", locale=locale)
    return f"{format_date(value.date(), locale)} {clock}"


def format_clock(value: time | datetime, locale: str) -> str:
    """A time of day on the 24-hour clock, in the locale's digits ("14:30")."""
    return str(babel_dates.format_time(value, "HH:mm", locale=locale))


def format_number(value: float | int | Decimal, locale: str, digits: int = 0) -> str:
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return babel_numbers.format_decimal(value, format=pattern, locale=locale)


def currency_digits(currency: str) -> int:
    """Minor-unit digits: 2 for EUR and MAD, 3 for TND."""
    return int(babel_numbers.get_currency_precision(currency))


def format_money(amount: Decimal | int | float, currency: str, locale: str) -> str:
    return babel_numbers.format_currency(amount, currency, locale=locale)


def format_money_whole(amount: Decimal | int | float, currency: str, locale: str) -> str:
    """Money rounded to whole units ("1 234 €"), for estimates where cents mislead."""
    pattern = Locale.parse(locale).currency_formats["standard"].pattern
    whole = pattern.replace(".00", "").replace(".000", "")
    value = Decimal(amount).quantize(Decimal(1))
    return babel_numbers.format_currency(
        value, currency, locale=locale, format=whole, currency_digits=False
    )


def format_kwh(kwh: float, locale: str) -> str:
    return f"{format_number(round(kwh), locale)}\u00a0kWh"


def format_co2_kg(kg: float, locale: str) -> str:
    return f"{format_number(round(kg), locale)}\u00a0kg CO₂"


def format_percent(share: float, locale: str) -> str:
    """A share as a whole percentage ("12 %" in French, "12%" in Arabic)."""
    return babel_numbers.format_percent(share, format=None, locale=locale)


def format_file_size(size: int, locale: str) -> str:
    """Bytes as kB/MB/GB with CLDR's unit names ("12,3 Mo" in French), decimal units."""
    from babel.units import format_unit

    value: float = size / 1000
    unit = "digital-kilobyte"
    for bigger in ("digital-megabyte", "digital-gigabyte"):
        if value < 999.5:  # 999.7 kB reads as 1.0 MB, not 1,000 kB
            break
        value, unit = value / 1000, bigger
    pattern = "#,##0" if value >= 100 or unit == "digital-kilobyte" else "#,##0.0"
    return str(format_unit(value, unit, length="short", format=pattern, locale=locale))
