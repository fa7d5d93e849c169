"""Audit events in words: translated action, object and actor, and a one-line summary of
their details (field names, counts, periods — the details never hold personal data)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from siec_desk.core.formatting import format_date, isolate, locale_for
from siec_desk.core.i18n import _, ngettext, pgettext
from siec_desk.services.audit import ACTIONS, COMMAND_LINE, DESK, OBJECT_TYPES
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
    parts: list[str] = []
    for key in sorted(details, key=_key_order):
        value = details[key]
        if key in _NOT_SUMMARISED or value is None:
            continue
        if key == "fields" and isinstance(value, list):
            names = list_separator().join(
                label(FIELDS, str(f).removesuffix("_minor")) for f in value
            )
            parts.append(_("Fields: {names}").format(names=names))
        elif key == "household_id":
            parts.append(_("Household {id}").format(id=value))
        elif key == "consultation_id":
            parts.append(_("Consultation {id}").format(id=value))
        elif key == "retention_years" and isinstance(value, int):
            text = ngettext("Retention period: {n} year", "Retention period: {n} years", value)
            before = details.get("retention_years_before")
            if isinstance(before, int):
                text += " " + _("(was {n})").format(n=before)
            parts.append(text.format(n=value))
        elif key == "cutoff":
            try:
                day = format_date(date.fromisoformat(str(value)), locale)
            except ValueError:
                day = str(value)
            parts.append(_("Last contact before {date}").format(date=isolate(day)))
        elif key == "overwrite" and value is True:
            parts.append(_("Saved over a change made meanwhile by someone else"))
        elif key == "format":
            parts.append(_("Format: {format}").format(format=str(value).upper()))
        elif key == "language":
            parts.append(_("Language: {language}").format(language=label(LANGUAGES, str(value))))
        elif isinstance(value, int) and not isinstance(value, bool) and _counted(key, value):
            parts.append(_counted(key, value) or "")
        elif isinstance(value, list):
            parts.append(f"{key}: {len(value)}")
        else:
            parts.append(f"{key}: {value}")
    return " · ".join(parts)
