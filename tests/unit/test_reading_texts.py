"""The before/after line of the outcome form and `consultation show`: the direction in
words, unsigned figures, and in Arabic each figure with a Latin unit kept in its order."""

from __future__ import annotations

from siec_desk.core.i18n import language_override
from siec_desk.domain.consumption import ConsumptionChange, Side
from siec_desk.texts.readings import change_text

LOWER = ConsumptionChange(
    "electricity_kwh", Side(3, 90, 199, 21908), Side(3, 90, 140.1, 15424), -58.9, -6484, -29.6
)
HIGHER = ConsumptionChange(
    "butane_bottles", Side(3, 90, 2, None), Side(3, 90, 3, None), 1, None, 50
)


def test_a_fall_is_said_in_words_with_unsigned_figures() -> None:
    text = change_text(LOWER, "EUR", "en")
    assert "lower by 58.9\u00a0kWh a month (30%), €64.84 less a month" in text
    assert "-" not in text and "\u2212" not in text


def test_a_rise_is_said_in_words_too() -> None:
    assert change_text(HIGHER, "MAD", "en").endswith("higher by 1 bottles a month (50%)")


def test_in_arabic_every_kwh_figure_is_isolated_and_no_minus_sign_is_left() -> None:
    with language_override("ar"):
        text = change_text(LOWER, "MAD", "ar_MA")
    assert "\u2066199\u00a0kWh\u2069" in text and "\u206658,9\u00a0kWh\u2069" in text
    assert "\u206630%\u2069" in text
    assert "بانخفاض" in text and "-" not in text and "\u2212" not in text


def test_french_and_english_lines_carry_no_invisible_marks() -> None:
    with language_override("fr"):
        text = change_text(LOWER, "EUR", "fr_FR")
    assert not {"\u2066", "\u2069"} & set(text)
    assert "en baisse de 58,9\u00a0kWh par mois" in text
