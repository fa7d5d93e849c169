"""Catalogues complete and well-formed; labels translated; Babel formatting per locale."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from siec_desk.core import i18n
from siec_desk.core.formatting import (
    currency_digits,
    format_date,
    format_datetime,
    format_money,
    format_number,
    locale_for,
    plain,
)
from siec_desk.texts.labels import ALL_LABELS

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "translations"
PLACEHOLDER = re.compile(r"\{[a-z_]*(?::[^}]*)?\}|%\([a-z_]+\)[sd]")
ARABIC = re.compile("[\u0600-\u06ff]")


def _catalog(lang: str):  # type: ignore[no-untyped-def]
    with (TRANSLATIONS / f"{lang}.po").open("rb") as fh:
        return read_po(fh, locale=lang)


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_catalogue_is_complete_and_not_fuzzy(lang: str) -> None:
    catalog = _catalog(lang)
    missing = [
        m.id
        for m in catalog
        if m.id and (not m.string or (isinstance(m.string, tuple) and not all(m.string)))
    ]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert missing == []
    assert fuzzy == []
    assert len([m for m in catalog if m.id]) > 150


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_placeholders_are_kept_in_translations(lang: str) -> None:
    wrong = []
    for message in _catalog(lang):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = sorted(PLACEHOLDER.findall(ids[0]))
        for text in strings:
            if sorted(PLACEHOLDER.findall(text)) != expected:
                wrong.append((ids[0], text))
    assert wrong == []


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_msgfmt_check_is_clean(lang: str, tmp_path: Path) -> None:
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "msgfmt (gettext) is installed by packaging/quickstart.sh"
    result = subprocess.run(
        [msgfmt, "--check", "-o", str(tmp_path / "out.mo"), str(TRANSLATIONS / f"{lang}.po")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_every_string_in_the_sources_is_in_the_catalogues(tmp_path: Path) -> None:
    pot = tmp_path / "current.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "-q",
            "extract",
            "-F",
            str(TRANSLATIONS / "babel.cfg"),
            "-k",
            "N_",
            "-k",
            "lazy_pgettext:1c,2",
            "-o",
            str(pot),
            ".",
        ],
        check=True,
        cwd=ROOT,
    )
    with pot.open("rb") as fh:
        wanted = {
            (m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in read_po(fh) if m.id
        }
    for lang in ("fr", "ar"):
        have = {
            (m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in _catalog(lang) if m.id
        }
        assert sorted(wanted - have, key=str) == [], f"run packaging/update_catalogues.py ({lang})"


def test_compiled_catalogues_are_installed() -> None:
    assert i18n.catalogue_available("fr")
    assert i18n.catalogue_available("ar")


def test_every_code_label_is_arabic_in_arabic_and_differs_in_french() -> None:
    english = {
        table: {code: str(text) for code, text in labels.items()}
        for table, labels in ALL_LABELS.items()
    }
    i18n.set_language("ar")
    untranslated = [
        (t, c)
        for t, labels in ALL_LABELS.items()
        for c, text in labels.items()
        if not ARABIC.search(str(text))
    ]
    assert untranslated == []
    i18n.set_language("fr")
    same = [
        (t, c)
        for t, labels in ALL_LABELS.items()
        for c, text in labels.items()
        if str(text) == english[t][c] and english[t][c] not in {"Audit", "Mobility", "France"}
    ]
    assert same == []


def test_language_switch_changes_messages_and_direction() -> None:
    i18n.set_language("ar")
    assert ARABIC.search(i18n._("Phone call"))
    assert i18n.text_direction() == "rtl"
    i18n.set_language("fr")
    assert i18n._("Phone call") == "Appel téléphonique"
    assert i18n.text_direction() == "ltr"


def test_locales_follow_language_and_country() -> None:
    assert locale_for("fr", "FR") == "fr_FR"
    assert locale_for("ar", "MA") == "ar_MA"
    assert locale_for("ar", "TN") == "ar_TN"
    assert locale_for("fr", "TN") == "fr_TN"


def test_money_in_each_currency() -> None:
    assert currency_digits("TND") == 3
    assert currency_digits("MAD") == 2
    assert plain(format_money(Decimal("1234.5"), "EUR", "fr_FR")) == "1 234,50 €"
    assert plain(format_money(Decimal("1234.5"), "TND", "fr_TN")) == "1 234,500 DT"
    moroccan = plain(format_money(Decimal("1234.5"), "MAD", "ar_MA"))
    assert "1.234,50" in moroccan and "د.م." in moroccan  # Latin digits, Arabic symbol


def test_dates_and_numbers() -> None:
    day = date(2025, 3, 7)
    assert format_date(day, "fr_FR", "long") == "7 mars 2025"
    assert format_date(day, "ar_TN", "long") == "7 مارس 2025"
    # Tunisian centres get a 24-hour clock, not Babel's default "PM".
    assert plain(format_datetime(datetime(2025, 3, 7, 14, 5), "fr_TN")).endswith("14:05")
    assert plain(format_number(1234567, "fr_FR")) == "1 234 567"
    assert format_number(1234567, "ar_MA") == "1.234.567"


def test_current_language_follows_an_override_on_this_thread_only() -> None:
    """A letter composed in Arabic while the window is French names its measures, dates
    and places in Arabic: every caller asking for the current language gets the override."""
    import threading

    from siec_desk.core.i18n import current_language, language_override, set_language

    set_language("fr")
    seen: list[str] = []
    with language_override("ar"):
        assert current_language() == "ar"
        other = threading.Thread(target=lambda: seen.append(current_language()))
        other.start()
        other.join()
        with language_override("en"):
            assert current_language() == "en"
        assert current_language() == "ar"
    assert current_language() == "fr"
    assert seen == ["fr"]
    set_language("en")
