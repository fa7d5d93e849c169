"""Field validation with translated, per-field messages.

A :class:`Checker` collects every problem of a form before raising one
:class:`~siec_desk.core.errors.ValidationError`, so the user sees them all at once and
nothing is saved while anything is invalid.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from enum import StrEnum
from functools import lru_cache
from types import ModuleType
from typing import Any

from siec_desk.core.errors import FieldError, ValidationError
from siec_desk.core.formatting import format_date, isolate, locale_for
from siec_desk.core.i18n import _, is_rtl
from siec_desk.domain.codes import is_custom_code
from siec_desk.domain.fields import EMAIL_MAX, PHONE_MAX, FieldKind, FieldSpec

# Bidi embeddings/overrides/isolates can make a name display as something else.
_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
_LINE_BREAKS = dict.fromkeys(map(ord, "\t\n\r\x0b\x0c\x85\u2028\u2029"), " ")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
_PHONE_REGIONS = ("FR", "MA", "TN")


def _quoted(value: str) -> str:
    """A typed value inside a right-to-left message keeps its own order, and the
    message its direction (D13); left-to-right messages are left as typed."""
    return isolate(value) if is_rtl() else value


def _phonenumbers() -> ModuleType:
    """The phonenumbers library, imported on first use (its metadata costs ~25 ms)."""
    import phonenumbers

    return phonenumbers


def strip_controls(value: str, *, multiline: bool = False) -> str:
    """Remove control and bidi override characters. Multi-line text keeps its newlines
    and tabs; in a single line they become spaces, so words pasted from two cells or
    lines stay apart."""
    value = value.translate(_BIDI_CONTROLS)
    if multiline:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    else:
        value = value.translate(_LINE_BREAKS)
    kept = (c for c in value if unicodedata.category(c) != "Cc" or (multiline and c in "\n\t"))
    return "".join(kept)


@lru_cache(maxsize=64)
def _code_values(allowed: type[StrEnum]) -> frozenset[str]:
    """The codes of an enumeration (built once: bulk imports check millions of codes)."""
    return frozenset(m.value for m in allowed)


class Checker:
    """Collects field errors; :meth:`raise_if_any` raises them together."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def add(self, field: str, message: str) -> None:
        self.errors.append(FieldError(field, message))

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(list(self.errors))

    def text(
        self,
        field: str,
        value: str | None,
        max_length: int,
        *,
        required: bool = False,
        multiline: bool = False,
    ) -> str | None:
        cleaned = strip_controls(value or "", multiline=multiline).strip()
        if not multiline:
            cleaned = " ".join(cleaned.split())
        if not cleaned:
            if required:
                self.add(field, _("This field is required."))
            return None
        if len(cleaned) > max_length:
            self.add(
                field,
                _("Too long: at most {max} characters ({count} given).").format(
                    max=max_length, count=len(cleaned)
                ),
            )
            return None
        return cleaned

    def phone(self, field: str, value: str | None, country: str) -> str | None:
        """An E.164 phone number, read in the centre's national format or international."""
        cleaned = self.text(field, value, PHONE_MAX)
        if cleaned is None:
            return None
        phonenumbers = _phonenumbers()
        try:
            number = phonenumbers.parse(cleaned, country)
        except phonenumbers.NumberParseException:
            number = None
        if number is None or not phonenumbers.is_valid_number(number):
            self.add(
                field,
                _("“{value}” is not a valid phone number.").format(value=_quoted(cleaned)),
            )
            return None
        return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))

    def email(self, field: str, value: str | None) -> str | None:
        cleaned = self.text(field, value, EMAIL_MAX)
        if cleaned is None:
            return None
        if not _EMAIL.match(cleaned):
            self.add(
                field,
                _("“{value}” is not a valid e-mail address.").format(value=_quoted(cleaned)),
            )
            return None
        return cleaned.lower()

    def code(
        self,
        field: str,
        value: str | None,
        allowed: type[StrEnum],
        *,
        required: bool = False,
    ) -> str | None:
        """A shared code from the *allowed* StrEnum, or a centre's own ``x_…`` code."""
        if value is None or value == "":
            if required:
                self.add(field, _("This field is required."))
            return None
        if value in _code_values(allowed) or is_custom_code(value):
            return value
        self.add(field, _("Unknown code “{value}”.").format(value=value))
        return None

    def int_range(
        self, field: str, value: int | None, low: int, high: int, *, required: bool = False
    ) -> int | None:
        if value is None:
            if required:
                self.add(field, _("This field is required."))
            return None
        if not low <= value <= high:
            self.add(
                field,
                _("Must be between {low} and {high}.").format(low=low, high=high),
            )
            return None
        return value

    def float_range(self, field: str, value: float | None, low: float, high: float) -> float | None:
        if value is None:
            return None
        if not low <= value <= high:
            self.add(field, _("Must be between {low} and {high}.").format(low=low, high=high))
            return None
        return float(value)

    def not_future(self, field: str, value: datetime, now: datetime) -> datetime:
        if value > now:
            self.add(field, _("The date cannot be in the future."))
        return value

    def identifier(self, field: str, value: str | None, low: int, high: int) -> str | None:
        """An official number (a DPE's): letters and digits, spaces dropped, upper-case."""
        cleaned = "".join(strip_controls(value or "").split()).upper()
        if not cleaned:
            return None
        if not (cleaned.isascii() and cleaned.isalnum() and low <= len(cleaned) <= high):
            count = str(high) if low == high else f"{low}–{high}"
            self.add(
                field,
                _("“{value}” is not valid: {count} letters and digits are expected.").format(
                    value=cleaned, count=count
                ),
            )
            return None
        return cleaned

    def date_not_before(
        self, field: str, value: date | None, earliest: date, country: str = "FR"
    ) -> date | None:
        if value is not None and value < earliest:
            # In words, in the user's language (D18: was "2026-12-07" in a French sentence).
            shown = format_date(earliest, locale_for(None, country), "long")
            self.add(field, _("The date cannot be before {date}.").format(date=_quoted(shown)))
        return value


_TEXTS = (FieldKind.TEXT, FieldKind.NOTE, FieldKind.POSTCODE)
_WHOLE_NUMBERS = (FieldKind.INT, FieldKind.AMOUNT, FieldKind.MINUTES)


def check_field(
    check: Checker,
    spec: FieldSpec,
    value: Any,
    *,
    country: str = "FR",
    required: bool = False,
    today: date | None = None,
) -> Any:
    """*value* checked against its registry entry (kind, bounds, length; a date that must
    be past, against *today*): the cleaned value, or None with the problem added to
    *check* under the field's key."""
    kind, key = spec.kind, spec.key
    if kind is FieldKind.IDENTIFIER:
        assert spec.max_length is not None, spec.name
        return check.identifier(key, value, spec.min_length or 1, spec.max_length)
    if kind is FieldKind.DATE and (value is None or isinstance(value, date)):
        if value is not None and spec.past and today is not None and value > today:
            check.add(key, _("The date cannot be in the future."))
            return None
        return value
    if kind in _TEXTS:
        assert spec.max_length is not None, spec.name
        return check.text(key, value, spec.max_length, required=required, multiline=spec.multiline)
    if kind is FieldKind.PHONE:
        return check.phone(key, value, country)
    if kind is FieldKind.EMAIL:
        return check.email(key, value)
    if kind in (FieldKind.CODE, FieldKind.CODES):  # several codes: one at a time
        assert spec.codes is not None, spec.name
        return check.code(key, value, spec.codes, required=required)
    if kind in _WHOLE_NUMBERS or kind is FieldKind.DECIMAL:
        assert spec.low is not None and spec.high is not None, spec.name
        if kind is FieldKind.DECIMAL:
            return check.float_range(key, value, spec.low, spec.high)
        return check.int_range(key, value, int(spec.low), int(spec.high), required=required)
    raise ValueError(f"{spec.name}: a {kind} field is checked by its record's rules")


def phone_region_of(e164: str) -> str | None:
    """The region (FR, MA, TN…) of an E.164 number, for display."""
    phonenumbers = _phonenumbers()
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return None
    region = phonenumbers.region_code_for_number(number)
    return region if region in _PHONE_REGIONS else region or None


@lru_cache(maxsize=16_384)
def format_phone(e164: str | None, centre_country: str) -> str:
    """National format for the centre's own country, international otherwise.

    Memoised: lists repaint their phone cells many times and parsing costs ~50 µs.
    """
    if not e164:
        return ""
    phonenumbers = _phonenumbers()
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    fmt = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if phonenumbers.region_code_for_number(number) == centre_country
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return str(phonenumbers.format_number(number, fmt))
