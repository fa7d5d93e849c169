"""The one translation module: ``_``, ``ngettext``, ``pgettext``, lazy ``N_`` and the language.

English is the source language; French and Arabic catalogues are compiled from
``translations/*.po`` at build time. Nothing is put in ``builtins``. Formatting of
dates, numbers and money lives in :mod:`siec_desk.core.formatting`.
"""

from __future__ import annotations

import gettext as _gettext
import locale as _locale
import os
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache

from babel import Locale

from siec_desk.core.paths import locale_dir

DOMAIN = "siec_desk"
LANGUAGES = ("en", "fr", "ar")
DEFAULT_LANGUAGE = "en"


@dataclass
class _State:
    language: str = DEFAULT_LANGUAGE
    translations: _gettext.NullTranslations = field(default_factory=_gettext.NullTranslations)


_state = _State()
_local = threading.local()


def _load(language: str) -> _gettext.NullTranslations:
    if language == DEFAULT_LANGUAGE:
        return _gettext.NullTranslations()
    return _gettext.translation(DOMAIN, str(locale_dir()), languages=[language], fallback=True)


@lru_cache(maxsize=len(LANGUAGES))
def translations_for(language: str) -> _gettext.NullTranslations:
    """The catalogue of *language*, whatever the UI language (letters have their own)."""
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language: {language!r}")
    return _load(language)


def _active() -> _gettext.NullTranslations:
    override: _gettext.NullTranslations | None = getattr(_local, "translations", None)
    return override if override is not None else _state.translations


@contextmanager
def language_override(language: str) -> Iterator[None]:
    """Translate in *language* on this thread only, e.g. a letter while the UI stays French."""
    previous = getattr(_local, "translations", None)
    previous_language = getattr(_local, "language", None)
    _local.translations = translations_for(language)
    _local.language = language
    try:
        yield
    finally:
        _local.translations = previous
        _local.language = previous_language


def set_language(language: str) -> None:
    """Switch every later ``_()`` call to *language* (one of :data:`LANGUAGES`)."""
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language: {language!r}")
    _state.translations = _load(language)
    _state.language = language


def current_language() -> str:
    """The language ``_()`` translates into on this thread (an override wins)."""
    override: str | None = getattr(_local, "language", None)
    return override if override is not None else _state.language


def catalogue_available(language: str) -> bool:
    """True when a compiled catalogue exists (always for the source language)."""
    if language == DEFAULT_LANGUAGE:
        return True
    return (locale_dir() / language / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file()


def system_language() -> str | None:
    """The OS language if SIEC Desk speaks it (from LANGUAGE/LC_ALL/LC_MESSAGES/LANG)."""
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        code = value.split(":")[0].split("_")[0].split(".")[0].lower()
        if code in LANGUAGES:
            return code
    try:
        code = (_locale.getlocale()[0] or "").split("_")[0].lower()
    except ValueError:
        return None
    return code if code in LANGUAGES else None


def text_direction(language: str | None = None) -> str:
    """'rtl' or 'ltr', from CLDR data rather than a hand-kept list."""
    return str(Locale.parse(language or _state.language).text_direction)


def is_rtl(language: str | None = None) -> bool:
    return text_direction(language) == "rtl"


def _(message: str) -> str:
    return _active().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _active().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return _active().pgettext(context, message)


class LazyText:
    """A message marked for extraction now and translated each time it is shown."""

    __slots__ = ("context", "message")

    def __init__(self, message: str, context: str | None = None) -> None:
        self.message = message
        self.context = context

    def __str__(self) -> str:
        if self.context is not None:
            return pgettext(self.context, self.message)
        return _(self.message)

    def __repr__(self) -> str:
        return f"LazyText({self.message!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LazyText) and (other.message, other.context) == (
            self.message,
            self.context,
        )

    def __hash__(self) -> int:
        return hash((self.message, self.context))


def N_(message: str) -> LazyText:  # noqa: N802 - gettext convention
    """Mark *message* for translation; it is translated when turned into ``str``."""
    return LazyText(message)


def lazy_pgettext(context: str, message: str) -> LazyText:
    return LazyText(message, context)


def label(table: Mapping[str, LazyText], code: str | None) -> str:
    """The translated name of *code* in *table*; the code itself when the table lacks it
    ("" for None)."""
    if code is None:
        return ""
    text = table.get(code)
    return str(text) if text is not None else code
