"""A household's fields as rows of text, from the field registry
(:mod:`siec_desk.domain.fields`): the household page and the rights PDF show the same
rows, in the registry's order, each value formatted by its kind in a locale.

Values come as a record's JSON (``HouseholdDetail.as_json()``, the rights export), dates
as ISO text. A row joins the fields shown with it (the postal code before the commune);
a field of other countries' centres (the DPE outside France) has no row. Only the
consent is known by name here: its row says "Agreed on …". A field added to the registry
is shown without a change to this module.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from siec_desk.core.formatting import (
    currency_digits,
    format_clock,
    format_date,
    format_datetime,
    format_money,
    format_number,
)
from siec_desk.core.i18n import _
from siec_desk.domain.codes import CURRENCY_BY_COUNTRY, Country
from siec_desk.domain.fields import HOUSEHOLD, FieldKind, FieldSpec, Group
from siec_desk.domain.validation import format_phone
from siec_desk.texts import labels

#: Kinds whose values read left to right in any language.
LTR_KINDS = (FieldKind.PHONE, FieldKind.EMAIL, FieldKind.IDENTIFIER)


@dataclass(frozen=True)
class FieldRow:
    name: str  # the field's name in the registry
    label: str
    value: str  # "" when nothing is recorded
    kind: FieldKind
    ltr: bool = False  # a value that always reads left to right (phone, e-mail, number)


@dataclass(frozen=True)
class Formats:
    """How values are written: the locale, the centre's country and its currency."""

    locale: str
    country: str

    @property
    def currency(self) -> str:
        known = self.country in Country.__members__
        return CURRENCY_BY_COUNTRY[Country(self.country)] if known else "EUR"


def _day(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    text = str(value)
    return datetime.fromisoformat(text).date() if "T" in text else date.fromisoformat(text)


def _consent(value: Any, formats: Formats) -> str:
    agreed = _day(value)
    if agreed is None:
        return _("No consent")
    return _("Agreed on {date}").format(date=format_date(agreed, formats.locale))


#: Fields whose text says more than their value.
_SAYS: dict[str, Callable[[Any, Formats], str]] = {"consent_recontact_on": _consent}


def _number(_spec: FieldSpec, value: Any, formats: Formats) -> str:
    return format_number(value, formats.locale, 0 if float(value).is_integer() else 1)


def _money(_spec: FieldSpec, minor: Any, formats: Formats) -> str:
    amount = Decimal(int(minor)) / (Decimal(10) ** currency_digits(formats.currency))
    return format_money(amount, formats.currency, formats.locale)


def _amount(spec: FieldSpec, value: Any, formats: Formats) -> str:
    """Whole units of the currency."""
    return _money(spec, int(value) * 10 ** currency_digits(formats.currency), formats)


def _code(spec: FieldSpec, value: Any, _formats: Formats) -> str:
    return labels.label(labels.code_labels(spec.codes), str(value)) if spec.codes else str(value)


def _answer(spec: FieldSpec, value: Any, _formats: Formats) -> str:
    said = labels.ANSWERS.get(spec.name, {}).get("yes" if value else "no")
    return str(said) if said is not None else (_("Yes") if value else _("No"))


def _date(_spec: FieldSpec, value: Any, formats: Formats) -> str:
    day = _day(value)
    return format_date(day, formats.locale) if day else ""


def _moment(_spec: FieldSpec, value: Any, formats: Formats) -> str:
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return format_datetime(moment, formats.locale)


def _clock(_spec: FieldSpec, value: Any, formats: Formats) -> str:
    moment = value if isinstance(value, time) else time.fromisoformat(str(value))
    return format_clock(moment, formats.locale)


def _phone(_spec: FieldSpec, value: Any, formats: Formats) -> str:
    return format_phone(str(value), formats.country)


_BY_KIND: dict[FieldKind, Callable[[FieldSpec, Any, Formats], str]] = {
    FieldKind.PHONE: _phone,
    FieldKind.INT: _number,
    FieldKind.DECIMAL: _number,
    FieldKind.MINUTES: _number,
    FieldKind.AMOUNT: _amount,
    FieldKind.MONEY: _money,
    FieldKind.CODE: _code,
    FieldKind.FLAG: _answer,
    FieldKind.TRISTATE: _answer,
    FieldKind.DATE: _date,
    FieldKind.DATETIME: _moment,
    FieldKind.TIME: _clock,
}


def field_text(spec: FieldSpec, value: Any, formats: Formats) -> str:
    """*value* of the field *spec* as text ("" for nothing), by the field's kind (text
    and official numbers as they are)."""
    says = _SAYS.get(spec.name)
    if says is not None:
        return says(value, formats)
    if value is None or value == "":
        return ""
    how = _BY_KIND.get(spec.kind)
    return how(spec, value, formats) if how is not None else str(value)


def household_rows(
    values: Mapping[str, Any],
    groups: Collection[Group],
    formats: Formats,
    *,
    page: bool = False,
) -> tuple[FieldRow, ...]:
    """The rows of the household fields of *groups*, in the registry's order: every field
    (the rights PDF), or those with a row of their own on the household page (*page*)."""
    rows: list[FieldRow] = []
    for spec in HOUSEHOLD.values():
        if spec.group not in groups or spec.shown_with or not spec.concerns(formats.country):
            continue
        if page and not spec.on_page:
            continue
        shown = [s for s in HOUSEHOLD.values() if s.shown_with == spec.name] + [spec]
        texts = (field_text(s, values.get(s.name), formats) for s in shown)
        text = " ".join(t for t in texts if t)
        rows.append(FieldRow(spec.name, str(spec.label), text, spec.kind, spec.kind in LTR_KINDS))
    return tuple(rows)
