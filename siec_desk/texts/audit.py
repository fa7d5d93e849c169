"""Audit events in words: translated action, object and actor, and a one-line summary of
their details (field names, counts, periods — the details never hold personal data)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from siec_desk.core.formatting import format_date, isolate, locale_for
from siec_desk.core.i18n import _, ngettext, pgettext
from siec_desk.domain.audit_codes import ACTIONS, COMMAND_LINE, DESK, OBJECT_TYPES
from siec_desk.texts.labels import FIELDS, LANGUAGES, label

#: Details that are kept for checking but are too long to summarise on one line.
_NOT_SUMMARISED = {"sha256", "household_ids", "retention_years_before"}
#: The order details are told in; others follow, by name.
_ORDER = (
    "fields",
    "format",
    "language",
    "households",
    "consultations",
    "letters",
    "pages",
    "retention_years",
    "cutoff",
    "household_id",
    "consultation_id",
    "act_type",
)


def list_separator() -> str:
    """ ", " in French and English, "، " in Arabic."""
    return pgettext("list separator", ", ")


def _key_order(key: str) -> tuple[int, str]:
    return (_ORDER.index(key) if key in _ORDER else len(_ORDER), key)


def action_label(code: str) -> str:
    return label(ACTIONS, code)


def object_label(code: str) -> str:
    return label(OBJECT_TYPES, code)


def actor_label(actor: str) -> str:
    if actor == COMMAND_LINE:
        return _("Command line")
    if actor == DESK:
        return _("Desk (no advisor chosen)")
    return actor


def object_text(object_type: str, object_id: int | None) -> str:
    name = object_label(object_type)
    return f"{name} {object_id}" if object_id is not None else name


def _counted(key: str, n: int) -> str | None:
    forms = {
        "households": ngettext("{n} household", "{n} households", n),
        "consultations": ngettext("{n} consultation", "{n} consultations", n),
        "letters": ngettext("{n} letter", "{n} letters", n),
        "pages": ngettext("{n} page", "{n} pages", n),
    }
    text = forms.get(key)
    return text.format(n=n) if text is not None else None


def summary(details: Mapping[str, Any], locale: str | None = None) -> str:
    """One line, e.g. "Fields: Phone, Notes" or "12 households · 30 consultations"."""
    locale = locale or locale_for(None)
    return " · ".join(
        _part(key, details[key], details, locale)
        for key in sorted(details, key=_key_order)
        if key not in _NOT_SUMMARISED and details[key] is not None
    )


def _part(key: str, value: Any, details: Mapping[str, Any], locale: str) -> str:
    named = _named_part(key, value, details, locale)
    if named is not None:
        return named
    if isinstance(value, int) and not isinstance(value, bool) and _counted(key, value):
        return _counted(key, value) or ""
    if isinstance(value, list):
        return f"{key}: {len(value)}"
    return f"{key}: {value}"


#: Details naming the object an event concerns: their words.
_OBJECT_NAMES: dict[str, Callable[[Any], str]] = {
    "household_id": lambda value: _("Household {id}").format(id=value),
    "consultation_id": lambda value: _("Consultation {id}").format(id=value),
    "act_type": lambda value: _("Act type {code}").format(code=isolate(str(value))),
    "item_id": lambda value: _("Item {id}").format(id=value),
}


def _named_part(key: str, value: Any, details: Mapping[str, Any], locale: str) -> str | None:
    """The words for a detail the audit trail names; None for any other."""
    if key == "fields" and isinstance(value, list):
        names = list_separator().join(label(FIELDS, str(f).removesuffix("_minor")) for f in value)
        return _("Fields: {names}").format(names=names)
    if key == "reference":
        return _("Reference {reference}").format(reference=isolate(str(value)))
    if key in _OBJECT_NAMES:
        return _OBJECT_NAMES[key](value)
    if key == "retention_years" and isinstance(value, int):
        text = ngettext("Retention period: {n} year", "Retention period: {n} years", value)
        before = details.get("retention_years_before")
        if isinstance(before, int):
            text += " " + _("(was {n})").format(n=before)
        return text.format(n=value)
    if key == "cutoff":
        return _("Last contact before {date}").format(date=isolate(_day(value, locale)))
    if key == "overwrite" and value is True:
        return _("Saved over a change made meanwhile by someone else")
    if key == "format":
        return _("Format: {format}").format(format=str(value).upper())
    if key == "language":
        return _("Language: {language}").format(language=label(LANGUAGES, str(value)))
    return None


def _day(value: object, locale: str) -> str:
    """An ISO date as the locale writes it; anything else as it is."""
    try:
        return format_date(date.fromisoformat(str(value)), locale)
    except ValueError:
        return str(value)
