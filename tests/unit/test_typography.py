"""The one isolation helper and the typography of printed documents (documents-review
items 5, 6, 14, 33; D45): pure functions, no PDF."""

from __future__ import annotations

from datetime import date

from hypothesis import example, given
from hypothesis import strategies as st

from siec_desk.core.formatting import format_date, isolate_ltr_runs, plain, typeset

LRI, PDI = "\u2066", "\u2069"


def test_phones_references_years_and_emails_in_arabic_text_are_isolated() -> None:
    text = (
        "الهاتف +212 539 98 76 54 والمرجع CIE-CHEF-2026-000002 والقانون 09-08 "
        "لسنة 2022–2025 والبريد contact@cie.ma"
    )
    isolated = isolate_ltr_runs(text)
    for value in (
        "+212 539 98 76 54",
        "CIE-CHEF-2026-000002",
        "09-08",
        "2022–2025",
        "contact@cie.ma",
    ):
        assert f"{LRI}{value}{PDI}" in isolated, value


def test_brand_names_ending_in_an_apostrophe_are_isolated_whole() -> None:
    """Item 6: "'France Rénov", "'MaPrimeRénov", "Rénov(" in Arabic letters."""
    cases = {
        "مع مستشار France Rénov' قبل": "France Rénov'",
        "منحة «MaPrimeRénov' Parcours accompagné» للتجديد": "MaPrimeRénov' Parcours accompagné",
        "لم تعد منحة MaPrimeRénov' متاحة": "MaPrimeRénov'",
    }
    for text, brand in cases.items():
        assert f"{LRI}{brand}{PDI}" in isolate_ltr_runs(text), text
    # Latin words in brackets keep their brackets around them ("(‪ )SRM" otherwise)
    text = "المرافق (Mon Accompagnateur Rénov') والشركة الجهوية (SRM) 0800 00 00"
    isolated = isolate_ltr_runs(text)
    assert f"{LRI}(Mon Accompagnateur Rénov'){PDI}" in isolated
    assert f"{LRI}(SRM){PDI}" in isolated
    # an elided article is not a brand: nothing to isolate in "l'énergie"
    assert isolate_ltr_runs("طاقة l'énergie") == "طاقة l'énergie"


@given(
    st.text(alphabet=st.sampled_from(list("ab é'’()-+@.:/ 0123456789سلامعليكم\n–،")), max_size=60)
)
@example("0:0+0")  # a signed number right after an isolated run: isolated once, not twice
def test_isolating_only_adds_isolates_and_is_done_once(text: str) -> None:
    isolated = isolate_ltr_runs(text)
    assert isolated.replace(LRI, "").replace(PDI, "") == text
    assert isolate_ltr_runs(isolated) == isolated
    assert isolated.count(LRI) == isolated.count(PDI)


def test_french_typography_no_break_spaces_quotes_apostrophes() -> None:
    """Item 14, D45: "(Anah): Sous réserve", "»" starting a line, "26 / °C"."""
    text = typeset("MaPrimeRénov' (Anah): Sous réserve ; vraiment ? « mot » 26 °C, 70 %", "fr")
    assert text == (
        "MaPrimeRénov’ (Anah)\u00a0: Sous réserve\u202f; vraiment\u202f? «\u00a0mot\u00a0» "
        "26\u00a0°C, 70\u00a0%"
    )
    # web addresses, times, e-mails and isolated values are left alone
    for value in ("https://www.anah.gouv.fr", "14:05", f"{LRI}o'neil@x.fr{PDI}"):
        assert typeset(value, "fr") == value
    assert typeset("30 000 € HT", "fr") == "30\u202f000\u00a0€ HT"
    # Arabic keeps its punctuation; figures still hold their units
    assert typeset("نعم: 26 °C", "ar") == "نعم: 26\u00a0°C"


@given(st.text(alphabet=st.sampled_from(list("ab'’:;!?«» 0123456789%°C\u00a0\u202f")), max_size=40))
@example("a:»")  # a colon before a closing quote: its space is added once, not on a 2nd pass
def test_typesetting_is_idempotent_and_changes_only_spaces_and_apostrophes(text: str) -> None:
    once = typeset(text, "fr")
    assert typeset(once, "fr") == once
    squeeze = lambda s: plain(s).replace("’", "'").replace(" ", "")  # noqa: E731
    assert squeeze(once) == squeeze(text)


def test_first_day_of_the_month_is_1er_in_french_long_dates_only() -> None:
    assert format_date(date(2026, 1, 1), "fr_FR", "long") == "1er janvier 2026"
    assert format_date(date(2026, 1, 1), "fr_MA", "full").endswith("1er janvier 2026")
    assert format_date(date(2026, 1, 11), "fr_FR", "long") == "11 janvier 2026"
    assert format_date(date(2026, 1, 21), "fr_FR", "long") == "21 janvier 2026"
    assert "1er" not in format_date(date(2026, 1, 1), "fr_FR")  # numeric short form
    assert "1er" not in format_date(date(2026, 1, 1), "ar_MA", "long")
