"""Reading real-life cell values: dates, times, numbers, durations, names, phones, codes.

Dates are read day first, as written in France and the Maghreb (dd/mm/yyyy, also with
"-" or "." and two-digit years), or ISO (yyyy-mm-dd), or as Excel serial numbers, or
with a month name ("12 mars 2024", "12 مارس 2024"). Numbers take a decimal comma or
point and any thousands separator ("1 234,5", "1.234,5", "1,234.5"). Arabic-Indic
digits are read as digits. Each reader raises :class:`CellValueError` with the reason.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from siec_desk.core.i18n import _
from siec_desk.domain.normalise import fold
from siec_desk.importing.problems import CellValueError
from siec_desk.importing.source import Cell, cell_text

_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_TIME = r"(?:[ T]+(\d{1,2})\s*[:hH]\s*(\d{2})?(?::(\d{2})(?:[.,]\d+)?)?)?"
_DMY = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4}|\d{2})" + _TIME + r"$")
_YMD = re.compile(r"^(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})" + _TIME + r"(?:Z|[+\-]\d{2}:?\d{2})?$")
_SERIAL = re.compile(r"^\d{5}(?:[.,]\d+)?$")
_NAMED = re.compile(r"^(\d{1,2})(?:er)?\s*[ \-/.]\s*(\w+)\.?\s*[ \-/.]?\s*(\d{4}|\d{2})$")
_CLOCK = re.compile(r"^(\d{1,2})\s*[:hH]\s*(\d{2})?(?:\s*:\s*(\d{2}))?$")
_NUMBER_CHARS = re.compile(r"[^\d,.\-+]")
_DURATION = re.compile(r"^(?:(\d+)\s*h\s*(\d{1,2})?|(\d+)\s*:\s*(\d{2}))$")
_SPLIT_CODES = re.compile(r"\s*[,;/+|\n]\s*")
_NUMERIC = re.compile(r"^[\d\s.,:/\-+()]+$")

_MONTH_NAMES = {
    # French, English, Moroccan / Tunisian and Middle-Eastern Arabic month names (folded)
    **dict.fromkeys(("janvier", "janv", "jan", "january", "يناير", "جانفي", "كانون الثاني"), 1),
    **dict.fromkeys(("fevrier", "fevr", "fev", "feb", "february", "فبراير", "فيفري"), 2),
    **dict.fromkeys(("mars", "mar", "march", "مارس", "اذار"), 3),
    **dict.fromkeys(("avril", "avr", "apr", "april", "ابريل", "افريل", "نيسان"), 4),
    **dict.fromkeys(("mai", "may", "ماي", "مايو", "ايار"), 5),
    **dict.fromkeys(("juin", "jun", "june", "يونيو", "يونيه", "جوان", "حزيران"), 6),
    **dict.fromkeys(("juillet", "juil", "jul", "july", "يوليوز", "يوليو", "جويليه", "تموز"), 7),
    **dict.fromkeys(("aout", "aou", "aug", "august", "غشت", "اغسطس", "اوت", "اب"), 8),
    **dict.fromkeys(("septembre", "sept", "sep", "september", "شتنبر", "سبتمبر", "ايلول"), 9),
    **dict.fromkeys(("octobre", "oct", "october", "اكتوبر", "تشرين الاول"), 10),
    **dict.fromkeys(("novembre", "nov", "november", "نونبر", "نوفمبر", "تشرين الثاني"), 11),
    **dict.fromkeys(("decembre", "dec", "december", "دجنبر", "ديسمبر", "كانون الاول"), 12),
}
MONTHS = {fold(name): number for name, number in _MONTH_NAMES.items()}


def _digits(text: str) -> str:
    return text.translate(_ARABIC_DIGITS)


def _not_a_date(text: str) -> CellValueError:
    return CellValueError(_("“{value}” is not a valid date.").format(value=text))


def _year(text: str, today: date) -> int:
    year = int(text)
    if len(text) == 2:  # 24 → 2024, 98 → 1998
        year += 2000 if 2000 + year <= today.year + 1 else 1900
    return year


def _clock(hour: str | None, minute: str | None, second: str | None) -> time | None:
    if hour is None:
        return None
    try:
        return time(int(hour), int(minute or 0), int(second or 0))
    except ValueError:
        return None


def from_serial(serial: float, epoch: date) -> datetime:
    """An Excel serial day number (fraction = time of day) as a date and time."""
    if not 1 <= serial < 2_958_466:
        raise ValueError(serial)
    day = int(serial)
    if epoch == date(1899, 12, 30) and day < 61:
        day += 1  # Excel's phantom 29 February 1900
    moment = datetime.combine(epoch, time()) + timedelta(days=day)
    seconds = round((serial - int(serial)) * 86_400)
    return moment + timedelta(seconds=seconds - seconds % 60)


def looks_numeric(text: str) -> bool:
    """Digits and separators only: a number, a date or a phone, never a header."""
    return bool(_NUMERIC.match(_digits(text)))


def parse_date(
    cell: Cell, *, epoch: date = date(1899, 12, 30), today: date | None = None
) -> tuple[date, time | None]:
    """(day, time of day or None when none was given)."""
    today = today or date.today()
    if isinstance(cell, datetime):
        return cell.date(), (cell.time() if cell.time() != time() else None)
    if isinstance(cell, date):
        return cell, None
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        try:
            moment = from_serial(float(cell), epoch)
        except (ValueError, OverflowError):
            raise _not_a_date(cell_text(cell)) from None
        return moment.date(), (moment.time() if moment.time() != time() else None)
    text = cell_text(cell)
    found = _date_from_text(text, today)
    if found is None:  # a serial day number written as text
        return parse_date(float(_digits(text).replace(",", ".")), epoch=epoch, today=today)
    return found


def _date_from_text(text: str, today: date) -> tuple[date, time | None] | None:
    """A date (and time) written as text; None for a serial day number."""
    plain = _digits(text)
    day_first = False
    if m := _DMY.match(plain):
        day, month, year = int(m[1]), int(m[2]), _year(m[3], today)
        clock = _clock(m[4], m[5], m[6])
        day_first = True
    elif m := _YMD.match(plain):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
        clock = _clock(m[4], m[5], m[6])
    elif _SERIAL.match(plain):
        return None
    elif (m := _NAMED.match(fold(plain))) and fold(m[2]) in MONTHS:
        day, month, year = int(m[1]), MONTHS[fold(m[2])], _year(m[3], today)
        clock = None
    else:
        raise _not_a_date(text)
    try:
        return date(year, month, day), clock
    except ValueError:
        if day_first and month > 12 and day <= 12:
            raise CellValueError(
                _("“{value}” is not a valid date: dates are read day first (dd/mm/yyyy).").format(
                    value=text
                )
            ) from None
        raise _not_a_date(text) from None


def parse_time(cell: Cell) -> time:
    if isinstance(cell, datetime):
        return cell.time().replace(second=0, microsecond=0)
    if isinstance(cell, time):
        return cell.replace(second=0, microsecond=0)
    if isinstance(cell, float | int) and not isinstance(cell, bool) and 0 <= cell < 1:
        minutes = round(float(cell) * 24 * 60)
        return time(minutes // 60 % 24, minutes % 60)
    text = cell_text(cell)
    m = _CLOCK.match(_digits(text))
    found = _clock(m[1], m[2], None) if m else None
    if found is None:
        raise CellValueError(_("“{value}” is not a valid time.").format(value=text))
    return found


def parse_number(cell: Cell) -> float:
    """1 234,5 · 1.234,5 · 1,234.5 · 12,5 · "85 m²" → a float."""
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return float(cell)
    text = cell_text(cell)
    raw = _NUMBER_CHARS.sub("", _digits(text).replace("²", "").replace("m2", ""))
    if "," in raw and "." in raw:  # the later one is the decimal mark
        thousands = "." if raw.rfind(",") > raw.rfind(".") else ","
        raw = raw.replace(thousands, "").replace(",", ".")
    elif raw.count(",") == 1:
        raw = raw.replace(",", ".")
    elif raw.count(",") > 1 or raw.count(".") > 1:
        raw = raw.replace(",", "").replace(".", "")
    try:
        return float(raw)
    except ValueError:
        raise CellValueError(_("“{value}” is not a number.").format(value=text)) from None


def parse_int(cell: Cell) -> int:
    value = parse_number(cell)
    if not value.is_integer():
        raise CellValueError(_("“{value}” is not a whole number.").format(value=cell_text(cell)))
    return int(value)


def parse_duration(cell: Cell) -> int:
    """Minutes, from "45", "45 min", "1h30", "1:30" or a time cell."""
    if isinstance(cell, time):
        return cell.hour * 60 + cell.minute
    text = cell_text(cell)
    plain = _digits(text).lower().replace("mn", "").replace("min", "").strip()
    if m := _DURATION.match(plain):
        hours, minutes = (m[1], m[2]) if m[1] is not None else (m[3], m[4])
        return int(hours) * 60 + int(minutes or 0)
    try:
        return round(parse_number(plain))
    except CellValueError:
        raise CellValueError(_("“{value}” is not a duration.").format(value=text)) from None


def phone_text(cell: Cell) -> str:
    """A phone as text; a number cell (its leading 0 lost) becomes its digits."""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return _digits(cell_text(cell))


def postal_code_text(cell: Cell, country: str) -> str:
    """French and Moroccan codes have 5 digits: a number cell lost its leading 0."""
    if isinstance(cell, int | float) and not isinstance(cell, bool) and float(cell).is_integer():
        digits = str(int(cell))
        width = 4 if country == "TN" else 5
        return digits.zfill(width)
    return _digits(cell_text(cell))


def split_name(text: str) -> tuple[str | None, str | None]:
    """(first name, last name) of a full name.

    "DUPONT Jean" and "Jean DUPONT": the word(s) in capitals are the last name (French
    habit). "Dupont, Jean": last name before the comma. Otherwise the first word is the
    first name and the rest the last name ("Jean de la Tour", "محمد البقالي"); a single
    word is a last name.
    """
    cleaned = " ".join(text.split())
    if not cleaned:
        return None, None
    if "," in cleaned:
        last, _comma, first = cleaned.partition(",")
        return first.strip() or None, last.strip() or None
    words = cleaned.split(" ")
    if len(words) == 1:
        return None, cleaned
    capitals = [w.isupper() and len(w.strip(".-'")) > 1 for w in words]
    if any(capitals) and not all(capitals):
        last = " ".join(w for w, cap in zip(words, capitals, strict=True) if cap)
        first = " ".join(w for w, cap in zip(words, capitals, strict=True) if not cap)
        return first, last
    return words[0], " ".join(words[1:])


def split_codes(text: str) -> list[str]:
    """The parts of a multi-valued cell ("Isolation, aides" → two)."""
    return [part for part in _SPLIT_CODES.split(text) if part.strip()]
